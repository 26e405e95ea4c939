"""Site search: the record index (generator/render/recordindex.py) for records, Pagefind for the site's own pages.

Records (institutions, decisions) are tens of thousands of short, structured pages looked up by names, numbers
and codes: the record index finds any typed fragment of them exactly and costs a few KB a query. The site's own
pages (reports, lists, the guide, content written by staff) are few and long: Pagefind indexes them for full-text
search with excerpts. The search page asks both and shows records first.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..render.pages import BUNDLE
from ..render.recordindex import FOLDER as RECORD_INDEX


def collect_pages(site: Path, corpus: Path, record_sections: set[str]) -> int:
    """Copy the engine-built pages (not the record pages) into `corpus`, laid out like the site; returns the count.

    The pages mark what Pagefind reads themselves (data-pagefind-body; notices and the 404 page have none). What
    Pagefind would read and then leave out is not copied: see _unread.
    """
    count = 0
    for folder, dirs, files in os.walk(site):
        rel = Path(folder).relative_to(site)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in {BUNDLE, RECORD_INDEX, "assets"}]
        elif len(rel.parts) == 1 and rel.parts[0] in record_sections:
            dirs.clear()  # record folders: in the record index, and tens of thousands of them
        for name in files:
            if name.endswith(".html") and (rel / name).as_posix() != "404.html":
                target = corpus / rel / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_unread((Path(folder) / name).read_bytes()))
                count += 1
    return count


def index_pages(site: Path, corpus: Path, meanwhile: Callable[[], object] = lambda: None) -> tuple[bool, list[str]]:
    """One Pagefind run over the collected pages, written to site/pagefind/; `meanwhile` is done in this process
    while Pagefind works (the record index: neither reads what the other writes)."""
    with tempfile.TemporaryFile() as said:  # not a pipe: a pipe left unread while `meanwhile` runs could fill
        proc = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(corpus), "--output-path",
                                 str(site / BUNDLE), "--silent"], stdout=said, stderr=subprocess.STDOUT)
        try:
            meanwhile()
        finally:
            returncode = proc.wait()
        said.seek(0)
        log = said.read().decode("utf-8", "replace")
    if returncode != 0:
        return False, [line for line in log.splitlines() if line.strip()]
    return True, []


#: Elements a page may hold thousands of rows in, ignored by Pagefind (a list page's table of every decision).
_BLOCKS = (b"div", b"ul", b"ol", b"table", b"section", b"dl")
#: An opening tag of one of them, read attribute by attribute (a quoted value may hold anything but its quote).
_ONE = rb"\s+([^\s\"'<>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))?"
_OPENING = re.compile(rb"<(" + b"|".join(_BLOCKS) + rb")((?:" + re.sub(rb"\((?!\?)", b"(?:", _ONE) + rb")*)\s*>")
_ATTRIBUTE = re.compile(_ONE)
_IGNORE_VALUES = (b"", b'""', b"''", b'"index"', b'"all"', b"'index'", b"'all'", b"index", b"all")
_TAGS = {tag: re.compile(rb"<" + tag + rb"[\s>]|</" + tag + rb">") for tag in _BLOCKS}
#: Only what is this long is worth leaving out.
_LEAST = 16 * 1024
#: What Pagefind reads even inside an ignored element (its filters, metadata and sort keys), or reads from the page
#: as a whole (its title from the first <h1>, its image from an <img>), and where an end tag may be text (a script, a
#: comment): an element holding any, in any case, is copied as it is.
_KEEP = (b"data-pagefind", b"<h1", b"<img", b"<!--", b"<script", b"<style", b"<textarea", b"<template", b"<title",
         b"<noscript", b"<noembed", b"<noframes", b"<iframe", b"<xmp", b"<plaintext", b"<![cdata[")


def _unread(page: bytes) -> bytes:
    """`page` with the content of each large element Pagefind ignores (data-pagefind-ignore) left out, when nothing
    in it is read all the same (_KEEP): the index Pagefind writes is the same, byte for byte
    (tests/site/test_search_corpus.py), and it no longer parses a list page's 5 MB table to throw it away."""
    if b"data-pagefind-ignore" not in page:
        return page
    pieces: list[bytes] = []
    at = 0
    for found in _OPENING.finditer(page):
        if found.start() < at or not _ignored(found.group(2)):
            continue  # inside an element left out already, or read
        tag = found.group(1)
        end = _close(page, found.start(), tag)
        if end is None:
            continue
        inner = page[found.end():end - len(tag) - 3]
        if len(inner) < _LEAST:
            continue
        folded = inner.lower()
        if any(mark in folded for mark in _KEEP) or not _well_formed(inner, tag):
            continue  # read all the same, or the element may end elsewhere than where _close says
        pieces += [page[at:found.end()], b"</" + tag + b">"]
        at = end
    return b"".join([*pieces, page[at:]]) if pieces else page


