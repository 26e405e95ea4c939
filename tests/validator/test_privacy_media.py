"""PDFs, pictures and zips under content/ are read whole (issue 17): page text, metadata, annotations, form fields,
bookmarks, attached files and earlier saved versions of a PDF; every metadata block of a picture (GPS refused);
every member of a zip. Only the allowed types are published, and every reading is bounded."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.documents import (
    ID,
    PERSONAL,
    Slot,
    assert_found_in,
    code_of,
    docx,
    fixed,
    odf,
    para,
    pdf_pages,
    personal,
    picture,
    png,
    problems_of,
    rezip,
    xlsx,
    zipped,
)
from validator.helpers import copy_lean, found

from generator.privacy.attachments import ALLOWED, MAX_BYTES
from generator.read.files import ACTIVE_SUFFIXES
from generator.validate import validate

EXAMPLES = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample's data/ and one page (helpers.copy_lean): what is checked here is one attachment, which only the
    privacy gate reads."""
    yield copy_lean(tmp_path_factory.mktemp("media") / "repo")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private lean copy (data/ and one page) for the tests that add attachments of their own."""
    return copy_lean(tmp_path / "repo")


# --- PDF ------------------------------------------------------------------------------------------------------


def _written(edit: Callable[..., None], pages: int = 1) -> bytes:
    """A PDF with text pages (fpdf2), changed by `edit(writer)` (pypdf)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf_pages(*[f"Page {i}" for i in range(1, pages + 1)])))
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _metadata_stream(writer: object, number: str) -> None:
    from pypdf.generic import DecodedStreamObject, NameObject

    xmp = DecodedStreamObject()
    xmp.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="r"><rdf:Description dc:creator="{number}" '
                 'xmlns:dc="d"/></rdf:RDF></x:xmpmeta>'.encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)  # type: ignore[attr-defined]


def _field(writer: object, number: str) -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    widget = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("联系电话"),
        NameObject("/V"): TextStringObject(number), NameObject("/TU"): TextStringObject("填写电话"),
        NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(20)])})
    ref = writer._add_object(widget)  # type: ignore[attr-defined]
    writer.pages[0][NameObject("/Annots")] = ArrayObject([ref])  # type: ignore[attr-defined]
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(  # type: ignore[attr-defined]
        {NameObject("/Fields"): ArrayObject([ref])})


def _annotation(writer: object, number: str) -> None:
    from pypdf.annotations import Text

    writer.add_annotation(0, Text(text=f"请联系 {number}", rect=(0, 0, 20, 20)))  # type: ignore[attr-defined]


def _link(writer: object, number: str) -> None:
    from pypdf.annotations import Link

    writer.add_annotation(0, Link(rect=(0, 0, 20, 20), url=f"tel:{number}"))  # type: ignore[attr-defined]


def _script(writer: object, number: str) -> None:
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    script = DecodedStreamObject()
    script.set_data(f"var tel = '{number}';".encode())
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({  # type: ignore[attr-defined]
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): writer._add_object(script)})  # type: ignore[attr-defined]


def _page_text(number: str, data: st.DataObject) -> tuple[bytes, str, tuple[int, int] | None]:
    count = data.draw(st.integers(1, 4))
    at = data.draw(st.integers(1, count))
    texts = [f"Contact {number}" if i == at else f"Page {i}" for i in range(1, count + 1)]
    return pdf_pages(*texts), f"第 {at} 页", (at, 9)


def _pdf(edit: Callable[[object, str], None], place: str) -> Slot:
    return fixed(lambda number: _written(lambda writer: edit(writer, number)), place)


