"""One value at a time: required fields, enums, dates, money, integers, patterns and the GB 32100 check."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc
from validator.helpers import found, replace_text, set_cells

from generator.schema.identifiers import USCC_ALPHABET, USCC_PLACEHOLDER, uscc_check_char, uscc_problem
from generator.validate import validate

PENALTIES = "data/penalties.csv"
INSTITUTIONS = "data/institutions.csv"
SITE = "data/site.yml"
# 2023第4号 (line 15): 法人, 警告;没收违法所得 9600.00. fc-0064 (line 65): 企业, referenced by nothing.
ROW = "汾教科罚决字〔2023〕第4号"


@pytest.mark.parametrize(("dataset", "key", "column", "where"), [
    ("penalties", ROW, "violation_type", (PENALTIES, 15, 8)),
    ("penalties", ROW, "decision_date", (PENALTIES, 15, 18)),
    ("penalties", ROW, "penalty_types", (PENALTIES, 15, 11)),
    ("institutions", "fc-0064", "address", (INSTITUTIONS, 65, 9)),
    ("licenses", "汾教科许决字〔2023〕第8号", "content", ("data/licenses.csv", 9, 12)),
    ("institution_events", {"institution_id": "fc-0068"}, "event", ("data/institution_events.csv", 126, 3)),
])
def test_missing_required_field(root: Path, dataset: str, key: str, column: str, where: tuple[str, int, int]) -> None:
    set_cells(root, dataset, key, **{column: ""})
    assert found(root) == [(*where, "missing-field")]


def test_missing_field_message_names_the_chinese_label(root: Path) -> None:
    set_cells(root, "penalties", ROW, violation_type="")
    [problem] = validate(root).problems
    assert "违法行为类型" in problem.message


@pytest.mark.parametrize(("dataset", "key", "column", "value", "where"), [
    ("penalties", ROW, "procedure", "一般程序", (PENALTIES, 15, 16)),
    ("penalties", ROW, "severity", "较重", (PENALTIES, 15, 17)),
    ("penalties", ROW, "status", "撤销", (PENALTIES, 15, 21)),
    ("penalties", ROW, "party_category", "法人", (PENALTIES, 15, 3)),
    ("penalties", ROW, "penalty_types", "警告;罚金", (PENALTIES, 15, 11)),
    ("institutions", "fc-0064", "training_type", "艺术类", (INSTITUTIONS, 65, 5)),
    ("institutions", "fc-0064", "subcategory", "音乐", (INSTITUTIONS, 65, 6)),
    ("institutions", "fc-0064", "competent_dept", "市场监管", (INSTITUTIONS, 65, 7)),
    ("institutions", "fc-0064", "registration_type", "公司", (INSTITUTIONS, 65, 8)),
    ("institutions", "fc-0064", "on_national_platform", "yes", (INSTITUTIONS, 65, 10)),
    ("licenses", "汾教科许决字〔2023〕第8号", "license_category", "一般", ("data/licenses.csv", 9, 9)),
    ("licenses", "汾教科许决字〔2023〕第8号", "status", "已撤销", ("data/licenses.csv", 9, 16)),
    ("institution_events", {"institution_id": "fc-0068"}, "event", "列入红名单",
     ("data/institution_events.csv", 126, 3)),
])
def test_value_outside_the_enum(root: Path, dataset: str, key: str, column: str, value: str,
                                where: tuple[str, int, int]) -> None:
    set_cells(root, dataset, key, **{column: value})
    assert found(root) == [(*where, "invalid-enum")]


def test_full_width_semicolon_separates_penalty_types(root: Path) -> None:
    set_cells(root, "penalties", ROW, penalty_types="警告；没收违法所得")
    assert found(root) == []


@pytest.mark.parametrize("value", ["2023/06/13", "2023-6-13", "13/06/2023", "2023年6月13日", "2023-06-13T00:00",
                                   "2023-02-30", "2023-13-01", "20230613"])
def test_invalid_date(root: Path, value: str) -> None:
    set_cells(root, "penalties", ROW, decision_date=value)
    assert found(root) == [(PENALTIES, 15, 18, "invalid-date")]


@pytest.mark.parametrize("value", ["9600.005", "9600元", "0", "0.00", "-9600", "九千六百", "1e4", "9600.", ".5"])
def test_invalid_amount(root: Path, value: str) -> None:
    set_cells(root, "penalties", ROW, confiscated_yuan=value)
    assert found(root) == [(PENALTIES, 15, 14, "invalid-value")]


@pytest.mark.parametrize("value", ["9600", "9600.5", "0.01"])
def test_valid_amount(root: Path, value: str) -> None:
    set_cells(root, "penalties", ROW, confiscated_yuan=value)
    assert found(root) == []


@pytest.mark.parametrize("value", ["FC-0064", "fc_0064", "-fc0064", "机构64", "fc 0064"])
def test_invalid_record_id(root: Path, value: str) -> None:
    set_cells(root, "institutions", "fc-0064", id=value)
    assert found(root) == [(INSTITUTIONS, 65, 1, "invalid-value")]


@pytest.mark.parametrize(("old", "new", "where", "code"), [
    ('region_code: "141099"', 'region_code: "14109"', (4, 16), "invalid-value"),
    ("base_url: https://jkj.fenchuan.gov.cn/", "base_url: jkj.fenchuan.gov.cn", (10, 13), "invalid-value"),
    ("disclosure_working_days: 7", "disclosure_working_days: 七", (20, 28), "invalid-value"),
    ("    一般: 12", "    一般: 1年", (17, 9), "invalid-value"),
    ("natural_person_names: masked", "natural_person_names: hidden", (19, 25), "invalid-enum"),
    ("uscc: 11141099MB0377721F", "uscc: 11141099MB0377721G", (3, 9), "invalid-uscc"),
])
def test_site_settings(root: Path, old: str, new: str, where: tuple[int, int], code: str) -> None:
    replace_text(root, SITE, old, new)
    assert found(root) == [(SITE, *where, code)]


# --- GB 32100 unified social credit codes --------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "52141099MJ51431571",  # check character wrong (should be 0)
    "52141099MJ5143157",  # 17 characters
    "52141099MJ514315700",  # 19 characters
    "52141099MI51431570",  # I is not in the alphabet
    "52141099mj51431570",  # lower case
    "52141099MJ5143157O",  # letter O for digit 0
])
def test_invalid_uscc_of_a_party(root: Path, value: str) -> None:
    set_cells(root, "penalties", ROW, party_uscc=value)
    assert found(root) == [(PENALTIES, 15, 4, "invalid-uscc")]


def test_invalid_uscc_of_an_institution(root: Path) -> None:
    set_cells(root, "institutions", "fc-0064", uscc="91141099MA0G16U71Q")
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (INSTITUTIONS, 65, 3, "invalid-uscc")
    assert "「P」" in problem.message  # tells the clerk which check character the first 17 give


def test_placeholder_fails_the_check_and_is_only_allowed_by_rule() -> None:
    assert uscc_problem(USCC_PLACEHOLDER) is not None


_CHARS = st.sampled_from(USCC_ALPHABET)
_BODY = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@given(_BODY)
def test_check_character_agrees_with_stdnum(body: str) -> None:
    check = uscc_check_char(body)
    assert check == stdnum_uscc.calc_check_digit(body)
    assert uscc_problem(body + check) is None
    assert all(uscc_problem(body + other) is not None for other in USCC_ALPHABET if other != check)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8),
       st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9), st.data())
def test_accepts_exactly_what_stdnum_accepts(head: str, middle: str, data: st.DataObject) -> None:
    """stdnum also wants digits in positions 1-8 (GB 32100 allows letters there), so compare on that shape."""
    body = head + middle
    last = data.draw(st.one_of(st.just(stdnum_uscc.calc_check_digit(body)), _CHARS))
    code = body + last
    assert (uscc_problem(code) is None) == stdnum_uscc.is_valid(code)


@given(st.text(alphabet=USCC_ALPHABET + "IOSVZabc -", min_size=0, max_size=20))
def test_anything_accepted_has_the_stdnum_check_character(code: str) -> None:
    if uscc_problem(code) is None:
        assert len(code) == 18 and set(code) <= set(USCC_ALPHABET)
        assert stdnum_uscc.calc_check_digit(code[:17]) == code[17]