def _ignored(attributes: bytes) -> bool:
    """Whether a tag's attributes tell Pagefind to leave the element out of its index (data-pagefind-ignore, with
    no value or "index" or "all")."""
    return any(name == b"data-pagefind-ignore" and value in _IGNORE_VALUES
               for name, value in _ATTRIBUTE.findall(attributes))


#: A tag, up to the first ">" (one in a quoted value leaves the rest as text: read as text, it can only refuse), or
#: any other "<" (a tag with "<" in a value, or text: the content is then not taken as well formed).
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^<>]*)?>|<")
_VOID = frozenset(b"area base br col embed hr img input link meta source track wbr".split())
#: What a table's parts may hold as children without the parser moving it out of the table ("foster parenting").
_TABLE_CHILDREN = {b"table": frozenset(b"caption colgroup col thead tbody tfoot tr".split()),
                   b"thead": frozenset([b"tr"]), b"tbody": frozenset([b"tr"]), b"tfoot": frozenset([b"tr"]),
                   b"tr": frozenset([b"td", b"th"]), b"colgroup": frozenset([b"col"])}
#: Elements whose start tag inside the content could act on the page around it.
_ROOTS = frozenset(b"html head body frameset frame".split())


def _well_formed(inner: bytes, tag: bytes) -> bool:
    """Whether `inner`, the content of a `tag` element, is plainly inside it for any HTML parser: every element in
    it closed by its own end tag in order (none closed by an end tag of another), every "<" a whole tag, and nothing
    where a table's parts would move it out of the table (text or an element a table part may not hold)."""
    stack = [tag.lower()]
    at = 0
    for found in _TAG.finditer(inner):
        if found.group(2) is None:
            return False  # a "<" that is not a whole tag
        if not _contained(stack[-1], inner[at:found.start()]):
            return False
        at = found.end()
        name = found.group(2).lower()
        if found.group(1):
            if len(stack) == 1 or stack[-1] != name:
                return False
            stack.pop()
            continue
        allowed = _TABLE_CHILDREN.get(stack[-1])
        if name in _ROOTS or (allowed is not None and name not in allowed):
            return False
        if name not in _VOID:  # "<div/>" opens a div all the same
            stack.append(name)
    return len(stack) == 1 and _contained(stack[-1], inner[at:])


def _contained(parent: bytes, text: bytes) -> bool:
    """Whether text inside `parent` stays there: anywhere but directly in a table's parts, where only spacing does."""
    return parent not in _TABLE_CHILDREN or not text.strip(b" \t\r\n\f")


def _close(page: bytes, start: int, tag: bytes) -> int | None:
    """Just after the end tag of the element opened at `start`, counting the same elements inside it; None when it
    does not close."""
    depth = 0
    for found in _TAGS[tag].finditer(page, start):
        depth += -1 if found.group().startswith(b"</") else 1
        if depth == 0:
            return found.end()
    return None
