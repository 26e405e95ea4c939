"""Personal numbers and names in other spellings: spaced, hyphenated, full-width, hidden by markup or look-alikes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from validator.documents import with_check_digit
from validator.helpers import found, replace_text, set_cells

from generator.privacy.inputs import scan_text
from generator.read.sources import CONTROL
from generator.schema.identifiers import id_number_is_valid

ID = "110105199003071239"  # GB 11643 valid
MOBILE = "13800138000"
PENALTIES = "data/penalties.csv"
NOTES = "data/notes.txt"
ROW = "汾教科罚决字〔2023〕第6号"  # line 16, 吕文静 (自然人); remarks is column 25, legal_rep_name column 5
ORG_ROW = "汾教科罚决字〔2026〕第11号"


@pytest.mark.parametrize("spelling", [
    "110105 19900307 1239", "1101-0519-9003-0712-39", "110105.19900307.1239".replace(".", "·"),
    "１１０１０５１９９００３０７１２３９", "110105\u300019900307\u30001239", "1101\u200b0519\u200b9003071239",
    "ID110105199003071239", "身份证ID：110105199003071239号", "(110105)199003071239",
])
def test_id_number_in_another_spelling(root: Path, spelling: str) -> None:
    (root / NOTES).write_text(f"联系人\n  证件 {spelling} 备用\n", encoding="utf-8")
    assert found(root) == [(NOTES, 2, 6 + spelling.index(next(c for c in spelling if c.isdigit())),
                            "personal-id-number")]


@pytest.mark.parametrize("spelling", [
    "+86 (138) 0013-8000", "138 0013 8000", "138-0013-8000", "１３８００１３８０００", "138\u30000013\u30008000",
    "Tel13800138000", "0086 138 0013 8000"[2:], "手机：138\u200b0013\u200b8000",
])
def test_mobile_in_another_spelling(root: Path, spelling: str) -> None:
    set_cells(root, "penalties", ROW, remarks=f"联系电话{spelling}")
    # a zero-width character is refused at the cell as well: the number is still found and reported
    invisible = [(PENALTIES, 16, 25, "control-character")] if CONTROL.search(spelling) else []
    assert found(root) == [*invisible, (PENALTIES, 16, 25, "phone-number")]


@pytest.mark.parametrize("text", [
    "教民141099070000109号", "统一社会信用代码 52141002MJY123456A", "罚款 150000000 元",
    "2021-03-15 2022-03-14 2023-01-01", "0357-5213360 0357-5213368", "汾教科罚决字〔2023〕第6号",
    "1101 0519 9003 0712 38",  # wrong check digit
    "110105199003071239 0", "第 1380 号 013 号 800",
])
def test_ordinary_long_numbers_still_pass(text: str) -> None:
    hits = [code for _o, code, *_ in scan_text(text, set())]
    assert hits == ([] if text != "110105199003071239 0" else ["personal-id-number"])


@settings(max_examples=150)
@given(region=st.sampled_from([(400000, 499999), (510000, 559999), (620000, 629999)]).flatmap(
           lambda r: st.integers(*r)),
       born=st.dates(date(1930, 1, 1), date(2015, 12, 31)), seq=st.integers(0, 999),
       between=st.lists(st.sampled_from([" ", "-", "－", "—", "\u3000", "\u200b", "\t", "·", "<b>", "</b>",
                                          '<span class="x">', "</span>", "<!-- 注 -->", "&nbsp;"]),
                        min_size=1, max_size=4).map("".join))
def test_an_id_number_read_on_into_a_card_numbers_length_is_the_id(region: int, born: date, seq: int,
                                                                   between: str) -> None:
    """An ID number followed, after any run of what a reader skips (spacing, dashes, invisible characters, tags, a
    comment, a reference), by a digit that makes a 19-digit reading a card number (its prefix and Luhn check, as one
    digit in ten does) is said to be the ID number, as an 18-digit one is: a card number that is a valid ID."""
    number = with_check_digit(f"{region}{born:%Y%m%d}{seq:03d}")
    assume(number[-1] != "X" and id_number_is_valid(number))
    digit = luhn.calc_check_digit(number)  # the oracle: the one digit that makes the 19 digits pass Luhn's check
    text = f"证件 {number}{between}{digit} 号"
    assert [(o, c) for o, c, *_ in scan_text(text, set())] == [(3, "personal-id-number")]
    # written the same way, a card number whose first 18 digits are not an ID number is still a card number
    start = number[:17] + ("1" if number[17] != "1" else "2")
    if not id_number_is_valid(start):
        card = f"{start}{between}{luhn.calc_check_digit(start)}"
        assert [(o, c) for o, c, *_ in scan_text(f"卡号 {card} 号", set())] == [(3, "bank-card-number")]


def test_two_numbers_side_by_side_are_each_found() -> None:
    text = f"{MOBILE} 13912345678 {ID}"
    assert [(o, c) for o, c, *_ in scan_text(text, set())] == [
        (0, "phone-number"), (12, "phone-number"), (24, "personal-id-number")]


@pytest.mark.parametrize("hidden", ["1101&#48;5199003071239", "1101<b></b>05199003071239", "&#x31;10105199003071239",
                                    "110105<span>1990</span>03071239"])
def test_id_number_hidden_by_markup_in_markdown(root: Path, hidden: str) -> None:
    replace_text(root, "content/about.md", "- 电话：0357-5213360（工作日）", f"- 证件：{hidden}")
    [(path, _line, col, code)] = found(root)
    assert (path, code, col) == ("content/about.md", "personal-id-number", 6)


def test_id_number_in_a_file_name(root: Path) -> None:
    (root / f"content/附件-{ID}.txt").write_text("无\n", encoding="utf-8")
    assert found(root) == [(f"content/附件-{ID}.txt", 1, 1, "personal-id-number")]


# --- names ------------------------------------------------------------------------------------------


def test_legal_rep_name_of_a_natural_person_must_be_empty(root: Path) -> None:
    set_cells(root, "penalties", ROW, legal_rep_name="吕文静")
    assert found(root) == [(PENALTIES, 16, 5, "conditional-field")]


# ⽂ is the Kangxi radical
@pytest.mark.parametrize("spelling", ["吕 文静", "吕\u3000文\u200b静", "吕\u2f42静", "吕文静"])
def test_name_with_a_space_or_look_alike_in_the_facts(root: Path, spelling: str) -> None:
    set_cells(root, "penalties", ROW, violation_facts=f"{spelling}于2023年10月起利用住所有偿组织培训。")
    # a zero-width character inside is refused at the cell first (the row is not read, so nothing is published)
    code = "control-character" if CONTROL.search(spelling) else "person-name-in-text"
    assert found(root) == [(PENALTIES, 16, 9, code)]


def test_look_alike_radical_is_folded() -> None:
    from generator.privacy.names import fold
    assert fold("⼭ 西\u200b") == "山西"


def test_name_in_another_decisions_facts(root: Path) -> None:
    set_cells(root, "penalties", ORG_ROW, violation_facts="该中心聘用吕文静在工作日晚间培训。")
    line = next(iter(found(root)))[1]
    assert found(root) == [(PENALTIES, line, 9, "person-name-in-text")]


def test_name_in_an_event_reason_and_an_institution_name(root: Path) -> None:
    set_cells(root, "institution_events", {"institution_id": "fc-0043", "event": "取缔"}, reason="举办者吕文静无证办学")
    set_cells(root, "institutions", "fc-0069", name="吕文静美术工作室")
    codes = [(path, code) for path, _l, _c, code in found(root)]
    assert codes == [("data/institution_events.csv", "person-name-in-text"),
                     ("data/institutions.csv", "person-name-in-text")]


def test_name_in_a_report_body_is_placed_at_its_line_and_column(root: Path) -> None:
    replace_text(root, "content/reports/2022.md", "2023年将完善与", "吕 文静等案件说明，2023年将完善与")
    assert found(root) == [("content/reports/2022.md", 37, 1, "person-name-in-text")]
