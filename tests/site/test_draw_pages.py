"""A plan's page says exactly what its record proves, case by case: the git history made in each test decides what
may be said (commitment or source recorded before the draw, after it, under a back-dated commit, not at all; the
plan changed after its draw; a weak seed; a plan not drawn yet), and nothing stronger ever is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sitecheck import Page
from validator.drawrepo import PLAN_2025, DrawRepo, announced_then_drawn
from validator.helpers import copy_sample, set_cells

from generator.datasets.inspections import pages
from generator.datasets.inspections.claims import GIT_DATES
from generator.datasets.inspections.draw import commitment
from generator.datasets.views import PublicView
from generator.validate import validate

PLAN_2027 = "汾教双随机〔2027〕1号"
DAY = date(2026, 11, 27)
OVERSTATED = ("当场产生", "抽取后不能再改", "不能事后调换", "抽中谁不由任何人事先决定")
PROVEN_2025 = "「种子承诺值」于 2023-04-01 录入本站记录（早于抽取日 2025-10-20）；种子与承诺值相符"


def _plan(root: Path, url: str, today: date = DAY) -> tuple[str, str]:
    """(the plan page's text, its status line under the title) as the build renders them from `root`."""
    outcome = validate(root, today)
    view = PublicView(outcome.catalog, today)
    [body] = [p.body for p in pages.record_pages(view) if p.url == url]
    page = Page(body)
    assert not [s for s in OVERSTATED if s in page.text]
    line = body.split('<p class="tp-proof-line">', 1)[1].split("（<a", 1)[0]
    return page.text, line


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> DrawRepo:
    return announced_then_drawn(tmp_path_factory.mktemp("good") / "repo")


def test_a_commitment_recorded_before_the_draw_and_a_matching_seed(good: DrawRepo) -> None:
    first = good.git("rev-list", "--max-parents=0", "HEAD").strip()[:7]
    text, line = _plan(good.root, "inspections/plan-2025-1/")
    assert line == PROVEN_2025
    assert f"「种子承诺值」于 2023-04-01 录入本站的 git 记录（提交 {first}），早于抽取日 2025-10-20。" in text
    assert ("公布的种子与承诺值相符：种子的 SHA-256 值等于承诺值（可以用下面的程序核对）。"
            "这证明种子在承诺值录入之前已经确定、之后没有更换；种子由本局选定，不能证明种子本身是随机产生的。") in text
    assert GIT_DATES in text and "不能从本站记录确认" not in text


def test_a_source_named_before_the_draw_and_the_seed_taken_from_it(good: DrawRepo, tmp_path: Path) -> None:
    repo = good.clone(tmp_path / "repo")
    repo.set_plan(PLAN_2027, seed="0311172429" * 4)  # the 20 numbers of the draw day, two digits each
    repo.commit("2027-04-13")
    text, line = _plan(repo.root, "inspections/plan-2027-1/", date(2027, 5, 1))
    assert line == "「种子来源」于 2023-04-01 录入本站记录（早于抽取日 2027-04-12）"
    assert "早于抽取日 2027-04-12：来源所指的数值在抽取日才产生，此前无人能知道。" in text
    assert "本站无法自动核对种子是否等于来源公布的数值，请到来源核对。" in text


def test_a_plan_not_drawn_yet_shows_what_was_fixed_before_the_draw(good: DrawRepo) -> None:
    text, line = _plan(good.root, "inspections/plan-2027-1/")
    assert line == "「种子来源」于 2023-04-01 录入本站记录（早于抽取日 2027-04-12）；尚未抽取"
    assert "抽取后按种子来源公布的数值填写种子，任何人都可以到来源核对。" in text
    assert "随机种子 尚未公布（抽取后填写）" in text and "抽中的机构（" not in text and "抽签号（前" not in text


def test_a_plan_recorded_after_its_draw_cannot_be_confirmed(tmp_path: Path) -> None:
    repo = DrawRepo(tmp_path / "repo")
    commit = repo.commit("2025-10-21")
    text, line = _plan(repo.root, "inspections/plan-2025-1/")
    assert line == "不能从本站记录确认「种子承诺值」是在抽取前公开的；种子与承诺值相符"
    assert (f"「种子承诺值」：它在本站 git 记录中最早出现于 2025-10-21（提交 {commit[:7]}），不早于抽取日 2025-10-20，"
            "所以不能从本站记录确认它是在抽取前公开的。") in text
    assert "这证明种子在承诺值录入之前已经确定" not in text  # the match alone proves nothing about when


def test_a_back_dated_commit_proves_nothing(tmp_path: Path) -> None:
    repo = DrawRepo(tmp_path / "repo")
    plans = repo.plans()
    for plan_no in plans:
        repo.set_plan(plan_no, seed_commitment="", seed="")
    repo.commit("2025-11-01")
    for plan_no, row in plans.items():
        repo.set_plan(plan_no, seed_commitment=row["seed_commitment"], seed=row["seed"])
    commit = repo.commit("2023-01-02")  # dated before the draw, but placed after a commit of November 2025
    text, line = _plan(repo.root, "inspections/plan-2025-1/")
    assert line.startswith("不能从本站记录确认「种子承诺值」是在抽取前公开的")
    assert f"记录它的提交 {commit[:7]} 的日期 2023-01-02 早于在它之前的提交，日期可能被改动过" in text


def test_without_git_history_nothing_about_time_is_claimed(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    text, line = _plan(root, "inspections/plan-2025-1/")
    assert line == "不能从本站记录确认「种子承诺值」是在抽取前公开的；种子与承诺值相符"
    assert "本站 git 记录中还没有本计划（尚未提交，或生成网站时没有读到 git 记录）" in text
    assert GIT_DATES not in text  # no git date is cited, so none is explained


def test_a_plan_without_commitment_or_source_says_the_seed_may_have_been_chosen_after(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    set_cells(root, "inspection_plans", PLAN_2025, seed_commitment="")
    text, line = _plan(root, "inspections/plan-2025-1/")
    assert line == "未在抽取前公布种子承诺值或种子来源：不能证明种子不是在抽取后选定的"
    assert "不能排除种子是在知道结果之后选定的" in text


def test_a_change_after_the_draw_is_told_on_the_page(good: DrawRepo, tmp_path: Path) -> None:
    repo = good.clone(tmp_path / "repo")
    repo.set_plan(PLAN_2025, sample_size="5")
    commit = repo.commit("2025-11-03")
    text, line = _plan(repo.root, "inspections/plan-2025-1/")
    assert line == PROVEN_2025 + "；抽取后修改过计划"
    assert (f"抽取日当天或之后，本计划的「抽取数量」在本站记录中被修改过：2025-11-03（提交 {commit[:7]}），"
            "「4」改为「5」。") in text


def test_a_weak_seed_is_said_to_be_weak(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    set_cells(root, "inspection_plans", PLAN_2025, seed="20251020-1009", seed_commitment=commitment("20251020-1009"))
    text, line = _plan(root, "inspections/plan-2025-1/")
    assert line.endswith("；种子与承诺值相符；种子可以逐一试算")
    assert "种子（抽取日期不计）只有约 10,000 种可能的取值，可以逐一试算：它挡不住在抽取前算出或挑选抽取结果。" in text
