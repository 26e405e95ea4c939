"""Staff import, bounds of zipped workbooks: every XML part streamed once, cell positions checked (OOXML and ODF).

Every part is read, not a list of known ones: the reader finds sheets through the workbook's relationships, so a
sheet may sit under any name. A part is parsed as it is unpacked (expat, one piece at a time, with no DTD or
entity allowed), keeping only counters, and the bitmaps of hidden rows and columns (bounded by the limits): the
memory used does not grow with the part. The same pass collects what each sheet hides, which the reader ignores.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from itertools import chain
from typing import NoReturn
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from ..read.sources import column_number
from .bounds import ZIP_ERRORS, Extent, Hidden, Hiding, Limits, TooLarge, Unreadable, chunks

_REF = re.compile(r"\s*\$?([A-Za-z]{1,8})\$?(\d{1,15})\s*")
_DIGITS = re.compile(r"\d{1,15}")
#: ODF cell attributes that give a cell a value even with no text inside it.
_ODF_VALUES = {"value-type", "value", "date-value", "time-value", "boolean-value", "string-value", "formula"}
#: Part names read only to name the sheets in messages; a larger one is not read twice.
_NAMING_PARTS_MAX = 16 * 1024 * 1024
#: ODF's values of table:visibility that hide a row or column: hidden by hand, or filtered out.
_ODF_HIDDEN = {"collapse", "filter"}
#: The part of an OpenDocument spreadsheet whose tables are its sheets (charts keep tables of their own).
_ODF_CONTENT = "content.xml"


def check(archive: zipfile.ZipFile, limits: Limits) -> dict[str, Hidden]:
    """Refuse what is over `limits`; else each sheet's hidden rows and columns (name -> Hidden, in order)."""
    names = _sheet_names(archive)
    budget = [limits.unpacked_bytes]
    found: dict[str, Hidden] = {}
    for info in archive.infolist():
        if info.filename.endswith("/"):  # a folder entry (is_dir() fails on an empty name)
            continue
        stream = chunks(archive, info, budget)
        first = next(stream, b"")
        if first.lstrip()[:1] == b"<" or first[:3] == b"\xef\xbb\xbf" or first[:2] in (b"\xff\xfe", b"\xfe\xff"):
            part = _Part(info.filename, names.get(info.filename), limits)
            part.scan(chain([first], stream))
            found.update(part.hidden)
        else:
            for _piece in stream:  # read to the end all the same: the size and checksum are checked on the way
                pass
    ordered = {sheet: found[sheet] for sheet in names.values() if sheet in found}  # the workbook's order
    return ordered | found


_COLUMNS: dict[str, int] = {}
GRID_ROWS, GRID_COLUMNS = 1_048_576, 16_384  # XFD1048576, the last cell of an Excel sheet


