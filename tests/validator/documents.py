"""Real attachment files for the privacy tests, made in memory: Word, Excel, PowerPoint and OpenDocument packages
(zipfile, openpyxl), PDFs (fpdf2, pypdf), pictures (Pillow) and zips, each with a text put into a chosen part; and
what validate reports about one such file."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from generator.problems import Problem
from generator.validate import validate

ID = "11010519491231002X"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check_digit(first17: str) -> str:
    """A GB 11643 number: 17 digits and their check character."""
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


id_numbers = st.builds(lambda region, born, seq: with_check_digit(f"{region}{born:%Y%m%d}{seq:03d}"),
                       st.integers(110000, 659999), st.dates(date(1930, 1, 1), date(2015, 12, 31)),
                       st.integers(0, 999))
mobiles = st.builds(lambda second, rest: f"1{second}{rest:09d}", st.integers(3, 9), st.integers(0, 10**9 - 1))
#: A personal number of either kind; `code_of` says what the validator calls it.
personal = st.one_of(st.just(ID), id_numbers, mobiles)


def code_of(number: str) -> str:
    return "personal-id-number" if len(number) == 18 else "phone-number"


PERSONAL = {"personal-id-number", "phone-number"}

Slot = Callable[[str, st.DataObject], tuple[bytes, str, "tuple[int, int] | None"]]
"""Where a number goes in one kind of file: (number, data) -> (the file's bytes, the place named in the message,
(line, column) of the finding when the place has one)."""


def problems_of(root: Path, rel: str, content: bytes) -> list[Problem]:
    """What validate reports about `rel` holding `content` (the file is removed again; nothing else is reported)."""
    path = root / rel
    path.write_bytes(content)
    try:
        problems = validate(root).problems
    finally:
        path.unlink()
    others = [p for p in problems if p.path != rel]
    assert others == [], others
    return problems


def assert_found(problems: list[Problem], number: str, place: str, at: tuple[int, int] | None = None) -> None:
    """The number is reported (and no refusal: the file is read whole), in a message naming `place`. A piece of the
    number may be reported too (the 11 digits before an ID's X look like a mobile wherever they stand)."""
    codes = {p.code for p in problems}
    assert code_of(number) in codes and codes <= PERSONAL, [(p.code, p.message) for p in problems]
    assert any(place in p.message for p in problems), [p.message for p in problems]
    assert all(number not in p.message for p in problems)  # masked
    if at is not None:
        assert at in {(p.line, p.col) for p in problems}, [(p.line, p.col, p.message) for p in problems]


def assert_found_in(root: Path, rel: str, slot: Slot, data: st.DataObject) -> None:
    """A personal number put where `slot` says, in a file `rel`, is found there (assert_found)."""
    number = data.draw(personal)
    content, place, at = slot(number, data)
    assert_found(problems_of(root, rel, content), number, place, at)


def fixed(build: Callable[[str], bytes], place: str) -> Slot:
    """A slot whose file depends on the number only."""
    return lambda number, _data: (build(number), place, None)


def cuts(number: str, pieces: int, data: st.DataObject) -> list[str]:
    """`number` cut into `pieces` non-empty runs at places hypothesis chooses."""
    at = sorted(data.draw(st.sets(st.integers(1, len(number) - 1), min_size=pieces - 1, max_size=pieces - 1)))
    return [number[a:b] for a, b in zip([0, *at], [*at, len(number)], strict=True)]


def zipped(parts: dict[str, str | bytes], first: str | None = None, comment: bytes = b"") -> bytes:
    """A zip (or a package) of `parts`; `first` stored first and uncompressed (an OpenDocument's mimetype)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first), parts[first], zipfile.ZIP_STORED)
        for name, content in parts.items():
            if name != first:
                archive.writestr(name, content)
        archive.comment = comment
    return out.getvalue()


def rezip(data: bytes, changes: dict[str, str | bytes]) -> bytes:
    """A package with some parts replaced or added."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts: dict[str, str | bytes] = {name: archive.read(name) for name in archive.namelist()}
    parts.update(changes)
    return zipped(parts)


# --- Word ---------------------------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
          '+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')


