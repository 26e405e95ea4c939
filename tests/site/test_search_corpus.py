"""The pages Pagefind indexes are copied without the large elements it is told to ignore: its index is the same.

collect_pages leaves out the content of an element marked data-pagefind-ignore (a list page's table of thousands of
decisions) when nothing inside is read all the same. The index must be byte for byte the one Pagefind writes from
the pages as built (real Pagefind, below); over generated pages, what Pagefind reads of a page (its text outside
ignored elements, its data-pagefind-* attributes wherever they stand, its <h1> and <img>) is unchanged.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitecheck import ROOT, TODAY

from generator.publish import search
from generator.publish.aside import LEAST
from generator.publish.dom import VOID
from generator.publish.search import _unread, collect_pages

ROWS = "".join(f'<tr><td><a href="../x/{k}/">机构{k}号</a></td><td>冷僻词甲{k}</td></tr>\n' for k in range(600))


def _page(body: str) -> str:
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>名单</title></head><body>'
            f'<article data-pagefind-body><h1>校外培训机构名单</h1><p>本页列出白名单。</p>{body}</article>'
            "</body></html>")


def test_a_large_ignored_table_is_left_out_and_the_index_is_the_same(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    pages = {
        "list/index.html": _page(f'<div class="tp-scroll"><table class="t" data-pagefind-ignore>{ROWS}</table></div>'
                                 "<p>表后的文字</p>"),
        # read all the same: a filter inside the ignored table, so the page is copied whole
        "filtered/index.html": _page(f'<table data-pagefind-ignore><tr><td data-pagefind-filter="年份">2026</td>'
                                     f"</tr>{ROWS}</table>"),
        "small/index.html": _page('<ul data-pagefind-ignore><li>小列表</li></ul>'),
        # the record shells, in the site when the pages are collected (before the records are poured): not pages
        "records/_shell/index.html": _page("记录页的外壳：不进入 Pagefind"),
        "records/_shell-hidden/index.html": _page("记录页的外壳：不进入 Pagefind"),
    }
    for rel, text in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    corpus = tmp_path / "corpus"
    assert collect_pages(site, corpus) == 3
    copied = (corpus / "list/index.html").read_text(encoding="utf-8")
    assert "冷僻词甲" not in copied and '<table class="t" data-pagefind-ignore></table>' in copied
    assert "表后的文字" in copied
    assert (corpus / "filtered/index.html").read_bytes() == (site / "filtered/index.html").read_bytes()
    assert (corpus / "small/index.html").read_bytes() == (site / "small/index.html").read_bytes()
    assert not (corpus / "records").exists()

    # the pages as built, copied untouched, in the same order (Pagefind numbers pages as it finds them, and a
    # folder in memory lists its files in the order they were made)
    monkeypatch.setattr(search, "_unread", lambda page: page)
    whole = tmp_path / "whole"
    assert collect_pages(site, whole) == 3
    assert (whole / "list/index.html").read_bytes() == (site / "list/index.html").read_bytes()
    indexes = []
    for source in (corpus, whole):
        target = tmp_path / f"index-{source.name}"
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(target),
                        "--silent"], check=True)
        indexes.append(target)
    assert _same_tree(*indexes)


def test_content_a_parser_could_read_outside_the_element_is_copied_as_it_is() -> None:
    big = "行" * LEAST
    for inner in (f"<tr><td>{big}</td></tr>文字直接在表格里", f"<tr><td>{big}</td></tr><div>表格里的块</div>",
                  f"<tr><td>{big}</td></tr><table></table>", f"<tr><td>{big}</td></tr></div>",
                  f"<tr><td>{big}</td><div/></tr>", f'<tr><td title="a<b">{big}</td></tr>', f"<tr><td>{big}</tr>",
                  f"<tr><td>{big}</td></tr><body>", f"<tr><td>{big}</td></tr>文字<tr></tr>",
                  f"<tr><td>{big}</div></td></tr>", f"<tr><td><span>{big}</td></span></tr>",
                  f"<tr><td>{big}</td></tr><tr>"):
        page = _page(f"<div><table data-pagefind-ignore>{inner}</table></div>").encode("utf-8")
        assert _unread(page) == page, inner
    # not ignored (another attribute, another value, the name only quoted), or holding a root's tags
    for opening in ("<div data-pagefind-ignore-x>", '<div data-pagefind-ignore="other">',
                    '<div title="data-pagefind-ignore">', "<div data-pagefind-ignore><body></body>"):
        page = _page(f"{opening}<p>{big}</p></div>").encode("utf-8")
        assert _unread(page) == page, opening
    page = _page(f"<div><table data-pagefind-ignore><tr><td>{big}</td></tr></table></div>").encode("utf-8")
    assert _unread(page) == _page("<div><table data-pagefind-ignore></table></div>").encode("utf-8")
    page = _page(f"<div data-pagefind-ignore><p>{big}<br>续<wbr></p></div>").encode("utf-8")  # void elements close
    assert _unread(page) == _page("<div data-pagefind-ignore></div>").encode("utf-8")


def _same_tree(a: Path, b: Path) -> bool:
    names = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert any(name.startswith("fragment/") for name in names)
    return all(filecmp.cmp(a / name, b / name, shallow=False) for name in names)


class _Read(HTMLParser):
    """What Pagefind reads of a page: text outside ignored elements, every data-pagefind-* attribute, each <h1> and
    <img> (with what lies inside the h1)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.read: list[tuple[str, ...]] = []

    def ignoring(self) -> bool:
        return any(ignored for _, ignored in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        marks = tuple(f"{k}={v}" for k, v in attrs if k.startswith("data-pagefind"))
        if marks or tag in ("h1", "img"):
            self.read.append(("tag", tag, *marks))
        if tag not in VOID:
            ignored = any(k == "data-pagefind-ignore" and (v or "index") in ("index", "all") for k, v in attrs)
            self.stack.append((tag, ignored))

    def handle_endtag(self, tag: str) -> None:
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        if not self.ignoring() or any(tag == "h1" for tag, _ in self.stack):
            self.read.append(("text", data))


def _reading(page: bytes) -> list[tuple[str, ...]]:
    parser = _Read()
    parser.feed(page.decode("utf-8"))
    parser.close()
    return parser.read


_TAGS = ["div", "ul", "table", "section", "span", "p", "DIV", "Table"]
_ATTRS = ["", " data-pagefind-ignore", ' data-pagefind-ignore="all"', ' data-pagefind-ignore="index"',
          " data-pagefind-ignore='index'", ' title="a data-pagefind-ignore b"', ' data-pagefind-ignore-x',
          ' class="x" data-pagefind-ignore', ' data-pagefind-filter="年份:2026"', ' data-pagefind-ignore="other"',
          ' data-pagefind-ignore \n=\t"all"', ' title="a>b" data-pagefind-ignore', " DATA-PAGEFIND-IGNORE",
          ' title="</table></div>" data-pagefind-ignore', " data-pagefind-ignore=index class=x"]
_INSIDE = ["<h1>标题</h1>", '<img src="a.png" alt="图">', "<!-- </div> -->", "<script>'</table>'</script>",
           '<span data-pagefind-meta="x">y</span>', "文字", "<td>格</td>", "</div>", "<div>", "<tr>", "</tr>",
           "<br>", "<div/>", '<a title="</div>">链接</a>', "<td>a<b</td>", "<P>段</p>", "</TABLE>", "<body>"]


@st.composite
def _elements(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = draw(st.sampled_from(_ATTRS))
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        choice = draw(st.integers(0, 4 if depth < 2 else 1))
        if choice == 0:
            parts.append(draw(st.one_of(st.sampled_from(_INSIDE), st.text(alphabet="<>/=\"' adivtr表-!", max_size=12))))
        elif choice in (1, 4):
            parts.append("行" * draw(st.sampled_from([1, LEAST // 3 + 1])))
        else:
            parts.append(draw(_elements(depth + 1)))
    closed = draw(st.booleans()) or depth > 0
    end = draw(st.sampled_from([tag, tag.lower(), tag.upper()]))  # HTML's names are read in any case
    return f"<{tag}{attrs}>{''.join(parts)}" + (f"</{end}>" if closed else "")


@settings(max_examples=300, deadline=None)
@given(st.lists(_elements(), min_size=1, max_size=3))
def test_what_pagefind_reads_of_any_page_is_unchanged(blocks: list[str]) -> None:
    page = _page("".join(blocks)).encode("utf-8")
    assert _reading(_unread(page)) == _reading(page)


#: A build in a fresh process (its pourers fork) that stops as the record pages start to pour, Pagefind then
#: running since the engine's pages were collected: prints whether it ran then, and whether it runs now.
_STOPPED = """
import subprocess
import sys
from datetime import date
from pathlib import Path

import generator.build
from generator.publish import search

started = []


class Spied(search.Indexing):
    def __init__(self, site, corpus):
        real = subprocess.Popen  # an indexer that is still at work when the build stops, however fast the machine
        subprocess.Popen = lambda command, **kwargs: real([sys.executable, "-c", "import time; time.sleep(60)"],
                                                          **kwargs)
        try:
            super().__init__(site, corpus)
        finally:
            subprocess.Popen = real
        started.append(self._proc)


def stopped(*args, **kwargs):
    print("running while pouring:", [proc.poll() is None for proc in started])
    raise RuntimeError("a record page could not be poured")


search.Indexing = Spied
generator.build.pour = stopped
try:
    generator.build.build(Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3]))
except RuntimeError as error:
    print(error)
print("running now:", [proc.poll() is None for proc in started], Path(sys.argv[2]).exists())
"""


def test_a_build_that_stops_while_the_records_pour_leaves_no_indexer_running(tmp_path: Path) -> None:
    """Pagefind indexes the engine's pages while the record pages are poured: a build that stops meanwhile stops
    it too, and writes no site."""
    proc = subprocess.run([sys.executable, "-c", _STOPPED, str(ROOT), str(tmp_path / "site"), TODAY],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.splitlines() == ["running while pouring: [True]", "a record page could not be poured",
                                        "running now: [False] False"], proc.stdout + proc.stderr
