"""A code at the door: each institution page's QR code, and an A4 poster (PDF) for white-listed institutions.

The QR code holds the page's permanent address (site.base_url + institutions/<id>/): scanning a poster opens
the live page, so a poster cannot outlast a change of list. Both are deterministic (same inputs, same bytes).

Posters are made for 白名单 institutions only: the bureau hands them out for display at premises that may
train children; a black-listed or unlisted institution has nothing to display (its page still shows its code).
Speed: Noto Sans CJK is cut once per build to the characters all posters use and turned into TrueType outlines
so each poster costs a few hundredths of a second instead of half a second of font parsing and subsetting.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

import segno

from ...lazy import load
from ...memo import code_stamp, on_disk
from ...render.pdffont import FONT_FILE
from ...render.pdffont import font_bytes as _font_bytes
from ...render.templates import ENV
from .liststate import WHITE

POSTER_NAME = "poster.pdf"
"""The poster's file name, next to the institution's page (institutions/<id>/poster.pdf)."""
POSTER_LIMIT = 100
"""Posters are built with the site while the white list has at most this many institutions (a county has tens;
each poster costs about 0.05 s, and the as-of date changes every build, so 100 posters add about 5 s). Above it the
build makes none and staff print them on demand: `python -m generator posters --out DIR [ID ...]`."""

_PAGE_TEXT = ("校外培训机构名单公示 白名单经审核可以开展校外培训 统一社会信用代码 办学许可证号 培训类别 培训地址 "
              "列入白名单日期 名单状态截至 注意该机构有件行政处罚正在公示 扫码查看本机构最新状态名单如有变动以网站为准 "
              "监督举报电话 本页网址 无未登记（）：，。、·-/.:"
              "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def page_address(base_url: str, inst: Any) -> str:
    """The permanent absolute address of an institution's page."""
    return base_url.rstrip("/") + "/" + inst.url


def has_poster(inst: Any, view: Any) -> bool:
    """The site offers this institution's poster: white-listed, the white list small enough for posters to be built
    with the site, and the machine has the font to print it with (Debian's fonts-noto-cjk)."""
    return bool(inst.state.listed == WHITE) and in_build(view) and _font_installed()


#: Up to this many institutions each page carries its QR code as inline SVG (about 1.5 ms each to make); above it
#: (a city's or a province's site) the page names its address and the browser draws the code with the vendored
#: qrcode-generator, so a build of 20,000 institutions does not spend half a minute on codes.
QR_INLINE_LIMIT = 2000


def qr_inline(view: Any) -> bool:
    return len(view.institutions) <= QR_INLINE_LIMIT


def in_build(view: Any) -> bool:
    return bool(view.list_counts.get(WHITE, 0) <= POSTER_LIMIT)  # asked per page: counted once per build


@lru_cache(maxsize=1)
def _font_installed() -> bool:
    return FONT_FILE.is_file()


@lru_cache(maxsize=4096)
def _qr(text: str) -> segno.QRCode:
    # A fixed mask: the standard lets the encoder choose any of the eight, and scoring all eight is four fifths
    # of the cost (about 4 ms a code); every code still decodes (tests read them back with zxing).
    return segno.make(text, error="m", micro=False, mask=0)


def qr_svg(address: str) -> str:
    """Inline SVG of the QR code of `address` (crisp at any zoom; same bytes every build)."""
    svg = _qr(address).svg_inline(scale=4, border=4, svgclass="tp-qr-code", lineclass=None, dark="#000",
                                  light="#fff")
    return svg.replace("<svg ", '<svg role="img" aria-label="本页网址的二维码" ', 1)


def _poster_lines(inst: Any, today: date) -> list[tuple[str, str]]:
    r, s = inst.record, inst.state
    return [("统一社会信用代码", r.uscc or "无（未登记）"), ("办学许可证号", r.school_license_no or "无"),
            ("培训类别", inst.category), ("培训地址", r.address or ""),
            ("列入白名单日期", str(s.listed_since) if s.listed_since else ""), ("名单状态截至", str(today))]


#: The QR code ends above the two lines under it and the footer; it shrinks to no less than _QR_MIN mm (still read
#: by a phone from a hand's length) when the lines above it are long.
_QR_BOTTOM, _QR_MIN = 252.0, 36.0
#: At most this many lines of penalties on a poster (the rest are counted): the QR code must stay on the page.
_PENALTY_LINES = 3


