"""Every part of a Word, Excel, PowerPoint or OpenDocument attachment is read (issue 17): an ID number or a mobile in
any part, attribute, property or nested file, split over runs anywhere, is found at the file and located for staff;
numbers that stand in neighbouring cells or paragraphs are never joined into a false one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.documents import (
    ODF,
    Slot,
    assert_found_in,
    core,
    cuts,
    docx,
    fixed,
    odf,
    para,
    personal,
    pptx,
    problems_of,
    rezip,
    runs,
    sheet_xml,
    slide,
    xlsx,
)
from validator.helpers import copy_lean

EXAMPLES = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample's data/ and one page (helpers.copy_lean): what is checked here is one attachment, which only the
    privacy gate reads."""
    yield copy_lean(tmp_path_factory.mktemp("parts") / "repo")


# --- Word -------------------------------------------------------------------------------------------------------


def _body_runs(number: str, data: st.DataObject) -> tuple[bytes, str, tuple[int, int] | None]:
    before = data.draw(st.integers(0, 4))
    pieces = cuts(number, data.draw(st.integers(1, 4)), data)
    body = "".join(para(f"第{i}段文字") for i in range(before)) + f"<w:p>{runs('联系：', *pieces)}</w:p>"
    return docx(body + para("完")), f"第 {before + 1} 段", None


def _word_part(part: str, root: str, place: str) -> Slot:
    def build(number: str, data: st.DataObject) -> tuple[bytes, str, None]:
        pieces = cuts(number, data.draw(st.integers(1, 3)), data)
        xml = f'<w:{root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p>{runs(*pieces)}'
        return docx(para("正文"), {part: xml + f"</w:p></w:{root}>"}), place, None
    return build


def _word_body(xml: Callable[[list[str]], str], place: str) -> Slot:
    def build(number: str, data: st.DataObject) -> tuple[bytes, str, None]:
        return docx(para("正文") + xml(cuts(number, data.draw(st.integers(1, 3)), data))), place, None
    return build


def _word_extra(parts: Callable[[str], dict[str, str | bytes]], place: str) -> Slot:
    def build(number: str, data: st.DataObject) -> tuple[bytes, str, None]:
        return docx(para("正文"), parts(number)), place, None
    return build


WORD: dict[str, Slot] = {
    "body split over runs": _body_runs,
    "table cell": _word_body(lambda p: f"<w:tbl><w:tr><w:tc><w:p>{runs(*p)}</w:p></w:tc></w:tr></w:tbl>", "第 2 段"),
    "text box": _word_body(lambda p: f"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p>{runs(*p)}"
                                     "</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>", "文本框"),
    "tracked deletion": _word_body(lambda p: "<w:p><w:del>"
                                   + "".join(f"<w:r><w:delText>{t}</w:delText></w:r>" for t in p)
                                   + "</w:del></w:p>", "第 2 段"),
    "field code": _word_body(lambda p: "<w:p>" + "".join(f"<w:r><w:instrText>{t}</w:instrText></w:r>" for t in p)
                                       + "</w:p>", "第 2 段"),
    "hyperlink tooltip": _word_body(lambda p: f'<w:p><w:hyperlink w:tooltip="电话{"".join(p)}">{runs("链接")}'
                                              "</w:hyperlink></w:p>", "tooltip 属性"),
    "header": _word_part("word/header1.xml", "hdr", "页眉（word/header1.xml）第 1 段"),
    "footer": _word_part("word/footer2.xml", "ftr", "页脚（word/footer2.xml）"),
    "footnote": _word_part("word/footnotes.xml", "footnotes", "脚注"),
    "comment": _word_part("word/comments.xml", "comments", "批注"),
    "glossary": _word_part("word/glossary/document.xml", "glossaryDocument", "文档部件"),
    "core properties": _word_extra(lambda n: {"docProps/core.xml": core(creator=f"录入人{n}")}, "文档属性"),
    "app properties": _word_extra(lambda n: {"docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/'
                                             f'officeDocument/2006/extended-properties"><Company>{n}</Company></Properties>'},
                                  "文档属性"),
    "document variable": _word_extra(lambda n: {"word/settings.xml": f'<w:settings {_W}><w:docVars><w:docVar '
                                                f'w:name="a" w:val="{n}"/></w:docVars></w:settings>'}, "文档变量"),
    "custom xml": _word_extra(lambda n: {"customXml/item1.xml": f"<root><contact>{n}</contact></root>"}, "自定义数据"),
    "altChunk web page": _word_extra(lambda n: {"word/afchunk.htm": f"<html><body><p>电话<b>{n[:5]}</b>{n[5:]}</p>"
                                                "</body></html>"}, "word/afchunk.htm"),
    "altChunk mht": _word_extra(lambda n: {"word/afchunk.mht": "MIME-Version: 1.0\n"
                                           "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n"
                                           f"\n{_b64(f'<p>{n}</p>')}\n"},
                                "word/afchunk.mht"),
    "altChunk text": _word_extra(lambda n: {"word/afchunk1.txt": f"一行\n号码 {n}\n".encode("gb18030")}, "第 2 行"),
    "altChunk rtf": _word_extra(lambda n: {"word/afchunk2.rtf": "{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 x;}}"
                                           f"\\'b5\\'e7\\'bb\\'b0 {n[:6]}{{\\b {n[6:]}}}\\par}}"}, "afchunk2.rtf"),
    "embedded workbook": _word_extra(lambda n: {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx({(4, 2): n})},
                                     "Microsoft_Excel_Worksheet.xlsx：工作表「名单」B4 单元格"),
    "embedded document": _word_extra(lambda n: {"word/embeddings/Document1.docx": docx(para("附件", n))},
                                     "Document1.docx：第 1 段"),
}
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _b64(text: str) -> str:
    import base64

    return base64.encodebytes(text.encode()).decode()


