"""重大执法决定法制审核: the catalogue's entries, and each standing penalty it catches reviewed before it was made.

Lines of data/penalties.csv: 2021 第1号 line 2 (责令关闭, 2021-08-26, before the catalogue's 2021-09-01), 2021 第2号
line 3 (责令关闭, 没收 12,500 元: ZD-02, ZD-05, reviewed 2021-09-10), 2023 第4号 line 15 (没收 9,600 元, below ZD-05's
10,000), 2023 第6号 line 16 (自然人, 罚款 10,000 元: ZD-03 at its threshold), 2024 第11号 line 22 (自然人,
罚款 20,000 元: ZD-03 only), 2025 第4号 line 24 (责令关闭: ZD-02), 2026 第7号 line 29 (简易程序).
Columns: hearing_held 26, legal_review_date 27, legal_review_office 28.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from validator.helpers import drop_column, found, replace_text, set_cells

from generator.datasets.legal_review import rules
from generator.datasets.legal_review.model import ReviewEntry
from generator.validate import validate

P = "data/penalties.csv"
CAT = "data/legal_review_catalogue.yaml"
HEARING, DATE, OFFICE = 26, 27, 28
CODES = {"legal-review-missing", "legal-review-late"}
SENTENCE = ("目录清单施行后作出的责令关闭、没收较大数额违法所得等决定均在作出前经法制审核，"
            "全年经法制审核的重大执法决定{{全年经法制审核的行政处罚决定}}件。")


def _messages(root: Path) -> list[str]:
    return [p.text() for p in validate(root).problems]


def test_the_sample_catalogue_and_its_reviews_validate(root: Path) -> None:
    assert found(root) == []


def test_a_caught_decision_without_a_review_is_located_at_its_review_date_and_names_the_entries(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2021〕第2号", legal_review_date="", legal_review_office="")
    problems = validate(root).problems
    assert [p.text() for p in problems if p.path == P] == [
        "data/penalties.csv:3:27: error[legal-review-missing] legal_review_date: 本决定属于重大执法决定法制审核目录清单"
        "第 ZD-02 项「责令停产停业、责令关闭、限制从业（含责令停止招生）」（处罚类别含「责令关闭」，"
        "2021-09-01 起施行）、第 ZD-05 项「没收较大数额违法所得、较大价值非法财物」（没收 12,500.00 元，"
        "达到 10,000.00 元，2021-09-01 起施行），"
        "但没有法制审核日期：请填写 legal_review_date（法制审核日期，不晚于决定日期 2021-09-14）和 legal_review_office"
        "（法制审核机构，例如「汾川县教育科技局法制股」）",
    ]
    # the 2021 report states 3 reviewed decisions: one fewer is a mismatch there too
    assert [(p.path, p.line, p.col, p.code) for p in problems if p.path != P] == [
        ("content/reports/2021.md", 22, 18, "figure-mismatch")]


def test_a_review_after_the_decision_is_late(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2021〕第2号", legal_review_date="2021-09-15")
    [message] = _messages(root)
    assert message == (
        "data/penalties.csv:3:27: error[legal-review-late] legal_review_date: 法制审核日期 2021-09-15 晚于处罚决定日期 "
        "2021-09-14：本决定属于重大执法决定法制审核目录清单第 ZD-02 项「责令停产停业、责令关闭、限制从业"
        "（含责令停止招生）」（处罚类别含「责令关闭」，2021-09-01 起施行）、"
        "第 ZD-05 项「没收较大数额违法所得、较大价值非法财物」（没收 12,500.00 元，达到 10,000.00 元，"
        "2021-09-01 起施行），应在作出前经法制审核。请核对日期"
        "（填法制审核意见的日期）；确实是事后审核的，应依法纠正该决定")


def test_a_review_on_the_decision_day_is_in_time(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2021〕第2号", legal_review_date="2021-09-14")
    assert found(root) == []


def test_a_late_review_of_a_decision_outside_the_catalogue_is_late_too(root: Path) -> None:
    """The page would say 经法制审核 of a decision reviewed after it was made."""
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第4号", legal_review_date="2023-06-14",
              legal_review_office="汾川县教育科技局法制股")
    [message] = _messages(root)
    assert message.startswith("data/penalties.csv:15:27: error[legal-review-late] legal_review_date: 法制审核日期 "
                              "2023-06-14 晚于处罚决定日期 2023-06-13：法制审核在决定作出之前进行。")


def test_a_voluntary_review_of_a_decision_outside_the_catalogue_is_fine(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第4号", legal_review_date="2023-06-09",
              legal_review_office="汾川县教育科技局法制股")
    assert found(root) == []


def test_thresholds_are_reached_at_the_amount_itself(root: Path) -> None:
    """ZD-03: a natural person's fine of 10,000 元 or more (「达到」); 9,999.99 元 is not caught."""
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第6号", legal_review_date="", legal_review_office="")
    assert [p for p in found(root) if p[0] == P] == [(P, 16, DATE, "legal-review-missing")]
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第6号", fine_yuan="9999.99")
    assert [p for p in found(root) if p[0] == P] == []


