"""Record pages: each record poured into the page shell the site engine dressed, then listed in sitemap.xml.

The site engine renders one shell page per section and searchability; its HTML carries the theme, navigation,
footer and metadata. Pouring thousands of records into it is a string operation, so the build stays linear and
independent of the engine's internals: any engine that renders a Markdown page can dress the shell.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import shutil
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..problems import Problem
from ..render.recordindex import Entry, RecordIndex
from ..render.templates import SHELL_BODY, RecordPage, shell_name
from .pourers import Pourers

PLACEHOLDERS = frozenset({"TPSHELLTITLE", "TPSHELLURL", "TPSHELLPUBDATE", "TPSHELLROBOTS", SHELL_BODY})


def constant_parts(shells: Iterable[list[str]]) -> list[list[str | None]]:
    """Each shell's parts with its placeholders as None: what the publish scan reads once per shell (privacy/output)."""
    return [[None if part in PLACEHOLDERS else part for part in shell] for shell in shells]


#: Reads one record page as it is written: (path under the site, its bytes, the spans poured into its shell).
Check = Callable[[str, bytes, list[tuple[int, int]]], list[Problem]]
#: One family's record pages, rendered when called (in whichever process pours them).
Unit = Callable[[], Iterable[RecordPage]]


@dataclass
class Poured:
    """What pouring one unit of record pages gives back to the build (small: the pages themselves are on disk)."""

    pages: list[tuple[str, bool]] = field(default_factory=list)
    """(url, indexable) of each page written, in order."""
    entries: list[tuple[str, str, Entry]] = field(default_factory=list)
    """(section, url, entry) for the record index, in order."""
    problems: list[Problem] = field(default_factory=list)
    """What `check` found in the pages."""


#: (shell page, its HTML, a record body poured into it, "" if none) -> the shell's HTML made over.
Dress = Callable[[Path, str, str], str]


def load_shells(site: Path, dress: Dress | None = None, specimens: dict[tuple[str, bool], str] | None = None
                ) -> dict[tuple[str, bool], list[str]]:
    """Every shell page the site engine dressed, cut at its placeholders (PLACEHOLDERS), by (section, searchable);
    made over first by `dress`, given the shell's specimen (publish/light.py: the rules its first paint needs)."""
    shells: dict[tuple[str, bool], list[str]] = {}
    for page in sorted(site.glob("*/_shell*/index.html")):
        section, name = page.parent.parent.name, page.parent.name
        for searchable in (True, False):
            if name == shell_name(searchable):
                specimen = (specimens or {}).get((section, searchable), "")
                shells[(section, searchable)] = _load_shell(site, section, searchable, dress, specimen)
    return shells


def specimens(units: Sequence[Unit]) -> dict[tuple[str, bool], str]:
    """(section, searchable) -> the body of the first record page of the first unit that starts with one poured into
    that shell: what its records look like (rendered here once more; the units are fixed, so is the choice)."""
    found: dict[tuple[str, bool], str] = {}
    for unit in units:
        first = next(iter(unit()), None)
        if first is not None:
            found.setdefault((first.shell_section, first.searchable), first.body)
    return found


def pour(site: Path, units: Sequence[Unit], index: RecordIndex, shells: dict[tuple[str, bool], list[str]],
         check: Check | None = None, pourers: Pourers | None = None) -> tuple[list[tuple[str, bool]], list[Problem]]:
    """Write every record page of `units` into `site`, each poured into its shell (`shells`, from load_shells), add
    it to the search index and read it with `check`; remove the shells. Returns (url, indexable) of each page
    written, and what `check` found.

    By `pourers`, the processes started for `units` earlier (record_pourers: they render pages ahead while the site
    engine runs), else here. The results are taken in the units' order, so the site, the index and the sitemap are
    those of one process.
    """
    task = (site, shells, check)
    if pourers is None:
        _begin(task)
        try:
            done = _gather((_pour_pages(unit()) for unit in units), index)
        finally:
            _begin(None)
    else:
        with pourers:
            done = _gather(pourers.pour(task), index)
    for shell in site.glob("*/_shell*/"):
        shutil.rmtree(shell, ignore_errors=True)
    return done


def record_pourers(units: Sequence[Unit], workers: int) -> Pourers | None:
    """Processes that render the record pages of `units` from now on and pour them when `pour` gives them the shells
    (publish/pourers.py); None for one process (then `pour` does the work itself)."""
    return Pourers(units, workers, _begin, _pour_pages) if workers > 1 and len(units) > 1 else None


#: What pouring needs besides the pages: (the site, its shells, the check), in the process that pours.
_TASK: tuple[Path, dict[tuple[str, bool], list[str]], Check | None] | None = None


def _begin(task: tuple[Path, dict[tuple[str, bool], list[str]], Check | None] | None) -> None:
    global _TASK
    _TASK = task


