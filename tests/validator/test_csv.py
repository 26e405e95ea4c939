"""CSV reading: encodings, header, ragged rows, physical line numbers, empty and missing files."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import (
    OFFICER_FIGURES,
    add_column,
    drop_column,
    found,
    replace_text,
    set_cells,
)

from generator.validate import validate

OFFICERS = "data/enforcement_officers.csv"
PENALTIES = "data/penalties.csv"
EVENTS = "data/institution_events.csv"
# 2023第4号 is on line 15; its procedure is column 16. Rows from 2023 on feed no report figure.
ROW = "汾教科罚决字〔2023〕第4号"


def _reencode(root: Path, rel: str, encoding: str) -> None:
    path = root / rel
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))


# --- encodings ------------------------------------------------------------------------------------------


def test_gbk_file_is_named_and_explained(root: Path) -> None:
    _reencode(root, OFFICERS, "gbk")
    # the first byte that is not UTF-8 is in line 2, column 1 (郭晋平); the reports' officer figure follows
    assert found(root) == [*OFFICER_FIGURES, (OFFICERS, 2, 1, "csv-encoding")]
    [problem] = [p for p in validate(root).problems if p.code == "csv-encoding"]
    assert "GBK" in problem.message
    assert "另存为" in problem.message
    assert "UTF-8" in problem.message


def test_gb18030_file_is_named(root: Path) -> None:
    set_cells(root, "enforcement_officers", "李文涛", name="刘䶮")  # 䶮 exists in GB18030, not in GBK
    _reencode(root, OFFICERS, "gb18030")
    [problem] = [p for p in validate(root).problems if p.code == "csv-encoding"]
    assert (problem.path, problem.line, problem.col) == (OFFICERS, 2, 1)
    assert "GB18030" in problem.message and "另存为" in problem.message


def test_encoding_problem_points_at_the_column(root: Path) -> None:
    _reencode(root, EVENTS, "gbk")
    # institution_id and date are ASCII; the first Chinese text is the event in column 3
    assert [p for p in found(root) if p[0] == EVENTS] == [(EVENTS, 2, 3, "csv-encoding")]


def test_utf16_file(root: Path) -> None:
    _reencode(root, OFFICERS, "utf-16")
    assert found(root) == [*OFFICER_FIGURES, (OFFICERS, 1, 1, "csv-encoding")]
    [problem] = [p for p in validate(root).problems if p.code == "csv-encoding"]
    assert "UTF-16" in problem.message


def test_utf8_bom_is_accepted(root: Path) -> None:
    for rel in (OFFICERS, PENALTIES):
        (root / rel).write_bytes(b"\xef\xbb\xbf" + (root / rel).read_bytes())
    assert found(root) == []
    set_cells(root, "penalties", ROW, procedure="一般程序")
    assert found(root) == [(PENALTIES, 15, 16, "invalid-enum")]


# --- header ---------------------------------------------------------------------------------------------


def test_unknown_column(root: Path) -> None:
    add_column(root, "enforcement_officers", "phone", "0357-5213361")
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (OFFICERS, 1, 6, "csv-header")
    assert "F 列" in problem.message


def test_misspelled_column_is_unknown_and_the_real_one_missing(root: Path) -> None:
    replace_text(root, OFFICERS, "field,valid_until\n", "field,valid_untill\n")
    assert found(root) == [*OFFICER_FIGURES, (OFFICERS, 1, 5, "csv-header"), (OFFICERS, 1, 6, "csv-header")]


def test_missing_required_column_is_reported_once(root: Path) -> None:
    drop_column(root, "enforcement_officers", "field")
    # one header problem, not one missing-field per row
    assert found(root) == [*OFFICER_FIGURES, (OFFICERS, 1, 5, "csv-header")]


def test_missing_optional_column_is_fine(root: Path) -> None:
    drop_column(root, "penalties", "remarks")
    assert found(root) == []


def test_columns_may_come_in_any_order(root: Path) -> None:
    drop_column(root, "enforcement_officers", "name")
    add_column(root, "enforcement_officers", "name", "某某")
    assert found(root) == []


def test_duplicate_column(root: Path) -> None:
    add_column(root, "enforcement_officers", "office", "行政执法股")
    assert found(root) == [(OFFICERS, 1, 6, "csv-header")]


def test_empty_file(root: Path) -> None:
    (root / OFFICERS).write_text("", encoding="utf-8")
    assert found(root) == [*OFFICER_FIGURES, (OFFICERS, 1, 1, "csv-header")]


def test_header_only_is_an_empty_table(root: Path) -> None:
    (root / OFFICERS).write_text("name,cert_no,office,field,valid_until\n", encoding="utf-8")
    # the file itself is fine; only what cites its certificates (the inspections' inspectors) is now unknown
    problems = found(root)
    assert [p for p in problems if p[0] != "data/inspections.csv"] == OFFICER_FIGURES
    assert {code for path, _, _, code in problems if path == "data/inspections.csv"} == {"unknown-reference"}


@pytest.mark.parametrize("make", ["missing", "directory"])
def test_missing_data_file(root: Path, make: str) -> None:
    (root / OFFICERS).unlink()
    if make == "directory":
        (root / OFFICERS).mkdir()
    assert found(root) == [*OFFICER_FIGURES, (OFFICERS, 1, 1, "missing-field")]


# --- rows -----------------------------------------------------------------------------------------------


def test_row_with_a_cell_too_few(root: Path) -> None:
    replace_text(root, PENALTIES, "2024-06-12,2023-06-16,有效,,,,,,,,\n", "2024-06-12,2023-06-16,有效,,,,,,,\n")
    # 28 cells for 29 columns: the first missing cell is column 29
    assert found(root) == [(PENALTIES, 15, 29, "csv-header")]


def test_unquoted_comma_makes_a_ragged_row(root: Path) -> None:
    replace_text(root, PENALTIES, "开展数学、物理培训，涉及学员18名", "开展数学,物理培训，涉及学员18名")
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (PENALTIES, 15, 30, "csv-header")
    assert "英文双引号" in problem.message


def test_whitespace_only_cell_is_missing(root: Path) -> None:
    set_cells(root, "penalties", ROW, violation_type="   ")
    assert found(root) == [(PENALTIES, 15, 8, "missing-field")]


def test_blank_lines_are_skipped_but_counted(root: Path) -> None:
    replace_text(root, PENALTIES, "\n汾教科罚决字〔2023〕第2号,", "\n\n\n汾教科罚决字〔2023〕第2号,")
    set_cells(root, "penalties", ROW, procedure="一般程序")
    assert found(root) == [(PENALTIES, 17, 16, "invalid-enum")]


def test_multiline_cell_before_the_broken_row_counts_physical_lines(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第2号", remarks="第一行\n第二行,含逗号\n\n第四行")
    set_cells(root, "penalties", ROW, procedure="一般程序")
    # 2023第2号 starts on line 14 and spans four lines (one blank inside the quotes), so 2023第4号 starts on 18
    assert found(root) == [(PENALTIES, 18, 16, "invalid-enum")]


def test_multiline_broken_row_is_reported_at_its_first_line(root: Path) -> None:
    set_cells(root, "penalties", ROW, remarks="备注第一行\n备注第二行", severity="很严重")
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第6号", procedure="一般程序")
    assert found(root) == [(PENALTIES, 15, 17, "invalid-enum"), (PENALTIES, 17, 16, "invalid-enum")]


def test_crlf_line_endings(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2023〕第2号", remarks="第一行\n第二行")
    set_cells(root, "penalties", ROW, procedure="一般程序")
    path = root / PENALTIES
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert found(root) == [(PENALTIES, 16, 16, "invalid-enum")]
