"""`python -m generator export credit-platform`: the platform's columns, 万元 amounts, rows a clerk completes."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from generator.staff.platform import LICENSE_COLUMNS, PENALTY_COLUMNS

PROJECT = Path(__file__).resolve().parents[2]


def export(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "export", "credit-platform", "--out", str(out),
                           "--root", str(root), "--today", "2026-11-27", *extra], cwd=PROJECT, capture_output=True,
                          text=True, env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"})


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_files_per_kind_and_party_with_standard_columns(root: Path, tmp_path: Path) -> None:
    result = export(root, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f"{k}-{g}-{c}_2026112700.{s}" for k, c in (("行政处罚", "0301"), ("行政许可", "0102"))
                           for g in ("法人及非法人组织", "自然人") for s in ("csv", "xlsx"))
    people = rows(tmp_path / "out/行政处罚-自然人-0301_2026112700.csv")
    assert list(people[0]) == [code for code, _l, _s in PENALTY_COLUMNS]
    first = next(r for r in people if r["CF_WSH"] == "汾教科罚决字〔2021〕第3号")
    assert (first["CF_XDR_MC"], first["CF_NR_FK"], first["CF_JDRQ"], first["CF_GSJZQ"]) == (
        "程丽萍", "0.2", "2021/11/05", "2022/11/11")  # full name, 2000 元, publicity end = published + 1 year
    assert first["CF_XDR_ZJHM"] == "" and first["CF_CFJG"] == "汾川县教育科技局"
    assert "须人工补填 CF_XDR_ZJHM（证件号码）：第 2、3、" in result.stdout
    book = load_workbook(tmp_path / "out/行政许可-自然人-0102_2026112700.xlsx")
    header = [c.value for c in book.active[1]]
    assert header == [code for code, _l, _s in LICENSE_COLUMNS]
    assert book.active.cell(2, header.index("XK_YXQZI") + 1).value == "2099/12/31"
    assert "汾教科罚决字〔2022〕第6号 状态为「已撤销」" in result.stdout


def test_since_and_refusal_inside_the_repository(root: Path, tmp_path: Path) -> None:
    result = export(root, tmp_path / "out", "--since", "2024-01-01")
    assert result.returncode == 0, result.stderr
    dates = [r["CF_JDRQ"] for p in (tmp_path / "out").glob("行政处罚-*.csv") for r in rows(p)]
    assert dates and all(d >= "2024/01/01" for d in dates)
    inside = export(root, root / "data/export")
    assert inside.returncode == 2 and "不能写到" in inside.stderr and "仓库以外" in inside.stderr
    assert not (root / "data/export").exists()
