"""The draw's timing, read from real git history: a commitment (or seed source) recorded before the draw day is
fine; one recorded on or after it, under a back-dated commit, or never is a located warning; a revealed seed that is
not the one committed to is an error; scope, size, date, seed or commitment changed after the draw is a warning."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from validator.drawrepo import ANNOUNCED, COLUMN, LINE, PLAN_2025, PLANS, DrawRepo, announced_then_drawn
from validator.helpers import copy_row, copy_sample, found, set_cells

from generator.datasets.inspections.draw import commitment
from generator.validate import validate

LINE_2025 = LINE[PLAN_2025]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> DrawRepo:
    """Every plan announced with its commitment on 2023-04-01, each seed revealed the day after its draw."""
    return announced_then_drawn(tmp_path_factory.mktemp("good") / "repo")


@pytest.fixture
def repo(good: DrawRepo, tmp_path: Path) -> DrawRepo:
    return good.clone(tmp_path / "repo")


def _messages(root: Path, code: str) -> list[str]:
    return [p.message for p in validate(root).problems if p.code == code]


def test_commitments_recorded_before_their_draws_are_fine(repo: DrawRepo) -> None:
    assert found(repo.root) == []


def test_a_plan_recorded_with_its_commitment_and_seed_after_the_draw_is_warned(tmp_path: Path) -> None:
    # the defect of issue 19: the whole row, seed and all, reaches the record the day after the draw
    repo = DrawRepo(tmp_path / "repo")
    commit = repo.commit("2025-10-21")
    assert found(repo.root) == [(PLANS, line, COLUMN["seed_commitment"], "draw-published-late") for line in (2, 3, 4)]
    [message, *_] = _messages(repo.root, "draw-published-late")[2:]
    assert f"最早出现于 2025-10-21（提交 {commit[:7]}），不早于抽取日 2025-10-20" in message


def test_a_commitment_recorded_on_the_draw_day_itself_is_not_before_it(repo: DrawRepo) -> None:
    repo.set_plan(PLAN_2025, seed_commitment=commitment("aa" * 16), seed="aa" * 16)
    repo.commit("2025-10-20", "08:00:00")  # early that morning: still the draw day, not before it
    problems = found(repo.root)
    assert (PLANS, LINE_2025, COLUMN["seed_commitment"], "draw-published-late") in problems


def test_a_commitment_made_late_under_a_back_dated_commit_is_caught_by_the_order_of_commits(
        tmp_path: Path) -> None:
    repo = DrawRepo(tmp_path / "repo")
    plans = repo.plans()
    for plan_no in plans:
        repo.set_plan(plan_no, seed_commitment="", seed="")
    repo.commit("2025-11-01")  # the plans without commitments, recorded after every draw
    for plan_no, row in plans.items():
        repo.set_plan(plan_no, seed_commitment=row["seed_commitment"], seed=row["seed"])
    commit = repo.commit("2023-01-02")  # then a commit dated long before, placed after it
    assert found(repo.root) == [(PLANS, line, COLUMN["seed_commitment"], "draw-published-late") for line in (2, 3, 4)]
    assert f"提交 {commit[:7]} 的日期 2023-01-02 早于它之前的提交，日期可能被改动过" in _messages(
        repo.root, "draw-published-late")[0]


def test_a_revealed_seed_that_is_not_the_committed_one_is_an_error(repo: DrawRepo) -> None:
    good_seed = repo.plans()[PLAN_2025]["seed"]
    repo.set_plan(PLAN_2025, seed=good_seed.upper())  # one letter's case makes another seed, another draw
    problems = validate(repo.root).problems
    mismatch = [p for p in problems if p.code == "seed-commitment-mismatch"]
    assert [(p.path, p.line, p.col, p.severity) for p in mismatch] == [(PLANS, LINE_2025, COLUMN["seed"], "error")]
    # the draw made with the wrong seed no longer picks the institutions inspected: said too, located to the results
    assert {p.code for p in problems} == {"seed-commitment-mismatch", "not-drawn"}


def test_a_plan_without_commitment_or_source_is_warned_without_git(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    set_cells(root, "inspection_plans", PLAN_2025, seed_commitment="")
    assert found(root) == [(PLANS, LINE_2025, COLUMN["seed"], "draw-unverifiable")]


@pytest.mark.parametrize(("field", "value"), [("population", "白名单非学科类机构"), ("sample_size", "5")])
def test_scope_or_size_changed_after_the_draw_is_warned_at_that_cell(repo: DrawRepo, field: str, value: str) -> None:
    repo.set_plan(PLAN_2025, **{field: value})
    commit = repo.commit("2025-11-03")
    changed = [p for p in validate(repo.root).problems if p.code == "plan-changed-after-draw"]
    assert [(p.path, p.line, p.col) for p in changed] == [(PLANS, LINE_2025, COLUMN[field])]
    assert f"2025-11-03，提交 {commit[:7]}" in changed[0].message


def test_scope_changed_before_the_draw_is_no_problem(repo: DrawRepo, tmp_path: Path) -> None:
    fresh = DrawRepo(tmp_path / "fresh")
    seed = fresh.plans()[PLAN_2025]["seed"]
    fresh.set_plan(PLAN_2025, seed="", sample_size="3")
    fresh.commit(ANNOUNCED)
    fresh.set_plan(PLAN_2025, sample_size="4")
    fresh.commit("2025-10-19")  # corrected the day before the draw
    fresh.set_plan(PLAN_2025, seed=seed)
    fresh.commit("2025-10-21")
    assert [p for p in found(fresh.root) if p[1] == LINE_2025] == []


def test_a_seed_recorded_before_the_draw_day_is_warned(tmp_path: Path) -> None:
    repo = DrawRepo(tmp_path / "repo")
    commit = repo.commit("2023-04-01")  # every plan with its seed, long before its draw: anyone could compute it
    problems = [p for p in validate(repo.root).problems if p.code == "seed-before-draw"]
    assert [(p.line, p.col) for p in problems] == [(line, COLUMN["seed"]) for line in (2, 3, 4)]
    assert f"在 2023-04-01（提交 {commit[:7]}）已经出现" in problems[2].message


def test_a_seed_filled_in_before_the_draw_day_is_warned_by_today(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    set_cells(root, "inspection_plans", "汾教双随机〔2027〕1号", seed="0123456789" * 4)
    problems = validate(root, today=date(2026, 11, 30)).problems
    assert [(p.path, p.line, p.col, p.code) for p in problems] == [(PLANS, 5, COLUMN["seed"], "seed-before-draw")]
    assert validate(root).problems == []  # without a day to judge by, and no git: nothing to say


def test_outside_git_no_timing_is_judged(tmp_path: Path) -> None:
    assert found(copy_sample(tmp_path / "repo")) == []


def test_a_result_for_a_plan_not_drawn_yet_says_the_seed_is_missing(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    copy_row(root, "inspections", "汾教双随机〔2025〕1号-03", task_no="汾教双随机〔2027〕1号-01",
             plan_no="汾教双随机〔2027〕1号")
    # (and inspected before that plan's draw day: said too)
    assert found(root) == [("data/inspections.csv", 12, 3, "not-drawn"), ("data/inspections.csv", 12, 6, "date-order")]
    assert "还没有填写随机种子" in validate(root).problems[0].message
