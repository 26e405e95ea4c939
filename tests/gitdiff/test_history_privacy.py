"""validate --history: a number deleted from the files is still in git, and staff are told how to purge it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from commands import here
from gitdiff.gitrepos import new_repo

from generator.privacy.history import scan_history

ID = "110105199003071239"


def _validate_history(root: Path) -> subprocess.CompletedProcess[str]:
    return here("validate", "--history", "--root", str(root))


def test_a_number_removed_later_is_found_in_history_with_commit_path_and_line(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", subdir="county")
    repo.commit("样例数据")
    notes = repo.root / "content/notes.md"
    notes.write_text("# 备忘\n\n联系人 138 0013 8000，证件 " + ID + "\n", encoding="utf-8")
    leaked = repo.commit("误提交联系人信息")
    notes.unlink()
    repo.commit("删除备忘")
    leaks, commits, _files = scan_history(repo.root)
    assert commits == 3
    assert [(leak.commit, leak.path, leak.line, leak.col, leak.code) for leak in leaks] == [
        (leaked, "content/notes.md", 3, 5, "phone-number"), (leaked, "content/notes.md", 3, 22, "personal-id-number")]
    result = _validate_history(repo.root)
    assert result.returncode == 1
    assert f"{leaked[:12]} content/notes.md:3:22: error[personal-id-number]" in result.stdout
    assert ID not in result.stdout.replace("110105199003071239==>***", "")  # only the example line shows a number
    assert "git filter-repo --sensitive-data-removal --replace-text" in result.stdout
    assert "Fork" in result.stdout and "CI 的缓存" in result.stdout and "旧部署" in result.stdout


def test_a_clean_history_passes_and_is_counted(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    repo.commit("样例数据")
    result = _validate_history(repo.root)
    assert result.returncode == 0, result.stdout
    # every distinct file version of the commit's data/ and content/, as git lists them (a new family's file too)
    versions = {line.split()[2] for line in repo.git("ls-tree", "-r", "HEAD", "--", "data", "content").splitlines()}
    assert versions
    assert f"已检查 1 个提交中 data/ 与 content/ 的 {len(versions)} 个不同文件版本：历史中没有发现" in result.stdout


def test_not_a_git_checkout_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = _validate_history(tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("error[git-history] 无法读取 git 历史")
