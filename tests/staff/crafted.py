"""Crafted spreadsheets for the bounds tests: real .xlsx/.ods zips written part by part, real .xls written by xlwt
and patched record by record, so a file can declare or hold what no honest program writes."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from staff.sheets import ods_book

from generator.read.sources import column_letter

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/sharedStrings.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
       "</Types>")
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook '
         'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
         '<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
              'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" '
              'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
              'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
              'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
              'Target="sharedStrings.xml"/></Relationships>')
_SST = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="{count}" uniqueCount="{unique}"><si><t>共享</t></si></sst>')


def xlsx_cells(path: Path, cells: dict[tuple[int, int], str], dimension: str | None = None, sheet: str = "Sheet1",
               unique: int = 1, extra: str = "", method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A workbook whose one sheet holds `cells` ((row, col) -> text, as inline strings) where they are, and
    declares `dimension` and a shared-string table of `unique` entries; `extra` is appended to sheetData."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for (row, col), text in sorted(cells.items()):
        rows.setdefault(row, []).append((col, text))
    body = "".join(f'<row r="{row}">' + "".join(
        f'<c r="{column_letter(col)}{row}" t="inlineStr"><is><t>{escape(text)}</t></is></c>' for col, text in items)
        + "</row>" for row, items in sorted(rows.items()))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    part = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{dim}<sheetData>{body}{extra}</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _BOOK.format(name=escape(sheet)))
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", part)
        archive.writestr("xl/sharedStrings.xml", _SST.format(count=unique, unique=unique))
    return path


def xlsx_part(path: Path, inner: str, sheet: str = "Sheet1") -> Path:
    """A workbook whose one sheet's part is `<worksheet>inner</worksheet>`: any sheetFormatPr, cols and rows."""
    part = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{inner}</worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _BOOK.format(name=escape(sheet)))
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", part)
        archive.writestr("xl/sharedStrings.xml", _SST.format(count=1, unique=1))
    return path


def ods_rows(path: Path, rows: list[tuple[int, list[tuple[int, str | None]]]], sheet: str = "Sheet1") -> Path:
    """An OpenDocument sheet of rows, each (rows-repeated, [(columns-repeated, text or None for empty)])."""
    def cell(repeat: int, text: str | None) -> str:
        attr = f' table:number-columns-repeated="{repeat}"' if repeat != 1 else ""
        if text is None:
            return f"<table:table-cell{attr}/>"
        return f'<table:table-cell{attr} office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>'

    body = "".join((f'<table:table-row table:number-rows-repeated="{repeat}">' if repeat != 1 else "<table:table-row>")
                   + "".join(cell(n, text) for n, text in cells) + "</table:table-row>" for repeat, cells in rows)
    return ods_book(path, body, sheet)


def xls_cells(path: Path, cells: dict[tuple[int, int], str], sheet: str = "Sheet1") -> Path:
    """A real Excel 97 workbook (xlwt) holding `cells` ((0-based row, col) -> text, within BIFF8's 65536 x 256)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    for (row, col), text in cells.items():
        ws.write(row, col, text)
    book.save(str(path))
    return path


def biff_records(data: bytes) -> list[tuple[int, int, int]]:
    """(file offset, type, size) of each record of the workbook stream, which xlwt writes in one piece from the
    first sector (offset 512): enough to patch a record in place."""
    assert data[512:516] == b"\x09\x08\x10\x00", "xlwt puts the workbook stream first"
    out, pos = [], 512
    while pos + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, pos)
        out.append((pos, kind, size))
        pos += 4 + size
        if kind == 0x000A and data[pos : pos + 2] != b"\x09\x08":
            break  # an EOF not followed by the next sheet's BOF closes the last sheet
    return out


def patch_dimensions(path: Path, last_row: int, last_col: int) -> Path:
    """Make every sheet's DIMENSIONS record declare rows up to `last_row` and columns up to `last_col` (1-based)."""
    data = bytearray(path.read_bytes())
    for pos, kind, _size in biff_records(bytes(data)):
        if kind == 0x0200:
            struct.pack_into("<IIHH", data, pos + 4, 0, last_row, 0, last_col)
    path.write_bytes(bytes(data))
    return path


def patch_label(path: Path, row: int, col: int) -> Path:
    """Move the last string cell (LABELSST) to 0-based (row, col): any u16 position, beyond BIFF8's 256 columns too."""
    data = bytearray(path.read_bytes())
    pos = [p for p, kind, _s in biff_records(bytes(data)) if kind == 0x00FD][-1]
    struct.pack_into("<HH", data, pos + 4, row, col)
    path.write_bytes(bytes(data))
    return path


def patch_record(path: Path, kind: int, offset: int, fmt: str, *values: int, index: int = -1) -> Path:
    """Overwrite fields of the `index`-th record of type `kind` (struct format `fmt` at `offset` in its body)."""
    data = bytearray(path.read_bytes())
    pos = [p for p, k, _s in biff_records(bytes(data)) if k == kind][index]
    struct.pack_into(fmt, data, pos + 4 + offset, *values)
    path.write_bytes(bytes(data))
    return path
