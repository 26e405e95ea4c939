"""Fixtures for the diff tests: real git repositories holding the sample data, edited commit by commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitdiff.gitrepos import GIT_ENV, DataRepo, Scenario, edit_b, edit_c, new_repo

from generator.validate import validate


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    repo = new_repo(tmp_path_factory.mktemp("scenario") / "repo")
    repo.commit("A: 示例数据")
    picks = edit_b(repo)
    assert validate(repo.root).ok, "the edited sample should still validate clean"
    repo.commit("B: 新增处罚、修改机构、删除机构、追加变动")
    edit_c(repo, picks["changed_institution"]["id"])
    assert validate(repo.root).ok
    repo.commit("C: 机构更名、年报与网站名称修改")
    return Scenario(repo, **picks)


@pytest.fixture
def repo(tmp_path: Path) -> DataRepo:
    """A repository with the sample committed once (commit A), for tests that add their own commits."""
    made = new_repo(tmp_path / "repo")
    made.commit("A: 示例数据")
    return made


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The code under test runs git too: keep it off the user's configuration and out of enclosing repos."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path_factory.getbasetemp()))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
