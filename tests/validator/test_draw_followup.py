"""A result's follow-up: the penalty it links exists, is about the inspected institution and came after the inspection;
a stored result never contradicts its follow-up; what the text says was done is in the columns the status follows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.helpers import copy_sample, found, set_cells

from generator.validate import validate

RESULTS = "data/inspections.csv"
TASK_2 = "汾教双随机〔2025〕1号-02"  # line 9: fc-0028, 发现问题待后续处理, penalty 〔2025〕第10号 (2025-12-09)
TASK_3 = "汾教双随机〔2025〕1号-03"  # line 10: fc-0021, 未发现问题, inspected 2025-11-12
TASK_4 = "汾教双随机〔2025〕1号-04"  # line 11: fc-0030, 发现问题已责令改正, rectified 2025-11-20
RESULT, FOLLOW_UP, PENALTY_NO, RECTIFIED_ON = 7, 9, 11, 12  # columns
PENALTY = "汾教科罚决字〔2025〕第10号"


def test_the_defect_of_issue_19_a_penalty_written_in_the_text_only_is_warned(root: Path) -> None:
    # the row as it was: 待后续处理, and the follow-up text says the penalty was decided; no column says so
    set_cells(root, "inspections", TASK_2, penalty_no="")
    assert found(root) == [(RESULTS, 9, FOLLOW_UP, "follow-up-mismatch")]
    [problem] = validate(root).problems
    assert problem.severity == "warning" and PENALTY in problem.message and "发现问题待后续处理" in problem.message


def test_an_unknown_penalty_number_is_an_error(root: Path) -> None:
    set_cells(root, "inspections", TASK_2, penalty_no="汾教科罚决字〔2025〕第99号")
    assert (RESULTS, 9, PENALTY_NO, "unknown-reference") in found(root)


def test_a_later_penalty_of_the_same_institution_is_a_valid_link(root: Path) -> None:
    set_cells(root, "inspections", TASK_4, penalty_no="汾教科罚决字〔2026〕第11号")  # fc-0030's own penalty
    assert found(root) == []


def test_a_penalty_of_another_institution_is_warned(root: Path) -> None:
    set_cells(root, "inspections", TASK_4, penalty_no=PENALTY)  # fc-0028's, not fc-0030's
    assert found(root) == [(RESULTS, 11, PENALTY_NO, "follow-up-mismatch")]
    assert "fc-0028" in validate(root).problems[0].message


def test_nothing_found_yet_a_penalty_decided_before_the_inspection(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, penalty_no="汾教科罚决字〔2021〕第9号")  # fc-0021's, of 2021
    assert found(root) == [(RESULTS, 10, RESULT, "follow-up-mismatch"), (RESULTS, 10, PENALTY_NO, "follow-up-mismatch")]


def test_rectified_before_the_inspection_is_a_date_error(root: Path) -> None:
    set_cells(root, "inspections", TASK_4, rectified_on="2025-11-12")
    assert found(root) == [(RESULTS, 11, RECTIFIED_ON, "date-order")]


def test_nothing_found_yet_rectified(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, rectified_on="2025-11-20")
    assert found(root) == [(RESULTS, 10, RESULT, "follow-up-mismatch")]


@pytest.fixture(scope="module")
def cited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy whose TASK_2 row the first property rewrites example after example."""
    return copy_sample(tmp_path_factory.mktemp("cited") / "repo")


@pytest.fixture(scope="module")
def rectified(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy whose TASK_4 row the second property rewrites."""
    return copy_sample(tmp_path_factory.mktemp("rectified") / "repo")


WORDS = st.text(alphabet="当场责令限期改正复查立案调查作出决定，；。、 ", max_size=12)
SMALL = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SMALL
@given(before=WORDS, after=WORDS, linked=st.booleans(), number=st.sampled_from(
    [PENALTY, "汾教科罚决字〔2026〕第11号", "汾教科罚决字〔2021〕第9号"]))
def test_a_penalty_cited_anywhere_in_the_text_must_be_in_its_column(cited: Path, before: str, after: str,
                                                                    linked: bool, number: str) -> None:
    set_cells(cited, "inspections", TASK_2, follow_up=f"{before}{number}{after}" or "无",
              penalty_no=PENALTY if linked else "")
    warned = [(RESULTS, 9, FOLLOW_UP, "follow-up-mismatch")] if not linked or number != PENALTY else []
    assert found(cited) == warned


@SMALL
@given(before=WORDS, after=WORDS, phrase=st.sampled_from(["整改到位", "整改完毕", "整改完成", "已整改", "已改正"]),
       dated=st.booleans())
def test_rectification_said_in_the_text_must_have_its_date(rectified: Path, before: str, after: str, phrase: str,
                                                          dated: bool) -> None:
    set_cells(rectified, "inspections", TASK_4, follow_up=f"{before}{phrase}{after}",
              rectified_on="2025-11-20" if dated else "")
    assert found(rectified) == ([] if dated else [(RESULTS, 11, FOLLOW_UP, "follow-up-mismatch")])
