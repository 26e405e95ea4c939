"""The synthetic tree is a pure function of (scale, seed, today): byte-identical across runs and processes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.datasets import DATASETS, REGISTRY
from generator.synth.county import synthesize
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
DONE = ("decision_date", "published_on", "withdrawn_on", "repaired_on")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_synth_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", 200, seed=7, registry=REGISTRY)
    synthesize(tmp_path / "b", 200, seed=7, registry=REGISTRY)
    first = snapshot(tmp_path / "a")
    assert len(first) == len(DATASETS) + 2 + 200 // 200 + 10  # every dataset, site.yml, the report, one text per policy
    assert first == snapshot(tmp_path / "b")


def test_synth_does_not_depend_on_hash_randomisation(tmp_path: Path) -> None:
    synthesize(tmp_path / "here", 200, registry=REGISTRY)
    code = ("import sys; from pathlib import Path; from generator.synth.county import synthesize; "
            "from generator.datasets import REGISTRY; "
            "synthesize(Path(sys.argv[1]), 200, registry=REGISTRY)")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "there")], cwd=PROJECT, env=env, check=True)
    assert snapshot(tmp_path / "here") == snapshot(tmp_path / "there")


def test_synth_different_seed_gives_different_data(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", 200, seed=1, registry=REGISTRY)
    synthesize(tmp_path / "b", 200, seed=2, registry=REGISTRY)
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert a.keys() == b.keys()
    for name in ("data/institutions.csv", "data/institution_events.csv", "data/penalties.csv",
                 "data/licenses.csv"):
        assert a[name] != b[name], name
    assert a["data/enforcement_matters.yaml"] == b["data/enforcement_matters.yaml"]  # a fixed list


def test_synth_today_bounds_every_date_of_record(tmp_path: Path) -> None:
    today = date(2023, 3, 1)
    synthesize(tmp_path, 200, today=today, registry=REGISTRY)
    tables = (("institution_events.csv", ("date",)), ("penalties.csv", DONE), ("licenses.csv", DONE))
    for name, fields in tables:
        with (tmp_path / "data" / name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                assert all(not row.get(k) or row[k] <= today.isoformat() for k in fields), row
    assert validate(tmp_path).problems == []


@pytest.mark.parametrize("scale", [0, -5])
def test_synth_refuses_an_empty_county(tmp_path: Path, scale: int) -> None:
    with pytest.raises(ValueError):
        synthesize(tmp_path, scale, registry=REGISTRY)