# --- Excel ------------------------------------------------------------------------------------------------------


def _cell(number: str, data: st.DataObject) -> tuple[bytes, str, tuple[int, int]]:
    from openpyxl.utils import get_column_letter

    row, col = data.draw(st.integers(1, 5000)), data.draw(st.integers(1, 400))
    value: object = int(number) if len(number) == 11 and data.draw(st.booleans()) else data.draw(
        st.sampled_from(["", "身份证 ", "电话："])) + number
    return xlsx({(1, 1): "名单", (row, col): value}), f"工作表「名单」{get_column_letter(col)}{row} 单元格", (row, col)


def _rich(number: str, data: st.DataObject) -> tuple[bytes, str, tuple[int, int]]:
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    pieces = cuts(number, data.draw(st.integers(2, 4)), data)
    text = CellRichText(*[TextBlock(InlineFont(b=i % 2 == 0), t) for i, t in enumerate(pieces)])
    return xlsx({(3, 2): text}), "工作表「名单」B3 单元格", (3, 2)


def _inline(number: str, data: st.DataObject) -> tuple[bytes, str, tuple[int, int]]:
    pieces = cuts(number, data.draw(st.integers(1, 3)), data)
    cell = '<row r="7"><c r="D7" t="inlineStr"><is>' + "".join(f"<r><t>{t}</t></r>" for t in pieces) + "</is></c></row>"
    return rezip(xlsx(), {"xl/worksheets/sheet1.xml": sheet_xml(cell)}), "工作表「名单」D7 单元格", (7, 4)


def _formula(number: str, data: st.DataObject) -> tuple[bytes, str, tuple[int, int]]:
    pieces = cuts(number, data.draw(st.integers(2, 4)), data)
    return xlsx({(2, 5): "=" + "&".join(f'"{t}"' for t in pieces)}), "E2 单元格的公式", (2, 5)


def _book(edit: Callable[..., None], place: str) -> Slot:
    def build(number: str, data: st.DataObject) -> tuple[bytes, str, None]:
        return xlsx({(1, 1): "名单"}, edit=lambda book, sheet: edit(book, sheet, number)), place, None
    return build


def _validation(book: object, sheet: object, number: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="list", formula1='"是,否"', prompt=f"联系{number}", showInputMessage=True)
    sheet.add_data_validation(check)  # type: ignore[attr-defined]
    check.add("C3")