def _rels(*targets: tuple[str, str, str]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/{kind}" Target="{target}"/>' for i, kind, target in targets)
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'


def runs(*texts: str) -> str:
    return "".join(f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>' for t in texts)


def para(*texts: str) -> str:
    return f"<w:p>{runs(*texts)}</w:p>"


def docx(body: str, parts: dict[str, str | bytes] | None = None) -> bytes:
    """A Word file: `body` is the XML inside <w:body>; `parts` more parts by name."""
    return zipped({"[Content_Types].xml": _TYPES, "_rels/.rels": _rels(("rId1", "officeDocument", "word/document.xml")),
                   "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {R} {V}>'
                                        f"<w:body>{body}</w:body></w:document>", **(parts or {})})


def core(**fields: str) -> str:
    body = "".join(f"<dc:{k}>{v}</dc:{k}>" for k, v in fields.items())
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/">{body}</cp:coreProperties>')


# --- Excel ----------------------------------------------------------------------------------------------------


def xlsx(rows: dict[tuple[int, int], object] | None = None, title: str = "名单", edit=None) -> bytes:
    """An Excel file by openpyxl: `rows` (row, column) -> value; `edit(book, sheet)` for anything else."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for (row, col), value in (rows or {}).items():
        sheet.cell(row=row, column=col, value=value)
    if edit is not None:
        edit(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_xml(cells: str) -> str:
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{cells}</sheetData></worksheet>")


# --- PowerPoint -----------------------------------------------------------------------------------------------

P = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def slide(*paragraphs: list[str]) -> str:
    body = "".join("<a:p>" + "".join(f"<a:r><a:t>{t}</a:t></a:r>" for t in runs_) + "</a:p>" for runs_ in paragraphs)
    return f"<p:sld {P}><p:cSld><p:spTree><p:sp><p:txBody>{body}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"


def pptx(slides: list[str], parts: dict[str, str | bytes] | None = None) -> bytes:
    """A PowerPoint file whose slides are shown in the order given (their part names run backwards, as after
    reordering slides, so that the slide number comes from the presentation, not from the file name)."""
    count = len(slides)
    ids = "".join(f'<p:sldId id="{256 + i}" r:id="rId{i + 1}"/>' for i in range(count))
    rels = [(f"rId{i + 1}", "slide", f"slides/slide{count - i}.xml") for i in range(count)]
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": _TYPES, "_rels/.rels": _rels(("rId1", "officeDocument", "ppt/presentation.xml")),
        "ppt/presentation.xml": f"<p:presentation {P} {R}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>",
        "ppt/_rels/presentation.xml.rels": _rels(*rels)}
    for i, xml in enumerate(slides):
        files[f"ppt/slides/slide{count - i}.xml"] = xml
    return zipped({**files, **(parts or {})})


# --- OpenDocument ---------------------------------------------------------------------------------------------

ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
       'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"')
MIMETYPES = {".odt": "application/vnd.oasis.opendocument.text",
             ".ods": "application/vnd.oasis.opendocument.spreadsheet",
             ".odp": "application/vnd.oasis.opendocument.presentation"}


def odf(suffix: str, body: str, styles: str = "", meta: str = "", parts: dict[str, str | bytes] | None = None) -> bytes:
    kind = {".odt": "text", ".ods": "spreadsheet", ".odp": "presentation"}[suffix]
    return zipped({
        "mimetype": MIMETYPES[suffix],
        "content.xml": f"<office:document-content {ODF}><office:body><office:{kind}>{body}</office:{kind}>"
                       "</office:body></office:document-content>",
        "styles.xml": f"<office:document-styles {ODF}><office:master-styles>{styles}</office:master-styles>"
                      "</office:document-styles>",
        "meta.xml": f"<office:document-meta {ODF}><office:meta>{meta}</office:meta></office:document-meta>",
        "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest'
                                 ':1.0"/>', **(parts or {})}, first="mimetype")


# --- PDF and pictures -------------------------------------------------------------------------------------------


def pdf_pages(*texts: str) -> bytes:
    """A PDF with one page of (ASCII) text per string, by fpdf2."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=11)
    for text in texts:
        doc.add_page()
        if text:
            doc.cell(text=text)
    return bytes(doc.output())


def png(chunks: list[tuple[bytes, bytes]] = (), after: list[tuple[bytes, bytes]] = (),  # type: ignore[assignment]
        declared: int = 4) -> bytes:
    """A real 4×4 PNG with extra chunks before the image data (`chunks`) and after it (`after`); its header may
    declare another size (`declared` pixels square: a decompression bomb's header)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    size = 4
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", declared, declared, 8, 0, 0, 0, 0))
    pixels = chunk(b"IDAT", zlib.compress(b"".join(b"\0" + bytes(size) for _ in range(size))))
    return (b"\x89PNG\r\n\x1a\n" + header + b"".join(chunk(k, b) for k, b in chunks) + pixels
            + b"".join(chunk(k, b) for k, b in after) + chunk(b"IEND", b""))


def picture(fmt: str, **save: object) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, fmt, **save)
    return out.getvalue()


def rich_attachments() -> dict[str, bytes]:
    """One file of each allowed binary type, with many kinds of parts (so damage reaches every reader)."""
    book = xlsx({(1, 1): "名单", (2, 2): 3.5, (3, 1): "=A1&\"x\""},
                    edit=lambda b, s: setattr(s.oddHeader.center, "text", "页"))
    return {
        "content/附件.docx": docx(para("通知", "正文") + "<w:tbl><w:tr><w:tc>" + para("格")
                                  + "</w:tc></w:tr></w:tbl>", {
            "word/header1.xml": '<w:hdr xmlns:w="urn:w"><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>',
            "docProps/core.xml": core(creator="科室"), "word/afchunk.mht": "Content-Type: text/html\n\n<p>块</p>",
            "word/media/image1.png": png([(b"tEXt", b"k\0v")]), "word/embeddings/Book.xlsx": book}),
        "content/附件.xlsx": book,
        "content/附件.pptx": pptx([slide(["标题"], ["内容", "续"]), slide(["二"])]),
        "content/附件.odt": odf(".odt", "<text:p>正文<text:span>一</text:span></text:p>", styles="<style:footer>"
                                "<text:p>页脚</text:p></style:footer>", meta="<dc:creator>科室</dc:creator>"),
        "content/附件.ods": odf(".ods", '<table:table table:name="表"><table:table-row table:number-rows-repeated="3">'
                                '<table:table-cell table:number-columns-repeated="2"><text:p>1</text:p>'
                                "</table:table-cell></table:table-row></table:table>"),
        "content/附件.odp": odf(".odp", '<draw:page><draw:frame><draw:text-box><text:p>页</text:p></draw:text-box>'
                                "</draw:frame></draw:page>"),
        "content/附件.pdf": pdf_pages("Notice", "Second page"),
        "content/附件.png": png([(b"tEXt", b"Comment\0x"), (b"zTXt", b"k\0\0" + zlib.compress(b"text"))]),
        "content/附件.jpg": picture("JPEG", comment=b"c"),
        "content/附件.gif": picture("GIF", comment=b"c"),
        "content/附件.webp": picture("WEBP"),
        "content/附件.zip": zipped({"a.txt": "x", "b/c.html": "<p>y</p>", "d.xlsx": book}),
    }
