"""The benchmark itself runs: a tiny size end to end (builds, baseline, browser-measured queries, report)."""

from __future__ import annotations

import re
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
                           "--validate-scale", str(N), "--repeat", "1", "--out", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
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
    results = (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    assert not results.count(f"| {N} |"), "not written without --write"