def _comment(book: object, sheet: object, number: str) -> None:
    from openpyxl.comments import Comment

    sheet["A1"].comment = Comment(f"核对人 {number}", "staff")  # type: ignore[index]


def _defined(book: object, sheet: object, number: str) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    book.defined_names.add(DefinedName("联系", attr_text=f'"{number}"'))  # type: ignore[attr-defined]


def _hidden(book: object, sheet: object, number: str) -> None:
    other = book.create_sheet("隐藏")  # type: ignore[attr-defined]
    other.sheet_state = "hidden"
    other["C9"] = number


def _raw(parts: Callable[[str], dict[str, str | bytes]], place: str) -> Slot:
    def build(number: str, data: st.DataObject) -> tuple[bytes, str, None]:
        return rezip(xlsx({(1, 1): "名单"}), parts(number)), place, None
    return build


_SS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
EXCEL: dict[str, Slot] = {
    "cell anywhere": _cell,
    "rich text split over runs": _rich,
    "inline string split over runs": _inline,
    "formula pieces": _formula,
    "page header": _book(lambda b, s, n: setattr(s.oddHeader.center, "text", f"联系 {n}"), "页眉"),
    "page footer": _book(lambda b, s, n: setattr(s.evenFooter.left, "text", n), "页脚"),
    "number format": _book(lambda b, s, n: setattr(s["B2"], "number_format", f'"{n}"0'), "数字格式"),
    "validation prompt": _book(_validation, "数据验证提示"),
    "comment": _book(_comment, "批注"),
    "defined name": _book(_defined, "名称定义"),
    "properties": _book(lambda b, s, n: setattr(b.properties, "keywords", n), "文档属性"),
    "hidden sheet": _book(_hidden, "工作表「隐藏」C9 单元格"),
    "sheet name": _book(lambda b, s, n: setattr(b.create_sheet(), "title", n), "工作簿"),
    "hyperlink": _book(lambda b, s, n: setattr(s["A2"], "hyperlink", f"https://example.cn/?tel={n}"), "Target 属性"),
    "text box": _raw(lambda n: {"xl/drawings/drawing1.xml": '<xdr:wsDr xmlns:xdr="urn:xdr" xmlns:a="urn:a"><xdr:sp>'
                                f"<xdr:txBody><a:p><a:r><a:t>{n[:4]}</a:t></a:r><a:r><a:t>{n[4:]}</a:t></a:r></a:p>"
                                "</xdr:txBody></xdr:sp></xdr:wsDr>"}, "图形或文本框"),
    "pivot cache": _raw(lambda n: {"xl/pivotCache/pivotCacheRecords1.xml": f"<pivotCacheRecords {_SS}><r><n v=\"1\"/>"
                                   f'<s v="{n}"/></r></pivotCacheRecords>'}, "数据透视表缓存"),
    "unused shared string": _raw(lambda n: {"xl/sharedStrings.xml": f"<sst {_SS}><si><t>名单</t></si>"
                                            f"<si><t>{n}</t></si></sst>"}, "共享字符串第 2 项"),
    "chart cache": _raw(lambda n: {"xl/charts/chart1.xml": f'<c:chartSpace xmlns:c="urn:c"><c:v>{n}</c:v>'
                                                           '</c:chartSpace>'},
                        "图表"),
    "embedded document": _raw(lambda n: {"xl/embeddings/Microsoft_Word_Document.docx": docx(para(n))}, "第 1 段"),
}


# --- PowerPoint and OpenDocument ---------------------------------------------------------------------------------


def _slide(number: str, data: st.DataObject) -> tuple[bytes, str, None]:
    """The number on one of several slides, named by the place the slide is shown at (not by its part's name)."""
    count = data.draw(st.integers(1, 5))
    at = data.draw(st.integers(1, count))
    slides = [slide(["标题"], cuts(number, data.draw(st.integers(1, 3)), data) if i == at else ["内容"])
              for i in range(1, count + 1)]
    return pptx(slides), f"第 {at} 张幻灯片", None


_NOTES_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
               'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" '
               'Target="../notesSlides/notesSlide1.xml"/></Relationships>')
