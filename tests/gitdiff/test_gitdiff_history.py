"""record_history: each record's changes along the commits of its dataset's file."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from gitdiff.gitrepos import GIT_ENV, Scenario, copy_sample

import generator.git.history as gitdiff
from generator.datasets import BY_NAME
from generator.git.compare import ADDED, CHANGED, REMOVED


def record_history(root: Path, name: str) -> dict[str, list[Any]]:
    """The history of the dataset called `name` (an unknown name is a KeyError)."""
    return gitdiff.record_history(root, BY_NAME[name])


def steps(changes: list[Any]) -> list[tuple[str, str, list[str]]]:
    return [(c.commit, c.kind, [f.field for f in c.fields]) for c in changes]


def test_history_over_three_commits(scenario: Scenario) -> None:
    a, b, c = scenario.repo.commits
    history = record_history(scenario.root, "institutions")
    changed, deleted = scenario.changed_institution, scenario.deleted_institution
    assert steps(history[changed["id"]]) == [
        (a, ADDED, []), (b, CHANGED, ["address"]), (c, CHANGED, ["name"])]
    assert steps(history[deleted["id"]]) == [(a, ADDED, []), (b, REMOVED, [])]
    untouched = [key for key, changes in history.items() if len(changes) == 1]
    assert len(untouched) == len(history) - 2
    renamed = history[changed["id"]][2].fields[0]
    assert (renamed.title, renamed.old, renamed.new) == ("机构名称", changed["name"], scenario.new_name)
    assert history[changed["id"]][1].date == datetime.fromisoformat("2024-01-02T10:00:00+08:00")


def test_history_of_decisions_and_of_keyless_rows(scenario: Scenario) -> None:
    a, b, _ = scenario.repo.commits
    penalties = record_history(scenario.root, "penalties")
    assert steps(penalties[scenario.added_penalty["decision_no"]]) == [(b, ADDED, [])]
    person = scenario.person_penalty["decision_no"]
    assert steps(penalties[person]) == [(a, ADDED, []), (b, CHANGED, ["remarks"])]
    event = scenario.added_event
    events = record_history(scenario.root, "institution_events")
    assert steps(events[f"{event['institution_id']} {event['date']} 营转非登记"])[-1] == (b, ADDED, [])


def test_each_version_is_loaded_once(scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    real = gitdiff.read_table

    def counting(root: Path, ds: Any) -> Any:
        loads.append(ds.name)
        return real(root, ds)

    monkeypatch.setattr(gitdiff, "read_table", counting)
    record_history(scenario.root, "institutions")  # touched by commits A, B and C
    record_history(scenario.root, "licenses")  # touched by commit A only
    assert loads == ["institutions"] * 3 + ["licenses"]


def test_no_git_history_gives_an_empty_dict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_sample(tmp_path / "plain")
    assert record_history(root, "penalties") == {}
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert record_history(root, "penalties") == {}


def test_a_file_never_committed_has_no_history(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env={**GIT_ENV, "PATH": _path()})
    copy_sample(tmp_path)
    assert record_history(tmp_path, "institutions") == {}


def test_shallow_clone_starts_from_the_oldest_version_it_has(scenario: Scenario, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    command = ["git", "clone", "-q", "--depth", "2", f"file://{scenario.repo.top}", str(clone)]
    subprocess.run(command, check=True, env={**GIT_ENV, "PATH": _path()})
    history = record_history(clone, "institutions")
    _, _, c = scenario.repo.commits
    assert history == {scenario.changed_institution["id"]: history[scenario.changed_institution["id"]]}
    assert steps(history[scenario.changed_institution["id"]]) == [(c, CHANGED, ["name"])]


def test_unknown_dataset_is_a_programming_error(scenario: Scenario) -> None:
    with pytest.raises(KeyError):
        record_history(scenario.root, "no_such_dataset")


def _path() -> str:
    git = shutil.which("git")
    assert git, "git is needed for these tests"
    return str(Path(git).parent)
