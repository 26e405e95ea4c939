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
from dataclasses import dataclass, field
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


@dataclass
class _Table:
    """One open <table> while scanning: its header labels and where the body cell being read is."""

    at: int
    """Index of the output piece ending with its start tag (where the marker goes once its header row is read)."""
    ignored: bool
    labels: list[str] | None = None
    head: list[str] = field(default_factory=list)
    in_head: bool = False
    head_row: int = 0
    cell_start: int = -1
    head_span: int = 1
    column: int = 0


def _span(tag_attrs: str) -> int:
    found = _COLSPAN.search(tag_attrs)
    return max(1, min(int(found.group(1)), 1000)) if found else 1


def _text(html: str) -> str:
    return " ".join(_MARKUP.sub("", html).split())


def label_tables(html: str) -> str:
    """The HTML with each body cell of a table with a header row labelled by its column (idempotent)."""
    first = html.find("<thead")
    if first == -1:
        return html  # most record pages: nothing to do, at no cost
    last = max(html.rfind("<table", 0, first), 0)  # tables before it have no header row: skipped unread
    out: list[str] = [html[:last]]
    tables: list[_Table] = []
    for m in _TAG.finditer(html, last):
        out.append(html[last:m.end()])
        last = m.end()
        closing, tag, attrs = m.groups()
        if tag == "table":
            if not closing:
                tables.append(_Table(at=len(out) - 1, ignored="data-pagefind-ignore" in attrs))
            elif tables:
                _close(tables.pop(), out)
            continue
        if not tables:
            continue
        _cell(tables[-1], html, m, closing, tag, attrs, out)
    out.append(html[last:])
    return "".join(out)


def _cell(t: _Table, html: str, m: re.Match[str], closing: str, tag: str, attrs: str, out: list[str]) -> None:
    """One table tag inside the innermost open table: read the header row, or label a body cell."""
    if tag == "thead":
        t.in_head = not closing
        if closing and t.labels is None and t.head:
            t.labels = t.head
        return
    if tag == "tr":
        if not closing:
            t.column = 0
            t.head_row += t.in_head
        return
    if t.in_head:
        if tag == "th" and t.head_row == 1:  # the first header row names the columns
            if not closing:
                t.cell_start, t.head_span = m.end(), _span(attrs)
            elif t.cell_start >= 0:
                t.head.extend([_text(html[t.cell_start:m.start()])] * t.head_span)
                t.cell_start = -1
        return
    if closing or not t.labels:
        return
    column, t.column = t.column, t.column + _span(attrs)
    label = t.labels[column] if column < len(t.labels) else ""
    if label and not html.startswith(_LABELLED, m.end()):
        ignore = "" if t.ignored else " data-pagefind-ignore"
        out.append(f'<span class="{LABEL_CLASS}"{ignore}>{label}：</span>')


def _close(t: _Table, out: list[str]) -> None:
    """Mark a table with a header row, even one with no rows yet (the lookup adds its results with JavaScript,
    labelled the same way by site.js); the piece at t.at ends with its start tag."""
    piece = out[t.at]
    start = piece.lower().rfind("<table")
    if t.labels and MARK not in piece[start:]:
        out[t.at] = f"{piece[:start]}<table {MARK}{piece[start + len('<table'):]}"


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
