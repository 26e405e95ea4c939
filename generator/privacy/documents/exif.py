"""Privacy stage, attachments: the EXIF block of a picture (JPEG, PNG, WebP, TIFF) parsed by Pillow: every tag of
every IFD with text in it (Windows' UTF-16 tags and UserComment decoded), and GPS coordinates reported."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Piece, Reading, worth
from .webtext import decode, strings

#: EXIF tags whose bytes are UTF-16 text (Windows' 标题、备注、作者、标记、主题).
_XP = {0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F}
_USER_COMMENT = 0x9286
_MAKER_NOTE = 0x927C


def exif(raw: bytes, reading: Reading, name: str, place: str) -> Iterator[Piece]:
    """Every tag of every IFD (main, Exif, GPS, Interop, thumbnail) with text in it; GPS coordinates refused."""
    from PIL import ExifTags, Image

    block = Image.Exif()
    try:
        block.load(raw)
        ifds = [("", dict(block))]
        for ifd in (ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo, ExifTags.IFD.Interop, ExifTags.IFD.IFD1):
            ifds.append((ifd.name, dict(block.get_ifd(ifd))))
    except Exception:  # a damaged EXIF block is still read for the text in it
        yield from strings(raw, place)
        return
    for ifd_name, tags in ifds:
        if ifd_name == "GPSInfo" and _located(tags):
            reading.refuse("location-data", f"{name}中含有拍摄地点（GPS 坐标）：照片发布后，"
                           "任何人都能看到它是在哪里拍的（常常是家里或学校）。请删除位置信息后另存：Windows 中右键图片 "
                           "→「属性」→「详细信息」→「删除属性和个人信息」；或截图后使用截图。"
                           "今后拍照前可关闭相机的位置信息")
        for tag, value in tags.items():
            text = _tag_text(tag, value)
            if text is not None and worth(text):
                tag_name = (ExifTags.GPSTAGS if ifd_name == "GPSInfo" else ExifTags.TAGS).get(tag, f"{tag:#06x}")
                yield 1, None, f"{place}（{tag_name}）", text
            elif isinstance(value, bytes) and tag not in _XP and tag != _USER_COMMENT:
                yield from strings(value, f"{place}（{tag:#06x}）")


def _located(tags: dict[int, object]) -> bool:
    def nonzero(value: object) -> bool:
        try:
            return any(float(part) != 0 for part in value)  # type: ignore[attr-defined]
        except (TypeError, ValueError, ZeroDivisionError):
            return bool(value)
    return any(nonzero(tags[key]) for key in (2, 4) if key in tags)


def _tag_text(tag: int, value: object) -> str | None:
    if isinstance(value, tuple) and value and all(isinstance(v, int) and 0 <= v < 256 for v in value):
        value = bytes(value)
    if isinstance(value, str):
        return value.strip("\0")
    if not isinstance(value, bytes):
        return None
    if tag in _XP:
        return value.decode("utf-16-le", "replace").strip("\0")
    if tag == _USER_COMMENT:
        head, body = value[:8], value[8:]
        if head.startswith(b"UNICODE"):
            encoding = "utf-16-be" if body[:1] == b"\0" else "utf-16-le"
            return body.decode(encoding, "replace").strip("\0")
        return (decode(body) if head.startswith((b"ASCII", b"\0")) else body.decode("shift_jis", "replace")).strip("\0")
    if tag == _MAKER_NOTE:
        return None
    try:
        return value.decode("utf-8").strip("\0")
    except UnicodeDecodeError:
        return None
