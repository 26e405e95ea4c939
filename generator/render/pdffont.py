"""Render stage: the Chinese font the site's PDFs are printed in (the institutions' posters, the 政府信息公开
application form), cut to the characters a document uses.

Noto Sans CJK (Debian's fonts-noto-cjk) is cut to those characters and turned into TrueType outlines: fpdf2 then
embeds a small font and measures its glyphs quickly; the same characters give the same bytes. Cutting reads the
whole 20 MB collection (about a second), so a cut is kept on disk by what it depends on and reused by the next build:
the daily rebuild, and every build of a test run, cut the same characters.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..lazy import load
from ..memo import on_disk

#: Noto Sans CJK (Debian's fonts-noto-cjk): the collection's Simplified Chinese face.
FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_INDEX = 2  # JP, KR, SC, TC, HK


@lru_cache(maxsize=1)
def font_installed() -> bool:
    return FONT_FILE.is_file()


def font_bytes(texts: Iterable[str], spaces: bool = False) -> bytes:
    """Noto Sans CJK SC cut to the characters of `texts` (fontTools is what fpdf2 itself subsets with). `spaces`:
    keep the space glyphs too (a form drawing spaces between its words; without them a space prints as a box).
    Kept on disk (memo.on_disk) by the font file (path, size, time), fontTools' version, this module's code and the
    characters, so any change to what the bytes depend on cuts anew; a damaged file is cut again."""
    fontTools = load("fontTools")  # imported from a thread of its own (see generator/lazy.py)

    unicodes = sorted({ord(c) for t in texts for c in t if spaces or not c.isspace()})
    try:
        stat = FONT_FILE.stat()
    except OSError:
        return _cut(unicodes)  # no font: fails as it says, and nothing is kept
    key = repr((str(FONT_FILE), FONT_INDEX, stat.st_size, stat.st_mtime_ns, fontTools.version,
                hashlib.sha256(_own_code()).hexdigest(), unicodes))
    return on_disk("fonts", key, lambda: _cut(unicodes))


@lru_cache(maxsize=1)
def _own_code() -> bytes:
    """This module's source, read once a process: part of every cut's cache key."""
    return Path(__file__).read_bytes()


def _cut(unicodes: list[int]) -> bytes:
    subset = load("fontTools.subset")
    TTFont = load("fontTools.ttLib").TTFont

    font = TTFont(str(FONT_FILE), fontNumber=FONT_INDEX, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    _to_truetype(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _to_truetype(font: Any) -> None:
    """CFF outlines to TrueType ones (fontTools' otf2ttf recipe): fpdf2 measures every glyph of the font once per
    poster, which costs ten times less for TrueType outlines than for CFF charstrings."""
    Cu2QuPen = load("fontTools.pens.cu2quPen").Cu2QuPen
    TTGlyphPen = load("fontTools.pens.ttGlyphPen").TTGlyphPen
    newTable = load("fontTools.ttLib").newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), glyf
    maxp = newTable("maxp")
    maxp.tableVersion, maxp.maxZones = 0x00010000, 1
    for key in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, key, 0)
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\0\1\0\0"
