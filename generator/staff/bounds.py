"""Staff import, bounds: the source file, its size, its parts and its cells' extent checked before any reader opens it.

The spreadsheet reader (calamine) sizes its memory from what a file declares: a 5 KB .xlsx with one cell at
XFD1048576, a shared-string table declaring four billion entries or an .xls whose DIMENSIONS record says four
billion rows makes it allocate hundreds of gigabytes and abort the whole process. So the file is read here once,
as bytes, from a regular file only; its zip directory or OLE2 streams and every cell position are checked against
`Limits`; only then are the same bytes handed to the reader.
"""

from __future__ import annotations

import lzma
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..paths import kind_name
from ..read import files
from ..read.files import NotRegular, read_regular
from ..read.sources import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_ROWS, column_letter

MIB = 1024 * 1024
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: What the standard zip reader raises on a damaged or crafted archive (bad headers, data, checksums, methods).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, NotImplementedError,
              ValueError, IndexError, zlib.error, lzma.LZMAError, struct.error)


@dataclass(frozen=True)
class Limits:
    """What an imported file may hold: far above a province's sheet (tens of thousands of rows, a few dozen
    columns: a few hundred MB of memory to read), far below what exhausts a staff member's computer."""

    file_bytes: int = 128 * MIB  # a spreadsheet file as saved (zipped, or an .xls)
    unpacked_bytes: int = 512 * MIB  # all parts of a zipped spreadsheet together, unpacked
    members: int = 10_000  # parts of a zipped spreadsheet
    ratio: int = 200  # unpacked / packed size of one part; text compresses 5-30 times, a zip bomb 1000 times
    ratio_from: int = 1 * MIB  # smaller parts are not held to the ratio (a few KB of zeros compress well)
    rows: int = 200_000  # last row holding a value, in any sheet
    columns: int = 256  # last column holding a value (IV, the old Excel limit), in any sheet
    cells: int = 4_000_000  # rows x columns of the rectangle a sheet's values span (the reader allocates it)
    csv_bytes: int = MAX_FILE_BYTES  # the limits the repository's own CSV reader declares
    csv_rows: int = MAX_ROWS
    cell_chars: int = MAX_CELL_CHARS


LIMITS = Limits()


