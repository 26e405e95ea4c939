"""Annual reports: front matter, and figures checked against the data as of 31 December of the report year."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import append_rows, copy_row, found, replace_text, set_cells

from generator.validate import validate

R2021 = "content/reports/2021.md"
R2022 = "content/reports/2022.md"
HEADER = "---\nyear: {year}\ntitle: 报告\nkind: 法治政府建设年度报告\npublished_on: 2022-03-01\n---\n正文\n"

# Every figure of the 2021 report: its line, the column of its value, and the value stated.
FIGURES_2021 = [
    ("whitelisted", 7, 16, 29), ("blacklisted", 8, 16, 25), ("banned", 9, 11, 25),
    ("nonprofit_converted", 10, 24, 10), ("in_deregistration", 11, 22, 8), ("transformed", 12, 16, 1),
    ("stripped", 13, 13, 1), ("subject_institutions", 14, 25, 9), ("penalties", 15, 14, 7),
    ("fines_yuan", 16, 15, 2000), ("licenses", 17, 13, 3), ("officers", 18, 13, 7),
]


@pytest.mark.parametrize(("key", "line", "col", "stated"), FIGURES_2021)
def test_every_figure_is_checked_at_its_position(root: Path, key: str, line: int, col: int, stated: int) -> None:
    replace_text(root, R2021, f"  {key}: {stated}\n", f"  {key}: {stated + 1}\n")
    assert found(root) == [(R2021, line, col, "figure-mismatch")]
    [problem] = validate(root).problems
    assert f"报告写的是 {stated + 1}" in problem.message and "2021-12-31" in problem.message


@pytest.mark.parametrize("value", ["29.0", "29.00", " 29"])
def test_figure_compared_as_a_number(root: Path, value: str) -> None:
    replace_text(root, R2021, "  whitelisted: 29\n", f"  whitelisted: {value}\n")
    assert found(root) == []


def test_new_decision_in_the_year_changes_its_figures(root: Path) -> None:
    copy_row(root, "penalties", "汾教科罚决字〔2021〕第3号", decision_no="汾教科罚决字〔2021〕第20号")
    # the 政府信息公开 report of 2021 states its 行政处罚 decisions in table 二 too
    assert found(root) == [("content/reports/2021-xxgk.md", 9, 15, "figure-mismatch"),
                           (R2021, 15, 14, "figure-mismatch"), (R2021, 16, 15, "figure-mismatch")]


def test_event_after_31_december_counts_for_the_next_year_only(root: Path) -> None:
    append_rows(root, "institution_events", {"institution_id": "fc-0063", "date": "2022-01-01", "event": "列入白名单"})
    assert found(root) == [(R2022, 7, 16, "figure-mismatch")]


def test_event_on_31_december_counts_for_that_year(root: Path) -> None:
    append_rows(root, "institution_events", {"institution_id": "fc-0063", "date": "2021-12-31", "event": "列入白名单"})
    assert found(root) == [(R2021, 7, 16, "figure-mismatch"), (R2022, 7, 16, "figure-mismatch")]


def test_list_state_is_taken_at_year_end(root: Path) -> None:
    # fc-0039 left the black list on 2023-04-11; had it left on 2022-12-31, 2022 would end with 25, not 26
    set_cells(root, "institution_events", {"institution_id": "fc-0039", "event": "移出黑名单"}, date="2022-12-31")
    assert found(root) == [(R2022, 8, 16, "figure-mismatch")]


def test_status_is_taken_at_year_end(root: Path) -> None:
    # fc-0007 was deregistered on 2023-03-14, so it was still 注销公示中 (and a 学科类 institution) at the end of 2022
    set_cells(root, "institution_events", {"institution_id": "fc-0007", "event": "已注销"}, date="2022-12-31")
    assert found(root) == [(R2022, 11, 22, "figure-mismatch"), (R2022, 14, 25, "figure-mismatch")]


def test_withdrawal_after_year_end_still_counts(root: Path) -> None:
    # 2022第6号 was withdrawn on 2022-09-08 and is not among the 4 penalties of 2022
    set_cells(root, "penalties", "汾教科罚决字〔2022〕第6号", withdrawn_on="2023-01-05")
    assert found(root) == [(R2022, 15, 14, "figure-mismatch")]


def test_officer_certificate_expiring_in_the_year(root: Path) -> None:
    set_cells(root, "enforcement_officers", "李文涛", valid_until="2022-06-30")
    assert found(root) == [(R2022, 18, 13, "figure-mismatch")]


@pytest.mark.parametrize(("value", "code"), [
    ("二十九", "invalid-value"), ("29家", "invalid-value"), ("NaN", "invalid-value"), ("sNaN", "invalid-value"),
    ("Infinity", "invalid-value"), ("[29]", "invalid-value"), ("{n: 29}", "invalid-value"),
])
def test_figure_that_is_not_a_number(root: Path, value: str, code: str) -> None:
    replace_text(root, R2021, "  whitelisted: 29\n", f"  whitelisted: {value}\n")
    assert found(root) == [(R2021, 7, 16, code)]


def test_unknown_figure(root: Path) -> None:
    replace_text(root, R2021, "  officers: 7\n", "  officers: 7\n  schools: 3\n")
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (R2021, 19, 12, "unknown-field")
    assert "whitelisted" in problem.message  # lists the figures that exist


def test_figures_must_be_a_mapping(root: Path) -> None:
    replace_text(root, R2021, "figures:\n  whitelisted: 29\n", "figures: 29\nfigures_old:\n  whitelisted: 29\n")
    assert found(root) == [(R2021, 6, 10, "invalid-value"), (R2021, 8, 3, "unknown-field")]


# --- front matter ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "where", "code"), [
    ("year: 2021", "year: 2020", (2, 7), "invalid-value"),  # not the file name
    ("kind: 法治政府建设年度报告", "kind: 工作总结", (4, 7), "invalid-enum"),
    ("published_on: 2022-03-18", "published_on: 2022-02-30", (5, 15), "invalid-date"),
    ("title: 汾川县教育科技局2021年法治政府建设工作报告\n", "", (2, 1), "missing-field"),
    ("year: 2021\n", "year: 2021\nauthor: 办公室\n", (3, 9), "unknown-field"),
    ("year: 2021\n", "year: 2021\nbody: 正文\n", (3, 7), "unknown-field"),
])
def test_front_matter_fields(root: Path, old: str, new: str, where: tuple[int, int], code: str) -> None:
    replace_text(root, R2021, old, new)
    assert found(root) == [(R2021, *where, code)]


@pytest.mark.parametrize(("name", "year"), [("0.md", "0"), ("-1.md", "-1"), ("9999.md", "9999"),
                                            ("0123.md", "0123"), ("99999.md", "99999")])
def test_year_outside_the_calendar(root: Path, name: str, year: str) -> None:
    (root / "content/reports" / name).write_text(HEADER.format(year=year), encoding="utf-8")
    assert found(root) == [(f"content/reports/{name}", 2, 7, "invalid-value")]


def test_report_without_front_matter(root: Path) -> None:
    (root / "content/reports/2023.md").write_text("# 2023年报告\n\n正文\n", encoding="utf-8")
    assert found(root) == [("content/reports/2023.md", 1, 1, "missing-field")]


def test_new_report_without_figures_is_fine(root: Path) -> None:
    (root / "content/reports/2023.md").write_text(HEADER.format(year=2023).replace("2022-03-01", "2024-03-01"),
                                                  encoding="utf-8")
    assert found(root) == []
