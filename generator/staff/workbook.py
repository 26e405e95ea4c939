"""Staff import, the first gate over a workbook: its parts and sheets within bounds before any reader sees it
(xlsx/ods through xmlparts.py, legacy .xls through biff.py), and each sheet's hidden rows and columns."""

from __future__ import annotations

import io
import zipfile

from . import biff, xmlparts
from .bounds import CFB_MAGIC, LIMITS, ZIP_ERRORS, Hidden, Limits, TooLarge, Unreadable


def check_book(data: bytes, limits: Limits = LIMITS) -> dict[str, Hidden]:
    """Refuse, before any reader sees it, a workbook whose parts or sheets are over `limits`; else each sheet's
    hidden rows and columns, found in the same pass (sheet name -> Hidden, in the workbook's order)."""
    try:
        is_zip = zipfile.is_zipfile(io.BytesIO(data))
    except ZIP_ERRORS:
        is_zip = False
    if not is_zip and not data.startswith(CFB_MAGIC):
        raise Unreadable("文件内容不是 Excel、WPS 或 ODS 表格（可能只是改了扩展名，或是网页另存的 .xls）："
                         "请用 WPS/Excel 打开后另存为 .xlsx 再导入")
    found = [biff.check(data, limits)] if data.startswith(CFB_MAGIC) else []
    if is_zip:  # both, for a file that is both (the reader may take it either way)
        with _archive(data) as archive:
            _check_directory(archive, limits)
            found.append(xmlparts.check(archive, limits))
    return _union(found)


def _union(books: list[dict[str, Hidden]]) -> dict[str, Hidden]:
    out: dict[str, Hidden] = {}
    for book in books:
        for name, hidden in book.items():
            seen = out.get(name, Hidden())
            out[name] = Hidden(seen.rows | hidden.rows, seen.cols | hidden.cols)
    return out


def _archive(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise Unreadable(f"表格文件已损坏，无法打开（{exc}）：请用 WPS/Excel 打开后另存为 .xlsx 再试") from None


def _check_directory(archive: zipfile.ZipFile, limits: Limits) -> None:
    """The zip directory: how many parts, how large unpacked, how strongly compressed (a zip bomb)."""
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise TooLarge(f"表格文件由 {len(infos):,} 个部件组成，超过 {limits.members:,} 个的上限："
                       "文件可能已损坏或被构造过，请用 WPS/Excel 打开后另存为 .xlsx 再试")
    total = sum(info.file_size for info in infos)
    if total > limits.unpacked_bytes:
        raise TooLarge(f"表格文件解压后有 {total:,} 字节，超过 {limits.unpacked_bytes:,} 字节的上限："
                       "请删除不需要的工作表、图片和空行空列后另存，或拆分成几个文件分批导入")
    for info in infos:
        if info.file_size > limits.ratio_from and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise TooLarge(f"表格文件中的部件「{info.filename}」"
                           f"压缩了 {info.file_size // max(info.compress_size, 1):,} 倍"
                           f"（{info.compress_size:,} 字节解压成 {info.file_size:,} 字节），超过 {limits.ratio} "
                           "倍的上限：这不像正常的表格（可能是「压缩炸弹」），请用 WPS/Excel 打开后另存为 .xlsx 再试")
        if info.flag_bits & 0x1:
            raise Unreadable("表格文件已加密（设置了打开密码）：请在 WPS/Excel 中取消密码后另存，再导入")
    if any(info.filename.lower() == "xl/workbook.bin" for info in infos):
        raise Unreadable("这是 Excel 二进制工作簿（.xlsb），导入前无法检查其中单元格的范围："
                         "请在 Excel 中另存为 .xlsx 再导入")
