"""Render stage: every data table's cells carry their column's label, so a phone shows each row as a labelled card.

A table with a header row (<thead>) gets, in each body cell, its column's header as real text:
<td><span class="tp-label">罚款（元）：</span>19,600.00</td>. The site's stylesheet hides the labels on wide screens
(the table keeps its header row) and, on narrow ones, shows each row as a card of "label：value" lines, without
JavaScript. Real text rather than CSS-generated content, so that copying a card or reading it aloud says
「罚款（元）：19,600.00」 and then 「公示期至：2029-10-23」, never the two values run together.

Applied once to every page that can hold a table: each record page as it is rendered, and every page the site
engine built (list pages, the guide, reports, staff Markdown) after the staff-markup allow-list has run, which keeps
neither the site's classes nor data- attributes in staff pages.
"""

from __future__ import annotations

import os
import re
from operator import itemgetter
from pathlib import Path

#: The marker a labelled table wears (an attribute, not a class: the theme styles class-less Markdown tables).
MARK = "data-cards"
LABEL_CLASS = "tp-label"
#: Tags as the templates, the Markdown engine and the staff-markup allow-list write them: lower case.
_TAG = re.compile(r"<(/?)(table|thead|tr|th|td)\b([^>]*)>")
_COLSPAN = re.compile(r"""\bcolspan\s*=\s*["']?(\d+)""", re.IGNORECASE)
_MARKUP = re.compile(r"<[^>]*>")
_LABELLED = f'<span class="{LABEL_CLASS}"'
#: Folders of the built site holding no engine page (theme files, search bundles are written later).
_SKIPPED = frozenset({"assets"})


class _Table:
    """One open <table> while scanning: its header labels and where the body cell being read is."""

    __slots__ = ("at", "attrs", "cell_start", "column", "head", "head_row", "head_span", "ignore", "in_head", "labels")

    def __init__(self, at: int, attrs: str) -> None:
        self.at = at  # offset of its start tag's "<table": where the marker goes once its header row is read
        self.attrs = attrs
        # what each label wears: search skips it, unless the whole table is skipped already
        self.ignore = "" if "data-pagefind-ignore" in attrs else " data-pagefind-ignore"
        self.labels: list[str] | None = None
        self.head: list[str] = []
        self.in_head = False
        self.head_row = 0
        self.cell_start = -1
        self.head_span = 1
        self.column = 0


def _span(tag_attrs: str) -> int:
    if "=" not in tag_attrs:  # most cells: no attribute with a value, so no colspan (and no search)
        return 1
    found = _COLSPAN.search(tag_attrs)
    return max(1, min(int(found.group(1)), 1000)) if found else 1


def _text(html: str) -> str:
    return " ".join(_MARKUP.sub("", html).split())


def label_tables(html: str) -> str:
    """The HTML with each body cell of a table with a header row labelled by its column (idempotent).

    Every record page with a table goes through here as it is rendered (tens of thousands, a hundred table tags
    each): one pass over the tags, what is inserted noted by offset and joined in once at the end."""
    first = html.find("<thead")
    if first == -1:
        return html  # most record pages: nothing to do, at no cost
    last = max(html.rfind("<table", 0, first), 0)  # tables before it have no header row: skipped unread
    inserts: list[tuple[int, str]] = []  # (offset in html, what goes there)
    outer: list[_Table] = []  # the tables around the innermost open one, `t`
    t: _Table | None = None
    for m in _TAG.finditer(html, last):
        closing, tag, attrs = m.groups()
        if tag == "td":  # the commonest: a body cell, unless in the header or in a table without one
            if closing or t is None or t.in_head or not t.labels:
                continue
        elif tag == "tr":
            if not closing and t is not None:
                t.column = 0
                t.head_row += t.in_head
            continue
        elif tag == "th":
            if t is None:
                continue
            if t.in_head:
                if t.head_row == 1:  # the first header row names the columns
                    if not closing:
                        t.cell_start, t.head_span = m.end(), _span(attrs)
                    elif t.cell_start >= 0:
                        t.head.extend([_text(html[t.cell_start:m.start()])] * t.head_span)
                        t.cell_start = -1
                continue
            if closing or not t.labels:
                continue
        elif tag == "table":
            if not closing:
                if t is not None:
                    outer.append(t)
                t = _Table(m.start(), attrs)
            elif t is not None:
                # marked even with no rows yet (the lookup adds its results with JavaScript, labelled the same way
                # by site.js)
                if t.labels and MARK not in t.attrs:
                    inserts.append((t.at + len("<table"), f" {MARK}"))
                t = outer.pop() if outer else None
            continue
        else:  # thead
            if t is not None:
                t.in_head = not closing
                if closing and t.labels is None and t.head:
                    t.labels = t.head
            continue
        # a body cell (td or th) of a table whose header row is read
        column = t.column
        t.column = column + _span(attrs)
        labels = t.labels
        label = labels[column] if column < len(labels) else ""
        if label and not html.startswith(_LABELLED, m.end()):
            inserts.append((m.end(), f'<span class="{LABEL_CLASS}"{t.ignore}>{label}：</span>'))
    if not inserts:
        return html
    inserts.sort(key=itemgetter(0))  # a table's marker is noted when it closes, after its cells
    out: list[str] = []
    at = 0
    for offset, text in inserts:
        out += (html[at:offset], text)
        at = offset
    out.append(html[at:])
    return "".join(out)


def label_site(site: Path) -> int:
    """Label the tables of every page the engine built into `site`, in place; returns how many pages changed."""
    changed = 0
    for folder, dirs, files in os.walk(site):
        if Path(folder) == site:
            dirs[:] = [d for d in dirs if d not in _SKIPPED]
        for name in files:
            if not name.endswith(".html"):
                continue
            path = Path(folder) / name
            text = path.read_text(encoding="utf-8")
            labelled = label_tables(text)
            if labelled != text:
                path.write_text(labelled, encoding="utf-8", newline="")
                changed += 1
    return changed
