"""Real spreadsheet files for the staff tests: openpyxl workbooks, a hand-built .ods, CSV as Excel saves it."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook

from generator.schema.identifiers import uscc_check_char


def uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


def xlsx(path: Path, header: list[str], rows: list[list[Any]], title: str | None = None,
         sheet: str = "Sheet1", text_columns: tuple[int, ...] = ()) -> Path:
    """A clerk's workbook: an optional merged title row above the header, then the rows as given."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
        for col in text_columns:
            ws.cell(ws.max_row, col).number_format = "@"
    book.save(path)
    return path


def xls(path: Path, header: list[str], rows: list[list[Any]], title: str | None = None,
        sheet: str = "Sheet1") -> Path:
    """A legacy Excel 97-2003 workbook (BIFF8, what WPS and old Excel save as .xls), written by xlwt: an optional
    merged title row, date cells as dates, numbers as numbers."""
    import datetime as dt

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    dated = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    first = 0
    if title:
        ws.write_merge(0, 0, 0, len(header) - 1, title)
        first = 1
    for r, row in enumerate([header, *rows], first):
        for c, value in enumerate(row):
            if value is None:
                continue
            ws.write(r, c, value, dated) if isinstance(value, dt.date) else ws.write(r, c, value)
    book.save(str(path))
    return path


def gbk_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """What Excel's 「CSV（逗号分隔）」 writes on Chinese Windows: GBK, CRLF, a trailing blank row of commas."""
    lines = [",".join(header), *(",".join(row) for row in rows), "," * (len(header) - 1)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def ods(path: Path, rows: list[list[Any]], sheet: str = "Sheet1") -> Path:
    """An OpenDocument spreadsheet written by hand (no odfpy here): strings, floats and dates as typed cells."""
    body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
    return ods_book(path, body, sheet)


def ods_book(path: Path, rows_xml: str, sheet: str = "Sheet1") -> Path:
    """A real .ods package (mimetype first and stored, manifest, content) whose one sheet holds `rows_xml`."""
    return ods_tables(path, [(sheet, rows_xml, False)])


def ods_tables(path: Path, tables: list[tuple[str, str, bool]]) -> Path:
    """A real .ods package of several sheets, each (name, rows_xml, hidden): a hidden sheet is one whose table
    style says table:display="false", as LibreOffice writes it."""
    styles = ('<office:automatic-styles><style:style style:name="ta1" style:family="table">'
              '<style:table-properties table:display="true"/></style:style><style:style style:name="ta2" '
              'style:family="table"><style:table-properties table:display="false"/></style:style>'
              "</office:automatic-styles>") if any(hidden for _n, _r, hidden in tables) else ""
    body = "".join(f'<table:table table:name="{escape(name)}"{_ods_display(tables, hidden)}>{rows_xml}</table:table>'
                   for name, rows_xml, hidden in tables)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"{styles}<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _ods_display(tables: list[tuple[str, str, bool]], hidden: bool) -> str:
    if not any(h for _n, _r, h in tables):
        return ""
    return ' table:style-name="ta2"' if hidden else ' table:style-name="ta1"'


def hiding_book(path: Path, rows: list[list[Any]], hidden_rows: Iterable[int] = (), hidden_cols: Iterable[int] = (),
                sheet: str = "Sheet1", before: tuple[tuple[str, str], ...] = ()) -> Path:
    """A clerk's workbook whose sheet `sheet` holds `rows` from A1 and hides the given rows and columns (1-based),
    written as each program writes it: openpyxl (.xlsx), xlwt (.xls) or LibreOffice's markup (.ods), by the suffix
    of `path`. `before`: sheets ahead of it, (name, "visible", "hidden" or "veryHidden"), each with one old row
    (an .ods has no very hidden sheets: it hides them)."""
    hidden_rows, hidden_cols = sorted(set(hidden_rows)), sorted(set(hidden_cols))
    make = {".xlsx": _xlsx_hiding, ".xls": _xls_hiding, ".ods": _ods_hiding}[path.suffix]
    make(path, rows, hidden_rows, hidden_cols, sheet, before)
    return path


def _xlsx_hiding(path: Path, rows: list[list[Any]], hidden_rows: list[int], hidden_cols: list[int], sheet: str,
                 before: tuple[tuple[str, str], ...]) -> None:
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    for name, state in before:
        old = book.create_sheet(name)
        old.append(["旧数据"])
        old.sheet_state = state
    ws = book.create_sheet(sheet)
    book.remove(first)
    book.active = len(before)  # the sheet Excel opens on is a visible one
    for row in rows:
        ws.append(row)
    for row in hidden_rows:
        ws.row_dimensions[row].hidden = True
    for col in hidden_cols:
        ws.column_dimensions[get_column_letter(col)].hidden = True
    book.save(path)


def _xls_hiding(path: Path, rows: list[list[Any]], hidden_rows: list[int], hidden_cols: list[int], sheet: str,
                before: tuple[tuple[str, str], ...]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, state in before:
        old = book.add_sheet(name)
        old.write(0, 0, "旧数据")
        old.visibility = {"visible": 0, "hidden": 1, "veryHidden": 2}[state]
    ws = book.add_sheet(sheet)
    book.active_sheet = len(before)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value not in (None, ""):
                ws.write(r, c, value)
    for row in hidden_rows:
        ws.row(row - 1).hidden = True
    for col in hidden_cols:
        ws.col(col - 1).hidden = True
    book.save(str(path))


def _ods_hiding(path: Path, rows: list[list[Any]], hidden_rows: list[int], hidden_cols: list[int], sheet: str,
                before: tuple[tuple[str, str], ...]) -> None:
    width = max([len(row) for row in rows] + hidden_cols + [1])
    cols = "".join('<table:table-column table:visibility="collapse"/>' if col in hidden_cols
                   else "<table:table-column/>" for col in range(1, width + 1))
    body = cols + "".join(
        ('<table:table-row table:visibility="collapse">' if line in hidden_rows else "<table:table-row>")
        + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        for line, row in enumerate(rows + [[]] * max(0, max(hidden_rows, default=0) - len(rows)), start=1))
    old = "<table:table-row>" + _ods_cell("旧数据") + "</table:table-row>"
    ods_tables(path, [*((name, old, state != "visible") for name, state in before), (sheet, body, False)])


def _ods_cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    if hasattr(value, "isoformat"):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value.isoformat()}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
