"""`export credit-platform --since DAY`: the decisions git says were added or changed on or after DAY (Beijing
time), and those that began publicity or ended since, never judged by the decision date; refused without history."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from commands import BARE, here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from validator.helpers import copy_row, copy_sample, set_cells

from generator.datasets.views import PublicView
from generator.staff.export import export_credit_platform
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-27"
FILES = {"行政处罚": "0301", "行政许可": "0102"}
CHANGED = "汾教科罚决字〔2024〕第6号"  # decided and published in 2024, under publicity (严重) until 2027
LATE = "汾教科罚决字〔2025〕第20号"  # decided in 2025, recorded in November 2026
GONE = "汾教科罚决字〔2021〕第2号"  # its publicity ended in 2024
REVOKED = "汾教科许决字〔2021〕第15号"


def git(root: Path, *args: str, when: str = "2026-01-10T10:00:00+08:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "办公室", "GIT_AUTHOR_EMAIL": "office@example.org",
           "GIT_COMMITTER_NAME": "办公室", "GIT_COMMITTER_EMAIL": "office@example.org",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True,
                          text=True).stdout


def commit(root: Path, when: str, message: str = "数据更新") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)


def export(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return here("export", "credit-platform", "--out", str(out), "--root", str(root), "--today", TODAY, *extra,
                env=BARE)


def numbers(out: Path, kind: str, stamp: str = "2026112700") -> dict[str, str]:
    """Decision number -> XK_ZT (有效 for a penalty, which has no state column) over both party files, as
    python-calamine reads the .xlsx."""
    key = "XK_WSH" if kind == "行政许可" else "CF_WSH"
    found = {}
    for group in ("法人及非法人组织", "自然人"):
        path = out / f"{kind}-{group}-{FILES[kind]}_{stamp}.xlsx"
        if path.exists():
            header, *rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
            for row in rows:
                cells = dict(zip(header, (str(v) for v in row), strict=True))
                found[cells[key]] = cells.get("XK_ZT", "有效")
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The sample committed on 2026-01-10, then one commit late on 14 November (UTC), 15 November in Beijing:
    a remark on a 2024 penalty, a 2025 penalty recorded late, a remark on an expired one and on a revoked licence."""
    root = copy_sample(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    commit(root, "2026-01-10T10:00:00+08:00", "录入数据")
    set_cells(root, "penalties", CHANGED, remarks="已缴清罚款")
    copy_row(root, "penalties", "汾教科罚决字〔2025〕第4号", decision_no=LATE, decision_date="2025-08-01",
             valid_until="2026-08-01", published_on="2025-08-05")
    set_cells(root, "penalties", GONE, remarks="已结案")
    set_cells(root, "licenses", REVOKED, remarks="证书已收回")
    commit(root, "2026-11-14T17:30:00+00:00")
    return root


def test_since_means_added_or_changed_in_git_not_decided(repo: Path, tmp_path: Path) -> None:
    result = export(repo, tmp_path / "out", "--since", "2026-11-15")
    assert result.returncode == 0, result.stdout + result.stderr
    assert numbers(tmp_path / "out", "行政处罚") == {CHANGED: "有效", LATE: "有效"}  # decided in 2024 and 2025
    assert numbers(tmp_path / "out", "行政许可") == {REVOKED: "无效"}
    lines = result.stdout.splitlines()
    assert lines[0] == "行政处罚：公示期已满的 1 条未导出（与网站 2026-11-27 显示的一致）。"  # GONE changed, not public
    assert "行政处罚（自然人）：没有需要报送的记录，未生成文件。" in lines
    assert not any("注意：data/" in line for line in lines)


def test_a_commit_counts_on_its_day_in_beijing(repo: Path, tmp_path: Path) -> None:
    result = export(repo, tmp_path / "out", "--since", "2026-11-16")
    assert result.returncode == 0, result.stderr
    assert numbers(tmp_path / "out", "行政处罚") == {} and numbers(tmp_path / "out", "行政许可") == {}
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_decisions_that_began_or_ended_since_are_in_once(repo: Path, tmp_path: Path) -> None:
    result = export(repo, tmp_path / "september", "--since", "2026-09-10")
    assert result.returncode == 0, result.stderr
    assert numbers(tmp_path / "september", "行政处罚") == dict.fromkeys(  # changed, or published since
        [CHANGED, "汾教科罚决字〔2026〕第7号", "汾教科罚决字〔2026〕第9号", "汾教科罚决字〔2026〕第11号", LATE], "有效")
    assert numbers(tmp_path / "september", "行政许可") == {  # valid to 15 September: ended on the 16th
        "汾教科许决字〔2021〕第11号": "无效", REVOKED: "无效", "汾教科许决字〔2026〕第6号": "有效"}
    later = export(repo, tmp_path / "november", "--since", "2026-11-15")
    assert later.returncode == 0, later.stderr
    assert "汾教科许决字〔2021〕第11号" not in numbers(tmp_path / "november", "行政许可")  # reported once


def test_uncommitted_changes_count_as_today_and_are_said(repo: Path, tmp_path: Path) -> None:
    set_cells(repo, "penalties", "汾教科罚决字〔2026〕第5号", remarks="已整改")
    result = export(repo, tmp_path / "out", "--since", "2026-11-16")
    assert result.returncode == 0, result.stderr
    assert numbers(tmp_path / "out", "行政处罚") == {"汾教科罚决字〔2026〕第5号": "有效"}
    assert result.stdout.splitlines()[0] == ("注意：data/ 中的双公示数据或 site.yml 有尚未提交的修改：导出按本机文件，"
                                             "网站按已合并的版本显示；--since 把这些修改算作今天的改动。")


def test_a_settings_change_since_is_pointed_out(repo: Path, tmp_path: Path) -> None:
    site = repo / "data/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "# 2026-11-20 更新联系电话\n", encoding="utf-8")
    commit(repo, "2026-11-20T09:00:00+08:00")
    result = export(repo, tmp_path / "out", "--since", "2026-11-16")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ("注意：data/site.yml 在 2026-11-16 以后有改动（机构名称、"
                                             "信用代码或公示期限会影响每一行）：如改动了这些内容，"
                                             "请去掉 --since 全部导出一次。")


def test_a_shallow_clone_is_refused_with_what_to_do(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    result = export(shallow, tmp_path / "out", "--since", "2026-11-15")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"用法错误：{shallow} 是浅克隆，只有最近一部分提交记录，"
                             "无法判断哪些决定是在那一天以后新增或改动的："
                             "请先运行 `git fetch --unshallow` 取得完整历史，或去掉 --since 导出全部。"
                             "没有导出任何文件。\n")
    assert not (tmp_path / "out").exists()
    full = export(shallow, tmp_path / "full")  # a full export needs no history
    assert full.returncode == 0 and len(numbers(tmp_path / "full", "行政处罚")) == 11  # the sample's 10 and LATE


# --- any commits on any days, any --since: changed-since-in-git, and under publicity --------------------------

PUBLIC_PENALTIES = ("汾教科罚决字〔2023〕第7号", "汾教科罚决字〔2024〕第6号", "汾教科罚决字〔2024〕第11号",
                    "汾教科罚决字〔2025〕第4号", "汾教科罚决字〔2025〕第10号", "汾教科罚决字〔2026〕第2号",
                    "汾教科罚决字〔2026〕第5号")  # published before September 2026, under publicity on 27 November
START = date(2026, 9, 1)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("base") / "repo")
    git(root, "init", "-q", "-b", "main")
    commit(root, "2026-01-10T10:00:00+08:00", "录入数据")
    return root


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(PUBLIC_PENALTIES), st.integers(0, 80), st.integers(0, 23)),
                      min_size=1, max_size=4),
       since=st.integers(0, 85))
def test_any_commits_the_since_export_is_what_changed_and_stands(base: Path, tmp_path_factory, edits, since) -> None:
    work = tmp_path_factory.mktemp("clone")
    root = work / "repo"
    subprocess.run(["git", "clone", "-q", str(base), str(root)], check=True)
    changed_on: dict[str, date] = {}
    for i, (number, days, hour) in enumerate(sorted(edits, key=lambda e: (e[1], e[2]))):
        day = START + timedelta(days=days)
        set_cells(root, "penalties", number, remarks=f"第 {i} 次更正")
        commit(root, f"{day}T{hour:02d}:00:00+08:00")
        changed_on[number] = day
    since_day = START + timedelta(days=since)
    out = work / "out"
    export_credit_platform(root, out, date(2026, 11, 27), since_day)
    view = PublicView(validate(root, date(2026, 11, 27)).catalog, date(2026, 11, 27))
    expected = {d.record.decision_no for d in view.decisions("penalties") if d.listed and (
        changed_on.get(d.record.decision_no, date.min) >= since_day or d.record.published_on >= since_day)}
    assert set(numbers(out, "行政处罚")) == expected
    shutil.rmtree(work)
