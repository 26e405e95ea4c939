"""Privacy stage, attachments: spreadsheet cells located as staff find them (工作表「名单」B2 单元格), streamed from the
sheet XML itself (Excel .xlsx, OpenDocument .ods): nothing is sized by a declared dimension or cell reference."""

from __future__ import annotations

import re

from ...read.sources import column_letter, column_number
from .base import Piece, worth
from .xmltext import Collector, local

_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]*)?(?:[Ee][+-]?[0-9]+)?")


def number_text(text: str) -> str:
    """A number cell as Excel shows it: 1.3912345678E10 and 13912345678.0 are 13912345678."""
    if not _NUMBER.fullmatch(text) or not ("." in text or "e" in text.lower()):
        return text
    try:
        value = float(text)
    except (ValueError, OverflowError):
        return text
    return f"{value:.0f}" if value.is_integer() and abs(value) < 1e21 else text


def formula_text(formula: str) -> str:
    """A formula and the text its string pieces join to: ="1101"&"05…" hides a number from a plain look."""
    return formula + " " + "".join(re.findall(r'"([^"]*)"', formula))


def _count(value: str | None) -> int:
    """A repeat count or row number from the file: digits only, bounded (it is only ever added, never allocated)."""
    return int(value) if value and value.isdigit() and len(value) <= 7 else 0


class SharedStrings(Collector):
    """xl/sharedStrings.xml: each string kept (cells refer to it by number), the rest read as any part."""

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self.values: list[str] = []

    def container(self, name: str, text: str, context: str | None, line: int) -> Piece | None:
        if name == "si":
            self.values.append(text)
            return None
        return super().container(name, text, context, line)


class Sheet(Collector):
    """One worksheet: each cell's value (shared strings resolved, numbers as shown) and formula at its cell."""

    def __init__(self, name: str, shared: list[str], used: set[int]) -> None:
        super().__init__(f"工作表「{name}」")
        self.shared = shared
        self.used = used
        self.row = self.col = 0
        self.kind: str | None = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local(tag)
        if name == "row":
            self.row = _count(attrib.get("r")) or self.row + 1
            self.col = 0
        elif name == "c":
            ref = _REF.fullmatch(attrib.get("r", ""))
            if ref:
                self.col, self.row = column_number(ref[1]), int(ref[2])
            else:
                self.col += 1
            self.kind = attrib.get("t")
        super().start(tag, attrib)

    def cell(self) -> str:
        return f"{self.label}{column_letter(self.col)}{self.row} 单元格"

    def container(self, name: str, text: str, context: str | None, line: int) -> Piece | None:
        if name == "c":
            if self.kind == "s" and text.strip().isdigit() and int(text) < len(self.shared):
                self.used.add(int(text))
                text = self.shared[int(text)]
            elif self.kind in (None, "n"):
                text = number_text(text.strip())
            return (self.row, self.col, self.cell(), text) if worth(text) else None
        if name == "is":
            return (self.row, self.col, self.cell(), text) if worth(text) else None
        if name == "f":
            return (self.row, self.col, f"{self.cell()}的公式", formula_text(text)) if worth(text) else None
        return super().container(name, text, context, line)


class OdfContent(Collector):
    """content.xml of an OpenDocument file: paragraphs, and table cells at their sheet and cell (repeated rows and
    columns counted, never expanded)."""

    def __init__(self, label: str, table_word: str) -> None:
        super().__init__(label)
        self.word = table_word
        self.tables: list[tuple[str, int, int]] = []  # (name, row, col) of each open table
        self.repeats: list[int] = []
        self.cells = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local(tag)
        if name == "table":
            title = next((v for k, v in attrib.items() if local(k) == "name"), "")
            self.tables.append((title, 0, 0))
        elif name == "table-row" and self.tables:
            title, row, _col = self.tables[-1]
            self.tables[-1] = (title, row + 1, 0)
            self.repeats.append(_count(_attr(attrib, "number-rows-repeated")))
        elif name in ("table-cell", "covered-table-cell") and self.tables:
            title, row, col = self.tables[-1]
            self.tables[-1] = (title, row, col + 1)
            self.repeats.append(_count(_attr(attrib, "number-columns-repeated")))
            self.cells += 1
        super().start(tag, attrib)

    def end(self, tag: str) -> None:
        super().end(tag)
        name = local(tag)
        if name == "table" and self.tables:
            self.tables.pop()
        elif name in ("table-row", "table-cell", "covered-table-cell") and self.tables and self.repeats:
            extra = max(self.repeats.pop() - 1, 0)
            title, row, col = self.tables[-1]
            self.tables[-1] = (title, row + extra, 0) if name == "table-row" else (title, row, col + extra)
            if name != "table-row":
                self.cells -= 1

    def _cell(self) -> tuple[int, int, str] | None:
        if not self.cells or not self.tables:
            return None
        title, row, col = self.tables[-1]
        return row, col, f"{self.word}「{title}」{column_letter(col)}{row} 单元格"

    def container(self, name: str, text: str, context: str | None, line: int) -> Piece | None:
        cell = self._cell()
        if cell is None:
            return super().container(name, text, context, line)
        return (cell[0], cell[1], cell[2], text) if worth(text) else None

    def attribute(self, name: str, key: str, value: str, context: str | None, line: int) -> Piece:
        cell = self._cell()
        if cell is None:
            return super().attribute(name, key, value, context, line)
        return cell[0], cell[1], f"{cell[2]}（{key} 属性）", value


def _attr(attrib: dict[str, str], name: str) -> str | None:
    return next((v for k, v in attrib.items() if local(k) == name), None)
