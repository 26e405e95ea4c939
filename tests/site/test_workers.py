"""One process or two: the build writes the same site byte for byte, and the record pages, read by the publish scan
as they are poured (never read back from the disk), still stop the publish when they carry a personal value."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitecheck import ROOT, TODAY

from generator.privacy.output import WORKERS

ID = "110105199003071239"

#: Builds in a fresh process (no thread of the test runner may be forked), printing how many processes poured the
#: record pages; argv[4], when given, is added to every record page's body, as a template of the program would.
_BUILD = """
import os
import sys
from datetime import date
from pathlib import Path

import generator.build
from generator.build import build
from generator.privacy import output
from generator.publish import aside
from generator.render import templates

if len(sys.argv) > 4:
    label = templates.label_tables
    templates.label_tables = lambda html: label(html) + sys.argv[4]
read = {"pages": 0, "whole": 0, "bytes": 0, "windows": 0}
windows = output._windows


def counted(data, spans, stops):
    found = windows(data, spans, stops)
    read["pages"] += 1
    read["whole"] += found is None
    read["bytes"] += len(data)
    read["windows"] += len(found or b"")
    return found


output._windows = counted
if os.environ.get("TEST_NOTHING_ASIDE"):  # every block through the site engine, as before publish/aside.py
    aside.LEAST = 1 << 62
blocks = []
set_aside = aside.set_aside
generator.build.set_aside = lambda files, staff: blocks.append(set_aside(files, staff)) or blocks[-1]
result = build(Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3]))
print(result.workers if result.ok else "refused")
print(*read.values())  # in this process: all of them with GENERATOR_WORKERS=1
print(sum(len(found) for pages in blocks for found in pages.values()))
for problem in result.problems:
    print(problem.path, problem.code, problem.message.split("，")[0])
"""


def _build(root: Path, site: Path, workers: int, planted: str = "", aside: bool = True) -> list[str]:
    env = {**os.environ, "GENERATOR_WORKERS": str(workers), **({} if aside else {"TEST_NOTHING_ASIDE": "1"})}
    proc = subprocess.run([sys.executable, "-c", _BUILD, str(root), str(site), TODAY, *([planted] if planted else [])],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout.splitlines()


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _synthetic(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    subprocess.run([sys.executable, "-m", "generator", "synth", "--scale", "300", "--out", str(tree)], cwd=ROOT,
                   check=True, capture_output=True)
    shutil.copy2(ROOT / "mkdocs.yml", tree / "mkdocs.yml")
    shutil.copytree(ROOT / "site_overrides", tree / "site_overrides", dirs_exist_ok=True)
    return tree


def _shared_by_two() -> bool:
    """Whether the run's shared sample site (conftest.built_site: `python -m generator build`, as _BUILD calls it)
    was poured by two processes: what the command does on a machine of two cores or more, unless told otherwise."""
    return (int(os.environ.get("GENERATOR_WORKERS", "0")) or min(WORKERS, os.cpu_count() or 1)) == 2


@pytest.mark.parametrize("tree", ["sample", "synthetic"])
def test_one_and_two_processes_build_the_same_site(tree: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    root = ROOT if tree == "sample" else _synthetic(tmp_path)
    # The one-process build also takes every block through the site engine (nothing set aside: publish/aside.py);
    # the same site, byte for byte, shows that setting them aside changes nothing.
    printed = _build(root, tmp_path / "one", 1, aside=False)
    assert printed[0] == "1" and printed[2] == "0"
    # The publish scan read every record page in windows (privacy/output._windows), none whole: the real shell cuts
    # (a shell that did not, a comment in the theme, would read every page whole, four times the work, unnoticed).
    pages, whole, size, windows = map(int, printed[1].split())
    assert pages > 100 and whole == 0 and 0 < windows < size / 3, printed[1]
    if tree == "sample" and _shared_by_two():
        two_site: Path = request.getfixturevalue("built_site")  # built once per run already: not built again here
    else:
        two = _build(root, tmp_path / "two", 2)
        assert two[0] == "2" and int(two[2]) >= 3, two[2]  # the list pages' tables went around the engine
        two_site = tmp_path / "two"
    one, two = _files(tmp_path / "one"), _files(two_site)
    assert sum(rel.endswith("/index.html") for rel in one) > 100
    assert sorted(one) == sorted(two)
    assert [rel for rel in one if one[rel] != two[rel]] == []


def test_a_value_in_a_record_pages_body_stops_the_publish_in_every_process(tmp_path: Path) -> None:
    """A program template that put an ID number and a masked party's full name into every record page: each page
    is named, whichever process poured it, and no site is written."""
    lines = _build(ROOT, tmp_path / "site", 2, f"<p>证件 {ID[:6]}<b>{ID[6:]}</b>，联系 吕<i>文</i>静</p>")
    assert lines[0] == "refused" and not (tmp_path / "site").exists()
    found = [line.split(" ", 2) for line in lines[3:] if " published-personal-data " in line]
    sections = {path.split("/")[1] for path, _, _ in found}
    assert {"institutions", "penalties", "licenses"} <= sections  # several families: units shared by the processes
    assert all(path.startswith("site/") and path.endswith("/index.html") for path, _, _ in found)
    messages = {message for _, _, message in found}
    assert messages == {"生成的网站文件中有公民身份号码 110*************39",
                        "生成的网站文件中有自然人当事人的全名（吕**）"}
