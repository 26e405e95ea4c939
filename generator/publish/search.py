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
from pathlib import Path

from ..render.pages import BUNDLE
from ..render.recordindex import FOLDER as RECORD_INDEX
from ..render.templates import shell_name
from .aside import BLOCKS, LEAST, block_end
from .dom import VOID


def collect_pages(site: Path, corpus: Path) -> int:
    """Copy the engine-built pages into `corpus`, laid out like the site; returns the count. Called before the record
    pages are poured (they are in the record index, and tens of thousands): the site then holds the engine's pages,
    and the record shells (section/_shell*/), which are not pages and are left out.

    The pages mark what Pagefind reads themselves (data-pagefind-body; notices and the 404 page have none). What
    Pagefind would read and then leave out is not copied: see _unread.
    """
    count = 0
    for folder, dirs, files in os.walk(site):
        rel = Path(folder).relative_to(site)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in {BUNDLE, RECORD_INDEX, "assets"}]
        elif len(rel.parts) == 1:
            dirs[:] = [d for d in dirs if d not in _SHELLS]
        for name in files:
            if name.endswith(".html") and (rel / name).as_posix() != "404.html":
                target = corpus / rel / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_unread((Path(folder) / name).read_bytes()))
                count += 1
    return count


#: The record shells' folders in a section (publish/shells.py): the engine's dress for the record pages, not pages.
_SHELLS = frozenset({shell_name(True), shell_name(False)})


class Indexing:
    """One Pagefind run over the pages collect_pages copied, writing site/pagefind/: started when made, it runs while
    the build goes on (the record pages are poured meanwhile: Pagefind reads none of them). Stopped on leaving, should
    the build stop before `finish`."""

    def __init__(self, site: Path, corpus: Path) -> None:
        self._said = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop()); not a pipe: left unread, one fills
        try:
            self._proc = subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(corpus), "--output-path",
                                           str(site / BUNDLE), "--silent"], stdout=self._said, stderr=subprocess.STDOUT)
        except BaseException:
            self._said.close()  # Pagefind never started: nothing will stop() it
            raise

    def finish(self) -> tuple[bool, list[str]]:
        """Wait for Pagefind: (whether it wrote its index, what it said when it did not)."""
        returncode = self._proc.wait()
        self._said.seek(0)
        log = self._said.read().decode("utf-8", "replace")
        self.stop()
        if returncode != 0:
            return False, [line for line in log.splitlines() if line.strip()]
        return True, []

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._said.close()

    def __enter__(self) -> Indexing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


#: An opening tag of a block (aside.BLOCKS: where a list page holds thousands of rows), read attribute by attribute
#: (a quoted value may hold anything but its quote).
_ONE = r"\s+([^\s\"'<>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))?"
_ANY_ONE = re.sub(r"\((?!\?)", "(?:", _ONE)  # the same, its groups not kept
_OPENING = re.compile(rf"<({'|'.join(BLOCKS)})((?:{_ANY_ONE})*)\s*>")
_ATTRIBUTE = re.compile(_ONE)
_IGNORE_VALUES = ("", '""', "''", '"index"', '"all"', "'index'", "'all'", "index", "all")
#: What Pagefind reads even inside an ignored element (its filters, metadata and sort keys), or reads from the page
#: as a whole (its title from the first <h1>, its image from an <img>), and where an end tag may be text (a script, a
#: comment): an element holding any, in any case, is copied as it is.
_KEEP = ("data-pagefind", "<h1", "<img", "<!--", "<script", "<style", "<textarea", "<template", "<title",
         "<noscript", "<noembed", "<noframes", "<iframe", "<xmp", "<plaintext", "<![cdata[")


def _unread(page: bytes) -> bytes:
    """`page` with the content of each large element (aside.LEAST or more) Pagefind ignores (data-pagefind-ignore)
    left out, when nothing in it is read all the same (_KEEP): the index Pagefind writes is the same, byte for byte
    (tests/site/test_search_corpus.py), and it no longer parses a list page's 5 MB table to throw it away."""
    if b"data-pagefind-ignore" not in page:
        return page
    try:
        text = page.decode("utf-8")
    except UnicodeDecodeError:
        return page
    pieces: list[str] = []
    at = 0
    for found in _OPENING.finditer(text):
        if found.start() < at or not _ignored(found.group(2)):
            continue  # inside an element left out already, or read
        tag = found.group(1)
        end = block_end(text, found.start(), tag)
        if end is None:
            continue
        inner = text[found.end():end - len(tag) - 3]
        if len(inner) < LEAST:
            continue
        folded = inner.lower()
        if any(mark in folded for mark in _KEEP) or not _well_formed(inner, tag):
            continue  # read all the same, or the element may end elsewhere than where block_end says
        pieces += [text[at:found.end()], f"</{tag}>"]
        at = end
    return "".join([*pieces, text[at:]]).encode("utf-8") if pieces else page


def _ignored(attributes: str) -> bool:
    """Whether a tag's attributes tell Pagefind to leave the element out of its index (data-pagefind-ignore, with
    no value or "index" or "all")."""
    return any(name == "data-pagefind-ignore" and value in _IGNORE_VALUES
               for name, value in _ATTRIBUTE.findall(attributes))


#: A tag, up to the first ">" (one in a quoted value leaves the rest as text: read as text, it can only refuse), or
#: any other "<" (a tag with "<" in a value, or text: the content is then not taken as well formed).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^<>]*)?>|<")
#: What a table's parts may hold as children without the parser moving it out of the table ("foster parenting").
_TABLE_CHILDREN = {"table": frozenset(["caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr"]),
                   "thead": frozenset(["tr"]), "tbody": frozenset(["tr"]), "tfoot": frozenset(["tr"]),
                   "tr": frozenset(["td", "th"]), "colgroup": frozenset(["col"])}
#: Elements whose start tag inside the content could act on the page around it.
_ROOTS = frozenset(["html", "head", "body", "frameset", "frame"])


def _well_formed(inner: str, tag: str) -> bool:
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
        if name not in VOID:  # "<div/>" opens a div all the same
            stack.append(name)
    return len(stack) == 1 and _contained(stack[-1], inner[at:])


def _contained(parent: str, text: str) -> bool:
    """Whether text inside `parent` stays there: anywhere but directly in a table's parts, where only spacing does."""
    return parent not in _TABLE_CHILDREN or not text.strip(" \t\r\n\f")