POWERPOINT: dict[str, Slot] = {
    "slide shown": _slide,
    "speaker notes": fixed(lambda n: pptx([slide(["标题"])],
                                          {"ppt/slides/_rels/slide1.xml.rels": _NOTES_RELS,
                                           "ppt/notesSlides/notesSlide1.xml": slide([n[:4], n[4:]])}),
                           "第 1 张幻灯片的备注"),
    "comment": fixed(lambda n: pptx([slide(["标题"])], {"ppt/comments/comment1.xml": f'<p:cmLst xmlns:p="urn:p"><p:cm>'
                                                       f"<p:text>{n}</p:text></p:cm></p:cmLst>"}), "批注"),
}


def _odt_body(number: str, data: st.DataObject) -> tuple[bytes, str, None]:
    before = data.draw(st.integers(0, 3))
    spans = "".join(f"<text:span>{t}</text:span>" for t in cuts(number, data.draw(st.integers(1, 3)), data))
    body = "".join(f"<text:p>第{i}段</text:p>" for i in range(before)) + f"<text:p>电话{spans}</text:p>"
    return odf(".odt", body), f"第 {before + 1} 段", None


def _ods_cell(number: str, data: st.DataObject) -> tuple[bytes, str, tuple[int, int]]:
    from openpyxl.utils import get_column_letter

    rows, cols = data.draw(st.integers(0, 2000)), data.draw(st.integers(0, 300))
    empty_rows = (f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell/></table:table-row>'
                  if rows else "")
    empty_cells = f'<table:table-cell table:number-columns-repeated="{cols}"/>' if cols else ""
    body = (f'<table:table table:name="表一">{empty_rows}<table:table-row>{empty_cells}<table:table-cell>'
            f"<text:p>{number}</text:p></table:table-cell></table:table-row></table:table>")
    return odf(".ods", body), f"工作表「表一」{get_column_letter(cols + 1)}{rows + 1} 单元格", (rows + 1, cols + 1)


OPENDOCUMENT: dict[str, tuple[str, Slot]] = {
    "text body split over spans": (".odt", _odt_body),
    "page footer": (".odt", lambda n, d: (odf(".odt", "<text:p>正文</text:p>",
                                              styles=f'<style:master-page style:name="S"><style:footer><text:p>{n}'
                                                     "</text:p></style:footer></style:master-page>"),
                                          "页脚", None)),
    "page header": (".ods", lambda n, d: (odf(".ods", "", styles=f'<style:master-page style:name="S"><style:header>'
                                                 f"<text:p>{n[:3]}<text:span>{n[3:]}</text:span></text:p></style:header>"
                                                 "</style:master-page>"), "页眉", None)),
    "metadata": (".odt", lambda n, d: (odf(".odt", "<text:p>正文</text:p>", meta=f"<dc:creator>{n}</dc:creator>"),
                                       "文档属性", None)),
    "annotation": (".odt", lambda n, d: (odf(".odt", f"<text:p>正文<office:annotation><text:p>{n}</text:p>"
                                                    "</office:annotation></text:p>"), "批注", None)),
    "sheet cell after repeated rows and columns": (".ods", _ods_cell),
    "cell value attribute": (".ods", lambda n, d: (odf(".ods", '<table:table table:name="表一"><table:table-row>'
                                                          '<table:table-cell office:value-type="float" '
                                                          f'office:value="{n}"><text:p>1</text:p></table:table-cell>'
                                                          "</table:table-row></table:table>"), "A1 单元格", (1, 1))),
    "slide text box": (".odp", lambda n, d: (odf(".odp", '<draw:page draw:name="1"><draw:frame><draw:text-box>'
                                                 f"<text:p>{n}</text:p></draw:text-box></draw:frame></draw:page>"),
                                             "第 1 段", None)),
    "settings": (".odt", lambda n, d: (odf(".odt", "<text:p>正文</text:p>", parts={"settings.xml": (
        f'<office:document-settings {ODF}><config:config-item xmlns:config="urn:c">{n}</config:config-item>'
        "</office:document-settings>")}), "文档设置", None)),
}


