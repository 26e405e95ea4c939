"""`python -m generator validate`: exit codes, the exact error-line format, sorting, summary, github and json."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from validator.helpers import PROJECT, SAMPLE_DIRS, replace_text, set_cells

#: What the summary counts in the sample's copy: every file of its data/ and content/ (a new family's file too).
FILES = sum(1 for name in SAMPLE_DIRS for path in (PROJECT / name).rglob("*") if path.is_file())
CLEAN = f"共检查 {FILES} 个文件：0 个错误，0 个警告。全部通过。"
LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<severity>error|warning)"
                  r"\[(?P<code>[a-z]+(-[a-z]+)*)\] (?P<field>[^:\s]+): (?P<message>.+)$")

PROCEDURE = ("data/penalties.csv:15:16: error[invalid-enum] procedure: "
             "「程序类型」只能填以下之一：简易程序、普通程序；现为「一般程序」")
DUPLICATE = ("data/site.yml:8:3: error[yaml-duplicate-key] bureau.phone: "
             "键「phone」在第 6 行已经出现过，请删除或合并重复的一项")
LATE = ("content/reports/2021.md:5:15: warning[late-report] published_on: "
        "法治政府建设年度报告应在 2022-04-01 前发布，实际发布于 2022-04-02")


def run(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "PYTHONIOENCODING": "utf-8"}
    env.pop("GENERATOR_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def validate_cli(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # Dated: which annual reports are overdue depends on the day (the sample has them up to 2025).
    return run("validate", "--root", str(root), "--today", "2026-11-30", *extra)


def _break(root: Path, warning: bool = True, errors: bool = True) -> None:
    """Two errors and a warning, made in an order unlike the report's (sorted by path, line, column)."""
    if errors:
        replace_text(root, "data/site.yml", "  email: jkjbgs@fenchuan.gov.cn\n",
                     "  email: jkjbgs@fenchuan.gov.cn\n  phone: 0357-5213399\n")
        set_cells(root, "penalties", "汾教科罚决字〔2023〕第4号", procedure="一般程序")
    if warning:
        replace_text(root, "content/reports/2021.md", "published_on: 2022-03-18", "published_on: 2022-04-02")


def test_clean_sample(root: Path) -> None:
    result = validate_cli(root)
    assert (result.returncode, result.stdout, result.stderr) == (0, CLEAN + "\n", "")


def test_root_defaults_to_the_current_directory(root: Path) -> None:
    _break(root)
    assert run("validate", cwd=root).stdout == validate_cli(root).stdout


def test_errors_exact_lines_sorted_with_summary(root: Path) -> None:
    _break(root)
    result = validate_cli(root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        LATE, PROCEDURE, DUPLICATE,
        f"共检查 {FILES} 个文件：2 个错误，1 个警告。请按上面每行提示修改对应文件后重新提交。",
    ]
    assert result.stderr == ""


def test_warnings_only_exit_zero(root: Path) -> None:
    _break(root, errors=False)
    result = validate_cli(root)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        LATE, f"共检查 {FILES} 个文件：0 个错误，1 个警告。没有错误，可以发布；警告请留意。"]


def test_every_line_has_the_documented_shape(root: Path) -> None:
    _break(root)
    (root / "data/enforcement_officers.csv").write_bytes("姓名\n".encode("gbk"))
    (root / "data/notes.txt").write_text("身份证 11010519491231002X\n", encoding="utf-8")
    lines = validate_cli(root).stdout.splitlines()
    problems = [LINE.match(line) for line in lines[:-1]]
    assert all(problems), [line for line, m in zip(lines, problems, strict=False) if not m]
    keys = [(m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in problems if m]
    assert keys == sorted(keys)
    assert lines[-1].startswith(f"共检查 {FILES + 1} 个文件：")  # notes.txt counts too


@pytest.mark.parametrize("args", [
    ["validate", "--format", "xml"],
    ["validate", "--bogus"],
    ["validate", "extra-argument"],
    [],
    ["no-such-command"],
])
def test_usage_errors_exit_two(root: Path, args: list[str]) -> None:
    result = run(*args, cwd=root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "用法" in result.stderr or "usage" in result.stderr


def test_missing_root_is_reported_not_raised(tmp_path: Path) -> None:
    result = validate_cli(tmp_path / "nowhere")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("共检查 0 个文件：7 个错误")


def test_github_format(root: Path) -> None:
    _break(root)
    result = validate_cli(root, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "::warning file=content/reports/2021.md,line=5,col=15,title=late-report::" + LATE.split("] ", 1)[1],
        "::error file=data/penalties.csv,line=15,col=16,title=invalid-enum::" + PROCEDURE.split("] ", 1)[1],
        "::error file=data/site.yml,line=8,col=3,title=yaml-duplicate-key::" + DUPLICATE.split("] ", 1)[1],
    ]
    assert lines[3].startswith(f"共检查 {FILES} 个文件：2 个错误，1 个警告")


def test_github_format_escapes_percent(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第4号", procedure="100%普通程序")
    line = validate_cli(root, "--format", "github").stdout.splitlines()[0]
    assert line.endswith("现为「100%25普通程序」")


def test_json_format(root: Path) -> None:
    _break(root)
    result = validate_cli(root, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["errors"], report["warnings"], report["files"]) == (2, 1, FILES)
    assert [(p["path"], p["line"], p["col"], p["code"], p["severity"]) for p in report["problems"]] == [
        ("content/reports/2021.md", 5, 15, "late-report", "warning"),
        ("data/penalties.csv", 15, 16, "invalid-enum", "error"),
        ("data/site.yml", 8, 3, "yaml-duplicate-key", "error"),
    ]
    assert report["problems"][1]["field"] == "procedure"
    assert report["problems"][1]["message"] == PROCEDURE.split("procedure: ", 1)[1]


def test_json_format_of_the_clean_sample(root: Path) -> None:
    result = validate_cli(root, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"problems": [], "errors": 0, "warnings": 0, "files": FILES}