def test_a_hearing_makes_a_decision_one_to_review(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第4号", hearing_held="是")
    [message] = [p.message for p in validate(root).problems]
    assert found(root) == [(P, 15, DATE, "legal-review-missing")]
    assert "第 ZD-06 项「直接关系当事人或者第三人重大权益，经过听证程序的」（举行了听证" in message


def test_a_decision_before_the_catalogue_took_effect_needs_no_review(root: Path) -> None:
    """2021 第1号 (2021-08-26, 责令关闭) was made before 2021-09-01; moved earlier, the entry catches it."""
    assert found(root) == []
    replace_text(root, CAT, "    effective_from: 2021-09-01\n    note: 民办学校",
                 "    effective_from: 2021-08-26\n    note: 民办学校")
    assert found(root) == [(P, 2, DATE, "legal-review-missing")]


def test_a_withdrawn_decision_is_not_held_to_the_catalogue(root: Path) -> None:
    """It no longer stands and its page is the withdrawal notice; a missing review may be why it was revoked."""
    set_cells(root, "penalties", "汾教科罚决字〔2025〕第4号", status="已撤销", withdrawn_on="2026-01-12",
              withdrawal_reason="未经法制审核作出，依法撤销", legal_review_date="", legal_review_office="")
    assert [p for p in found(root) if p[3] in CODES] == []
    set_cells(root, "penalties", "汾教科罚决字〔2025〕第4号", legal_review_date="2025-06-18",
              legal_review_office="汾川县教育科技局法制股")
    assert [p for p in found(root) if p[3] in CODES] == []


def _unstated(root: Path) -> None:
    """The 2021 report without its figure of reviews and the sentence stating it (a bureau without a catalogue)."""
    replace_text(root, "content/reports/2021.md", "  legal_reviews: 3\n", "")
    replace_text(root, "content/reports/2021.md", SENTENCE, "")


def test_without_a_catalogue_nothing_is_demanded(root: Path) -> None:
    """A bureau that keeps no catalogue has declared no 重大执法决定: no defaults are invented. The 2021 report's
    figure of reviews can then not be proved (test_optional_datasets), so it is left out here."""
    (root / CAT).unlink()
    _unstated(root)
    set_cells(root, "penalties", "汾教科罚决字〔2025〕第4号", legal_review_date="", legal_review_office="")
    assert found(root) == []


def test_a_tree_without_the_new_columns_still_validates_without_a_catalogue(root: Path) -> None:
    (root / CAT).unlink()
    _unstated(root)
    for column in ("hearing_held", "legal_review_date", "legal_review_office"):
        drop_column(root, "penalties", column)
    assert found(root) == []


def test_the_office_and_the_date_go_together(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第11号", legal_review_office="")
    assert found(root) == [(P, 22, OFFICE, "conditional-field")]
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第11号", legal_review_office="汾川县教育科技局法制股",
              legal_review_date="")
    assert sorted(found(root)) == [(P, 22, DATE, "conditional-field"), (P, 22, DATE, "legal-review-missing")]


def test_the_office_is_an_office_never_a_reviewer(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第11号", legal_review_office="张伟")
    problems = validate(root).problems
    assert [(p.path, p.line, p.col, p.code) for p in problems] == [(P, 22, OFFICE, "invalid-value")]
    assert "不要写审核人员的姓名" in problems[0].message and "「张伟」" in problems[0].message


def test_a_phone_number_or_an_id_number_as_the_office_is_refused_as_everywhere(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第11号", legal_review_office="法制股13912345678")
    assert (P, 22, OFFICE, "phone-number") in found(root)
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第11号", legal_review_office="11010519491231002X")
    assert (P, 22, OFFICE, "personal-id-number") in found(root)


def test_a_hearing_under_the_summary_procedure_is_refused(root: Path) -> None:
    """2026 第7号 (line 29) was decided under 简易程序; marked as heard, ZD-06 (hearings) catches it as well."""
    set_cells(root, "penalties", "汾教科罚决字〔2026〕第7号", hearing_held="是")
    assert found(root) == [(P, 29, HEARING, "conditional-field"), (P, 29, DATE, "legal-review-missing")]


def test_a_hearing_flag_is_yes_or_no(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2026〕第7号", hearing_held="有")
    assert found(root) == [(P, 29, HEARING, "invalid-enum")]


# --- the catalogue's own entries -------------------------------------------------------------------------------


def test_an_entry_without_conditions_is_reported_at_its_code(root: Path) -> None:
    replace_text(root, CAT, "    penalty_types:\n      - 吊销许可证件\n", "")
    assert found(root) == [(CAT, 6, 11, "conditional-field")]


def test_party_categories_alone_are_no_condition(root: Path) -> None:
    replace_text(root, CAT, '    fine_at_least: "10000"\n', "")
    assert found(root) == [(CAT, 31, 7, "conditional-field")]  # its first item


def test_a_case_by_case_entry_states_no_conditions(root: Path) -> None:
    replace_text(root, CAT, "    case_by_case: true\n", "    case_by_case: true\n    hearing: true\n")
    assert found(root) == [(CAT, 69, 19, "conditional-field")]


def test_a_hearing_condition_is_yes_or_absent(root: Path) -> None:
    replace_text(root, CAT, "    hearing: true\n", "    hearing: false\n")
    assert sorted(found(root)) == [(CAT, 60, 11, "conditional-field"), (CAT, 62, 14, "conditional-field")]


def test_entry_codes_are_unique_and_ascii(root: Path) -> None:
    replace_text(root, CAT, "  - code: ZD-07\n", "  - code: ZD-06\n")
    assert found(root) == [(CAT, 67, 11, "duplicate-id")]
    replace_text(root, CAT, "  - code: ZD-06\n    name: 涉及", "  - code: 重大-07\n    name: 涉及")
    assert found(root) == [(CAT, 67, 11, "invalid-value")]


def test_a_penalty_type_of_an_entry_is_one_of_the_standard_types(root: Path) -> None:
    replace_text(root, CAT, "      - 吊销许可证件\n    basis:", "      - 吊销办学许可证\n    basis:")
    assert found(root) == [(CAT, 9, 9, "invalid-enum")]


def test_one_wording_states_an_entry_on_its_page_and_what_of_a_penalty_meets_it() -> None:
    """The list page and the errors word an entry's conditions by one function, clause for clause in the
    catalogue's order: the page the condition, the error what of the penalty meets it."""
    entry = ReviewEntry.model_validate({
        "code": "ZD-99", "name": "全部条件", "penalty_types": ["罚款", "责令关闭"], "party_categories": ["自然人"],
        "fine_at_least": "10000", "confiscated_at_least": "5000", "hearing": True,
        "basis": [{"law": "《中华人民共和国行政处罚法》", "article": "第五十八条"}], "effective_from": "2021-09-01"})
    penalty = SimpleNamespace(penalty_types=["罚款"], party_category="自然人", fine_yuan=Decimal("12000"),
                              confiscated_yuan=Decimal("5000"))
    assert rules.worded(entry) == ("处罚类别含罚款、责令关闭之一，当事人为自然人，罚款金额达到 10,000.00 元，"
                                   "没收金额达到 5,000.00 元，作出决定前举行了听证")
    assert rules.worded(entry, penalty) == ("处罚类别含「罚款」，当事人是自然人，罚款 12,000.00 元，达到 10,000.00 元，"
                                            "没收 5,000.00 元，达到 5,000.00 元，举行了听证")
    by_case = entry.model_copy(update={"case_by_case": True})
    assert rules.worded(by_case) == rules.worded(by_case, penalty) == "由承办股室逐案判断，属于本项情形的送法制审核"
