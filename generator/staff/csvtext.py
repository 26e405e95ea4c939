"""Staff import, writing: a data CSV changed with a minimal diff (existing lines untouched, the file's own columns)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field


@dataclass
class CsvText:
    """A data file as text: its header, newline style, and the line span of every record by key."""

    header: list[str]
    lines: list[str]
    """Physical lines without their terminators."""
    newline: str
    bom: str
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Key value -> (first, last) 0-based line index of that record."""


def parse(text: str, key: str | None) -> CsvText:
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text.removeprefix("\ufeff")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    if lines and lines[-1] == "":
        lines.pop()  # the final terminator
    reader = csv.reader(io.StringIO(newline.join(lines), newline=""), strict=False)
    header: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    previous = 0
    for cells in reader:
        first, previous = previous, reader.line_num
        if not header:
            header = [c.strip() for c in cells]
            continue
        if key in header and len(cells) == len(header):
            spans.setdefault(cells[header.index(key)].strip(), (first, previous - 1))
    return CsvText(header, lines, newline, bom, spans)


def row_text(header: list[str], values: dict[str, str]) -> list[str]:
    """One record as the physical lines it takes (a cell with a line break is quoted and spans lines)."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerow([values.get(name, "") for name in header])
    return out.getvalue().removesuffix("\n").split("\n")


def rewrite(doc: CsvText, updates: dict[str, dict[str, str]], appended: list[dict[str, str]],
            ) -> tuple[str, list[int]]:
    """The new text, and the 1-based line where each updated-then-appended record now starts (in that order)."""
    lines: list[str] = []
    starts: dict[str, int] = {}
    by_first = {span[0]: (k, span) for k, span in doc.spans.items() if k in updates}
    index = 0
    while index < len(doc.lines):
        if index in by_first:
            key, (_first, last) = by_first[index]
            starts[key] = len(lines) + 1
            lines += row_text(doc.header, updates[key])
            index = last + 1
            continue
        lines.append(doc.lines[index])
        index += 1
    positions = [starts[key] for key in updates]
    for values in appended:
        positions.append(len(lines) + 1)
        lines += row_text(doc.header, values)
    return doc.bom + doc.newline.join(lines) + doc.newline, positions


def record(doc: CsvText, key: str) -> dict[str, str]:
    """The values of the record with this key, by column name, as the file holds them."""
    first, last = doc.spans[key]
    cells = next(csv.reader(io.StringIO(doc.newline.join(doc.lines[first:last + 1]), newline=""), strict=False))
    return dict(zip(doc.header, cells, strict=False))