def _penalty_lines(inst: Any) -> list[str]:
    """The penalties under publicity today, as the institution's page lists them beside its verdict: a poster at
    the door must not look cleaner than the page its code opens."""
    lines = [f"{d.record.decision_no}（{d.record.decision_date} 作出）：{'、'.join(d.record.penalty_types)}"
             for d in inst.penalties]
    if len(lines) > _PENALTY_LINES:
        return [*lines[:_PENALTY_LINES - 1], f"另有 {len(lines) - _PENALTY_LINES + 1} 件，扫码查看"]
    return lines


class Sheet(NamedTuple):
    """Everything a poster draws, and nothing else: the drawing reads only this, so it is also the poster's key in
    the cache of PDFs (memo.on_disk)."""

    title: str  # the document's title (its metadata)
    bureau: str
    phone: str
    site_title: str
    today: date
    name: str
    penalties: int
    penalty_lines: tuple[str, ...]
    lines: tuple[tuple[str, str], ...]
    address: str


def sheet(inst: Any, site: Any, today: date) -> Sheet:
    """What the poster of `inst` shows as of `today`."""
    return Sheet(f"{inst.record.name}：白名单公示", site.bureau.name, site.bureau.phone, site.site.title, today,
                 inst.record.name, len(inst.penalties), tuple(_penalty_lines(inst)), tuple(_poster_lines(inst, today)),
                 page_address(site.site.base_url, inst))


def poster_pdf(inst: Any, site: Any, today: date, font: Path) -> bytes:
    """One A4 page: name, verdict as of `today`, credit code, licence, QR code of the page, the bureau's phone.
    Kept on disk by the sheet, the font's bytes, the libraries that draw it and the generator's code: the next
    build of the same day (the preview after each save, a test run's builds) reads it instead of drawing it."""
    return kept_poster(sheet(inst, site, today), font)


def kept_poster(drawn: Sheet, font: Path) -> bytes:
    """draw(drawn, font), from the cache of PDFs when it was drawn before."""
    cut = font.read_bytes()
    key = repr((drawn, hashlib.sha256(cut).hexdigest(), len(cut), code_stamp(),
                [version(lib) for lib in ("fpdf2", "fonttools", "segno")]))
    return on_disk("pdfs", key, lambda: draw(drawn, font))


def draw(drawn: Sheet, font: Path) -> bytes:
    """The poster's PDF: drawn from the sheet alone, in `font` (the cut of the build)."""
    FPDF = load("fpdf").FPDF  # imported from a thread of its own (see generator/lazy.py)
    TTFFont = load("fpdf.fonts").TTFFont

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(datetime(drawn.today.year, drawn.today.month, drawn.today.day, tzinfo=UTC))
    pdf.set_title(drawn.title)
    pdf.set_author(drawn.bureau)
    pdf.set_creator(drawn.site_title)
    pdf.set_producer("fpdf2")
    pdf.set_auto_page_break(False)
    pdf.add_font("noto", fname=str(font))
    for loaded in pdf.fonts.values():  # bounding boxes are right in the build's font: copy glyphs, do not redo them
        if isinstance(loaded, TTFFont):  # the only font added (no built-in PDF font is used)
            loaded.ttfont.recalcBBoxes = False
    pdf.add_page()
    width = pdf.w - 40

    pdf.set_xy(20, 18)
    pdf.set_font("noto", size=12)
    pdf.set_text_color(60, 60, 60)
    pdf.cell(width, 7, f"{drawn.bureau} · 校外培训机构名单公示", align="C")
    pdf.set_xy(20, 30)
    pdf.set_text_color(0, 0, 0)
    name = drawn.name
    size = 26 if len(name) <= 16 else 20 if len(name) <= 32 else 16  # a long name in two lines at most
    pdf.set_font("noto", size=size)
    pdf.multi_cell(width, size * 0.46, name, align="C")

    y = pdf.get_y() + 4
    pdf.set_fill_color(230, 244, 234)
    pdf.set_draw_color(46, 125, 50)
    pdf.set_line_width(1.2)
    pdf.rect(20, y, width, 20, style="DF")
    pdf.set_xy(20, y + 3)
    pdf.set_text_color(11, 83, 35)
    pdf.set_font("noto", size=22)
    pdf.cell(width, 14, "白名单：经审核可以开展校外培训", align="C")

    pdf.set_text_color(0, 0, 0)
    y += 27
    y = _draw_penalties(pdf, drawn.penalties, list(drawn.penalty_lines), y, width)
    for label, value in drawn.lines:
        pdf.set_xy(20, y)
        pdf.set_font("noto", size=12)
        pdf.set_text_color(70, 70, 70)
        pdf.cell(40, 8, label)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("noto", size=13)
        pdf.set_xy(60, y)
        pdf.multi_cell(width - 40, 8, value)
        y = max(y + 9, pdf.get_y() + 1)

    top = max(y + 6, 150.0)
    side = max(_QR_MIN, min(80.0, _QR_BOTTOM - top))  # a long notice shrinks the code, never pushes it off the page
    top = min(top, _QR_BOTTOM - side)
    _draw_qr(pdf, drawn.address, (pdf.w - side) / 2, top, side)
    pdf.set_xy(20, top + side + 3)
    pdf.set_font("noto", size=14)
    pdf.cell(width, 8, "扫码查看本机构最新状态：名单如有变动，以网站为准", align="C")
    pdf.set_xy(20, top + side + 12)
    pdf.set_font("noto", size=10)
    pdf.cell(width, 6, f"本页网址：{drawn.address}", align="C")

    pdf.set_xy(20, 272)
    pdf.set_font("noto", size=12)
    pdf.cell(width, 7, f"{drawn.bureau}  监督举报电话：{drawn.phone}", align="C")
    return bytes(pdf.output())


