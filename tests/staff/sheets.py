"""Real spreadsheet files for the staff tests: openpyxl workbooks, a hand-built .ods, CSV as Excel saves it."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook

from generator.rules.identifiers import uscc_check_char


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
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{rows_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _ods_cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    if hasattr(value, "isoformat"):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value.isoformat()}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
