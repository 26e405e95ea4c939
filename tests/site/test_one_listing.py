"""Issue 20: a build lists the tree staff write once (read.files.Tree), and every stage takes its files from that
listing: no check, page, theme copy or privacy gate lists data/, content/ or site_overrides/ again."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sitecheck import copy_project

from generator.build import build
from generator.read.files import AREAS


def _counting(monkeypatch: pytest.MonkeyPatch, root: Path) -> Counter[str]:
    """Every listing (os.scandir, os.listdir: what os.walk, Path.glob/rglob and Path.iterdir use) of a folder in
    root's areas, by path relative to root. The engine and Pagefind run in processes of their own and read the
    build's copy, not root."""
    listed: Counter[str] = Counter()
    tops = tuple(str(root / area) for area in AREAS)

    def note(path: Any) -> None:
        if isinstance(path, int):
            return  # a descriptor: shutil.rmtree clearing the build's own work folder
        name = os.path.abspath(os.fsdecode(path if path is not None else "."))
        if name in tops or name.startswith(tuple(f"{top}{os.sep}" for top in tops)):
            listed[Path(name).relative_to(root).as_posix()] += 1

    scandir, listdir = os.scandir, os.listdir

    def counted_scandir(path: Any = ".") -> Any:
        note(path)
        return scandir(path)

    def counted_listdir(path: Any = ".") -> list[Any]:
        note(path)
        return listdir(path)

    monkeypatch.setattr(os, "scandir", counted_scandir)
    monkeypatch.setattr(os, "listdir", counted_listdir)
    return listed


def test_a_build_lists_each_folder_of_the_sample_tree_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project").resolve()
    folders = sorted(Path(folder).relative_to(root).as_posix() for area in AREAS
                     for folder, _dirs, _files in os.walk(root / area))
    assert {"data", "content", "content/reports", "site_overrides/assets"} <= set(folders)
    listed = _counting(monkeypatch, root)
    result = build(root, tmp_path / "site", date(2026, 12, 4))
    assert result.ok, result.log
    assert (tmp_path / "site/index.html").is_file()
    assert dict(listed) == dict.fromkeys(folders, 1)  # before the one listing: data/ 4 times, content/ 10


def test_the_count_sees_a_second_listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The counter itself: a glob, an rglob and an os.walk of the tree are all seen (else the test above proves
    nothing)."""
    root = copy_project(tmp_path / "project").resolve()
    listed = _counting(monkeypatch, root)
    list((root / "content").rglob("*.md"))
    list((root / "content/reports").glob("*.md"))
    list(os.walk(root / "data"))
    assert listed["content"] >= 1 and listed["content/reports"] >= 2 and listed["data"] == 1
