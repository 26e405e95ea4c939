"""The dataset files' personal-number scan, done by a forked process while the validation reads and checks them
(large inputs on two cores), and the name check and Markdown rules, done by another while it runs the record and
catalogue checks, find what the one-process validation finds, line for line; a process that cannot say leaves
nothing unchecked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from validator.helpers import PROJECT, copy_sample, set_cells

#: Validates in a fresh process (no thread of the test runner may be forked), with every size of dataset files scanned
#: apart; argv[2]: "fail" makes the forked scan and the forked name check fail. Prints how many scans and checks were
#: started apart, then every problem.
_VALIDATE = """
import os
import sys
from pathlib import Path

import generator.validate as v
from generator.privacy import inputs, names

v.APART_FROM = 0
started = []
start = v._ScanApart.start.__func__
v._ScanApart.start = classmethod(lambda cls, *a: started.append(start(cls, *a)) or started[-1])
beside, forked = [], v.Forked
v.Forked = lambda *a: beside.append(forked(*a)) or beside[-1]
if sys.argv[2] == "fail":
    parent, scan_file, check = os.getpid(), inputs.scan_file, names.check
    def failing(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("the forked scan fails")
        return scan_file(*args, **kwargs)
    def failing_check(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("the forked name check fails")
        return check(*args, **kwargs)
    v.scan_file = failing
    names.check = failing_check
outcome = v.validate(Path(sys.argv[1]))
print(sum(found is not None for found in started), len(beside))
for problem in outcome.problems:
    print(problem.path, problem.line, problem.col, problem.code, problem.message)
"""


def _validate(root: Path, workers: int, how: str = "") -> tuple[tuple[int, int], list[str]]:
    env = {**os.environ, "GENERATOR_WORKERS": str(workers)}
    proc = subprocess.run([sys.executable, "-c", _VALIDATE, str(root), how], capture_output=True, text=True,
                          cwd=PROJECT, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not proc.stderr, proc.stderr  # the forked process says nothing of its own
    first, *problems = proc.stdout.splitlines()
    scans, checks = map(int, first.split())
    return (scans, checks), problems


@pytest.fixture
def planted(root: Path) -> Path:
    """The sample with personal numbers in dataset files (a mobile, an ID number written in two groups, a bank card)
    and in a page (read here, with the masked names)."""
    set_cells(root, "penalties", "汾教科罚决字〔2021〕第2号", remarks="当事人电话 13912345678")
    set_cells(root, "licenses", "汾教科许决字〔2021〕第11号", content="身份证 110105 199003071239")
    set_cells(root, "institutions", "fc-0001", address="汾川县河东路 6222 0212 3456 7890 003 号")
    text = (root / "content" / "about.md").read_text(encoding="utf-8")
    # and, for the checks done beside: a masked party's full name, and markup the allow-list refuses
    (root / "content" / "about.md").write_text(text + "\n联系 13812345678\n\n当事人薛晓峰已整改。\n\n"
                                               "<script>alert(1)</script>\n", encoding="utf-8")
    return root


def _numbers(found: list[str]) -> set[tuple[str, str]]:
    return {(line.split()[0], line.split()[3]) for line in found if "number" in line.split()[3]}


#: What the planted fixture holds, by file.
PLANTED = {("data/penalties.csv", "phone-number"), ("data/licenses.csv", "personal-id-number"),
           ("data/institutions.csv", "bank-card-number"), ("content/about.md", "phone-number")}


#: What the checks done beside find in the planted fixture: (file, code).
BESIDE = {("content/about.md", "person-name-in-text"), ("content/about.md", "unsafe-markup")}


def _beside(found: list[str]) -> set[tuple[str, str]]:
    return {(line.split()[0], line.split()[3]) for line in found} & BESIDE


def test_the_scan_apart_finds_what_one_process_finds(planted: Path) -> None:
    apart, found = _validate(planted, 2)
    alone, expected = _validate(planted, 1)
    assert (apart, alone) == ((1, 1), (0, 0))
    assert found == expected
    assert _numbers(found) == PLANTED
    assert _beside(found) == BESIDE


def test_a_failed_scan_apart_is_done_again_here(planted: Path) -> None:
    apart, found = _validate(planted, 2, "fail")
    assert apart == (1, 1)
    assert _numbers(found) == PLANTED
    assert _beside(found) == BESIDE
    assert found == _validate(planted, 1)[1]


def test_the_clean_sample_stays_clean_scanned_apart(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    apart, found = _validate(root, 2)
    assert apart == (1, 1)
    assert [line for line in found if " error" in line or "number" in line] == []
