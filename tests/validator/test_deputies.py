"""The 法治副校长 roster and 法律顾问 rules, each at the cell a clerk must fix: row, column, code and message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from validator.helpers import copy_row, set_cells

from generator.validate import validate

DEPUTIES = "data/legal_deputies.csv"
ADVISERS = "data/legal_advisers.csv"
#: The day the sample is checked for: every sample appointment then in office ends later.
TODAY = date(2026, 11, 27)
# Roster columns: school_name 1, school_uscc 2, school_type 3, deputy_name 4, deputy_unit 5, post 6, appointed_on 7,
# term_end 8, remarks 9. Line 17: 汾川县第一中学's 韩振国 renewed 2024-09-01 (line 2: his first term, 2021-2024;
# line 18: 秦丽华 of the procuratorate, serving the same school at the same time).
RENEWED = {"school_name": "汾川县第一中学", "deputy_name": "韩振国", "appointed_on": "2024-09-01"}
SUNSHINE = {"school_name": "汾川县阳光幼儿园"}  # line 30: its only deputy, 2024-03-01 to 2027-02-28
SECOND = {"school_name": "汾川县第二中学", "deputy_name": "景海波"}  # line 19: succeeded 武建军 (line 4) in 2024
# Adviser columns: firm 1, lawyer_name 2, services 3, start 4, end 5. Lines 4 and 5: the two contracts of 2025-2027.
WANG = {"lawyer_name": "王明远", "start": "2025-03-01"}
LI = {"lawyer_name": "李静怡"}


def lines(root: Path, today: date | None = TODAY) -> list[str]:
    """The problems of the family's two files, as the command prints them."""
    return [p.text() for p in validate(root, today).problems if p.path in (DEPUTIES, ADVISERS)]


def where(root: Path, today: date | None = TODAY) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.code) for p in validate(root, today).problems if p.path in (DEPUTIES, ADVISERS)]


def test_the_sample_is_clean(root: Path) -> None:
    assert where(root) == []


def test_a_term_ending_before_it_starts(root: Path) -> None:
    set_cells(root, "legal_deputies", RENEWED, term_end="2024-08-01")
    assert lines(root) == [f"{DEPUTIES}:17:8: error[date-order] term_end: "
                           "「聘期结束」2024-08-01 早于「聘任日期」2024-09-01：请核对日期"]


def test_an_ended_term_nothing_follows_is_a_warning_with_the_fix(root: Path) -> None:
    set_cells(root, "legal_deputies", SUNSHINE, term_end="2026-10-31")
    assert lines(root) == [
        f"{DEPUTIES}:30:8: warning[deputy-term-ended] term_end: 汾川县阳光幼儿园的法治副校长柴永胜聘期已于 2026-10-31 "
        "届满，名单中没有续聘或改聘的记录：网站不再把他列为在任，学校算作尚未配备。续聘或改聘的，请新增一行（聘任日期为"
        "续聘日期），原来的一行保留"]
    assert where(root, None) == []  # without a day to check for, nothing has ended


def test_an_ended_term_followed_by_a_renewal_or_a_successor_is_history(root: Path) -> None:
    set_cells(root, "legal_deputies", SUNSHINE, term_end="2026-10-31")
    copy_row(root, "legal_deputies", SUNSHINE, appointed_on="2026-11-01", term_end="2029-10-31", remarks="续聘")
    assert where(root) == []


def test_a_school_keeping_another_deputy_says_so(root: Path) -> None:
    """秦丽华 still serves 汾川县第一中学: the school is not left without one."""
    set_cells(root, "legal_deputies", RENEWED, term_end="2026-06-30")
    assert lines(root) == [
        f"{DEPUTIES}:17:8: warning[deputy-term-ended] term_end: 汾川县第一中学的法治副校长韩振国聘期已于 2026-06-30 "
        "届满，名单中没有续聘或改聘的记录：网站不再把他列为在任（学校仍有在任的法治副校长秦丽华）。续聘或改聘的，"
        "请新增一行（聘任日期为续聘日期），原来的一行保留"]


def test_the_same_person_twice_for_overlapping_terms_is_a_duplicate(root: Path) -> None:
    copy_row(root, "legal_deputies", RENEWED, appointed_on="2025-09-01", term_end="2028-08-31")
    assert lines(root) == [
        f"{DEPUTIES}:33:4: error[duplicate-id] deputy_name: 第 17 行已有韩振国在汾川县第一中学的聘任（聘期 2024-09-01 "
        "至 2027-08-31），与这一行的聘期重叠：同一次聘任只填一行；续聘的，聘任日期应在原聘期结束（2027-08-31）之后"]


