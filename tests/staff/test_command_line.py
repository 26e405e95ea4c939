"""The staff commands on the real command line: a new interpreter in an environment holding nothing but PATH and
PYTHONPATH (`python -m generator ...`) says, exits and writes exactly what the same arguments do through the command
line's entry point in the test process (tests/commands.py), which the other staff tests use to save the start-up."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from commands import BARE, apart, here
from staff.sheets import uscc, xlsx
from staff.test_import import INSTITUTION_HEADER, institution
from validator.helpers import copy_sample


def written(folder: Path) -> dict[str, object]:
    """Each file's bytes; a workbook's parts, with the moment openpyxl wrote it (core.xml) left out."""
    return {str(p.relative_to(folder)): _parts(p) if p.suffix == ".xlsx" else p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _parts(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as z:
        return {name: re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*<", b"<", z.read(name))
                for name in z.namelist()}


def both(tmp_path: Path, make_argv: Callable[[Path, Path], list[object]]) -> None:
    """Run the command both ways, each on its own copy of the sample and into its own folder, and compare what they
    say (each run's folder named alike), their exit status, what they write and what they leave in data/."""
    runs = []
    for way in ("line", "here"):
        root, out = copy_sample(tmp_path / way / "repo"), tmp_path / way / "out"
        argv = [str(a) for a in make_argv(root, out)]
        done = apart(*argv) if way == "line" else here(*argv, env=BARE)
        folder = str(tmp_path / way)
        runs.append((done.returncode, done.stdout.replace(folder, "<tmp>"), done.stderr.replace(folder, "<tmp>"),
                     written(out) if out.exists() else {}, written(root / "data")))
    line, inside = runs
    assert line[:3] == inside[:3]
    assert line[3].keys() == inside[3].keys() and line[3] == inside[3]
    assert line[4] == inside[4]


def test_template_is_the_same_workbook(tmp_path: Path) -> None:
    both(tmp_path, lambda root, out: ["template", "penalties", "--out", out / "处罚.xlsx", "--root", root])


def test_export_is_the_same_files(tmp_path: Path) -> None:
    both(tmp_path, lambda root, out: ["export", "credit-platform", "--out", out, "--root", root, "--today",
                                      "2026-11-27"])


@pytest.mark.parametrize("dry", [True, False])
def test_import_says_and_writes_the_same(tmp_path: Path, dry: bool) -> None:
    book = xlsx(tmp_path / "机构导入.xlsx", INSTITUTION_HEADER,
                [institution("fc-0101"), institution("fc-0102", uscc("52141099MJ7654321"), "汾川县晨光艺术培训中心")],
                title="2026年校外培训机构登记表")
    both(tmp_path, lambda root, out: ["import", book, "--dataset", "institutions", "--root", root,
                                      *(["--dry-run"] if dry else [])])


def test_a_refused_import_says_the_same_and_changes_nothing(tmp_path: Path) -> None:
    book = xlsx(tmp_path / "机构导入.xlsx", INSTITUTION_HEADER, [institution("fc-0101", "91110000000000000X")],
                title="机构登记表")
    both(tmp_path, lambda root, out: ["import", book, "--dataset", "institutions", "--root", root])


def test_posters_are_the_same_files(tmp_path: Path) -> None:
    both(tmp_path, lambda root, out: ["posters", "--out", out, "--root", root, "--today", "2026-11-27"])


@pytest.mark.parametrize("argv", [["template", "no-such-dataset", "--out", "x.xlsx"], ["export", "--help"],
                                  ["import"], ["no-such-command"]])
def test_usage_errors_and_help_exit_and_say_the_same(tmp_path: Path, argv: list[str]) -> None:
    both(tmp_path, lambda root, out: [*argv])
