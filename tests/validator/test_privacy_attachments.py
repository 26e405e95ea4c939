"""Attachments hide personal numbers where a cell value does not show them; SVG is text and may carry script."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.comments import Comment
from validator.helpers import copy_sample, found

from generator.privacy.inputs import scan_text
from generator.validate import validate

ID = "110105199003071239"
MOBILE = "13800138000"


def test_svg_text_is_scanned_and_script_refused(root: Path) -> None:
    (root / "content/logo.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg">\n<text>电话 {MOBILE}</text>\n<script>alert(1)</script>\n'
        '<image href="https://example.com/x.png"/>\n<rect onclick="x()"/></svg>\n', encoding="utf-8")
    assert found(root) == [("content/logo.svg", 2, 10, "phone-number"), ("content/logo.svg", 3, 1, "active-svg"),
                           ("content/logo.svg", 4, 8, "active-svg"), ("content/logo.svg", 5, 7, "active-svg")]


def test_xlsx_formula_comment_and_properties_are_read(root: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["B2"] = '="110105"&"199003071239"'
    sheet["A1"] = "名单"
    sheet["A1"].comment = Comment(f"联系 {MOBILE}", "staff")
    book.properties.creator = "录入人 139 1234 5678"
    book.save(root / "content/名单.xlsx")
    assert [(p.path, p.line, p.col, p.code, p.message.split("：", 1)[0]) for p in validate(root).problems] == [
        ("content/名单.xlsx", 1, 4, "phone-number", "批注（xl/comments/comment1.xml）"),  # at its offset in the comment
        ("content/名单.xlsx", 1, 5, "phone-number", "文档属性（docProps/core.xml）"),  # the author
        ("content/名单.xlsx", 2, 2, "personal-id-number",
         "工作表「Sheet」B2 单元格的公式")]  # its pieces joined, at its cell


def test_docx_core_properties_are_read(root: Path) -> None:
    import zipfile
    with zipfile.ZipFile(root / "content/通知.docx", "w") as archive:
        archive.writestr("word/document.xml", '<w:document xmlns:w="urn:w"><w:p><w:t>通知</w:t></w:p></w:document>')
        archive.writestr("docProps/core.xml", f'<cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="urn:dc"><dc:creator>{ID}'
                         "</dc:creator></cp:coreProperties>")
    assert found(root) == [("content/通知.docx", 1, 1, "personal-id-number")]
    assert validate(root).problems[0].message.startswith("文档属性（docProps/core.xml）：发现公民身份号码 "
                                                         "110*************39")


# --- seeded fuzz: sample values turned into ID/mobile spellings --------------------------------------------

_SEPARATORS = [" ", "-", "\u3000", "\u200b", "·", "/", "\u00a0", "--", " - "]


def _spell(number: str, rnd: random.Random) -> str:
    """The number with random separators between random digits, maybe full-width, maybe +86, maybe after letters."""
    out = []
    for i, ch in enumerate(number):
        if i and rnd.random() < 0.3:
            out.append(rnd.choice(_SEPARATORS))
        out.append(chr(ord(ch) + 0xFEE0) if ch.isdigit() and rnd.random() < 0.2 else ch)
    spelled = "".join(out)
    if len(number) == 11 and rnd.random() < 0.3:
        spelled = rnd.choice(["+86 ", "+86-", "86 ", "(+86) "]) + spelled
    return rnd.choice(["", "ID", "身份证", "Tel", "电话："]) + spelled + rnd.choice(["", "号", "。", " 备用"])


_DATE_IN_IT = re.compile(r"(?:(?P<pre>[-/]) ?)?1991 ?(?P<mark>[-/]) ?2 ?(?P=mark) ?3(?P<post>\D*)")


def _writes_a_date(spelled: str) -> bool:
    """Whether 19912345678 was spelled with a written date in it ("1991-2-3 45678"): the one exception the
    number scan makes (tests/validator/test_shown.py proves the rule over every cut and mark)."""
    m = _DATE_IN_IT.search(unicodedata.normalize("NFKC", spelled))
    return bool(m) and m["pre"] != m["mark"] and m["post"] != "" and m["post"].strip() != m["mark"]


HOSTILE = st.tuples(st.sampled_from([ID, "11010519491231002X", MOBILE, "19912345678", "14700001111"]),
                    st.integers(0, 2**32))
TRIED: list[str] = []


@seed(20261127)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE)
def test_every_spelling_of_a_number_is_found(case: tuple[str, int]) -> None:
    number, n = case
    spelled = _spell(number, random.Random(n))
    TRIED.append(spelled)
    codes = [code for _o, code, *_ in scan_text(f"备注：{spelled}；", set())]
    expected = [] if _writes_a_date(spelled) else ["personal-id-number" if len(number) == 18 else "phone-number"]
    assert codes == expected, spelled


@seed(20261128)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE, st.sampled_from(["data/penalties.csv", "data/institution_events.csv", "content/about.md",
                                 "data/site.yml", "content/reports/2022.md"]))
def test_validate_catches_a_spelled_number_in_any_sample_file(tmp_path_factory, case: tuple[str, int],
                                                              rel: str) -> None:
    root = copy_sample(tmp_path_factory.mktemp("spelled"))
    path = root / rel
    text = path.read_text(encoding="utf-8")
    cut = text.rfind("。") if "。" in text else len(text) - 1  # inside a sentence: a field, a line of prose
    path.write_text(text[:cut] + _spell(case[0], random.Random(case[1])) + text[cut:], encoding="utf-8")
    codes = {code for *_, code in found(root)}
    assert codes & {"personal-id-number", "phone-number"}
