"""Staff import, reading: a clerk's .xlsx/.xls/.ods/CSV as rows of raw cells, each at its own row and column.

The file is read once, as bytes of a regular file, and checked against `bounds.Limits` before the spreadsheet
reader sees those same bytes (never the path again: a file swapped meanwhile is not read)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bounds import LIMITS, Limits, TooLarge, Unreadable, check_book, check_csv_row, load

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et")
CSV_SUFFIXES = (".csv", ".txt")
__all__ = ["EXCEL_SUFFIXES", "CSV_SUFFIXES", "Sheet", "TooLarge", "Unreadable", "decode", "read_sheet"]


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[Any]]]
    """(1-based row number, cells) for every row with any content; a cell is str, int, float, date, datetime…"""
    is_csv: bool = False


def read_sheet(path: Path, sheet: str | None = None, limits: Limits = LIMITS) -> Sheet:
    suffix = path.suffix.lower()
    if path.name.startswith("~$"):
        raise Unreadable("这是 Excel/WPS 打开文件时生成的临时锁文件，请选择旁边的正式文件")
    if suffix in CSV_SUFFIXES:
        return Sheet(path.stem, _csv_rows(load(path, limits.csv_bytes), limits), is_csv=True)
    if suffix in EXCEL_SUFFIXES:
        data = load(path, limits.file_bytes)
        check_book(data, limits)
        return _excel_sheet(data, sheet)
    raise Unreadable(f"不支持的文件类型「{suffix or '无扩展名'}」：请提供 .xlsx、.xls、.ods 或 .csv 文件")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK: what Excel saves as 「CSV（逗号分隔）」)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unreadable("无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）：请在 Excel 中另存为「CSV UTF-8」或 .xlsx")


def _csv_rows(data: bytes, limits: Limits) -> list[tuple[int, list[Any]]]:
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    rows = []
    previous = 0
    for count, cells in enumerate(reader, start=1):
        start, previous = previous + 1, reader.line_num  # a quoted newline makes a row span lines
        check_csv_row(start, cells, count, limits)
        if any(cell.strip() for cell in cells):
            rows.append((start, list(cells)))
    return rows


def _excel_sheet(data: bytes, sheet: str | None) -> Sheet:
    import pandas as pd  # imported here: the site build never needs it

    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="calamine")
    except BaseException as exc:  # calamine's own error types for damaged or mislabelled files, and its panics
        _reraise_interrupts(exc)
        raise Unreadable(f"无法打开表格文件（{type(exc).__name__}: {exc}）：请确认文件没有损坏、没有加密，"
                         "可用 Excel/WPS 打开后另存为 .xlsx 再试") from None
    name = _pick_sheet(book, sheet)
    # dtype=object and no NA parsing: every cell stays the text, number or date the file holds ("0123" stays a
    # string, an empty cell is ""), and row i of the frame is row i + 1 of the sheet (calamine keeps leading rows).
    try:
        frame = pd.read_excel(book, sheet_name=name, header=None, dtype=object, keep_default_na=False, na_filter=False)
    except BaseException as exc:  # a damaged sheet: calamine's own error types and panics again
        _reraise_interrupts(exc)
        raise Unreadable(f"无法读取工作表「{name}」（{type(exc).__name__}: {exc}）：请用 Excel/WPS 打开后另存为 .xlsx 再试") from None
    rows = []
    for index, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        cells = ["" if value is None else value for value in values]
        if any(str(cell).strip() for cell in cells):
            rows.append((index, cells))
    return Sheet(str(name), rows)


def _reraise_interrupts(exc: BaseException) -> None:
    """Ctrl+C and exits go on; a panic inside the Rust reader (PanicException, a BaseException) is a damaged file."""
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def _pick_sheet(book: Any, sheet: str | None) -> str:
    names = [str(n) for n in book.sheet_names]
    if sheet is not None:
        if sheet not in names:
            raise Unreadable(f"文件中没有名为「{sheet}」的工作表；现有工作表：{'、'.join(names)}")
        return sheet
    visible = _visible_sheets(book) or names
    if not visible:
        raise Unreadable("文件中没有工作表")
    return visible[0]


def _visible_sheets(book: Any) -> list[str]:
    """Sheets a clerk can see: a template's hidden list sheet or a hidden old copy is never the default."""
    try:
        metadata = book.book.sheets_metadata
        return [m.name for m in metadata
                if str(m.visible).lower().endswith(".visible") and str(m.typ).lower().endswith(".worksheet")]
    except AttributeError:  # pragma: no cover - an older calamine without metadata
        return []
