"""The annual review (年度检查) rules, each with the exact place a clerk must look: row, column and code."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import copy_row, found, replace_text, set_cells

REVIEWS = "data/annual_reviews.csv"
REPORT = "content/reports/2021.md"
# Columns: year 1, school_name 2, school_uscc 3, school_type 4, license_no 5, institution_id 6, result 7,
# problems 8, rectification 9, rectification_due 10, recheck_on 11, recheck_result 12, remarks 13, published_on 14.
PASSED = {"year": "2025", "school_name": "汾川县贝贝乐幼儿园"}  # line 81: 合格
FAIRLY = {"year": "2025", "school_name": "汾川县星星幼儿园"}  # line 86: 基本合格 with problems and rectification
# line 74: a reviewed training institution (fc-0012)
TRAINING = {"year": "2024", "school_name": "汾川县启航机器人科技培训中心"}


@pytest.mark.parametrize(("key", "cells", "expected"), [
    # problems required unless 合格; rectification required for 基本合格 and 不合格
    (FAIRLY, {"problems": ""}, [(86, 8, "conditional-field")]),
    (FAIRLY, {"rectification": ""}, [(86, 9, "conditional-field")]),
    (PASSED, {"result": "不合格"}, [(81, 8, "conditional-field"), (81, 9, "conditional-field"),
                                    (81, 10, "rectification-due")]),
    (PASSED, {"result": "基本合格", "problems": "台账不全", "rectification": "三个月内补齐",
              "rectification_due": "2026-06-30"}, []),
    # without a deadline the site cannot tell a parent whether putting it right is overdue (a warning)
    (PASSED, {"result": "基本合格", "problems": "台账不全", "rectification": "三个月内补齐"},
     [(81, 10, "rectification-due")]),
    (FAIRLY, {"rectification_due": ""}, [(86, 10, "rectification-due")]),
    (FAIRLY, {"rectification_due": "2026-04-31"}, [(86, 10, "invalid-date")]),
    # a recheck is its date and its conclusion together
    (FAIRLY, {"recheck_result": ""}, [(86, 12, "conditional-field")]),
    (FAIRLY, {"recheck_on": ""}, [(86, 11, "conditional-field")]),
    (FAIRLY, {"recheck_on": "", "recheck_result": ""}, []),
    (PASSED, {"problems": "个别台账不全"}, []),  # a 合格 school may still have a remark-worthy problem
    (PASSED, {"result": "优秀"}, [(81, 7, "invalid-enum")]),
    (PASSED, {"school_type": "公办幼儿园"}, [(81, 4, "invalid-enum")]),
    # the credit code is checked like every other (GB 32100), and the placeholder is for sole traders only
    (PASSED, {"school_uscc": "52141099MJ00378745"}, [(81, 3, "invalid-uscc")]),
    (PASSED, {"school_uscc": "00000000000000000X"}, [(81, 3, "invalid-uscc")]),
    # a reviewed training institution must exist
    (TRAINING, {"institution_id": "fc-9999"}, [(74, 6, "unknown-reference")]),
    # dates: not before the year; after 31 March of the next year is late (a warning)
    (PASSED, {"published_on": "2024-12-31"}, [(81, 14, "date-order")]),
    (PASSED, {"published_on": "2026-03-31"}, []),
    (PASSED, {"published_on": "2026-04-01"}, [(81, 14, "late-review")]),
    (PASSED, {"year": "25"}, [(81, 1, "invalid-value")]),
    (PASSED, {"published_on": "2026/03/17"}, [(81, 14, "invalid-date")]),
])
def test_review_rules(root: Path, key: dict[str, str], cells: dict[str, str],
                      expected: list[tuple[int, int, str]]) -> None:
    set_cells(root, "annual_reviews", key, **cells)
    assert found(root) == [(REVIEWS, *where) for where in expected]


def test_a_second_row_for_the_same_school_and_year_is_a_located_duplicate(root: Path) -> None:
    copy_row(root, "annual_reviews", PASSED, school_name="汾川县贝贝乐幼儿园（重复录入）")
    assert found(root) == [(REVIEWS, 95, 3, "duplicate-id")]


def test_the_same_school_in_another_year_is_no_duplicate(root: Path) -> None:
    copy_row(root, "annual_reviews", PASSED, year="2026", published_on="2026-11-20")
    assert found(root) == []


def test_a_bureau_may_declare_its_own_grades(root: Path) -> None:
    replace_text(root, "data/site.yml", "  disclosure_working_days: 7\n",
                 "  disclosure_working_days: 7\n  review_grades: [合格, 基本合格, 暂缓通过, 不合格]\n")
    set_cells(root, "annual_reviews", PASSED, result="暂缓通过", problems="消防验收未完成", rectification="年底前完成",
              rectification_due="2026-12-31")
    assert found(root) == []
    set_cells(root, "annual_reviews", PASSED, result="暂缓通过", problems="", rectification="")
    assert found(root) == [(REVIEWS, 81, 8, "conditional-field"), (REVIEWS, 81, 9, "conditional-field")]


def test_a_file_without_the_new_columns_still_validates_and_asks_for_the_deadline_at_the_row(root: Path) -> None:
    # a bureau's older file has no 整改期限 / 复查 columns: nothing breaks; each non-passing row is reminded
    from validator.helpers import drop_column

    for column in ("rectification_due", "recheck_on", "recheck_result"):
        drop_column(root, "annual_reviews", column)
    warned = found(root)
    assert {(path, line, code) for path, line, _col, code in warned} == {
        (REVIEWS, line, "rectification-due") for line in (21, 43, 52, 74, 84, 86)}


def test_a_grade_scale_that_repeats_a_grade_is_refused(root: Path) -> None:
    replace_text(root, "data/site.yml", "  disclosure_working_days: 7\n",
                 "  disclosure_working_days: 7\n  review_grades: [合格, 合格]\n")
    assert found(root) == [("data/site.yml", 21, 18, "invalid-value")]


def test_the_report_figure_of_schools_reviewed_is_checked(root: Path) -> None:
    replace_text(root, REPORT, "  annual_reviews: 17\n", "  annual_reviews: 18\n")
    assert found(root) == [(REPORT, 19, 19, "figure-mismatch")]


def test_a_review_row_missing_from_the_data_shows_in_the_report_figure(root: Path) -> None:
    path = root / REVIEWS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1].startswith("2021,")
    path.write_text("".join([lines[0], *lines[2:]]), encoding="utf-8")
    assert found(root) == [(REPORT, 19, 19, "figure-mismatch")]


def test_without_the_file_a_bureau_has_no_reviews_and_no_problem(root: Path) -> None:
    (root / REVIEWS).unlink()
    replace_text(root, REPORT, "  annual_reviews: 17\n", "")
    assert found(root) == []
