"""Staff import, reading: a clerk's .xlsx/.xls/.ods/CSV as rows of raw cells, each at its own row and column.

The file is read once, as bytes of a regular file, and checked against `bounds.Limits` before the spreadsheet
reader sees those same bytes (never the path again: a file swapped meanwhile is not read). That check also finds
what the sheet hides (rows, columns; the reader reads them all the same), and a hidden sheet is never read."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..read.sources import column_letter
from .bounds import LIMITS, Hidden, Limits, TooLarge, Unreadable, check_csv_row, load
from .workbook import check_book

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et")
CSV_SUFFIXES = (".csv", ".txt")
#: A fill-in template's own sheets: its dropdown lists (hidden) and the marker of its dataset (very hidden: A1 the tag,
#: B1 the dataset's name), never a clerk's data.
LISTS_SHEET, MARKER_SHEET, MARKER_TAG = "选项", "_dataset", "transparency-publisher-dataset"
TEMPLATE_SHEETS = (LISTS_SHEET, MARKER_SHEET)
__all__ = [
    "CSV_SUFFIXES",
    "EXCEL_SUFFIXES",
    "TEMPLATE_SHEETS",
    "Sheet",
    "TooLarge",
    "Unreadable",
    "decode",
    "hidden_cells",
    "read_sheet",
]


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[Any]]]
    """(1-based row number, cells) for every row with any content; a cell is str, int, float, date, datetime…"""
    is_csv: bool = False
    hidden_rows: frozenset[int] = frozenset()
    """1-based rows the sheet hides (by hand, zero height, filtered out), up to its last row holding a value."""
    hidden_cols: frozenset[int] = frozenset()
    """1-based columns the sheet hides (by hand, zero width), up to its last column holding a value."""
    hidden_sheets: tuple[str, ...] = ()
    """The workbook's other hidden worksheets (not read), except the fill-in template's own."""
    other_sheets: tuple[str, ...] = ()
    """The workbook's other visible worksheets, in order (an instructions sheet may come before the data)."""


def read_sheet(path: Path, sheet: str | None = None, limits: Limits = LIMITS) -> Sheet:
    suffix = path.suffix.lower()
    if path.name.startswith("~$"):
        raise Unreadable("这是 Excel/WPS 打开文件时生成的临时锁文件，请选择旁边的正式文件")
    if suffix in CSV_SUFFIXES:
        return Sheet(path.stem, _csv_rows(load(path, limits.csv_bytes), limits), is_csv=True)
    if suffix in EXCEL_SUFFIXES:
        data = load(path, limits.file_bytes)
        return _excel_sheet(data, sheet, check_book(data, limits))
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


def _excel_sheet(data: bytes, sheet: str | None, hidden: dict[str, Hidden]) -> Sheet:
    import pandas as pd  # imported here: the site build never needs it

    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="calamine")
    except BaseException as exc:  # calamine's own error types for damaged or mislabelled files, and its panics
        _reraise_interrupts(exc)
        raise Unreadable(f"无法打开表格文件（{type(exc).__name__}: {exc}）：请确认文件没有损坏、没有加密，"
                         "可用 Excel/WPS 打开后另存为 .xlsx 再试") from None
    name, others, shown = _pick_sheet(book, sheet)
    # dtype=object and no NA parsing: every cell stays the text, number or date the file holds ("0123" stays a
    # string, an empty cell is ""), and row i of the frame is row i + 1 of the sheet (calamine keeps leading rows).
    try:
        frame = pd.read_excel(book, sheet_name=name, header=None, dtype=object, keep_default_na=False, na_filter=False)
    except BaseException as exc:  # a damaged sheet: calamine's own error types and panics again
        _reraise_interrupts(exc)
        raise Unreadable(f"无法读取工作表「{name}」（{type(exc).__name__}: {exc}）："
                         "请用 Excel/WPS 打开后另存为 .xlsx 再试") from None
    rows = []
    for index, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        cells = ["" if value is None else value for value in values]
        if any(str(cell).strip() for cell in cells):
            rows.append((index, cells))
    lines = _hidden_of(hidden, [str(n) for n in book.sheet_names], name)
    return Sheet(name, rows, hidden_rows=lines.rows, hidden_cols=lines.cols, hidden_sheets=others, other_sheets=shown)


def _hidden_of(hidden: dict[str, Hidden], names: list[str], name: str) -> Hidden:
    """By name; by position when the two readers spell names differently (an Excel 95 file's GBK sheet names)."""
    if name in hidden:
        return hidden[name]
    if len(hidden) == len(names):
        return list(hidden.values())[names.index(name)]
    return Hidden()


