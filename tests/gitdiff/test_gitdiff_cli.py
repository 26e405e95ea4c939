"""`python -m generator diff BASE [HEAD]`: Markdown, exit 0; a bad revision: exit 2, a Chinese message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from gitdiff.gitrepos import GIT_ENV, DataRepo, Scenario

from generator.cli import main


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run([sys.executable, "-m", "generator", "diff", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def test_command_prints_markdown(scenario: Scenario) -> None:
    done = run(scenario.root, "HEAD~2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("## 数据变更：`HEAD~2` → `HEAD`\n")
    assert "| 校外培训机构 | 0 | 1 | 1 |" in done.stdout.splitlines()
    assert done.stderr == ""


def test_explicit_head_and_root(scenario: Scenario, tmp_path: Path) -> None:
    base, head = scenario.repo.commits[0], scenario.repo.commits[1]
    done = run(tmp_path, base, head, "--root", str(scenario.root))
    assert done.returncode == 0, done.stderr
    assert "| 行政处罚决定 | 1 | 1 | 0 |" in done.stdout.splitlines()


def test_bad_revision_exits_2(scenario: Scenario) -> None:
    done = run(scenario.root, "no-such-branch")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error[git-revision] 找不到版本「no-such-branch」：请检查分支名")


def test_bad_head_exits_2(scenario: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    missing = "0" * 40
    assert main(["diff", "HEAD", missing, "--root", str(scenario.root)]) == 2
    assert f"找不到版本「{missing}」" in capsys.readouterr().err


def test_not_a_repository_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD", "--root", str(tmp_path)]) == 2
    assert "不是 git 仓库" in capsys.readouterr().err


def test_invalid_data_still_exits_0(repo: DataRepo, capsys: pytest.CaptureFixture[str]) -> None:
    rows = repo.rows("data/institutions.csv")
    repo.edit("data/institutions.csv", "id", rows[0]["id"], training_type="补习类")
    repo.commit("B: 写错类别")
    assert main(["diff", "HEAD~1", "--root", str(repo.root)]) == 0
    out = capsys.readouterr().out
    assert "的数据未通过检查" in out and f"- 删除 {rows[0]['id']}（{rows[0]['name']}）" in out


def test_missing_base_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["diff"])
    assert exit_info.value.code == 2
    assert "用法错误" in capsys.readouterr().err