class Unreadable(Exception):
    """The file or sheet cannot be read at all; the message says why, in Chinese."""

    code = "sheet-unreadable"

    def __init__(self, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.line, self.col = line, col


class TooLarge(Unreadable):
    """The file, a part of it or a sheet's extent is over a limit: refused before it is read."""

    code = "too-large"


def cell_name(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def load(path: Path, cap: int) -> bytes:
    """The bytes of a regular file (or of the regular file a link names), at most `cap` of them.

    Never opens a pipe, a device or a socket for reading (reading /dev/zero or a FIFO would never end): the link is
    resolved, and what is opened is read only when it is a regular file (read.files.read_regular)."""
    try:
        return read_regular(Path(os.path.realpath(path)), cap)
    except files.TooLarge:
        raise TooLarge(f"文件超过 {cap:,} 字节的上限：请删除不需要的工作表、图片和空行空列后另存，"
                       "或拆分成几个文件分批导入") from None
    except NotRegular as exc:
        endless = "（读取它可能永远不会结束）" if not (stat.S_ISDIR(exc.mode) or stat.S_ISLNK(exc.mode)) else ""
        raise Unreadable(f"「{path}」是{kind_name(exc.mode)}，不是普通文件{endless}："
                         "请选择保存在磁盘上的表格文件") from None
    except FileNotFoundError:
        raise Unreadable(f"找不到文件「{path}」（或它是指向不存在文件的链接）：请检查文件名和路径") from None
    except OSError as exc:
        raise Unreadable(f"无法读取文件「{path}」（{exc.strerror or exc}）：请检查文件权限") from None


class Extent:
    """The rectangle a sheet's values span so far, from A1 (the reader keeps leading empty rows and columns)."""

    __slots__ = ("cols", "limits", "rows", "where")

    def __init__(self, where: str, limits: Limits):
        self.where, self.limits, self.rows, self.cols = where, limits, 0, 0

    def add(self, row: int, col: int, what: str = "有内容的单元格") -> None:
        if row > self.rows or col > self.cols:  # checked only when the rectangle grows: cheap per cell
            self.rows, self.cols = max(row, self.rows), max(col, self.cols)
            _refuse_extent(self, row, col, what)


@dataclass(frozen=True)
class Hidden:
    """A sheet's hidden rows and columns (1-based), within the rectangle its values span: what Excel, WPS or
    LibreOffice hide (hidden, zero height or width, filtered out) and the reader reads all the same."""

    rows: frozenset[int] = frozenset()
    cols: frozenset[int] = frozenset()


class Hiding:
    """Collects, while a sheet is scanned, which rows and columns it hides: two bitmaps up to the limits (a value
    beyond them is refused anyway), so a crafted range costs no more than the limits; nothing is kept while
    nothing is hidden."""

    __slots__ = ("cols", "limits", "rows")

    def __init__(self, limits: Limits):
        self.limits = limits
        self.rows: bytearray | None = None
        self.cols: bytearray | None = None

    def row(self, first: int, last: int, hidden: bool) -> None:
        if hidden or self.rows is not None:
            self.rows = _mark(self.rows, first, last, hidden, self.limits.rows)

    def col(self, first: int, last: int, hidden: bool) -> None:
        if hidden or self.cols is not None:
            self.cols = _mark(self.cols, first, last, hidden, self.limits.columns)

    def rows_hidden_by_default(self) -> None:
        """Rows the sheet does not list are hidden (Excel's zeroHeight, BIFF's DEFAULTROWHEIGHT fDyZero). Declared
        before the rows, once: a repeated declaration changes nothing (and costs nothing)."""
        if self.rows is None:
            self.rows = _mark(None, 1, self.limits.rows, True, self.limits.rows)

    def result(self, extent: Extent) -> Hidden:
        return Hidden(_ones(self.rows, extent.rows), _ones(self.cols, extent.cols))


def _mark(bits: bytearray | None, first: int, last: int, hidden: bool, cap: int) -> bytearray:
    bits = bytearray(cap + 1) if bits is None else bits
    first, last = max(first, 1), min(last, cap)
    if first <= last:
        bits[first : last + 1] = (b"\x01" if hidden else b"\x00") * (last - first + 1)
    return bits


def _ones(bits: bytearray | None, upto: int) -> frozenset[int]:
    if bits is None:
        return frozenset()
    out, at = [], bits.find(1, 1, upto + 1)
    while at != -1:
        out.append(at)
        at = bits.find(1, at + 1, upto + 1)
    return frozenset(out)


def _refuse_extent(extent: Extent, row: int, col: int, what: str) -> None:
    rows, cols, limits = extent.rows, extent.cols, extent.limits
    over = (f"第 {rows:,} 行，超过 {limits.rows:,} 行的上限" if rows > limits.rows else
            f"第 {cols:,} 列，超过 {limits.columns:,} 列的上限" if cols > limits.columns else
            f" {rows:,} 行 × {cols:,} 列的区域，超过 {limits.cells:,} 个单元格的上限" if rows * cols > limits.cells
            else "")
    if over:
        raise TooLarge(f"{extent.where}{cell_name(row, col)} 是{what}，使表格达到{over}（读取它需要的内存过多）："
                       "请删除多余的行和列（选中后右键「删除」，不是只清除内容）后另存，或拆分成几个文件分批导入",
                       min(row, 2**31), min(col, 2**31))


def chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> Iterator[bytes]:
    """A part's bytes in pieces, never more than it declares nor than the whole file's unpacked budget (a part
    whose declared size lies is cut off there, and then fails its checksum: refused as damaged)."""
    try:
        with archive.open(info) as member:
            while piece := member.read(MIB):
                budget[0] -= len(piece)
                if budget[0] < 0:
                    raise TooLarge(f"表格文件中的部件「{info.filename}」解压后比它声明的大小更大，超出上限："
                                   "文件已损坏或被构造过，请用 WPS/Excel 打开后另存为 .xlsx 再试")
                yield piece
    except ZIP_ERRORS as exc:
        raise Unreadable(f"表格文件中的部件「{info.filename}」已损坏，无法读取（{exc}）："
                         "请用 WPS/Excel 打开后另存为 .xlsx 再试") from None


def check_csv_row(line: int, cells: list[str], rows: int, limits: Limits) -> None:
    """A CSV row against the repository reader's own limits: the row count, and each cell's length."""
    if rows > limits.csv_rows:
        raise TooLarge(f"第 {line:,} 行：CSV 超过 {limits.csv_rows:,} 行的上限，请拆分成几个文件分批导入", line, 1)
    for col, cell in enumerate(cells, start=1):
        if len(cell) > limits.cell_chars:
            raise TooLarge(f"第 {line:,} 行第 {col} 列（{cell_name(line, col)}）有 {len(cell):,} 个字符，超过 "
                           f"{limits.cell_chars:,} 个字符的上限（常见原因：引号没有配对，后面的内容都被算进了这一格）",
                           line, col)
