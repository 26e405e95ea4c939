"""Privacy stage, attachments: a picture's metadata, never its pixels: EXIF (every IFD, GPS reported), XMP, PNG text
chunks, JPEG and GIF comments, WebP EXIF/XMP; the container walked chunk by chunk, data after the image refused."""

from __future__ import annotations

import struct
import warnings
import zlib
from collections.abc import Generator, Iterator
from io import BytesIO

from .base import MAX_PIXELS, MIB, Piece, Reading, worth
from .exif import exif
from .webtext import decode, page, strings

#: Text in one metadata block at most, decompressed (a zTXt bomb stops here).
MAX_TEXT = 8 * MIB

Block = tuple[str, str, bytes]
"""(place, kind: text | exif | xmp | binary, bytes)."""


def kind_of(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if data[:2] == b"BM":
        return "BMP"
    return None


def picture(data: bytes, reading: Reading, where: str) -> Iterator[Piece]:
    """The metadata of one picture as pieces; GPS coordinates and data after the image are reasons to refuse."""
    name = where or "图片"
    kind = kind_of(data)
    if kind is None or not _header(data, kind, reading, name):
        if kind is None:
            reading.refuse("refused-file", f"{name}不是 PNG、JPEG、GIF 或 WebP 图片（或已损坏），无法检查："
                                           "请用看图软件另存为 PNG 或 JPG")
        return
    walk = {"PNG": _png, "JPEG": _jpeg, "GIF": _gif, "WEBP": _webp}.get(kind)
    blocks = walk(data, reading, name) if walk else _tiff(data)
    for place, what, payload in blocks:
        if what == "text":
            text = decode(payload)
            if worth(text):
                yield 1, None, place, text
        elif what == "exif":
            yield from exif(payload, reading, name, place)
        elif what == "xmp":
            yield from page(decode(payload), f"{place}")
        else:
            yield from strings(payload, place)


def _header(data: bytes, kind: str, reading: Reading, name: str) -> bool:
    """Pillow reads the header only (size, format); a picture over MAX_PIXELS is refused before any decoding."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(BytesIO(data), formats=[kind]) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        reading.refuse("too-large", f"{name}的像素数远超 {MAX_PIXELS // 1_000_000} "
                       "百万像素的上限（可能是「解压炸弹」），不予发布：请缩小图片后另存")
        return False
    except Exception as exc:  # Pillow raises many kinds on damaged files
        if "too large" in str(exc).lower():  # Pillow's own limit on a compressed text chunk
            reading.refuse("too-large", f"{name}中的文字信息解压后过大（可能是「压缩炸弹」），不予发布："
                                        "请用看图软件另存图片")
        else:
            reading.refuse("refused-file",
                           f"{name}已损坏，无法打开（{type(exc).__name__}）：请用看图软件重新另存为 PNG 或 JPG")
        return False
    if width * height >= MAX_PIXELS:
        reading.refuse("too-large", f"{name}有 {width}×{height} 像素，超过 {MAX_PIXELS // 1_000_000} 百万像素的上限"
                       "（可能是「解压炸弹」），不予发布：请缩小图片后另存")
        return False
    return True


def _inflate(body: bytes, reading: Reading, place: str) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(body, MAX_TEXT)
    except zlib.error:
        reading.refuse("refused-file", f"{place}已损坏，无法解压：请用看图软件重新另存图片")
        return b""
    if inflater.unconsumed_tail:
        reading.stop("too-large", f"{place}解压后超过 {MAX_TEXT // MIB} MB（可能是「压缩炸弹」），不予发布")
    reading.take(len(out), place)
    return out


_PNG_PIXELS = {b"IHDR", b"PLTE", b"IDAT", b"fdAT", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"pHYs", b"sBIT", b"bKGD",
               b"hIST", b"tIME", b"acTL", b"fcTL", b"cICP", b"mDCV", b"cLLI", b"oFFs", b"sCAL", b"iDOT"}


def _png(data: bytes, reading: Reading, name: str) -> Iterator[Block]:
    pos = 8
    while pos + 8 <= len(data):
        length, chunk = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        key, _, rest = body.partition(b"\0")
        label = f"{name}的 PNG 文字信息「{key.decode('latin-1')[:40]}」"
        if chunk == b"IEND":
            break
        if chunk == b"tEXt":
            yield label, "text", rest
        elif chunk == b"zTXt":
            yield label, "text", _inflate(rest[1:], reading, label)
        elif chunk == b"iTXt" and len(rest) >= 2:
            _lang, _, rest2 = rest[2:].partition(b"\0")
            translated, _, text = rest2.partition(b"\0")
            yield label, "text", translated
            yield label, "xmp" if key == b"XML:com.adobe.xmp" else "text", (
                _inflate(text, reading, label) if rest[0] else text)
        elif chunk == b"eXIf":
            yield f"{name}的 EXIF 信息", "exif", body
        elif chunk == b"iCCP":
            yield f"{name}的颜色配置", "binary", _inflate(rest[1:], reading, label) + key
        elif chunk not in _PNG_PIXELS:
            yield f"{name}的 PNG 数据块 {chunk.decode('latin-1')}", "binary", body
    _trailing(data[pos:], reading, name)


def _trailing(rest: bytes, reading: Reading, name: str) -> None:
    """Bytes after the image's end are published with it and shown by nothing (a file or text appended there)."""
    if rest.strip(b"\0\r\n \xff"):
        reading.refuse("refused-file", f"{name}在图片结束之后还附加了 {len(rest)} 字节的其他数据（可能是另一个文件，"
                       "或「动态照片」中的视频），无法检查：请用看图软件另存为一张新的 PNG 或 JPG 图片")


def _jpeg(data: bytes, reading: Reading, name: str) -> Iterator[Block]:
    start = 0
    while True:
        end = yield from _jpeg_one(data, start, name)
        if data.startswith(b"\xff\xd8\xff", end):  # the next picture of a multi-picture file (MPF)
            reading.count(1, name)
            start = end
            continue
        _trailing(data[end:], reading, name)
        return


def _jpeg_one(data: bytes, pos: int, name: str) -> Generator[Block, None, int]:
    """The metadata segments of one JPEG from `pos`; returns where it ends (after EOI)."""
    pos += 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return len(data)  # damaged: Pillow opened it, so the rest is read as data after the image
        marker = data[pos + 1]
        if marker in (0xFF, 0x01) or 0xD0 <= marker <= 0xD8:
            pos += 1 if marker == 0xFF else 2
            continue
        if marker == 0xD9:
            return pos + 2
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        segment = data[pos + 4:pos + 2 + length]
        pos += 2 + length
        if marker == 0xDA:
            pos = _after_scan(data, pos)
        elif marker == 0xE1 and segment.startswith(b"Exif\0"):
            yield f"{name}的 EXIF 信息", "exif", segment[6:]
        elif marker == 0xE1 and segment.startswith(b"http://ns.adobe.com/"):
            yield f"{name}的 XMP 信息", "xmp", segment.partition(b"\0")[2]
        elif marker == 0xFE:
            yield f"{name}的 JPEG 注释", "text", segment
        elif 0xE0 <= marker <= 0xEF or marker not in _JPEG_TABLES:
            yield (f"{name}的 JPEG 数据段 APP{marker - 0xE0}" if marker >= 0xE0 else f"{name}的 JPEG 数据段",
                   "binary", segment)
    return len(data)


_JPEG_TABLES = {0xC4, 0xCC, 0xDB, 0xDD, 0xDC, 0xDE, 0xDF, *range(0xC0, 0xD0)}


def _after_scan(data: bytes, pos: int) -> int:
    """The position of the marker after entropy-coded data (0xFF is stuffed as FF00 there; RSTn markers inside)."""
    while True:
        at = data.find(b"\xff", pos)
        if at < 0 or at + 1 >= len(data):
            return len(data)
        following = data[at + 1]
        if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos = at + 1
            continue
        return at


def _gif(data: bytes, reading: Reading, name: str) -> Iterator[Block]:
    flags = data[10] if len(data) > 10 else 0
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:
            pos += 1
            break
        if block == 0x21 and pos + 1 < len(data):
            label = data[pos + 1]
            body, pos = _sub_blocks(data, pos + 2)
            if label == 0xFE:
                yield f"{name}的 GIF 注释", "text", body
            elif label == 0x01:
                yield f"{name}中显示的文字", "text", body[12:]
            elif label == 0xFF:
                yield (f"{name}的应用信息（{body[:11].decode('latin-1')}）",
                       "xmp" if body.startswith(b"XMP Data") else "binary", body)
        elif block == 0x2C and pos + 10 <= len(data):
            local = data[pos + 9]
            pos += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
            _body, pos = _sub_blocks(data, pos, keep=False)
        else:
            break
    _trailing(data[pos:], reading, name)


def _sub_blocks(data: bytes, pos: int, keep: bool = True) -> tuple[bytes, int]:
    out = bytearray()
    while pos < len(data) and data[pos]:
        size = data[pos]
        if keep:
            out += data[pos + 1:pos + 1 + size]
        pos += 1 + size
    return bytes(out), pos + 1


def _webp(data: bytes, reading: Reading, name: str) -> Iterator[Block]:
    end = min(8 + int.from_bytes(data[4:8], "little"), len(data))
    pos = 12
    while pos + 8 <= end:
        fourcc, size = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "little")
        body = data[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)
        if fourcc == b"EXIF":
            yield f"{name}的 EXIF 信息", "exif", body[6:] if body.startswith(b"Exif\0") else body
        elif fourcc == b"XMP ":
            yield f"{name}的 XMP 信息", "xmp", body
        elif fourcc not in (b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"):
            yield f"{name}的 WebP 数据块 {fourcc.decode('latin-1')}", "binary", body
    _trailing(data[end:], reading, name)


def _tiff(data: bytes) -> Iterator[Block]:
    """TIFF and BMP occur inside Office files only: a TIFF's tags are EXIF; a BMP holds pixels alone."""
    if data[:2] in (b"II", b"MM"):
        yield "TIFF 图片的标签", "exif", data
