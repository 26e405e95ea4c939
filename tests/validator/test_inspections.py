"""双随机、一公开: every rule over the items, plans and results, located to the cell; and the draw itself."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from validator.helpers import copy_row, found, replace_text, set_cells

from generator.datasets.inspections.checks import plan_draws, population
from generator.datasets.inspections.draw import draw, draw_key, snippet
from generator.validate import validate

ITEMS = "data/inspection_items.yaml"
PLANS = "data/inspection_plans.csv"
RESULTS = "data/inspections.csv"
PLAN_2025 = "汾教双随机〔2025〕1号"  # line 4 of inspection_plans.csv
TASK_3 = "汾教双随机〔2025〕1号-03"  # line 10 of inspections.csv: fc-0021, inspected 2025-11-12 by 0003 and 0004
TASK_2 = "汾教双随机〔2025〕1号-02"  # line 9: fc-0028, 发现问题待后续处理
TASK_4 = "汾教双随机〔2025〕1号-04"  # line 11: fc-0030, 发现问题已责令改正
# columns of inspections.csv: task_no 1, plan_no 2, institution_id 3, item_codes 4, inspector_certs 5,
# inspected_on 6, result 7, findings 8, follow_up 9, published_on 10; of inspection_plans.csv: sample_size 6


# --- the draw ---------------------------------------------------------------------------------------------


def _independent_draw(seed: str, ids: list[str], size: int) -> list[str]:
    """The rule as the plan page states it, written again from the words, not from the module."""
    keyed = sorted((hashlib.sha256((seed + ":" + i).encode("utf-8")).hexdigest(), i) for i in ids)
    return [i for _, i in keyed[:size]]


HAND_MADE = ["fc-0003", "fc-0007", "fc-0011", "fc-0012", "fc-0020", "fc-0031", "fc-0040", "fc-0052"]


@pytest.mark.parametrize("seed", ["20251020-1009", "种子：汾川", "0", "a:b"])
def test_draw_matches_an_independent_implementation(seed: str) -> None:
    for size in range(1, len(HAND_MADE) + 1):
        assert draw(seed, HAND_MADE, size) == _independent_draw(seed, HAND_MADE, size)
    assert draw_key(seed, "fc-0003") == hashlib.sha256(f"{seed}:fc-0003".encode()).hexdigest()


def test_draw_is_deterministic_and_ignores_the_order_of_the_population() -> None:
    first = draw("20240415-2706", HAND_MADE, 3)
    assert first == draw("20240415-2706", list(reversed(HAND_MADE)), 3) == draw("20240415-2706", HAND_MADE, 3)
    assert draw("20240415-2707", HAND_MADE, 3) != first  # another seed, another draw (for this population)
    assert draw("x", HAND_MADE, 3) == draw("x", HAND_MADE, 5)[:3]  # a larger sample extends a smaller one
    assert draw("x", HAND_MADE, 100) == _independent_draw("x", HAND_MADE, 100)  # never more than the population


def test_the_snippet_a_citizen_runs_gives_the_same_draw() -> None:
    code = snippet('a "quoted" seed', HAND_MADE, 3)
    assert len(code.splitlines()) == 6
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == repr(draw('a "quoted" seed', HAND_MADE, 3))


def test_sample_plans_draw_from_the_list_on_the_draw_day() -> None:
    catalog = validate(Path(__file__).resolve().parents[2]).catalog
    draws = plan_draws(catalog)
    assert draws[PLAN_2025].drawn == ("fc-0066", "fc-0028", "fc-0021", "fc-0030")
    assert len(draws[PLAN_2025].population) == 32
    # the 2023 plan drew from the non-subject white list: fc-0010 (学科类) was white-listed but not in it
    assert "fc-0010" in population(catalog, "白名单机构", date(2023, 4, 17))
    assert "fc-0010" not in draws["汾教双随机〔2023〕1号"].population
    assert population(catalog, "白名单学科类机构", date(2023, 4, 17)) == ["fc-0010"]


# --- the sample and optional files ----------------------------------------------------------------------


def test_sample_is_clean_with_and_without_today(root: Path) -> None:
    assert found(root) == []
    assert validate(root, date(2026, 11, 30)).problems == []


def test_the_files_are_optional(root: Path) -> None:
    for rel in (ITEMS, PLANS, RESULTS):
        (root / rel).unlink()
    assert found(root) == []


# --- items ------------------------------------------------------------------------------------------------


def test_item_must_cite_an_inspection_matter(root: Path) -> None:
    replace_text(root, ITEMS, "    matter_code: 141099-JY-JC-002\n", "    matter_code: 141099-JY-CF-001\n", count=2)
    assert found(root) == [(ITEMS, 15, 18, "unknown-reference"), (ITEMS, 24, 18, "unknown-reference")]
    assert "行政检查" in validate(root).problems[0].message


def test_item_citing_an_unknown_matter(root: Path) -> None:
    replace_text(root, ITEMS, "141099-JY-JC-002\n    basis: 《校外培训", "141099-JY-JC-099\n    basis: 《校外培训")
    assert found(root) == [(ITEMS, 15, 18, "unknown-reference")]


# --- plans ------------------------------------------------------------------------------------------------


def test_sample_size_larger_than_the_population(root: Path) -> None:
    set_cells(root, "inspection_plans", PLAN_2025, sample_size="33")
    assert found(root) == [(PLANS, 4, 6, "sample-too-large")]
    assert "共 32 家" in validate(root).problems[0].message


def test_sample_size_of_zero(root: Path) -> None:
    set_cells(root, "inspection_plans", PLAN_2025, sample_size="0")
    assert (PLANS, 4, 6, "invalid-value") in found(root)


def test_plan_citing_an_unknown_item(root: Path) -> None:
    set_cells(root, "inspection_plans", PLAN_2025, item_codes="SJ-01;SJ-02;SJ-03;SJ-06;SJ-99")
    assert found(root) == [(PLANS, 4, 3, "unknown-reference")]


def test_plan_published_before_its_draw_is_what_a_plan_should_do(root: Path) -> None:
    # a plan is announced before its draw (scope, size, commitment), its seed filled in after: no problem
    set_cells(root, "inspection_plans", PLAN_2025, published_on="2025-10-17")
    assert found(root) == []


def test_population_outside_the_enum(root: Path) -> None:
    set_cells(root, "inspection_plans", PLAN_2025, population="全部机构")
    problems = found(root)
    assert problems[0] == (PLANS, 4, 4, "invalid-enum")
    # the plan did not validate: its results are not judged against a draw that cannot be made
    assert {p for p in problems if p[0] == RESULTS} == set()


def test_missing_results_three_months_after_the_draw(root: Path) -> None:
    path = root / RESULTS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # the result for fc-0030 (line 11)
    assert found(root) == []  # without a day to count from, no deadline has passed
    late = [(p.path, p.line, p.col, p.code) for p in validate(root, date(2026, 11, 30)).problems]
    assert late == [(PLANS, 4, 1, "missing-inspection-result")]
    assert "fc-0030" in validate(root, date(2026, 11, 30)).problems[0].message
    assert validate(root, date(2026, 1, 19)).problems == []  # not three months after 2025-10-20 yet


# --- results ----------------------------------------------------------------------------------------------


def test_an_institution_the_draw_did_not_pick(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, institution_id="fc-0009")  # white-listed, but not drawn
    assert found(root) == [(RESULTS, 10, 3, "not-drawn")]
    message = validate(root).problems[0].message
    assert "fc-0066、fc-0028、fc-0021、fc-0030" in message and "汾川县致远培训学校" in message


def test_one_result_per_drawn_institution_in_a_plan(root: Path) -> None:
    copy_row(root, "inspections", TASK_3, task_no="汾教双随机〔2025〕1号-05")  # the same school, a second time
    assert found(root) == [(RESULTS, 12, 3, "duplicate-id")]
    message = validate(root).problems[0].message
    assert "第 10 行" in message and TASK_3 in message and "后续处理" in message


def test_an_unknown_institution(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, institution_id="fc-9999")
    assert found(root) == [(RESULTS, 10, 3, "unknown-reference")]


def test_an_unknown_plan(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, plan_no="汾教双随机〔2025〕9号")
    assert found(root) == [(RESULTS, 10, 2, "unknown-reference")]


def test_an_item_not_in_the_plan(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, item_codes="SJ-01;SJ-05")  # SJ-05 exists, but not in this plan
    assert found(root) == [(RESULTS, 10, 4, "unknown-reference")]


@pytest.mark.parametrize("certs", ["14109920210003", "14109920210003;14109920210003", "14109920210003；"])
def test_one_inspector_is_not_enough(root: Path, certs: str) -> None:
    set_cells(root, "inspections", TASK_3, inspector_certs=certs)
    assert found(root) == [(RESULTS, 10, 5, "too-few-inspectors")]


def test_an_unknown_certificate(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, inspector_certs="14109920210003;14109920219999")
    assert found(root) == [(RESULTS, 10, 5, "unknown-reference")]


def test_a_certificate_expired_on_the_inspection_day(root: Path) -> None:
    set_cells(root, "enforcement_officers", "张慧敏", valid_until="2025-06-30")  # 0003: valid for 2023 and 2024
    assert found(root) == [(RESULTS, 8, 5, "expired-certificate"), (RESULTS, 10, 5, "expired-certificate")]
    assert "张慧敏" in validate(root).problems[0].message


def test_inspected_before_the_draw(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, inspected_on="2025-10-17", published_on="2025-10-31")
    assert found(root) == [(RESULTS, 10, 6, "date-order")]


def test_published_before_the_inspection(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, published_on="2025-11-11")
    assert found(root) == [(RESULTS, 10, 10, "date-order")]


def test_findings_are_required_when_something_was_found(root: Path) -> None:
    set_cells(root, "inspections", TASK_4, findings="")
    set_cells(root, "inspections", TASK_2, follow_up="")
    assert found(root) == [(RESULTS, 9, 9, "conditional-field"), (RESULTS, 11, 8, "conditional-field")]


def test_no_findings_needed_when_nothing_was_found(root: Path) -> None:
    set_cells(root, "inspections", TASK_4, result="未发现问题", findings="", follow_up="", rectified_on="")
    assert found(root) == []


def test_a_result_outside_the_standard_categories(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, result="合格")
    assert found(root) == [(RESULTS, 10, 7, "invalid-enum")]


def test_twenty_working_days_is_in_time(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, published_on="2025-12-10")  # 20 working days after 2025-11-12
    assert found(root) == []


def test_a_late_result_is_a_warning(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, published_on="2025-12-12")  # 22 working days
    assert found(root) == [(RESULTS, 10, 10, "late-inspection-result")]
    [problem] = validate(root).problems
    assert problem.severity == "warning" and "22 个工作日" in problem.message


def test_an_unknown_holiday_calendar_is_said(root: Path) -> None:
    set_cells(root, "inspections", TASK_3, published_on="2199-01-05")
    codes = [code for *_, code in found(root)]
    assert codes == ["calendar-unknown", "late-inspection-result"] or codes == ["late-inspection-result",
                                                                                "calendar-unknown"]


def test_two_task_numbers_with_one_address(root: Path) -> None:
    copy_row(root, "inspections", TASK_3, task_no="汾教双随机〔2025〕1号-003")  # line 12: same slug 2025-1-03
    # and, being a copy, the same school a second time in the plan
    assert found(root) == [(RESULTS, 12, 1, "duplicate-id"), (RESULTS, 12, 3, "duplicate-id")]


def test_a_shown_key_prefix_can_never_read_as_a_mobile_number() -> None:
    from generator.datasets.inspections.pages import KEY_SHOWN
    from generator.schema.identifiers import MOBILE

    assert KEY_SHOWN < 11
    key = "13912345678" + "abcdef" * 8 + "abcde"  # a possible SHA-256 hex digest: 64 characters
    assert len(key) == 64 and MOBILE.search(key) and not MOBILE.search(key[:KEY_SHOWN])