def _earlier(number: str, data: st.DataObject) -> tuple[bytes, str, None]:
    """The number typed, saved, then replaced by an incremental save: the first version is still in the file."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter(io.BytesIO(pdf_pages(f"Contact {number}")), incremental=True)
    blank = DecodedStreamObject()
    blank.set_data(b"BT /F1 12 Tf 72 720 Td (Contact removed) Tj ET")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(blank)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), "早先保存的第 1 个版本", None


PDF: dict[str, Slot] = {
    "page text": _page_text,
    "document info": _pdf(lambda w, n: w.add_metadata({"/Author": n}), "文档属性（/Author）"),  # type: ignore[attr-defined]
    "custom info key": _pdf(lambda w, n: w.add_metadata({"/联系人": f"电话 {n}"}), "文档属性"),  # type: ignore[attr-defined]
    "xmp metadata": _pdf(_metadata_stream, "XMP 元数据"),
    "annotation": _pdf(_annotation, "第 1 页的批注"),
    "link": _pdf(_link, "第 1 页的批注、表单或链接（/URI）"),
    "form field value": _pdf(_field, "/V"),
    "bookmark": _pdf(lambda w, n: w.add_outline_item(title=f"联系人 {n}", page_number=0), "书签"),  # type: ignore[attr-defined]
    "page label": _pdf(lambda w, n: w.set_page_label(0, 0, style="/D", prefix=n), "页码标签"),  # type: ignore[attr-defined]
    "script": _pdf(_script, "打开时的动作"),
    "attached text file": _pdf(lambda w, n: w.add_attachment("名单.txt", f"姓名\n{n}\n".encode()),  # type: ignore[attr-defined]
                               "附件 名单.txt：第 2 行"),
    "attached workbook": _pdf(lambda w, n: w.add_attachment("名单.xlsx", xlsx({(3, 3): n})),  # type: ignore[attr-defined]
                              "附件 名单.xlsx：工作表「名单」C3 单元格"),
    "earlier saved version": _earlier,
}


def test_a_scanned_pdf_is_a_warning_but_its_metadata_is_still_read(root: Path) -> None:
    (root / "content/扫描件.pdf").write_bytes(pdf_pages(""))
    assert found(root) == [("content/扫描件.pdf", 1, 1, "unchecked-file")]
    (root / "content/扫描件.pdf").write_bytes(_written(lambda w: w.add_metadata({"/Author": "13912345678"}), pages=0))
    assert sorted(code for *_, code in found(root)) == ["phone-number", "unchecked-file"]


def test_an_attached_file_of_a_type_not_allowed_is_refused(root: Path) -> None:
    (root / "content/公告.pdf").write_bytes(_written(lambda w: w.add_attachment("工具.exe", b"MZ\x90\x00")))
    [problem] = validate(root).problems
    assert (problem.code, problem.severity) == ("unsupported-file", "error") and "工具.exe" in problem.message


# --- pictures ----------------------------------------------------------------------------------------------------


def _exif(tag: int, value: object, ifd: int | None = None) -> bytes:
    from PIL import Image

    exif = Image.Exif()
    if ifd is None:
        exif[tag] = value
    else:
        exif.get_ifd(ifd)[tag] = value
    return exif.tobytes()


def _xmp(number: str) -> bytes:
    return (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="r"><rdf:Description xmlns:dc="d">'
            f"<dc:creator>{number}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>").encode()


PICTURES: dict[str, tuple[str, Callable[[str], bytes], str]] = {  # (suffix, picture of a number, place)
    "png text chunk": (".png", lambda n: png([(b"tEXt", b"Comment\0" + n.encode())]), "PNG 文字信息「Comment」"),
    "png compressed text": (".png", lambda n: png([(b"zTXt", b"Author\0\0" + zlib.compress(n.encode()))]), "Author"),
    "png international text after the pixels": (
        ".png", lambda n: png(after=[(b"iTXt", b"Title\0\0\0zh\0\xe6\xa0\x87\xe9\xa2\x98\0" + n.encode())]), "Title"),
    "png exif": (".png", lambda n: png([(b"eXIf", _exif(0x010E, n))]), "EXIF 信息（ImageDescription）"),
    "png private chunk": (".png", lambda n: png([(b"prVt", n.encode())]), "PNG 数据块 prVt"),
    "jpeg description": (".jpg", lambda n: picture("JPEG", exif=_exif(0x010E, n)), "ImageDescription"),
    "jpeg artist": (".jpeg", lambda n: picture("JPEG", exif=_exif(0x013B, n)), "Artist"),
    "jpeg copyright": (".jpg", lambda n: picture("JPEG", exif=_exif(0x8298, n)), "Copyright"),
    "jpeg windows author": (".jpg", lambda n: picture("JPEG", exif=_exif(0x9C9D, f"作者{n}".encode("utf-16-le"))),
                            "XPAuthor"),
    "jpeg user comment": (".jpg", lambda n: picture("JPEG", exif=_exif(0x9286, b"ASCII\0\0\0" + n.encode(), 0x8769)),
                          "UserComment"),
    "jpeg unicode user comment": (".jpg", lambda n: picture(
        "JPEG", exif=_exif(0x9286, b"UNICODE\0" + f"电话{n}".encode("utf-16-le"), 0x8769)), "UserComment"),
    "jpeg comment": (".jpg", lambda n: picture("JPEG", comment=n.encode()), "JPEG 注释"),
    "jpeg xmp": (".jpg", lambda n: picture("JPEG", xmp=_xmp(n)), "XMP 信息"),
    "gif comment": (".gif", lambda n: picture("GIF", comment=n.encode()), "GIF 注释"),
    "webp exif": (".webp", lambda n: picture("WEBP", exif=_exif(0x013B, n)), "Artist"),
    "webp xmp": (".webp", lambda n: picture("WEBP", xmp=_xmp(n)), "XMP 信息"),
}


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP", "PNG"])
def test_a_photo_with_its_location_is_refused_and_staff_told_how_to_remove_it(root: Path, fmt: str) -> None:
    from PIL import Image

    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})
    (root / "content/现场照片.jpg").write_bytes(picture(fmt, exif=exif.tobytes()))
    [problem] = validate(root).problems
    assert (problem.path, problem.code, problem.severity) == ("content/现场照片.jpg", "location-data", "error")
    assert "删除属性和个人信息" in problem.message
    exif.get_ifd(0x8825).update({2: (0.0, 0.0, 0.0), 4: (0.0, 0.0, 0.0)})  # a GPS block without a place is fine
    (root / "content/现场照片.jpg").write_bytes(picture(fmt, exif=exif.tobytes()))
    assert found(root) == []


def test_data_appended_after_a_picture_is_refused(root: Path) -> None:
    (root / "content/图.png").write_bytes(png() + b"appended secret text")
    (root / "content/图.jpg").write_bytes(picture("JPEG") + docx(para("x")))
    assert [(path, code) for path, _l, _c, code in found(root)] == [("content/图.jpg", "refused-file"),
                                                                   ("content/图.png", "refused-file")]


# --- zip ---------------------------------------------------------------------------------------------------------


ZIP: dict[str, tuple[Callable[[str], bytes], str]] = {  # (zip of a number, place)
    "text member": (lambda n: zipped({"说明/联系人.txt": f"第一行\n电话 {n}\n"}),
                    "压缩包中的 说明/联系人.txt：第 2 行"),
    "csv member": (lambda n: zipped({"表.csv": f"姓名,证件\n某,{n}\n"}), "表.csv：第 2 行"),
    "saved web page": (lambda n: zipped({"网页/index.html": f"<p>电话 <b>{n[:6]}</b>{n[6:]}</p>"}), "index.html"),
    "member name": (lambda n: zipped({f"名单-{n}.txt": "无"}), "压缩包中的文件名"),
    "nested workbook": (lambda n: zipped({"附件/名单.xlsx": xlsx({(2, 2): n})}), "名单.xlsx：工作表「名单」B2 单元格"),
    "nested zip": (lambda n: zipped({"inner.zip": zipped({"a.md": f"# 联系\n\n{n}\n"})}), "inner.zip：压缩包中的 a.md"),
    "archive comment": (lambda n: zipped({"a.txt": "x"}, comment=n.encode()), "压缩包的注释"),
    "picture metadata": (lambda n: zipped({"照片.png": png([(b"tEXt", b"Author\0" + n.encode())])}), "照片.png"),
}


#: Every slot of a PDF, a picture or a zip, by the file it is put in.
SLOTS: dict[tuple[str, str], Slot] = {
    **{("content/公告.pdf", name): slot for name, slot in PDF.items()},
    **{(f"content/照片{suffix}", name): fixed(build, place) for name, (suffix, build, place) in PICTURES.items()},
    **{("content/附件.zip", name): fixed(build, place) for name, (build, place) in ZIP.items()},
}


@pytest.mark.parametrize(("rel", "slot"), SLOTS)
@EXAMPLES
@given(data=st.data())
def test_a_number_anywhere_in_a_pdf_a_picture_or_a_zip_is_found(shared: Path, rel: str, slot: str,
                                                                data: st.DataObject) -> None:
    assert_found_in(shared, rel, SLOTS[rel, slot], data)


def test_chinese_member_names_of_a_windows_zip_are_read_as_named(root: Path) -> None:
    name = f"名单-{ID}.txt".encode("gbk")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("x" * len(name)), "无")
    (root / "content/附件.zip").write_bytes(out.getvalue().replace(b"x" * len(name), name))  # GBK, no UTF-8 flag
    [problem] = validate(root).problems
    assert problem.code == "personal-id-number" and "名单-" not in problem.message  # the name is masked ...
    assert problem.message.startswith("压缩包中的文件名：")  # ... and read as the archiver shows it


def test_a_member_of_a_type_not_allowed_is_refused_naming_it(root: Path) -> None:
    (root / "content/附件.zip").write_bytes(zipped({"a.txt": "x", "setup.exe": b"MZ", "旧表.xls": b"\xd0\xcf"}))
    problems = validate(root).problems
    assert {(p.path, p.code) for p in problems} == {("content/附件.zip", "unsupported-file")}
    assert "setup.exe" in " ".join(p.message for p in problems) and "旧表.xls" in " ".join(p.message for p in problems)


# --- the allow-list ------------------------------------------------------------------------------------------------

_NAMED = [".doc", ".xls", ".ppt", ".wps", ".et", ".rar", ".7z", ".exe", ".ttf", ".xlsm", ".docm", ".markdown", ".rtf",
          ".bmp", ".tif", ".heic", ".ofd", ".mp4", ".css", ""]


@pytest.mark.parametrize("suffix", _NAMED)
def test_a_type_not_on_the_allow_list_is_refused_saying_what_is_allowed(root: Path, suffix: str) -> None:
    (root / f"content/附件{suffix}").write_bytes(b"anything")
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (f"content/附件{suffix}", 1, 1,
                                                                       "unsupported-file")
    assert ".pdf" in problem.message and ".xlsx" in problem.message and ".zip" in problem.message


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6).map(lambda s: "." + s))
def test_any_other_suffix_is_refused(shared: Path, suffix: str) -> None:
    if suffix in ALLOWED or suffix in ACTIVE_SUFFIXES:
        return
    problems = problems_of(shared, f"content/文件{suffix}", b"text or not")
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 1, "unsupported-file")]


def test_every_allowed_type_is_published_when_clean(root: Path) -> None:
    clean = {".md": b"# x\n", ".txt": b"x\n", ".csv": b"a,b\n1,2\n", ".tsv": b"a\tb\n", ".json": b"{}",
             ".yml": b"a: 1\n", ".yaml": b"a: 1\n", ".svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>',
             ".pdf": pdf_pages("Notice"), ".docx": docx(para("通知")), ".xlsx": xlsx({(1, 1): "表"}), ".png": png(),
             ".jpg": picture("JPEG"), ".jpeg": picture("JPEG"), ".gif": picture("GIF"), ".webp": picture("WEBP"),
             ".zip": zipped({"a.txt": "x", "b.html": "<p>x</p>"})}
    for suffix, content in clean.items():
        (root / f"content/附件{suffix}").write_bytes(content)
    (root / "content/.gitkeep").write_bytes(b"")  # never published: not judged by type
    assert found(root) == []
    assert set(clean) | {".pptx", ".odt", ".ods", ".odp"} == set(ALLOWED)


def test_macros_and_embedded_objects_are_refused_naming_the_part(root: Path) -> None:
    base = xlsx({(1, 1): "表"})
    (root / "content/宏.xlsx").write_bytes(rezip(base, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}))
    (root / "content/对象.docx").write_bytes(docx(para("x"), {"word/embeddings/oleObject1.bin":
                                                               b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)}))
    problems = {p.path: p for p in validate(root).problems}
    assert {path: p.code for path, p in problems.items()} == {"content/宏.xlsx": "refused-file",
                                                              "content/对象.docx": "refused-file"}
    macro, embedded = problems["content/宏.xlsx"].message, problems["content/对象.docx"].message
    assert "xl/vbaProject.bin" in macro and "不含宏" in macro
    assert "oleObject1.bin" in embedded and "删除该嵌入对象" in embedded


def test_a_password_protected_opendocument_file_is_refused_saying_how_to_remove_the_password(root: Path) -> None:
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="content.xml">'
                '<manifest:encryption-data manifest:checksum="x"/></manifest:file-entry>'
                "</manifest:manifest>")
    (root / "content/加密.odt").write_bytes(odf(".odt", "", parts={"META-INF/manifest.xml": manifest}))
    assert [(p.path, p.line, p.col, p.code, p.message) for p in validate(root).problems] == [
        ("content/加密.odt", 1, 1, "refused-file", "文件设置了打开密码，无法检查：请在 WPS 或 LibreOffice "
                                                   "中取消密码后另存再提交")]


# --- bounded work: each hostile file ends quickly with a located refusal -----------------------------------------


def _bomb_member(name: str, size: int, base: bytes | None = None) -> bytes:
    """A zip (or the package `base`) with a member of `size` zero bytes: about a thousandth of that compressed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if base is not None:
            with zipfile.ZipFile(io.BytesIO(base)) as source:
                for other in source.namelist():
                    if other != name:
                        archive.writestr(other, source.read(other))
        with archive.open(name, "w") as member:
            for _ in range(size // (1 << 20)):
                member.write(bytes(1 << 20))
    return out.getvalue()


def _nested(levels: int) -> bytes:
    data = b"x"
    for level in range(levels):
        data = zipped({f"{level}-{i}.zip" if level else f"{i}.txt": data for i in range(16)})
    return data


def _lying(data: bytes) -> bytes:
    """A zip whose directory says its member is small while the member inflates to much more."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.infolist()[0]
    small = struct.pack("<I", 1000)
    patched = bytearray(data)
    central = data.rfind(b"PK\x01\x02")
    patched[central + 24:central + 28] = small  # uncompressed size in the central directory
    patched[info.header_offset + 22:info.header_offset + 26] = small  # and in the local header
    return bytes(patched)


def _laughs(root_tag: str) -> str:
    """XML whose entity expands to 10**9 "lol"s (billion laughs)."""
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE x [{entities}]><{root_tag} xmlns:w="urn:w"><w:p>&l9;</w:p></{root_tag}>'


def _pdf_bomb() -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter(clone_from=io.BytesIO(pdf_pages("Page")))
    stream = StreamObject()
    stream._data = zlib.compress(bytes(80 << 20), 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _cyclic_outline() -> bytes:
    from pypdf.generic import NameObject

    def edit(writer: object) -> None:
        first = writer.add_outline_item(title="联系 13912345678", page_number=0)  # type: ignore[attr-defined]
        second = writer.add_outline_item(title="二", page_number=0)  # type: ignore[attr-defined]
        second.get_object()[NameObject("/Next")] = first
        first.get_object()[NameObject("/Prev")] = second
        first.get_object()[NameObject("/First")] = second
    return _written(edit)


HOSTILE: dict[str, tuple[str, Callable[[], bytes], set[str]]] = {
    "zip bomb in a workbook": ("名单.xlsx", lambda: _bomb_member("xl/worksheets/sheet1.xml", 60 << 20, xlsx()),
                               {"too-large"}),
    "zip bomb as a zip": ("附件.zip", lambda: _bomb_member("a.txt", 60 << 20), {"too-large"}),
    "zip with lying sizes": ("附件.zip", lambda: _lying(_bomb_member("a.txt", 8 << 20)), {"refused-file"}),
    "nested zips (42.zip)": ("附件.zip", lambda: _nested(6), {"too-large"}),
    "billion laughs in a Word file": ("通知.docx", lambda: docx("", {"word/document.xml": _laughs("w:document")}),
                                      {"refused-file"}),
    "billion laughs in a spreadsheet": ("表.ods",
                                        lambda: zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                                        "content.xml": _laughs("w:c")}, first="mimetype"),
                                        {"refused-file"}),
    "picture decompression bomb": ("图.png", lambda: png(declared=200_000), {"too-large"}),  # 40 billion pixels
    "compressed text bomb in a picture": ("图.png",
                                          lambda: png([(b"zTXt", b"k\0\0" + zlib.compress(bytes(64 << 20), 9))]),
                                          {"too-large"}),
    "compressed text bomb after the pixels": ("图.png", lambda: png(after=[(b"zTXt", b"k\0\0" + zlib.compress(
        bytes(64 << 20), 9))]), {"too-large"}),
    "pdf stream bomb": ("公告.pdf", _pdf_bomb, {"too-large"}),
    "pdf cyclic outline": ("公告.pdf", _cyclic_outline, {"phone-number"}),
    "too many parts": ("附件.zip", lambda: zipped({f"{i}.txt": "" for i in range(20_001)}), {"too-large"}),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_ends_with_a_located_refusal(shared: Path, case: str) -> None:
    name, build, codes = HOSTILE[case]
    problems = problems_of(shared, f"content/{name}", build())
    assert {p.code for p in problems} == codes
    assert all(p.path == f"content/{name}" for p in problems)


def test_an_attachment_over_the_size_limit_is_refused_before_it_is_read(root: Path) -> None:
    with open(root / "content/大文件.pdf", "wb") as out:
        out.truncate(MAX_BYTES + 1)  # sparse: a file that size on no disk space, read only if the limit fails
    assert [(p.path, p.line, p.col, p.code, p.message) for p in validate(root).problems] == [
        ("content/大文件.pdf", 1, 1, "too-large", "文件有 256 MB，超过附件 256 MB 的上限：请拆分或压缩图片后再提交")]


def test_a_cell_at_the_last_column_and_row_is_read_without_allocating_the_sheet(root: Path) -> None:
    def far(book: object, sheet: object) -> None:
        sheet["XFD1048576"] = "13912345678"  # type: ignore[index]
    (root / "content/大表.xlsx").write_bytes(xlsx(edit=far))
    assert found(root) == [("content/大表.xlsx", 1048576, 16384, "phone-number")]


def test_an_attachment_in_git_history_is_read_whole(tmp_path: Path) -> None:
    from gitdiff.gitrepos import new_repo

    from generator.privacy.history import scan_history

    repo = new_repo(tmp_path / "repo")
    repo.commit("样例数据")
    header = ('<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>138 0013'
              "</w:t></w:r><w:r><w:t> 8000</w:t></w:r></w:p></w:hdr>")
    (repo.root / "content/通知.docx").write_bytes(docx(para("通知"), {"word/header1.xml": header}))
    leaked = repo.commit("附件")
    (repo.root / "content/通知.docx").unlink()
    repo.commit("删除")
    leaks, _commits, _files = scan_history(repo.root)
    assert [(leak.commit, leak.path, leak.code) for leak in leaks] == [(leaked, "content/通知.docx", "phone-number")]


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_a_number_in_any_pdf_picture_or_zip_in_git_history_is_found(tmp_path_factory: pytest.TempPathFactory,
                                                                    data: st.DataObject) -> None:
    """A version committed and deleted again is read as the current tree is: every slot of every type."""
    from gitdiff.gitrepos import new_repo

    from generator.privacy.history import scan_history

    rel, slot = data.draw(st.sampled_from(sorted(SLOTS)))
    number = data.draw(personal)
    content, _place, at = SLOTS[rel, slot](number, data)
    repo = new_repo(tmp_path_factory.mktemp("history") / "repo")
    (repo.root / rel).write_bytes(content)
    leaked = repo.commit("附件")
    (repo.root / rel).unlink()
    repo.commit("删除")
    leaks, _commits, _files = scan_history(repo.root)
    assert {(leak.commit, leak.path) for leak in leaks} == {(leaked, rel)}
    assert code_of(number) in {leak.code for leak in leaks} <= PERSONAL
    if at is not None:
        assert at in {(leak.line, leak.col) for leak in leaks}


def test_the_guide_and_the_readme_state_the_allow_list() -> None:
    from generator.datasets import REGISTRY
    from generator.render.pages import guide_page

    guide = guide_page(REGISTRY)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = next(line for line in readme.splitlines() if "只允许这些类型" in line)
    for suffix in ALLOWED:
        assert f"{suffix}、" in guide or f"{suffix}。" in guide, suffix
        assert f"{suffix} " in listed or f"{suffix}`" in listed, suffix
    for code in ("unsupported-file", "refused-file", "location-data", "unchecked-file"):
        assert code in guide and code in listed


def test_a_part_named_after_a_number_is_masked_in_every_message(root: Path) -> None:
    (root / "content/附件.zip").write_bytes(zipped({f"{ID}/电话.txt": "13912345678", f"{ID}.exe": b"MZ"}))
    (root / "content/表.xlsx").write_bytes(xlsx(edit=lambda book, sheet: setattr(sheet, "title", ID) or sheet.cell(
        row=2, column=2, value="13912345678")))
    problems = validate(root).problems
    assert {(p.path, p.code) for p in problems} >= {("content/附件.zip", "unsupported-file"),
                                                    ("content/附件.zip", "phone-number"),
                                                    ("content/表.xlsx", "phone-number")}
    assert all(ID not in p.message and "13912345678" not in p.message for p in problems), [p.message for p in problems]
