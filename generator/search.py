"""Search index: Pagefind over a small corpus page per record plus the site's own pages, in bounded bundles.

Indexing every full record page costs Pagefind about 3 ms and 30 KB of memory a page; a corpus page holding
only the words a record is looked up by costs a fifth of that. Institutions get their own bundle so that no
single indexing run holds the whole site in memory; the search page merges the bundles at query time.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .render.pages import RecordPage

#: Bundle folder (under the site) -> the record sections it holds. The first also holds every other page.
BUNDLES: dict[str, tuple[str, ...]] = {"pagefind": ("penalties", "licenses"), "pagefind-institutions": ("institutions",)}
MAIN_BUNDLE = "pagefind"
#: Pages in one bundle at most: Pagefind holds a bundle in memory while indexing it (tens of KB a page).
MAX_PAGES = 10000
_RECORD_SECTIONS = {section for sections in BUNDLES.values() for section in sections}


def group_of(section: str) -> str:
    return next((name for name, sections in BUNDLES.items() if section in sections), MAIN_BUNDLE)


def bundle_names(searchable: dict[str, int]) -> list[str]:
    """Every bundle folder, given the number of searchable records per section: groups split every MAX_PAGES."""
    names = []
    for group, sections in BUNDLES.items():
        parts = max(1, -(-sum(searchable.get(s, 0) for s in sections) // MAX_PAGES))
        names += [group if k == 0 else f"{group}-{k + 1}" for k in range(parts)]
    return names


class Corpus:
    """The pages Pagefind reads: one folder per bundle, laid out like the site so result URLs match."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.counts: dict[str, int] = dict.fromkeys(BUNDLES, 0)
        (folder / MAIN_BUNDLE).mkdir(parents=True, exist_ok=True)

    def add(self, record: RecordPage) -> None:
        if not record.searchable:
            return
        group = group_of(record.section)
        part = self.counts[group] // MAX_PAGES
        self.counts[group] += 1
        bundle = group if part == 0 else f"{group}-{part + 1}"
        title = html.escape(record.title)
        target = self.folder / bundle / record.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title></head>'
                          f'<body><main data-pagefind-body><h1 data-pagefind-weight="10">{title}</h1>'
                          f'<p>{html.escape(record.summary)}</p>'
                          "</main></body></html>\n", encoding="utf-8")

    def add_site_pages(self, site: Path) -> None:
        """The engine-built pages (lists, reports, guide ...): they mark what is searchable themselves."""
        for folder, dirs, files in os.walk(site):
            rel = Path(folder).relative_to(site)
            if rel == Path("."):
                dirs[:] = [d for d in dirs if not d.startswith(tuple(BUNDLES))]
            elif len(rel.parts) == 1 and rel.parts[0] in _RECORD_SECTIONS:
                dirs.clear()  # record pages: indexed from their corpus pages, not walked (tens of thousands)
            for name in files:
                if name.endswith(".html") and (rel / name).as_posix() != "404.html":
                    target = self.folder / MAIN_BUNDLE / rel / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(Path(folder) / name, target)


def index(site: Path, corpus: Corpus) -> tuple[bool, list[str]]:
    """One Pagefind run per bundle, one after the other (memory is bounded by the largest bundle)."""
    for bundle in sorted(p.name for p in corpus.folder.iterdir() if p.is_dir() and any(p.iterdir())):
        proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(corpus.folder / bundle),
                               "--output-path", str(site / bundle), "--silent"],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            return False, [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    return True, []