def _reraise_interrupts(exc: BaseException) -> None:
    """Ctrl+C and exits go on; a panic inside the Rust reader (PanicException, a BaseException) is a damaged file."""
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def _pick_sheet(book: Any, sheet: str | None) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The named sheet, else the first worksheet a clerk can see; the other hidden and the other visible worksheets."""
    names = [str(n) for n in book.sheet_names]
    states = _states(book)
    if sheet is not None:
        if sheet not in names:
            raise Unreadable(f"文件中没有名为「{sheet}」的工作表；现有工作表：{'、'.join(names)}")
        _refuse_hidden(sheet, states.get(sheet, _SHOWN)[0])
        name = sheet
    else:
        visible = [n for n in names if states.get(n, _SHOWN) == _SHOWN]
        if not visible:
            raise Unreadable("文件中没有可见的工作表" + (f"（工作表「{'」「'.join(names)}」都是隐藏的）："
                             "请在 Excel/WPS 中右键工作表标签 →「取消隐藏」，核对内容后保存再导入" if names else ""))
        name = visible[0]
    others = tuple(n for n in names if n != name and n not in TEMPLATE_SHEETS
                   and states.get(n, _SHOWN) in (("hidden", True), ("veryhidden", True)))
    return name, others, tuple(n for n in names if n != name and states.get(n, _SHOWN) == _SHOWN)


_SHOWN = ("visible", True)


def _states(book: Any) -> dict[str, tuple[str, bool]]:
    """Sheet name -> ("visible", "hidden" or "veryhidden"; whether it is a worksheet, not a chart or a macro)."""
    try:
        metadata = book.book.sheets_metadata
    except AttributeError:  # pragma: no cover - an older calamine without metadata
        return {}
    return {str(m.name): (str(m.visible).lower().rpartition(".")[2], str(m.typ).lower().endswith(".worksheet"))
            for m in metadata}


def _refuse_hidden(name: str, state: str) -> None:
    if state == "hidden":
        raise Unreadable(f"工作表「{name}」是隐藏的工作表（在 Excel/WPS 中看不到它，里面可能是旧的或草稿数据），"
                         f"不能导入：请在 Excel/WPS 中右键任一工作表标签 →「取消隐藏」，选中「{name}」，"
                         "核对内容后保存再导入；不需要这个工作表时，取消隐藏后把它删除")
    if state == "veryhidden":
        raise Unreadable(f"工作表「{name}」被设为「深度隐藏」（veryHidden：在 Excel/WPS 的「取消隐藏」"
                         "列表中也看不到），不能导入：请在 Excel 中按 Alt+F11 打开 VBA 编辑器，选中这个工作表，"
                         "在属性窗口把 Visible 改为「-1 - xlSheetVisible」，核对内容后保存再导入；"
                         "或把要导入的内容放到一个可见的工作表中")


def hidden_cells(sheet: Sheet) -> list[tuple[int, int, str]]:
    """(row, column, what to do) at the first value of each hidden row, then of each hidden column, of the sheet:
    what a clerk cannot see in Excel/WPS but an import would read. Nothing to look at when nothing is hidden."""
    found: list[tuple[int, int, str]] = []
    for line, cells in sheet.rows if sheet.hidden_rows else ():
        first = next((col for col, cell in enumerate(cells, 1) if str(cell).strip()), 0)
        if line in sheet.hidden_rows and first:
            found.append((line, first, _HIDDEN_ROW))
    for col in sorted(sheet.hidden_cols):
        line = next((line for line, cells in sheet.rows if col <= len(cells) and str(cells[col - 1]).strip()), 0)
        if line:
            found.append((line, col, _HIDDEN_COL.format(letter=column_letter(col))))
    return found


_HIDDEN_ROW = ("这一行在 Excel/WPS 中是隐藏的（手动隐藏、行高为 0 或被筛选隐藏），但它有内容："
               "看不见的行可能是草稿或作废的记录，不能不经核对就导入和发布。请取消隐藏（选中上下相邻的行号，"
               "右键 →「取消隐藏」；被筛选隐藏时点「数据」→「清除筛选」）后核对：不需要的行请整行删除（右键「删除」），"
               "需要的行保持可见，保存后再导入")
_HIDDEN_COL = ("{letter} 列在 Excel/WPS 中是隐藏的（手动隐藏或列宽为 0），但它有内容：看不见的列可能是草稿或内部备注，"
               "不能不经核对就导入和发布。请取消隐藏（选中左右相邻的列标，右键 →「取消隐藏」）后核对："
               "不需要的列请整列删除（右键「删除」），需要的列保持可见，保存后再导入")