#: Every slot of every kind of office file, by the file it is put in.
SLOTS: dict[tuple[str, str], Slot] = {
    **{("content/通知.docx", name): slot for name, slot in WORD.items()},
    **{("content/名单.xlsx", name): slot for name, slot in EXCEL.items()},
    **{("content/汇报.pptx", name): slot for name, slot in POWERPOINT.items()},
    **{(f"content/文件{suffix}", name): slot for name, (suffix, slot) in OPENDOCUMENT.items()},
}


@pytest.mark.parametrize(("rel", "slot"), SLOTS)
@EXAMPLES
@given(data=st.data())
def test_a_number_in_any_part_of_an_office_file_is_found(shared: Path, rel: str, slot: str,
                                                         data: st.DataObject) -> None:
    assert_found_in(shared, rel, SLOTS[rel, slot], data)


# --- the converse: what is shown apart is read apart --------------------------------------------------------------


def _halves(number: str, data: st.DataObject) -> tuple[str, str]:
    """The number cut in two, neither half long enough to be a number of its own."""
    at = data.draw(st.integers(8, 10) if len(number) == 18 else st.integers(1, 10))
    return number[:at], number[at:]


APART: dict[str, tuple[str, Callable[[str, str], bytes]]] = {
    "neighbouring cells in a row": (".xlsx", lambda a, b: xlsx({(2, 2): a, (2, 3): b})),
    "neighbouring cells in a column": (".xlsx", lambda a, b: xlsx({(2, 2): a, (3, 2): b})),
    "neighbouring number cells": (".xlsx", lambda a, b: xlsx({(2, 2): int(a), (2, 3): int(b)} if (a + b).isdigit()
                                                              else {(2, 2): a, (2, 3): b})),
    "neighbouring paragraphs": (".docx", lambda a, b: docx(para(a) + para(b))),
    "neighbouring table cells": (".docx", lambda a, b: docx(f"<w:tbl><w:tr><w:tc>{para(a)}</w:tc><w:tc>{para(b)}"
                                                            "</w:tc></w:tr></w:tbl>")),
    "two attributes": (".docx", lambda a, b: docx(f'<w:p><w:hyperlink w:tooltip="{a}" w:docLocation="{b}"/></w:p>')),
    "neighbouring slides' paragraphs": (".pptx", lambda a, b: pptx([slide([a], [b])])),
    "neighbouring spreadsheet cells": (".ods", lambda a, b: odf(".ods", '<table:table table:name="t"><table:table-row>'
                                                                f"<table:table-cell><text:p>{a}</text:p></table:table-cell>"
                                                                f"<table:table-cell><text:p>{b}</text:p></table:table-cell>"
                                                                "</table:table-row></table:table>")),
    "neighbouring paragraphs of a text": (".odt",
                                          lambda a, b: odf(".odt", f"<text:p>{a}</text:p><text:h>{b}</text:h>")),
}


@pytest.mark.parametrize("case", APART)
@EXAMPLES
@given(data=st.data())
def test_halves_of_a_number_in_neighbouring_cells_or_paragraphs_are_not_joined(shared: Path, case: str,
                                                                            data: st.DataObject) -> None:
    first, second = _halves(data.draw(personal), data)
    suffix, build = APART[case]
    assert problems_of(shared, f"content/表格{suffix}", build(first, second)) == []


@EXAMPLES
@given(numbers=st.lists(st.integers(0, 10**10 - 1), min_size=2, max_size=40), width=st.integers(1, 8))
def test_ordinary_numbers_in_a_table_are_no_finding(shared: Path, numbers: list[int], width: int) -> None:
    cells = {(1 + i // width, 1 + i % width): n for i, n in enumerate(numbers)}
    assert problems_of(shared, "content/统计.xlsx", xlsx(cells)) == []
    rows = "".join("<w:tr>" + "".join(f"<w:tc>{para(str(n))}</w:tc>" for n in numbers[i:i + width]) + "</w:tr>"
                   for i in range(0, len(numbers), width))
    assert problems_of(shared, "content/统计.docx", docx(f"<w:tbl>{rows}</w:tbl>")) == []
