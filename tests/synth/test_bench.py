"""The benchmark itself runs: a tiny size end to end (builds, baseline, browser-measured queries, report)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.slow]
#: The bench's code paths, not the machine: every stage, the baseline, each query and the validation timing run at
#: this size as at 20,000 (50 institutions give 154 pages and still four queries that load index parts).
N = 50


def test_bench_reports_both_builds_and_every_query(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "bench/run.py", "--sizes", str(N), "--baseline-max", str(N),
                           "--validate-scale", str(N), "--repeat", "1", "--weight-runs", "1", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert re.search(rf"^\| {N} \| this tool \| [\d,]+ \|", out, re.M)
    assert re.search(rf"^\| {N} \| naive baseline \| [\d,]+ \|", out, re.M)
    line = next(x for x in out.splitlines() if x.startswith(f"- N = {N}:"))
    for label in ("common word", "two characters", "full name", "decision number", "credit code (lookup page)"):
        assert label in line
    sizes = [int(k) for k in re.findall(r"(\d+) KB in \d+ requests", line)]
    assert len(sizes) == 4 and all(0 < k < 300 for k in sizes), line  # the lookup page holds its table at N
    assert "Validation of" in out
    # page weight and LCP per page type, beside build speed (issue 22)
    for kind in ("institution", "decision", "lookup", "home"):
        row = re.search(rf"^\| N = {N} \| {kind} \|" + r" ([\d.]+) \|" * 5, out, re.M)
        assert row and all(float(v) > 0 for v in row.groups()), kind
    assert re.search(rf"^- Page weight at N = {N}: ", out, re.M)
    # the ratio compares two measured builds, never an extrapolation
    speed = next(x for x in out.splitlines() if x.startswith(f"- Speed at N = {N}:"))
    assert re.search(r"this tool [\d.]+ s, the naive baseline [\d.]+ s \(measured, this run\): \*\*[\d.]+×\*\*", speed)
    assert "extrapolat" not in out
    # and beside Hugo, measured on the same page count, or said not to be
    hugo = next(x for x in out.splitlines() if x.startswith(f"- Against Hugo at N = {N}:"))
    if shutil.which("hugo"):
        ours = re.search(rf"^\| {N} \| this tool \| ([\d,]+) \|", out, re.M)
        made = re.search(r"same page count \(([\d,]+) pages.*built in [\d.]+ s; this tool [\d.]+ s: "
                         r"\*\*[\d.]+× Hugo", hugo)
        assert ours and made, hugo
        # Hugo's own home and section lists beside the same number of pages
        assert 0 <= int(made.group(1).replace(",", "")) - int(ours.group(1).replace(",", "")) <= 2, hugo
    else:
        assert "not measured, Hugo is not installed" in hugo
    # the baseline's measurement is kept by content: the same tree and code reuse it (and say when it was measured)
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    (cached,) = (tmp_path / "baseline-cache").glob(f"{N}-*.json")
    again = run.baseline(tmp_path / f"tree-{N}", tmp_path, N, 1)
    assert again["cached"] and again["wall"] == json.loads(cached.read_text(encoding="utf-8"))["wall"]
    assert list((tmp_path / "baseline-cache").glob("*.json")) == [cached]
    # each build is timed as its whole process, as Hugo is: the interpreter's start and exit count too
    timed = run.measure("validate", str(tmp_path / f"tree-{N}"))
    assert 0 < timed["inside"] < timed["wall"], timed
    results = (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    assert not results.count(f"| {N} |"), "not written without --write"


def test_the_baseline_cache_key_follows_every_byte_of_the_content(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    tree = tmp_path / "data"
    tree.mkdir()
    (tree / "a.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    first = run._content_stamp(tree)
    assert run._content_stamp(tree) == first
    (tree / "a.csv").write_text("x,y\n1,3\n", encoding="utf-8")
    assert run._content_stamp(tree) != first
    (tree / "a.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (tree / "b.csv").write_text("", encoding="utf-8")  # a new empty file changes it too
    assert run._content_stamp(tree) != first
