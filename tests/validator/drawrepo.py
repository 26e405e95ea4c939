"""Real git repositories of the sample whose 抽查计划 reach the record commit by commit, each on a chosen day (the
draw-timing tests: validator, pages and browser)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

from gitdiff.gitrepos import GIT_ENV
from sitecheck import copy_project
from validator.helpers import copy_sample, set_cells

PLANS = "data/inspection_plans.csv"
PLAN_2023, PLAN_2024, PLAN_2025 = "汾教双随机〔2023〕1号", "汾教双随机〔2024〕1号", "汾教双随机〔2025〕1号"
#: The day after each sample draw: when the good history reveals each seed.
REVEALED = {PLAN_2023: "2023-04-18", PLAN_2024: "2024-04-16", PLAN_2025: "2025-10-21"}
ANNOUNCED = "2023-04-01"
"""The day the good history announces every plan, its commitment or source with it (before any draw)."""
#: Line of each plan in inspection_plans.csv, and the columns of its cells.
LINE = {PLAN_2023: 2, PLAN_2024: 3, PLAN_2025: 4}
COLUMN = {"population": 4, "draw_date": 5, "sample_size": 6, "seed_source": 7, "seed_commitment": 8, "seed": 9}


class DrawRepo:
    """A git repository holding a copy of the sample (data/ and content/, or the whole project to build)."""

    def __init__(self, root: Path, project: bool = False):
        self.root = copy_project(root) if project else copy_sample(root)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, stamp: str | None = None) -> str:
        env = {**os.environ, **GIT_ENV}
        if stamp:
            env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        return subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True,
                              text=True).stdout

    def plans(self) -> dict[str, dict[str, str]]:
        text = (self.root / PLANS).read_text(encoding="utf-8")
        return {row["plan_no"]: row for row in csv.DictReader(io.StringIO(text))}

    def set_plan(self, plan_no: str, **cells: str) -> None:
        set_cells(self.root, "inspection_plans", plan_no, **cells)

    def commit(self, day: str, time: str = "10:00:00") -> str:
        """Commit everything, dated `day` at `time` Beijing time; the new commit's id."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", f"data of {day}", stamp=f"{day}T{time}+08:00")
        return self.git("rev-parse", "HEAD").strip()

    def clone(self, dest: Path) -> DrawRepo:
        """A copy of this repository, history and all (cheaper than making the history again)."""
        shutil.copytree(self.root, dest, symlinks=True)
        copy = DrawRepo.__new__(DrawRepo)
        copy.root = dest
        return copy


def announced_then_drawn(root: Path, project: bool = False) -> DrawRepo:
    """The history a bureau should leave: every plan, with its commitment (or source), recorded on ANNOUNCED before
    any draw, its seed left empty; each seed filled in the day after its draw."""
    repo = DrawRepo(root, project)
    seeds = {no: row["seed"] for no, row in repo.plans().items() if row["seed"]}
    for plan_no in seeds:
        repo.set_plan(plan_no, seed="")
    repo.commit(ANNOUNCED)
    for plan_no, day in REVEALED.items():
        repo.set_plan(plan_no, seed=seeds[plan_no])
        repo.commit(day)
    return repo
