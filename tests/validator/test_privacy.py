"""The privacy gate over every file in data/ and content/: citizen ID numbers, private mobiles, bank cards."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric
from validator.helpers import found, replace_text, set_cells

from generator.privacy.inputs import scan_text
from generator.schema.identifiers import id_number_is_valid
from generator.validate import validate

ID = "11010519491231002X"  # GB 11643 valid (the standard's own example)
ID2 = "110105199003071239"
MOBILE = "13912345678"
PENALTIES = "data/penalties.csv"
ABOUT = "content/about.md"
ROW = "汾教科罚决字〔2023〕第6号"  # line 16; remarks is column 25


def test_id_number_in_a_csv_cell(root: Path) -> None:
    set_cells(root, "penalties", ROW, remarks=f"当事人身份证号{ID}")
    assert found(root) == [(PENALTIES, 16, 25, "personal-id-number")]
    [problem] = validate(root).problems
    assert ID not in problem.message  # the message itself must not repeat the number


def test_id_number_in_a_multiline_cell_is_placed_at_its_row_and_column(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第2号", remarks="第一行\n第二行")
    set_cells(root, "penalties", ROW, remarks=f"第一行\n身份证：{ID}")
    assert found(root) == [(PENALTIES, 17, 25, "personal-id-number")]


def test_id_number_in_a_markdown_report(root: Path) -> None:
    replace_text(root, "content/reports/2022.md", "2023年将完善与", f"联系人身份证{ID2}，2023年将完善与")
    assert found(root) == [("content/reports/2022.md", 37, 7, "personal-id-number")]


def test_id_number_in_yaml(root: Path) -> None:
    replace_text(root, "data/site.yml", "  address: 山西省临汾市", f"  address: {ID2} 山西省临汾市")
    assert found(root) == [("data/site.yml", 5, 12, "personal-id-number")]


@pytest.mark.parametrize(("rel", "col"), [
    ("data/notes.txt", 7), ("content/drafts/待办.md", 7), ("data/.scratch", 7),
    ("content/reports/old/x.csv", 1),  # in any CSV file the column is the cell's position
])
def test_id_number_in_a_stray_file(root: Path, rel: str, col: int) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(f"联系人\n  身份证 {ID} 备用\n", encoding="utf-8")
    assert found(root) == [(rel, 2, col, "personal-id-number")]


def test_stray_file_in_gbk_cannot_be_proved_clean(root: Path) -> None:
    (root / "data/notes.txt").write_bytes(f"联系人\n身份证 {ID}\n".encode("gbk"))
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.col, problem.code) == ("data/notes.txt", 1, 1, "csv-encoding")
    assert "GBK" in problem.message


@pytest.mark.parametrize("text", [
    ID.lower(),
    "１１０１０５１９９００３０７１２３９",  # full-width digits, as pasted from a Word document
    "１１０１０５１９４９１２３１００２Ｘ",
    f"身份证号：{ID}。",
])
def test_id_number_spellings_are_caught(root: Path, text: str) -> None:
    (root / "data/notes.txt").write_text(text + "\n", encoding="utf-8")
    assert [code for *_, code in found(root)] == ["personal-id-number"]


@pytest.mark.parametrize("text", [
    "110105194912310021",  # wrong check character
    "110105194902300020",  # 30 February (check character right)
    "110105209001010025",  # born in 2090
    f"9{ID}",  # part of a longer number
    "52141099MJ51431570",  # a credit code
    "14109920210001",  # an officer's certificate number
])
def test_not_an_id_number(root: Path, text: str) -> None:
    (root / "data/notes.txt").write_text(text + "\n", encoding="utf-8")
    assert found(root) == []


# --- phone numbers and bank cards -----------------------------------------------------------------------


def test_mobile_in_markdown(root: Path) -> None:
    replace_text(root, ABOUT, "（工作日）\n", "（工作日），手机 139-1234-5678\n")
    assert found(root) == [(ABOUT, 28, 27, "phone-number")]


def test_mobile_in_csv_and_yaml(root: Path) -> None:
    set_cells(root, "penalties", ROW, remarks=f"联系电话 +86{MOBILE}")
    matters = "data/enforcement_matters.yaml"
    office_phone = "    supervision_phone: 0357-5213368\n  - code: 141099-JY-XK-005"
    replace_text(root, matters, office_phone, office_phone.replace("0357-5213368", MOBILE))
    assert found(root) == [(matters, 58, 24, "phone-number"), (PENALTIES, 16, 25, "phone-number")]


@pytest.mark.parametrize("text", ["0357-5213360", "12345678901", "139123456789", "1391234567", "2021-10-15 13:30"])
def test_not_a_mobile(root: Path, text: str) -> None:
    (root / "data/notes.txt").write_text(text + "\n", encoding="utf-8")
    assert found(root) == []


def test_bureau_phone_declared_in_site_yml_is_allowed(root: Path) -> None:
    replace_text(root, "data/site.yml", "  phone: 0357-5213360", "  phone: 139 1234 5678")
    replace_text(root, ABOUT, "- 电话：0357-5213360（工作日）", f"- 电话：{MOBILE}（工作日），或 13812345678")
    assert found(root) == [(ABOUT, 28, 25, "phone-number")]  # only the undeclared one


def test_public_phones_declared_in_policy_are_allowed(root: Path) -> None:
    replace_text(root, "data/site.yml", "  disclosure_working_days: 7\n",
                 "  disclosure_working_days: 7\n  public_phones:\n    - 139-1234-5678\n")
    set_cells(root, "penalties", ROW, remarks=f"举报电话{MOBILE}")
    assert found(root) == []


def test_bank_card_number(root: Path) -> None:
    set_cells(root, "penalties", ROW, remarks="退费账户6222021234567894")
    assert found(root) == [(PENALTIES, 16, 25, "bank-card-number")]


# --- properties, with python-stdnum as the oracle -------------------------------------------------------

_BORN = st.dates(min_value=date(1950, 1, 1), max_value=date.today() - timedelta(days=1))


def _id(region: str, born: date, serial: int, check: str | None = None) -> str:
    body = f"{region}{born:%Y%m%d}{serial:03d}"
    return body + (check if check is not None else ric.calc_check_digit(body + "0"))


@given(st.sampled_from(["110105", "310104"]), _BORN, st.integers(0, 999), st.sampled_from("0123456789X"))
def test_id_number_check_agrees_with_stdnum(region: str, born: date, serial: int, check: str) -> None:
    number = _id(region, born, serial, check)
    assert id_number_is_valid(number) == ric.is_valid(number)


@given(st.text(alphabet="0123456789Xx", min_size=18, max_size=18))
def test_anything_taken_for_an_id_number_has_the_stdnum_check_and_a_real_date(text: str) -> None:
    if id_number_is_valid(text):
        assert ric.calc_check_digit(text.upper()) == text[-1].upper()
        ric.get_birth_date(text)  # raises for an impossible date


@given(st.sampled_from(["110105", "310104", "141021"]), _BORN, st.integers(0, 999),
       st.text(alphabet="身份证号码：，。 汾川县", max_size=8), st.text(alphabet="身份证号码：，。 汾川县", max_size=8))
def test_scan_finds_every_valid_id_number_once(region: str, born: date, serial: int, before: str, after: str) -> None:
    number = _id(region, born, serial)
    hits = [(offset, code) for offset, code, *_ in scan_text(before + number + after, set())]
    assert hits == [(len(before), "personal-id-number")]


# --- a natural person's full name written out where the site cannot mask it -----------------------------------

PERSON_ROW = "汾教科罚决字〔2023〕第6号"  # 吕文静, 自然人, line 16


def test_full_name_of_a_natural_person_in_the_facts_is_an_error(root: Path) -> None:
    set_cells(root, "penalties", PERSON_ROW, violation_facts="吕文静于2023年10月起利用住所有偿组织培训。",
              remarks="吕文静已缴纳罚款")
    assert found(root) == [(PENALTIES, 16, 9, "person-name-in-text"), (PENALTIES, 16, 25, "person-name-in-text")]
    problem = validate(root).problems[0]
    assert "请改写为「当事人」" in problem.message and problem.field == "violation_facts"


def test_full_name_is_allowed_where_the_site_shows_full_names(root: Path) -> None:
    replace_text(root, "data/site.yml", "natural_person_names: masked", "natural_person_names: full")
    set_cells(root, "penalties", PERSON_ROW, violation_facts="吕文静于2023年10月起利用住所有偿组织培训。")
    assert found(root) == []


def test_an_organisation_may_be_named_in_its_own_facts(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2026〕第11号",
              violation_facts="汾川县乐动街舞培训中心在工作日晚间培训。")
    assert found(root) == []
