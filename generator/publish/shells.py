"""Record pages: each record poured into the page shell the site engine dressed, then listed in sitemap.xml.

The site engine renders one shell page per section and searchability; its HTML carries the theme, navigation,
footer and metadata. Pouring thousands of records into it is a string operation, so the build stays linear and
independent of the engine's internals: any engine that renders a Markdown page can dress the shell.
"""

from __future__ import annotations

import gzip
import html
import os
import re
import shutil
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from ..render.recordindex import RecordIndex
from ..render.templates import SHELL_BODY, RecordPage, shell_name

PLACEHOLDERS = frozenset({"TPSHELLTITLE", "TPSHELLURL", "TPSHELLPUBDATE", "TPSHELLROBOTS", SHELL_BODY})
Dress = Callable[[Path, str, str], str]
"""(shell page, its HTML, the first record body poured into it) -> the shell's HTML made over."""


def constant_parts(shells: Iterable[list[str]]) -> list[list[str | None]]:
    """Each shell's parts with its placeholders as None: what the publish scan reads once per shell (privacy/output)."""
    return [[None if part in PLACEHOLDERS else part for part in shell] for shell in shells]


def pour(site: Path, records: Iterable[RecordPage], index: RecordIndex,
         shells: dict[tuple[str, bool], list[str]] | None = None, dress: Dress | None = None
         ) -> list[tuple[str, bool]]:
    """Write every record page into `site` (and add it to the search index); remove the shells.

    Returns (url, indexable) of each page written; `shells`, if given, receives each shell cut at its placeholders
    (PLACEHOLDERS), which the publish scan reads once instead of once per page. `dress`, if given, makes each shell
    over, given the body of the first record poured into it (publish/light.py: the rules its first paint needs).
    """
    shells = {} if shells is None else shells
    written: list[tuple[str, bool]] = []
    for record in records:
        key = (record.shell_section, record.searchable)
        if key not in shells:
            shells[key] = _load_shell(site, *key, dress, record.body)
        values = {"TPSHELLTITLE": html.escape(record.title), "TPSHELLURL": record.url,
                  "TPSHELLPUBDATE": record.pubdate.isoformat() if record.pubdate else "",
                  "TPSHELLROBOTS": "index, follow" if record.indexable else "noindex",
                  SHELL_BODY: record.body}
        _write(site / record.url, "".join([values.get(part, part) for part in shells[key]]))
        if record.entry is not None:
            index.add(record.section, record.url, record.entry)
        written.append((record.url, record.indexable))
    for shell in site.glob("*/_shell*/"):
        shutil.rmtree(shell, ignore_errors=True)
    return written


def _write(folder: Path, text: str) -> None:
    """folder/index.html in as few system calls as Python allows (this runs once per record)."""
    try:
        os.mkdir(folder)  # the section folder almost always exists
    except FileNotFoundError:
        folder.mkdir(parents=True)
    except FileExistsError:
        pass
    with open(folder / "index.html", "wb") as f:
        f.write(text.encode("utf-8"))


def _load_shell(site: Path, section: str, searchable: bool, dress: Dress | None, specimen: str) -> list[str]:
    """The dressed shell page (made over by `dress`, given the first body poured into it) cut at its placeholders
    (title, date, robots, body and its own URL)."""
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
    """sitemap.xml without the shells and with every indexable record page; sitemap.xml.gz rewritten to match."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    text = re.sub(r"\s*<url>\s*<loc>[^<]*/_shell[^<]*</loc>.*?</url>", "", text, flags=re.S)
    base = base_url.rstrip("/") + "/"
    entries = "".join(f"\n    <url>\n         <loc>{html.escape(base + url)}</loc>\n"
                      f"         <lastmod>{today.isoformat()}</lastmod>\n    </url>"
                      for url, indexable in pages if indexable)
    text = text.replace("</urlset>", entries.lstrip("\n") + "\n</urlset>") if entries else text
    sitemap.write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
