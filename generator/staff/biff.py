"""Staff import, bounds of legacy workbooks (.xls, .et): the OLE2 container and each sheet's BIFF8 cell records.

The reader reserves memory from a sheet's DIMENSIONS record (32 bits of rows: four billion) and spans the cells it
finds, so both are checked: the container is walked sector by sector (every chain bounded by the file's own
sector count, so a looping chain ends), then the workbook stream record by record.
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterator

from .bounds import Extent, Hidden, Hiding, Limits, TooLarge, Unreadable

END_OF_CHAIN = 0xFFFFFFFE
FREE = 0xFFFFFFFF
STREAM = 2
#: Cell records whose first two fields are row and column (0-based): NUMBER, LABELSST, RK, FORMULA, BOOLERR,
#: LABEL, RSTRING. BLANK and MULBLANK (formatting only) carry no value: the reader skips them, so do we.
CELLS = {0x0203, 0x00FD, 0x027E, 0x0006, 0x0205, 0x0204, 0x00D6}
MULRK, DIMENSIONS, BOUNDSHEET, SST, EOF = 0x00BD, 0x0200, 0x0085, 0x00FC, 0x000A
#: What hides rows and columns: ROW (fDyZero: hidden by hand or by a filter), COLINFO (fHidden, or no width),
#: DEFAULTROWHEIGHT (fDyZero: rows without a ROW record are hidden).
ROW, COLINFO, DEFAULTROWHEIGHT = 0x0208, 0x007D, 0x0225
DAMAGED = "文件已损坏或被构造过，请用 WPS/Excel 打开后另存为 .xlsx 再试"


def check(data: bytes, limits: Limits) -> dict[str, Hidden]:
    """Refuse what is over `limits`; else each sheet's hidden rows and columns (name -> Hidden, in order)."""
    return _records(_workbook(data), limits)


class _Container:
    """An OLE2 compound file: its sector size, allocation table and directory (all bounded by the file's size)."""

    def __init__(self, data: bytes):
        if len(data) < 512:
            raise Unreadable(f"表格文件不完整（只有 {len(data)} 字节）：{DAMAGED}")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise Unreadable(f"表格文件的结构无法识别：{DAMAGED}")
        self.size = 1 << shift
        self.sectors = (len(data) - self.size) // self.size  # whole sectors after the header's own
        fat_count, self.dir_start, _sig, self.cutoff, self.minifat_start, minifat_count, difat_start, difat_count = (
            struct.unpack_from("<IIIIIIII", data, 0x2C))
        if max(fat_count, minifat_count, difat_count) > self.sectors:
            raise Unreadable(f"表格文件声明的分配表比文件本身还大：{DAMAGED}")
        self.fat = self._fat(fat_count, difat_start, difat_count)

    def sector(self, number: int) -> bytes:
        if number >= self.sectors:
            raise Unreadable(f"表格文件引用了不存在的扇区 {number}：{DAMAGED}")
        start = (number + 1) * self.size
        return self.data[start : start + self.size]

    def _fat(self, count: int, difat_start: int, difat_count: int) -> list[int]:
        listed = list(struct.unpack_from("<109I", self.data, 0x4C))
        sector, seen = difat_start, 0
        while sector not in (END_OF_CHAIN, FREE) and seen < difat_count:
            words = struct.unpack(f"<{self.size // 4}I", self.sector(sector))
            listed += words[:-1]
            sector, seen = words[-1], seen + 1
        fat: list[int] = []
        for number in listed[:count]:
            fat += struct.unpack(f"<{self.size // 4}I", self.sector(number))
        return fat

    def chain(self, start: int, fat: list[int], read, limit: int) -> bytes:
        """A stream's sectors in order; a chain longer than `limit` sectors loops or lies, and is refused."""
        out, sector, steps = [], start, 0
        while sector != END_OF_CHAIN:
            if sector >= len(fat) or steps > limit:
                raise Unreadable(f"表格文件的扇区链断开或循环：{DAMAGED}")
            out.append(read(sector))
            sector, steps = fat[sector], steps + 1
        return b"".join(out)

    def stream(self, start: int, size: int, root: tuple[int, int]) -> bytes:
        if size > len(self.data):
            raise Unreadable(f"表格文件中一个数据流声明了 {size:,} 字节，比文件本身还大：{DAMAGED}")
        if size >= self.cutoff:
            return self.chain(start, self.fat, self.sector, self.sectors)[:size]
        mini = self.chain(root[0], self.fat, self.sector, self.sectors)[: root[1]]
        minifat_bytes = self.chain(self.minifat_start, self.fat, self.sector, self.sectors)
        minifat = list(struct.unpack(f"<{len(minifat_bytes) // 4}I", minifat_bytes))
        count = len(mini) // 64
        return self.chain(start, minifat, lambda n: mini[n * 64 : n * 64 + 64] if n < count else _short(n),
                          count)[:size]


def _short(number: int) -> bytes:
    raise Unreadable(f"表格文件引用了不存在的小扇区 {number}：{DAMAGED}")