def _gather(results: Iterable[Poured], index: RecordIndex) -> tuple[list[tuple[str, bool]], list[Problem]]:
    pages: list[tuple[str, bool]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for result in results:
        urls = {url for url, _ in result.pages}
        if not seen.isdisjoint(urls):  # two processes would race for the file: the build must not depend on it
            raise RuntimeError(f"two families write the record page {sorted(seen & urls)[0]}")
        seen |= urls
        for entry in result.entries:
            index.add(*entry)
        pages += result.pages
        problems += result.problems
    return pages, problems


def _pour_pages(records: Iterable[RecordPage]) -> Poured:
    """Write the record pages of one unit, rendered by `records` (in this process or a forked one)."""
    assert _TASK is not None
    site, shells, check = _TASK
    done = Poured()
    encoded: dict[tuple[str, bool], list[tuple[str, bytes | None]]] = {}
    for record in records:
        key = (record.shell_section, record.searchable)
        if key not in encoded:
            if key not in shells:
                shells[key] = _load_shell(site, *key)
            encoded[key] = [(part, None if part in PLACEHOLDERS else part.encode("utf-8")) for part in shells[key]]
        values = {"TPSHELLTITLE": html.escape(record.title), "TPSHELLURL": record.url,
                  "TPSHELLPUBDATE": record.pubdate.isoformat() if record.pubdate else "",
                  "TPSHELLROBOTS": "index, follow" if record.indexable else "noindex",
                  SHELL_BODY: record.body}
        chunks: list[bytes] = []
        spans: list[tuple[int, int]] = []  # where poured values lie in the page: what `check` reads beyond the shell
        at = 0
        for part, constant in encoded[key]:
            chunk = values[part].encode("utf-8") if constant is None else constant
            if constant is None:
                if spans and spans[-1][1] == at:
                    spans[-1] = (spans[-1][0], at + len(chunk))  # placeholders side by side: one span
                else:
                    spans.append((at, at + len(chunk)))
            chunks.append(chunk)
            at += len(chunk)
        data = b"".join(chunks)
        _write(site / record.url, data)
        if check is not None:
            done.problems += check(f"{record.url.rstrip('/')}/index.html", data, spans)
        if record.entry is not None:
            done.entries.append((record.section, record.url, record.entry))
        done.pages.append((record.url, record.indexable))
    return done


def _write(folder: Path, data: bytes) -> None:
    """folder/index.html in as few system calls as Python allows (this runs once per record)."""
    try:
        os.mkdir(folder)  # the section folder almost always exists
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)  # another process may make the same parent
    except FileExistsError:
        pass
    with open(folder / "index.html", "wb") as f:
        f.write(data)


def _load_shell(site: Path, section: str, searchable: bool, dress: Dress | None = None, specimen: str = ""
                ) -> list[str]:
    """The dressed shell page (made over by `dress`, given `specimen`) cut at its placeholders (title, date, robots,
    body and its own URL)."""
    path = site / section / shell_name(searchable) / "index.html"
    page = path.read_text(encoding="utf-8")
    if dress is not None:
        page = dress(path, page, specimen)
    head, found, tail = page.partition(SHELL_BODY)
    if not found:
        raise RuntimeError(f"the site engine's shell page for {section} lost its body marker")
    text = _squeeze(head) + SHELL_BODY + _squeeze(tail)
    own = f"{section}/{shell_name(searchable)}/"  # relative links to the shell itself become the record's URL
    parts = re.split(f"(TPSHELL(?:TITLE|PUBDATE|ROBOTS|BODY)|{re.escape(own)})", text)
    return ["TPSHELLURL" if part == own else part for part in parts if part]


def _squeeze(html_text: str) -> str:
    """Drop the template's indentation: a quarter of every record page's bytes, written once per record."""
    if "<pre" in html_text or "<textarea" in html_text:
        return html_text
    return re.sub(r"\n\s+", "\n", html_text)


def extend_sitemap(site: Path, base_url: str, pages: Iterable[tuple[str, bool]], today: date) -> None:
    """sitemap.xml without the shells and with every indexable record page; sitemap.xml.gz rewritten to match. Both
    written as the entries are made (a province's sitemap is tens of MB, a copy of it in each stage of making it)."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    text = re.sub(r"\s*<url>\s*<loc>[^<]*/_shell[^<]*</loc>.*?</url>", "", text, flags=re.S)
    base = base_url.rstrip("/") + "/"
    entries = (f"\n    <url>\n         <loc>{html.escape(base + url)}</loc>\n"
               f"         <lastmod>{today.isoformat()}</lastmod>\n    </url>" for url, indexable in pages if indexable)
    first = next(entries, None)
    head, end, tail = text.partition("</urlset>")
    if first is None or not end or end in tail:  # nothing to add, or not the one end the engine writes
        _write_both(sitemap, [text] if first is None else [text.replace("</urlset>", "".join(
            (first, *entries)).lstrip("\n") + "\n</urlset>")])
        return
    _write_both(sitemap, itertools.chain([head, first.lstrip("\n")], entries, ["\n", end, tail]))


def _write_both(path: Path, parts: Iterable[str], batch: int = 1 << 20) -> None:
    """`path` and `path`.gz (as gzip.compress(text, mtime=0) makes it: the same bytes) of the text `parts` make,
    written a batch of parts at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip stream, mtime 0, as gzip.compress writes one
    with open(path, "wb") as plain, open(path.with_name(path.name + ".gz"), "wb") as packed:
        pending: list[str] = []
        size = 0
        for part in itertools.chain(parts, [None]):
            if part is not None:
                pending.append(part)
                size += len(part)
            if pending and (part is None or size >= batch):
                data = "".join(pending).encode("utf-8")
                plain.write(data)
                packed.write(packer.compress(data))
                pending, size = [], 0
        packed.write(packer.flush())