def _draw_penalties(pdf: Any, count: int, lines: list[str], y: float, width: float) -> float:
    """A framed notice of the penalties under publicity, under the verdict; returns where the next line starts."""
    if not count:
        return y
    pdf.set_draw_color(183, 28, 28)
    pdf.set_line_width(0.8)
    pdf.set_xy(24, y + 2)
    pdf.set_text_color(183, 28, 28)
    pdf.set_font("noto", size=14)
    pdf.cell(width - 8, 8, f"注意：该机构有 {count} 件行政处罚正在公示")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("noto", size=11)
    bottom = y + 11
    for line in lines:
        pdf.set_xy(24, bottom)
        pdf.multi_cell(width - 8, 6, line)
        bottom = pdf.get_y() + 1
    pdf.rect(20, y, width, bottom - y + 1)
    return bottom + 6


def _draw_qr(pdf: Any, address: str, x: float, y: float, side: float) -> None:
    """The code as filled rectangles (one per run of dark modules), with its quiet zone."""
    rows = [list(row) for row in _qr(address).matrix_iter(scale=1, border=4)]
    module = side / len(rows)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, side, side, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(x + start * module, y + r * module, (c - start) * module, module * 1.02, style="F")
            else:
                c += 1


def posters(view: Any, font_dir: Path, ids: Iterable[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """(institutions/<id>/poster.pdf, PDF bytes) of every white-listed institution (or those of `ids`), in id
    order."""
    wanted = set(ids) if ids is not None else None
    chosen = sorted((i for i in view.institutions if i.state.listed == WHITE and _font_installed()
                     and (wanted is None or i.record.id in wanted)), key=lambda i: i.record.id)
    if not chosen:
        return
    site = view.site
    texts = [_PAGE_TEXT, site.bureau.name, site.bureau.phone, site.site.base_url, site.site.title, "公示"]
    for inst in chosen:
        texts.append(inst.record.name + inst.url)
        texts.extend(v for _, v in _poster_lines(inst, view.today))
        texts.extend(_penalty_lines(inst))
    font = font_dir / "poster-font.ttf"
    font.write_bytes(_font_bytes(texts))
    try:
        for inst in chosen:
            yield inst.url + POSTER_NAME, poster_pdf(inst, site, view.today, font)
    finally:
        font.unlink(missing_ok=True)


def write_posters(site_dir: Path, view: Any, work: Path) -> int:
    """Write every poster into the built site (none above POSTER_LIMIT); returns how many."""
    if not in_build(view):
        return 0
    count = 0
    for rel, data in posters(view, work):
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        count += 1
    return count


# What records/_qr.html.j2 (the institution page's QR code and poster link) calls.
ENV.filters["qr_svg"] = qr_svg
ENV.globals.update(has_poster=has_poster, qr_inline=qr_inline, page_address=page_address)
