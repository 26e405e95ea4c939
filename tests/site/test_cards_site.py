"""Every table with a header row carries its column labels in each cell (generator/render/cards.py): any table the
templates or staff Markdown write, on every page of the built site; the phone layout itself is tested in Chromium
(tests/browser/test_cards.py)."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sitecheck import html_files

from generator.render.cards import LABEL_CLASS, MARK, label_tables

LABEL = re.compile(rf'<span class="{LABEL_CLASS}"(?: data-pagefind-ignore)?>[^<]*</span>')


class Tables(HTMLParser):
    """For each table: its header labels (colspans spread), and for each body cell its column and its label."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.tables: list[dict] = []
        self._open: list[dict] = []
        self._text: list[str] | None = None
        self._cell: dict | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self._open.append({"marked": MARK in a, "head": [], "cells": [], "in_head": False, "rows": 0,
                               "col": 0, "ignored": "data-pagefind-ignore" in a})
            self.tables.append(self._open[-1])
        elif not self._open:
            return
        t = self._open[-1]
        if tag == "thead":
            t["in_head"] = True
        elif tag == "tr":
            t["col"] = 0
            t["rows"] += t["in_head"]
        elif tag in ("th", "td"):
            span = int(a.get("colspan") or 1)
            if t["in_head"]:
                self._text, self._cell = ([], {"span": span}) if t["rows"] == 1 else (None, None)
            else:
                t["cells"].append({"col": t["col"], "labels": [], "starts": self.getpos()})
                t["col"] += span
        elif tag == "span" and a.get("class") == LABEL_CLASS and t["cells"] and not t["in_head"]:
            t["cells"][-1]["labels"].append([])
            self._text = t["cells"][-1]["labels"][-1]

    def handle_endtag(self, tag: str) -> None:
        if not self._open:
            return
        t = self._open[-1]
        if tag == "table":
            self._open.pop()
        elif tag == "thead":
            t["in_head"] = False
        elif tag == "th" and t["in_head"] and self._cell is not None and self._text is not None:
            t["head"].extend([" ".join(re.sub(r"<[^>]*>", "", "".join(self._text)).split())] * self._cell["span"])
            self._text, self._cell = None, None
        elif tag == "span" and not t["in_head"]:
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")


def check_labelled(html: str) -> None:
    """Each body cell of a table with a header row has exactly one label, its column's; other tables have none."""
    for t in Tables(html).tables:
        labels = t["head"]
        assert t["marked"] == bool(labels), t
        for cell in t["cells"]:
            want = labels[cell["col"]] if cell["col"] < len(labels) else ""
            said = ["".join(x) for x in cell["labels"]]
            assert said == ([f"{want}："] if want else []), (want, said)


# What the labeller may meet: header texts with entities and markup, colspans, attributes, empty and nested cells.
_WORD = st.text(st.sampled_from("罚款文号日期 AZaz09&（）：—"), min_size=0, max_size=6).map(
    lambda s: s.replace("&", "&amp;"))
_ATTRS = st.sampled_from(["", ' class="tp-num"', ' scope="col"', ' data-x="<"', ' style="text-align: right;"'])
_SPAN = st.sampled_from([1, 1, 1, 2, 3])


@st.composite
def _cell(draw: st.DrawFn, tag: str) -> str:
    span = draw(_SPAN)
    attrs = draw(_ATTRS) + (f' colspan="{span}"' if span > 1 else "")
    # a table inside a body cell: labelled by its own header, and the outer table's labelling goes on after it
    inner = ["{w}<table><thead><tr><th>内</th><th>{w}</th></tr></thead><tr><td>1</td><td>2</td><td>3</td></tr></table>"]
    body = draw(st.sampled_from(["{w}", '<a href="x">{w}</a>', "{w}<br>{w}", "<b>{w}</b> {w}",
                                 "<ul><li>{w}</li></ul>", *(inner if tag == "td" else [])]))
    return f"<{tag}{attrs}>{body.format(w=draw(_WORD))}</{tag}>"


@st.composite
def _table(draw: st.DrawFn) -> str:
    head = "".join(draw(st.lists(_cell("th"), min_size=0, max_size=5)))
    rows = draw(st.lists(st.lists(_cell("td"), min_size=0, max_size=7), max_size=4))
    body = "".join(f"<tr{draw(_ATTRS)}>{''.join(r)}</tr>" for r in rows)
    thead = f"<thead><tr>{head}</tr></thead>" if draw(st.booleans()) else f"<tr>{head}</tr>" if head else ""
    caption = "<caption>表</caption>" if draw(st.booleans()) else ""
    wrap = draw(st.sampled_from(["<tbody>{}</tbody>", "{}", "<tbody>{}</tbody><tfoot><tr><td>合计</td></tr></tfoot>"]))
    ignored = draw(st.sampled_from(["", " data-pagefind-ignore"]))
    return f"<table{draw(_ATTRS)}{ignored}>{caption}{thead}{wrap.format(body)}</table>"


@settings(max_examples=60, deadline=None)
@given(st.lists(_table(), min_size=1, max_size=3), st.sampled_from(["", "<p>前言</p>\n", "<div class=\"tp-scroll\">"]))
def test_every_body_cell_gets_its_columns_label_once(tables: list[str], before: str) -> None:
    html = before + "\n".join(tables) + "<p>后记</p>"
    labelled = label_tables(html)
    check_labelled(labelled)
    assert label_tables(labelled) == labelled  # labelling twice changes nothing
    assert LABEL.sub("", labelled).replace(f"<table {MARK}", "<table") == html  # nothing else changes


def test_every_table_on_the_built_site_is_labelled(built_site: Path) -> None:
    """Whatever wrote it (list and record templates, the report's figures after the staff-markup allow-list)."""
    seen = 0
    for path in html_files(built_site):
        html = path.read_text(encoding="utf-8")
        if "<table" in html:
            check_labelled(html)
            seen += html.count(f"<table {MARK}")
    assert seen > 100


def test_a_staff_markdown_table_is_labelled(staff_edited: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    """A table staff write in Markdown (a page, a report's text) reads as labelled cards on a phone too (the table:
    STAFF_TABLE in tests/conftest.py, appended to both pages of the shared build)."""
    _result, site = staff_edited
    for url in ("about/index.html", "reports/2025/index.html"):
        html = (site / url).read_text(encoding="utf-8")
        check_labelled(html)
        assert '<span class="tp-label" data-pagefind-ignore>项目：</span>检查' in html, url
        assert '<span class="tp-label" data-pagefind-ignore>数量：</span>12 次' in html, url
        assert '<span class="tp-label" data-pagefind-ignore>项目：</span>罚款 &amp; 没收' in html, url
