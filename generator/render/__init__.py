"""Render stage: the catalogue as citizens see it on one day -> the site's files (Markdown pages, record pages,
downloads, feed, JSON Schemas, record index chunks, posters); the site engine is not run here (publish/)."""
