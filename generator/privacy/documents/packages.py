"""Privacy stage, attachments: zip packages (Word, Excel, PowerPoint, OpenDocument, .zip archives): every member read,
sizes, ratios and counts checked from the directory before anything is decompressed, and each read capped."""

from __future__ import annotations

import contextlib
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO

from .base import MAX_MEMBER, MAX_RATIO, MIB, RATIO_FROM, Piece, Reading, worth
from .xmltext import elements

#: Bytes read from a member at a time when streamed (XML parts).
CHUNK = 1024 * 1024
#: What zipfile raises on a damaged or unsupported archive or member.
DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, ValueError, EOFError, IndexError, KeyError,
           RuntimeError, NotImplementedError, UnicodeDecodeError, struct.error)


def open_zip(data: bytes, reading: Reading, where: str) -> zipfile.ZipFile:
    """The archive, after its directory was checked against the limits (nothing decompressed yet)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except DAMAGED as exc:
        hint = ("这是设置了打开密码的 Office 文件，或改了扩展名的旧版文件"
                if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                else f"文件已损坏，或不是它的扩展名所说的格式（{type(exc).__name__}）")
        reading.stop("refused-file", f"{where or '文件'}无法打开：{hint}。请用 Office 或 WPS 打开后"
                     "（取消密码）另存为一个新文件再提交")
    reading.count(len(infos), where or "文件")
    declared = sum(info.file_size for info in infos)
    if declared > reading.left:
        reading.take(declared, where or "文件")  # stops, with the message for too much
    for info in infos:
        if info.file_size > MAX_MEMBER or (info.file_size > RATIO_FROM
                                            and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            reading.stop("too-large", f"{_in(where)}{info.filename} 解压后有 {info.file_size // MIB} MB，"
                         f"压缩比异常或超过 {MAX_MEMBER // MIB} MB（可能是「压缩炸弹」），不予读取和发布。"
                         "请删除其中过大的内容后重新保存")
    return archive


def _in(where: str) -> str:
    return f"{where}中的 " if where else ""


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, reading: Reading, where: str) -> bytes | None:
    """A member's bytes, never more than the limits allow whatever its directory says; None when it cannot be read
    (the reason is kept)."""
    cap = min(MAX_MEMBER, max(reading.left, 0))
    try:
        with archive.open(info) as member:
            data = member.read(cap + 1)
    except DAMAGED as exc:
        reading.refuse("refused-file", _unreadable(where, info, exc))
        return None
    reading.take(len(data), f"{_in(where)}{info.filename}")
    if len(data) > cap:
        reading.stop("too-large", f"{_in(where)}{info.filename} 超过 {cap // MIB} MB，不予读取和发布")
    return data


def chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, reading: Reading, where: str) -> Iterator[bytes]:
    """A member's bytes in chunks, counted as they come (a large XML part is never held whole)."""
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                reading.take(len(chunk), f"{_in(where)}{info.filename}")
                yield chunk
    except DAMAGED as exc:
        reading.refuse("refused-file", _unreadable(where, info, exc))


def _unreadable(where: str, info: zipfile.ZipInfo, exc: Exception) -> str:
    what = "已加密" if info.flag_bits & 0x1 else f"已损坏（{type(exc).__name__}）"
    return (f"{_in(where)}{info.filename} {what}，无法检查：不予发布。请用 Office、WPS 或压缩软件打开后"
            "（取消密码）重新保存")


def members(archive: zipfile.ZipFile) -> Iterator[tuple[zipfile.ZipInfo, str]]:
    """Each file member with its name as the archiver shows it (GBK names of Chinese Windows zips decoded)."""
    for info in archive.infolist():
        if info.filename.endswith("/"):  # a folder (an empty name is a file, read as any)
            continue
        name = info.filename
        if not info.flag_bits & 0x800:
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                name = name.encode("cp437").decode("gb18030")
        yield info, name


def names_and_comments(archive: zipfile.ZipFile, label: str) -> Iterator[Piece]:
    """What a zip carries besides its members' contents: names (a file named after a person is published in the
    archive too), the archive's and each member's comment."""
    for info, name in members(archive):
        if worth(name):
            yield 1, None, f"{label}中的文件名", name
        if info.comment:
            yield 1, None, f"{label}中 {name} 的注释", info.comment.decode("utf-8", "replace")
    if archive.comment:
        yield 1, None, f"{label}的注释", archive.comment.decode("utf-8", "replace")


# --- OOXML relationships: which part is which sheet or slide ------------------------------------------------


def relations(archive: zipfile.ZipFile, names: set[str], part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target part, type) of one part (its _rels/*.rels)."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in names:
        return {}
    found = {}
    for _name, attrib in elements(small(archive, rels), {"Relationship"}):
        target = attrib.get("Target", "")
        if attrib.get("TargetMode") == "External" or not target:
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[attrib.get("Id", "")] = (resolved, attrib.get("Type", ""))
    return found


def small(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small structural part (workbook, presentation, relationships, manifest, mimetype), read once more for its
    structure: capped at a few MB (a real one is a few KB), not counted twice against the limits; b"" when it is
    missing or cannot be read (it is read again as a part, and refused there)."""
    try:
        with archive.open(name) as member:
            return member.read(8 * MIB)
    except DAMAGED:
        return b""


def office_labels(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Part -> how staff know it: 「工作表「名单」」 for each sheet, 「第 3 张幻灯片」 for each slide and its notes."""
    labels: dict[str, str] = {}
    root = relations(archive, names, "")
    main = next((target for target, kind in root.values() if kind.endswith("/officeDocument")), "")
    if main not in names:
        main = next((n for n in ("xl/workbook.xml", "ppt/presentation.xml", "word/document.xml") if n in names), "")
    if not main:
        return labels
    rels = relations(archive, names, main)
    slide = 0
    for name, attrib in elements(small(archive, main), {"sheet", "sldId"}):
        target = rels.get(attrib.get("id", ""), ("", ""))[0]
        if not target:
            continue
        if name == "sheet":
            labels[target] = f"工作表「{attrib.get('name', '')}」"
        else:
            slide += 1
            labels[target] = f"第 {slide} 张幻灯片"
            for notes, kind in relations(archive, names, target).values():
                if kind.endswith("/notesSlide"):
                    labels[notes] = f"第 {slide} 张幻灯片的备注"
    return labels
