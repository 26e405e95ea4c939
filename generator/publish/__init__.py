"""Publish stage: the rendered files into a built site: the site engine, Pagefind, record page shells, the atomic
swap of site folders, and the staff preview server."""