def parse_ref(ref: str, where: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as B12 or $XFD$1048576."""
    found = _REF.fullmatch(ref)
    if not found:
        raise Unreadable(f"{where}有一个无效的单元格位置「{ref[:40]}」：文件已损坏或被构造过，"
                         "请用 WPS/Excel 打开后另存为 .xlsx 再试")
    letters, digits = found.groups()
    col = _COLUMNS.get(letters)
    if col is None:
        col = column_number(letters)
        if len(_COLUMNS) < 100_000:
            _COLUMNS[letters] = col
    return int(digits), col


class _Part:
    """The expat handlers of one part: where each cell with a value stands, and what the part declares."""

    def __init__(self, member: str, sheet: str | None, limits: Limits):
        self.member, self.sheet, self.limits = member, sheet, limits
        self.extent = Extent(f"工作表「{sheet}」" if sheet else f"表格文件的部件「{member}」中", limits)
        self.hiding = Hiding(limits)  # OOXML: what this part hides, when it is a sheet
        self.hidden: dict[str, Hidden] = {}  # what the part's sheets hide, once each is read
        self.depth = 0
        self.cells: list[list[int]] = []  # open cells: [row, col, depth, has a value]
        self.row = self.col = 0  # OOXML: the current row, the last cell's column
        self.tables: list[_Table] = []  # ODF: open tables
        self.rows: list[int] = []  # ODF: last row of each open (repeated) row
        self.ocols: list[int] = []  # ODF: columns so far in each open row
        self.handlers: dict[str, Callable[[_Part, dict[str, str]], None] | None] = {}

    def scan(self, pieces: Iterable[bytes]) -> None:
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler, parser.EndElementHandler = self.start, self.end
        parser.StartDoctypeDeclHandler = lambda name, sysid, pubid, _internal: _raise(DTDForbidden(name, sysid, pubid))
        parser.EntityDeclHandler = lambda *args: _raise(EntitiesForbidden(*args[:1], *args[2:]))
        parser.UnparsedEntityDeclHandler = lambda *args: _raise(EntitiesForbidden(args[0], None, *args[1:]))
        parser.ExternalEntityRefHandler = lambda *args: _raise(ExternalReferenceForbidden(*args))
        try:
            for piece in pieces:
                parser.Parse(piece, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise Unreadable(f"表格文件的部件「{self.member}」不是完整的 XML（{expat.ErrorString(exc.code)}，"
                             f"第 {exc.lineno} 行）：文件已损坏，请用 WPS/Excel 打开后另存为 .xlsx 再试") from None
        except DefusedXmlException:
            raise Unreadable(f"表格文件的部件「{self.member}」含有 DTD 或实体声明（正常的表格没有，可能被构造过）："
                             "请用 WPS/Excel 打开后另存为 .xlsx 再试") from None
        if self.sheet is not None:
            self.hidden[self.sheet] = self.hiding.result(self.extent)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.cells:
            self.cells[-1][3] = 1  # any element inside a cell is its value (<v>, <is>, <f>, <text:p> ...)
        if "count" in attrs or "uniqueCount" in attrs:
            self._counts(name, attrs)
        try:
            handler = self.handlers[name]
        except KeyError:  # first time this element name is seen: by its local name, whatever the prefix
            handler = self.handlers[name] = _STARTS.get(name.rpartition(":")[2])
        if handler is not None:
            handler(self, attrs)

    def end(self, name: str) -> None:
        if self.cells and self.cells[-1][2] == self.depth:
            row, col, _depth, filled = self.cells.pop()
            if filled:
                (self.tables[-1].extent if self.tables else self.extent).add(row, col)
        if name.endswith("table") and self.tables and self.depth == self.tables[-1].depth:
            table = self.tables.pop()
            if not self.tables and self.member == _ODF_CONTENT:  # a sheet, not a table inside a cell
                self.hidden.setdefault(table.name, table.hiding.result(table.extent))
        elif name.endswith("table-row") and self.rows:
            self.rows.pop()
            self.ocols.pop()
        self.depth -= 1

    def _counts(self, name: str, attrs: dict[str, str]) -> None:
        for key in ("count", "uniqueCount"):
            number = _number(attrs.get(key, "0"), self, key)
            if number > self.limits.cells:
                raise TooLarge(f"表格文件的部件「{self.member}」中 <{name}> 的 {key} 声明了 {number:,} 项，超过 "
                               f"{self.limits.cells:,} 项的上限（读取时会按它预留内存）：文件可能被构造过，"
                               "请用 WPS/Excel 打开后另存为 .xlsx 再试")

    def where(self) -> str:
        return (self.tables[-1].extent if self.tables else self.extent).where

    # OOXML (SpreadsheetML) -------------------------------------------------------------------------

    def dimension(self, attrs: dict[str, str]) -> None:
        """A declared range beyond Excel's own grid is a crafted file. Within the grid it is only a claim: Excel
        and other programs often leave it stale (A1:XFC1048576 over data in A1:S693), and the reader sizes a sheet
        by the cells it finds, which are checked one by one (tests/staff hold the reader to that)."""
        ref = attrs.get("ref", "")
        if ref:
            row, col = parse_ref(ref.split(":")[-1], self.where())
            if row > GRID_ROWS or col > GRID_COLUMNS:
                raise Unreadable(f"{self.where()}声明的表格范围（dimension）「{ref[:40]}」超出了 Excel 表格的最大范围 "
                                 "XFD1048576：文件已损坏或被构造过，请用 WPS/Excel 打开后另存为 .xlsx 再试",
                                 min(row, 2**31), min(col, 2**31))

    def sheet_format(self, attrs: dict[str, str]) -> None:
        if _true(attrs.get("zeroHeight")):  # rows hidden by default: Excel's way of hiding every row below the data
            self.hiding.rows_hidden_by_default()

    def ooxml_col(self, attrs: dict[str, str]) -> None:
        if "min" in attrs:  # a drawing's <xdr:col> (an anchor's column) has no range and hides nothing
            first = _number(attrs["min"], self, "min")
            last = _number(attrs.get("max", attrs["min"]), self, "max")
            self.hiding.col(first, last, _true(attrs.get("hidden")) or _zero(attrs.get("width")))

    def ooxml_row(self, attrs: dict[str, str]) -> None:
        self.row = _number(attrs["r"], self, "r") if "r" in attrs else self.row + 1
        self.col = 0
        self.hiding.row(self.row, self.row, _true(attrs.get("hidden")) or _zero(attrs.get("ht")))

    def ooxml_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref:
            self.row, self.col = parse_ref(ref, self.where())
        else:
            self.row, self.col = max(self.row, 1), self.col + 1  # a cell without r follows the one before
        self.cells.append([self.row, self.col, self.depth, 0])

    # ODF (OpenDocument spreadsheets): rows and cells repeat, a value spans every repetition -----------

    def odf_table(self, attrs: dict[str, str]) -> None:
        name = _attr(attrs, "name") or str(len(self.tables) + 1)
        self.tables.append(_Table(name, Extent(f"工作表「{name}」", self.limits), self.depth, Hiding(self.limits)))

    def odf_row(self, attrs: dict[str, str]) -> None:
        repeat = _repeat(attrs, "number-rows-repeated", self)
        last = repeat  # a row outside any table: counted on its own
        if self.tables:
            table = self.tables[-1]
            table.rows = last = table.rows + repeat
            table.hiding.row(last - repeat + 1, last, _attr(attrs, "visibility") in _ODF_HIDDEN)
        self.rows.append(last)
        self.ocols.append(0)

    def odf_column(self, attrs: dict[str, str]) -> None:
        if self.tables:
            table, repeat = self.tables[-1], _repeat(attrs, "number-columns-repeated", self)
            table.cols += repeat
            table.hiding.col(table.cols - repeat + 1, table.cols, _attr(attrs, "visibility") in _ODF_HIDDEN)

    def odf_cell(self, attrs: dict[str, str]) -> None:
        if not self.rows:
            return
        self.ocols[-1] += _repeat(attrs, "number-columns-repeated", self)
        filled = any(key.rpartition(":")[2] in _ODF_VALUES for key in attrs)
        self.cells.append([self.rows[-1], self.ocols[-1], self.depth, int(filled)])


class _Table:
    """An open ODF table: its name, extent and hidden lines, and the rows and columns counted so far."""

    __slots__ = ("cols", "depth", "extent", "hiding", "name", "rows")

    def __init__(self, name: str, extent: Extent, depth: int, hiding: Hiding):
        self.name, self.extent, self.depth, self.hiding = name, extent, depth, hiding
        self.rows = self.cols = 0


_STARTS = {"dimension": _Part.dimension, "sheetFormatPr": _Part.sheet_format, "col": _Part.ooxml_col,
           "row": _Part.ooxml_row, "c": _Part.ooxml_cell, "table": _Part.odf_table, "table-row": _Part.odf_row,
           "table-column": _Part.odf_column, "table-cell": _Part.odf_cell, "covered-table-cell": _Part.odf_cell}


def _true(value: str | None) -> bool:
    return value is not None and value.strip() in ("1", "true")


def _zero(value: str | None) -> bool:
    """A height or width of 0: the row or column is there, and shows nothing."""
    try:
        return value is not None and float(value) == 0
    except ValueError:
        return False


def _attr(attrs: dict[str, str], local: str) -> str | None:
    for key, value in attrs.items():
        if key.rpartition(":")[2] == local:
            return value
    return None


def _repeat(attrs: dict[str, str], local: str, part: _Part) -> int:
    value = _attr(attrs, local)
    return 1 if value is None else max(1, _number(value, part, local))


def _number(value: str, part: _Part, what: str) -> int:
    if not _DIGITS.fullmatch(value.strip()):
        raise Unreadable(f"{part.where()}的 {what}=\"{value[:40]}\" 不是有效的数字：文件已损坏或被构造过，"
                         "请用 WPS/Excel 打开后另存为 .xlsx 再试")
    return int(value)


def _raise(exc: Exception) -> NoReturn:
    raise exc


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> sheet name, as the reader resolves them (xl/workbook.xml through its relationships)."""
    targets: dict[str, str] = {}
    sheets: list[tuple[str, str]] = []
    _read_small(archive, "xl/_rels/workbook.xml.rels", lambda n, a: _collect(targets, n, a, "Relationship"))
    _read_small(archive, "xl/workbook.xml", lambda n, a: _collect_sheet(sheets, n, a))
    out = {}
    for sheet, rel in sheets:
        target = targets.get(rel, "")
        path = target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else f"xl/{target}"
        out[path] = sheet
    return out


def _collect(targets: dict[str, str], name: str, attrs: dict[str, str], local: str) -> None:
    if name.rpartition(":")[2] == local and "Id" in attrs:
        targets[attrs["Id"]] = attrs.get("Target", "")


def _collect_sheet(sheets: list[tuple[str, str]], name: str, attrs: dict[str, str]) -> None:
    if name.rpartition(":")[2] == "sheet":
        rel = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), "")
        sheets.append((attrs.get("name", ""), rel))


def _read_small(archive: zipfile.ZipFile, name: str, start) -> None:
    """Names only: a missing, large or broken part names nothing here (the full scan then reports it)."""
    try:
        info = archive.getinfo(name)
        if info.file_size > _NAMING_PARTS_MAX:
            return
        parser = expat.ParserCreate()
        parser.StartDoctypeDeclHandler = lambda *args: _raise(DTDForbidden(*args[:3]))
        parser.EntityDeclHandler = lambda *args: _raise(EntitiesForbidden(*args[:1], *args[2:]))
        parser.StartElementHandler = start
        with archive.open(info) as member:
            parser.Parse(member.read(_NAMING_PARTS_MAX + 1), True)
    except (KeyError, expat.ExpatError, DefusedXmlException, *ZIP_ERRORS):
        return
