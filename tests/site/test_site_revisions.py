"""Revision history read from real git: record pages and /changes/ tell citizens what changed and when."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sitecheck import copy_project, page, run_build
from validator.helpers import get_cell, set_cells


def _git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "办公室", "GIT_AUTHOR_EMAIL": "office@example.invalid",
           "GIT_COMMITTER_NAME": "办公室", "GIT_COMMITTER_EMAIL": "office@example.invalid"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


SUPPLEMENTED = "汾教科罚决字〔2025〕第4号"


def _history_repo(project: Path) -> Path:
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "首次发布", when="2026-03-02T09:00:00+08:00")
    # 〔2024〕第6号: a fine corrected in a later commit.
    number = "汾教科罚决字〔2024〕第6号"
    fine = get_cell(project, "penalties", number, "fine_yuan")
    set_cells(project, "penalties", number, fine_yuan=str(int(float(fine)) + 1000))
    _git(project, "commit", "-q", "-am", "更正罚款金额", when="2026-05-18T15:30:00+08:00")
    # 〔2025〕第4号: a remark written into its empty cell later: it adds to the record, it corrects nothing.
    assert get_cell(project, "penalties", SUPPLEMENTED, "remarks") == ""
    set_cells(project, "penalties", SUPPLEMENTED, remarks="当事人已缴纳罚款")
    _git(project, "commit", "-q", "-am", "补充备注", when="2026-06-20T10:00:00+08:00")
    return project


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a two-commit history, built once for the tests that read its pages (none changes it)."""
    root = _history_repo(copy_project(tmp_path_factory.mktemp("history") / "project"))
    site = root / "site"
    result = run_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_record_pages_show_their_revision_history(history_site: Path) -> None:
    site = history_site
    text = page(site, "penalties/2024-006/").article_text()
    assert "修订记录 2026-03-02 录入本站 2026-05-18 更正：罚款金额（元）" in text
    assert "修订记录 2026-03-02 录入本站 2026-06-20 补充：备注" in page(site, "penalties/2025-004/").article_text()
    assert "修订记录 2026-03-02 录入本站" in page(site, "institutions/fc-0001/").article_text()


def test_changes_page_lists_changes_newest_first_naming_gone_decisions_by_number_only(history_site: Path) -> None:
    site = history_site
    changes = page(site, "changes/")
    text = changes.article_text()
    assert (text.index("2026-05-18 行政处罚决定 汾教科罚决字〔2024〕第6号 更正：罚款金额（元）")
            < text.index("2026-03-02"))
    # publicity over: the number and the day it left stay (as on the institution's page), the party does not
    assert "2024-09-18 行政处罚决定 汾教科罚决字〔2021〕第2号 公示期满，公示内容已撤下（公示期至 2024-09-17）" in text
    assert "2026-03-02 行政处罚决定 汾教科罚决字〔2021〕第2号 录入本站" in text
    assert "（已撤下的记录）" not in text
    assert "../penalties/2024-006/" in {a["href"] for a in changes.find("a")}
    corrected = page(site, "changes/corrected/").article_text()
    assert "汾教科罚决字〔2024〕第6号 更正：罚款金额（元）" in corrected
    assert "汾教科罚决字〔2025〕第4号 补充：备注" in corrected and corrected.startswith("更新记录：更正与补充")
    assert "录入本站" not in corrected.split("变动", 2)[-1]


def test_build_without_git_history_still_works(staff_edited: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _result, site = staff_edited  # a copy of the sample without .git, built once per run (tests/conftest.py)
    assert "修订记录" not in page(site, "penalties/2024-006/").article_text()
    assert "没有可用的版本历史" in page(site, "changes/").article_text()
