"""Helpers for tests that read a built site: build it, parse its HTML, walk its files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The day every site test builds for: the sample's decisions were designed around it.
TODAY = "2026-11-27"
PROJECT_FILES = ("data", "content", "mkdocs.yml", "site_overrides")


#: Staff markup that tries to take over the theme: a <div id="__config"> the theme would read its configuration
#: from (asking another host), paragraphs dressed as the site's verdict badge, a heading with an id of the theme's
#: own kind. Appended to content/about.md of the `staff_edited` site (tests/conftest.py).
TAKEOVER = ('\n\n<div id="__config">{"base": "https://evil.example/", "features": [], '
            '"search": "https://evil.example/s.js", "translations": {}}</div>\n'
            '<p id="lookup-q" class="tp-verdict tp-verdict-white md-header note">✔ 白名单</p>\n'
            '<p id="lookup-q" class="tp-verdict tp-verdict-white md-header note">✔ 白名单 可以开展校外培训</p>\n'
            '<h2 id="_9">附</h2>\n')
#: A table staff write in Markdown, appended to content/about.md and content/reports/2025.md of `staff_edited`.
STAFF_TABLE = "\n\n| 项目 | 数量 |\n| --- | ---: |\n| 检查 | 12 次 |\n| 罚款 & 没收 | 3 件 |\n\n"
#: A hostile value typed into a data cell: the name of institution fc-0011 in `staff_edited`.
HOSTILE_NAME = '=cmd()|<script>alert("x")</script>&amp;'


def copy_project(target: Path) -> Path:
    """A private copy of the sample project (data, content, engine config, theme overrides)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def run_build(root: Path, site_dir: Path, today: str = TODAY, kept: Path | None = None
              ) -> subprocess.CompletedProcess[str]:
    """`python -m generator build` in a new process; `kept`: the folder it keeps its slow work in (GENERATOR_CACHE),
    else the user's, shared by every build of the tests."""
    env = {**os.environ, "GENERATOR_CACHE": str(kept)} if kept is not None else None
    return subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--site-dir",
                           str(site_dir), "--today", today], capture_output=True, text=True, cwd=ROOT, env=env)


def kept_files(kept: Path) -> list[str]:
    """What builds kept for the next (GENERATOR_CACHE): each file's path under the folder."""
    return sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*") if p.is_file())


def run_build_here(root: Path, site_dir: Path, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    """The same command through the command line's entry point in this process (tests/commands.py), for a build that
    is refused before it reads anything (about 0.5 CPU s less than a new interpreter): what it printed, and its exit
    code."""
    from commands import here

    return here("build", "--root", str(root), "--site-dir", str(site_dir), "--today", today, cwd=ROOT)


class Page(HTMLParser):
    """A parsed page: its text, elements with attributes, and table structure, enough to check what it says."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._text: list[str] = []
        self._skip = 0
        self._skipping: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        # a table cell's label (generator/render/cards.py) shows on phones only: the text is what a wide screen says
        if tag in ("script", "style") or (tag == "span" and ("class", "tp-label") in attrs):
            self._skip += 1
            self._skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
            self._skip = max(self._skip - 1, 0)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self._text).split())

    def article_text(self) -> str:
        """Text of the main content only (between the first <article> and </article>)."""
        start = self.html.find("<article")
        end = self.html.find("</article>", start)
        return Page(self.html[start:end]).text if start != -1 else self.text

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def meta(self, name: str) -> str | None:
        found = self.find("meta", name=name)
        return found[0].get("content") if found else None


def page(site: Path, url: str) -> Page:
    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url
    return Page(path.read_text(encoding="utf-8"))


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def record_index_text(site: Path) -> str:
    """Every title and line the record index can show."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.glob("search-index/*/d/*.json")))


def search_corpus(site: Path) -> str:
    """Everything Pagefind can return for the site's own pages: its fragments, decompressed (marks removed)."""
    import gzip

    texts = []
    for fragment in sorted(site.glob("pagefind*/fragment/*.pf_fragment")):
        texts.append(gzip.decompress(fragment.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd"))
    return "\n".join(texts).replace("\u200b", "")
