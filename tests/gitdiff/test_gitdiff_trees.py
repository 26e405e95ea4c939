"""A crafted git tree cannot make `diff` write outside its temporary folder nor follow a link it holds: every path
is checked before anything is written, link entries are never made."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from gitdiff.gitrepos import GIT_ENV, DataRepo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from staff.places import snapshot

from generator.diff import diff_revisions
from generator.git.repo import GitError, export
from generator.paths import tree_path_problem

BAD = ["..", ".", ".git", ".GIT", "a\\b", "C:", "c:x", "..\\..\\x"]
GOOD = ["x", "附件", ".hidden", "a.b", "x..y", "...", "git", ".gitignore", "c_x"]


def _blob(repo: DataRepo, data: bytes) -> str:
    done = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo.top, input=data, capture_output=True,
                          check=True, env={**os.environ, **GIT_ENV})
    return done.stdout.decode().strip()


def _tree(repo: DataRepo, entries: list[tuple[str, str, str, str]]) -> str:
    """A tree object of (mode, type, oid, name) entries, names as given (git mktree checks none of `..`, `.git`)."""
    text = "".join(f"{mode} {kind} {oid}\t{name}\n" for mode, kind, oid, name in entries)
    done = subprocess.run(["git", "mktree"], cwd=repo.top, input=text.encode(), capture_output=True, check=True,
                          env={**os.environ, **GIT_ENV})
    return done.stdout.decode().strip()


def _listing(repo: DataRepo, tree: str) -> list[tuple[str, str, str, str]]:
    out = repo.git("ls-tree", tree)
    return [(*line.split("\t", 1)[0].split(), line.split("\t", 1)[1]) for line in out.splitlines()]  # type: ignore


def crafted(repo: DataRepo, under: str, parts: list[str], data: bytes, mode: str = "100644") -> str:
    """A commit of HEAD's tree with one more file, at `under`/parts… (`under` is data or content)."""
    oid = _blob(repo, data)
    node = ("blob", oid, mode)
    for name in reversed(parts[1:]):
        node = ("tree", _tree(repo, [(node[2], node[0], node[1], name)]), "040000")
    head = repo.git("rev-parse", "HEAD^{tree}").strip()
    top = _listing(repo, head)
    area = next(e for e in top if e[3] == under)
    inside = [e for e in _listing(repo, area[2]) if e[3] != parts[0]] + [(node[2], node[0], node[1], parts[0])]
    top = [e for e in top if e[3] != under] + [("040000", "tree", _tree(repo, inside), under)]
    commit = repo.git("commit-tree", _tree(repo, top), "-p", "HEAD", "-m", "crafted").strip()
    return commit


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the diff's temporary folders are made in, with room above it for a `../x` to land in."""
    base = tmp_path / "box"
    (base / "tmp").mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(base / "tmp"))
    return base


def test_a_tree_entry_climbing_out_of_the_temporary_folder_is_refused(repo: DataRepo, sandbox: Path) -> None:
    """It was written: data/../../x left the diff's temporary folder."""
    commit = crafted(repo, "data", ["..", "..", "escaped.txt"], b"written outside\n")
    before = snapshot(sandbox)
    with pytest.raises(GitError, match=r"中的路径「data/\.\./\.\./escaped\.txt」含有不允许的部分「\.\.」"):
        diff_revisions(repo.root, "HEAD", commit)
    assert snapshot(sandbox) == before


def test_the_command_says_so_and_exits_2(repo: DataRepo, tmp_path: Path) -> None:
    commit = crafted(repo, "content", [".git", "hooks", "post-checkout"], b"#!/bin/sh\n")
    box = tmp_path / "box"
    box.mkdir()
    done = subprocess.run([sys.executable, "-m", "generator", "diff", "HEAD", commit], cwd=repo.root,
                          capture_output=True, text=True, env={**os.environ, **GIT_ENV, "TMPDIR": str(box)})
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"error[git-revision] 版本 {commit[:8]} 中的路径「content/.git/hooks/post-checkout」")
    assert list(box.iterdir()) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(under=st.sampled_from(["data", "content"]), before=st.lists(st.sampled_from(GOOD), max_size=2),
       bad=st.sampled_from(BAD), after=st.lists(st.sampled_from([*GOOD, *BAD]), max_size=2))
def test_any_bad_part_at_any_depth_is_refused_before_anything_is_written(
        shared_repo: DataRepo, tmp_path_factory: pytest.TempPathFactory, under: str, before: list[str], bad: str,
        after: list[str]) -> None:
    commit = crafted(shared_repo, under, [*before, bad, *after, "x.csv"], b"decision_no\n")
    dest = tmp_path_factory.mktemp("box") / "inner" / "dest"
    dest.mkdir(parents=True)
    start = snapshot(dest.parent.parent)
    with pytest.raises(GitError, match="不是正常的数据文件"):
        export(shared_repo.root, commit, dest)
    assert snapshot(dest.parent.parent) == start


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory: pytest.TempPathFactory) -> DataRepo:
    from gitdiff.gitrepos import new_repo

    made = new_repo(tmp_path_factory.mktemp("trees") / "repo")
    made.commit("A: 示例数据")
    return made


@pytest.mark.parametrize(("under", "parts", "target"), [
    ("data", ["penalties.csv"], b"/etc/passwd"),
    ("content", ["x.md"], b"../.git/config"),
    ("content", ["folder"], b"/etc"),
])
def test_link_entries_are_never_made_nor_followed(repo: DataRepo, tmp_path: Path, under: str, parts: list[str],
                                                  target: bytes) -> None:
    commit = crafted(repo, under, parts, target, mode="120000")
    dest = tmp_path / "dest"
    dest.mkdir()
    export(repo.root, commit, dest)
    made = [Path(folder) / name for folder, dirs, files in os.walk(dest) for name in dirs + files]
    assert not any(p.is_symlink() for p in made) and not (dest / under / parts[0]).exists()


def test_a_whole_area_linked_away_is_skipped(repo: DataRepo, tmp_path: Path) -> None:
    """A tree whose data/ is a link to /etc: nothing of /etc is read; the diff counts the datasets as missing."""
    head = repo.git("rev-parse", "HEAD^{tree}").strip()
    top = [e for e in _listing(repo, head) if e[3] != "data"]
    top.append(("120000", "blob", _blob(repo, b"/etc"), "data"))
    commit = repo.git("commit-tree", _tree(repo, top), "-p", "HEAD", "-m", "data -> /etc").strip()
    result = diff_revisions(repo.root, "HEAD", commit)
    assert "data/penalties.csv" in result.head.missing


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(GOOD), min_size=1, max_size=4), bad=st.sampled_from(BAD),
       at=st.integers(0, 4))
def test_tree_paths_with_any_bad_part_anywhere_are_refused(parts: list[str], bad: str, at: int) -> None:
    assert tree_path_problem("/".join(parts)) is None
    assert tree_path_problem("/".join([*parts[:at], bad, *parts[at:]])) is not None
    assert tree_path_problem("/" + "/".join(parts)) is not None and tree_path_problem("/".join(parts) + "/") is not None