def test_two_deputies_from_one_unit_at_once_is_a_warning_from_two_units_is_allowed(root: Path) -> None:
    copy_row(root, "legal_deputies", SECOND, deputy_name="贺新民", appointed_on="2025-03-01", term_end="2028-02-29")
    assert lines(root) == [
        f"{DEPUTIES}:33:7: warning[deputy-overlap] appointed_on: 汾川县第二中学已有同一单位（汾川县公安局东关派出所）"
        "派出的法治副校长景海波（第 19 行，聘期 2024-09-01 至 2027-08-31）：如果贺新民接替景海波，请把第 19 行的聘期"
        "结束改为 2025-03-01 的前一天；两人确实同时任职的，可以不改"]


def test_a_second_deputy_from_another_unit_is_no_problem(root: Path) -> None:
    copy_row(root, "legal_deputies", SECOND, deputy_name="贺新民", deputy_unit="汾川县人民法院", post="法官",
             appointed_on="2025-03-01", term_end="2028-02-29")
    assert where(root) == []


@pytest.mark.parametrize(("cells", "expected"), [
    ({"school_uscc": "12141099MB04123077"}, [(17, 2, "invalid-uscc")]),  # GB 32100 check character
    ({"school_uscc": "00000000000000000X"}, [(17, 2, "invalid-uscc")]),  # the sole traders' placeholder
    ({"school_type": "校外培训机构"}, [(17, 3, "invalid-enum")]),
    ({"appointed_on": "2024/09/01"}, [(17, 7, "invalid-date")]),
    ({"deputy_name": ""}, [(17, 4, "missing-field")]),
    ({"deputy_unit": ""}, [(17, 5, "missing-field")]),
    ({"post": ""}, []),  # the post is optional
])
def test_cell_rules(root: Path, cells: dict[str, str], expected: list[tuple[int, int, str]]) -> None:
    set_cells(root, "legal_deputies", RENEWED, **cells)
    assert where(root) == [(DEPUTIES, *place) for place in expected]


def test_adviser_dates_duplicates_and_ended_contracts(root: Path) -> None:
    set_cells(root, "legal_advisers", LI, end="2025-01-31")
    assert lines(root) == [f"{ADVISERS}:5:5: error[date-order] end: 「聘期结束」2025-01-31 早于「聘期开始」2025-03-01："
                           "请核对日期"]
    set_cells(root, "legal_advisers", LI, end="2026-06-30")
    assert lines(root) == [
        f"{ADVISERS}:5:5: warning[adviser-term-ended] end: 山西汾河律师事务所李静怡的法律顾问聘期已于 2026-06-30 届满，"
        "名单中没有续聘或新聘的记录：网站不再把它列为在聘。续聘或新聘的，请新增一行，原来的一行保留"]
    set_cells(root, "legal_advisers", LI, end="2027-02-28")
    copy_row(root, "legal_advisers", WANG, start="2026-03-01", end="2028-02-29")
    assert where(root) == [(ADVISERS, 6, 2, "duplicate-id")]


def test_advisers_without_a_roster_are_told_where_they_would_show(root: Path) -> None:
    (root / DEPUTIES).unlink()
    assert lines(root) == [
        f"{ADVISERS}:1:1: warning[advisers-not-shown] legal_advisers: 法律顾问显示在「法治副校长」页面上，但没有 "
        "data/legal_deputies.csv，这个页面不会生成：请新建 data/legal_deputies.csv（可以只有表头一行）"]
    (root / DEPUTIES).write_text("school_name,school_uscc,school_type,deputy_name,deputy_unit,post,appointed_on,"
                                 "term_end,remarks\n", encoding="utf-8")
    assert where(root) == []


@pytest.mark.parametrize(("text", "code"), [
    ("身份证号11010519491231002X", "personal-id-number"),
    ("联系电话13912345678", "phone-number"),
])
def test_a_personal_number_in_a_remark_is_refused(root: Path, text: str, code: str) -> None:
    """The privacy gate reads every cell of the roster: a deputy is a public role, his ID and mobile are not."""
    set_cells(root, "legal_deputies", SUNSHINE, remarks=text)
    assert where(root) == [(DEPUTIES, 30, 9, code)]
    assert {p.severity for p in validate(root, TODAY).problems if p.code == code} == {"error"}


def test_a_personal_number_in_any_text_cell_is_refused(root: Path) -> None:
    set_cells(root, "legal_deputies", SUNSHINE, post="民警13912345678")
    set_cells(root, "legal_advisers", LI, services="电话13912345678")
    assert where(root) == [(ADVISERS, 5, 3, "phone-number"), (DEPUTIES, 30, 6, "phone-number")]


def test_a_deputy_may_share_a_masked_party_s_name_but_no_remark_may_write_one(root: Path) -> None:
    """薛晓峰 is a natural person punished in 2021 (masked as 薛**). A deputy of that name is another person in a
    public role; a remark naming him writes out the party's full name."""
    set_cells(root, "legal_deputies", SUNSHINE, deputy_name="薛晓峰")
    assert where(root) == []
    set_cells(root, "legal_deputies", SUNSHINE, remarks="接替薛晓峰")
    assert where(root) == [(DEPUTIES, 30, 9, "person-name-in-text")]