def _workbook(data: bytes) -> bytes:
    """The BIFF stream (named Workbook, or Book in Excel 5 files)."""
    box = _Container(data)
    directory = box.chain(box.dir_start, box.fat, box.sector, box.sectors)
    root = (END_OF_CHAIN, 0)
    found: dict[str, tuple[int, int]] = {}
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
        kind = entry[66]
        start, size = struct.unpack_from("<IQ", entry, 116)
        size = size if box.size == 4096 else size & 0xFFFFFFFF  # version 3 files: the high half is not a size
        if offset == 0:
            root = (start, size)
        elif kind == STREAM:
            if size > len(data):
                raise Unreadable(f"表格文件中的数据流「{name}」声明了 {size:,} 字节，比文件本身还大：{DAMAGED}")
            found.setdefault(name.lower(), (start, size))
    for wanted in ("workbook", "book"):
        if wanted in found:
            return box.stream(*found[wanted], root)
    raise Unreadable("文件中没有 Excel 工作簿数据（可能是 Word 等其他文件改了扩展名，或是加密的 .xlsx）："
                     "请用 WPS/Excel 打开后另存为 .xlsx 再导入")


def _walk(stream: bytes, pos: int) -> Iterator[tuple[int, int, bytes]]:
    """(position, type, body) of each whole record from `pos` on, as the reader reads them."""
    end = len(stream)
    while pos + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, pos)
        if pos + 4 + size > end:
            return  # a cut record: the reader stops with an error there too
        yield pos, kind, stream[pos + 4 : pos + 4 + size]
        pos += 4 + size


def _records(stream: bytes, limits: Limits) -> dict[str, Hidden]:
    """What the reader reads: the globals up to their EOF (sheet positions, shared strings), then each sheet from
    the position its BOUNDSHEET record gives up to its own EOF: DIMENSIONS and every cell holding a value (and, on
    the way, the records that hide rows and columns)."""
    sheets: list[tuple[int, str]] = []
    for _pos, kind, body in _walk(stream, 0):
        if kind == BOUNDSHEET and len(body) >= 8:
            sheets.append((struct.unpack_from("<I", body)[0], _sheet_name(body[6:])))
        elif kind == SST and len(body) >= 8:
            unique = struct.unpack_from("<i", body, 4)[0]
            if not 0 <= unique <= limits.cells:
                raise TooLarge(f"表格文件的共享字符串表声明了 {unique:,} 项，超过 {limits.cells:,} 项的上限"
                               f"（读取时会按它预留内存）：{DAMAGED}")
        elif kind == EOF:
            break
    starts = sorted({pos for pos, _name in sheets})
    if len(starts) < len(sheets):
        raise Unreadable(f"表格文件中有几个工作表指向同一段数据（同一段数据会被读取多次）：{DAMAGED}")
    found: dict[str, Hidden] = {}
    for pos, name in sheets:
        sheet, hiding = Extent(f"工作表「{name}」", limits), Hiding(limits)
        after = bisect.bisect_right(starts, pos)
        stop = starts[after] if after < len(starts) else len(stream)  # a sheet ends where the next one begins
        for at, kind, body in _walk(stream, pos):
            if at >= stop:
                raise Unreadable(f"表格文件中的工作表「{name}」延伸进了下一个工作表（同一段数据会被读取多次）："
                                 f"{DAMAGED}")
            if kind == EOF:
                break
            _record(sheet, kind, body, limits)
            if kind in (ROW, COLINFO, DEFAULTROWHEIGHT):
                _hiding(hiding, kind, body)
        found.setdefault(name, hiding.result(sheet))
    return found


def _record(sheet: Extent, kind: int, body: bytes, limits: Limits) -> None:
    if kind in CELLS and len(body) >= 4:
        row, col = struct.unpack_from("<HH", body)
        sheet.add(row + 1, col + 1)
    elif kind == MULRK and len(body) >= 6:
        row, first = struct.unpack_from("<HH", body)
        last = max(struct.unpack_from("<H", body, len(body) - 2)[0], first + (len(body) - 6) // 6 - 1)
        sheet.add(row + 1, last + 1)
    elif kind == DIMENSIONS and len(body) in (10, 14):
        first_row, rows, first_col, cols = struct.unpack_from("<IIHH" if len(body) == 14 else "<HHHH", body)
        Extent(sheet.where, limits).add(max(rows, 1), max(cols, 1), "声明的表格范围（DIMENSIONS）的右下角")
        if rows and cols and ((rows - first_row) % 2**32) * ((cols - first_col) % 2**32) > limits.cells:
            raise Unreadable(f"{sheet.where}声明的表格范围（DIMENSIONS）起点在终点之后：{DAMAGED}")


def _hiding(hiding: Hiding, kind: int, body: bytes) -> None:
    if kind == ROW and len(body) >= 16:
        row, options = struct.unpack_from("<H", body)[0], struct.unpack_from("<H", body, 12)[0]
        hiding.row(row + 1, row + 1, bool(options & 0x20))
    elif kind == COLINFO and len(body) >= 10:
        first, last, width, _xf, options = struct.unpack_from("<HHHHH", body)
        hiding.col(first + 1, last + 1, bool(options & 0x01) or width == 0)
    elif kind == DEFAULTROWHEIGHT and len(body) >= 2 and struct.unpack_from("<H", body)[0] & 0x02:
        hiding.rows_hidden_by_default()


def _sheet_name(raw: bytes) -> str:
    if len(raw) < 2:
        return "?"
    count, wide = raw[0], raw[1] & 1
    text = raw[2 : 2 + count * (2 if wide else 1)]
    return text.decode("utf-16-le" if wide else "latin-1", "replace")
