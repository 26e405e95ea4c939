"""Warnings that never block publishing: late disclosure by the holiday calendar, unknown years, late reports."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from validator.helpers import found, replace_text, set_cells

from generator.rules.workdays import is_workday, workdays_after
from generator.validate import validate

PENALTIES = "data/penalties.csv"
LICENSES = "data/licenses.csv"
REPORT = "content/reports/2021.md"
ROW = "汾教科罚决字〔2023〕第4号"  # line 15; published_on is column 20


def _known(year: int) -> bool:
    return is_workday(date(year, 6, 1))[1]


# The first year the installed holiday calendar does not know (2027 with the locked chinesecalendar 1.11.0),
# so these tests keep working when the package learns more years; and its second Monday.
UNKNOWN = next(year for year in range(2005, 2200) if _known(year - 1) and not _known(year))
MONDAY = next(date(UNKNOWN, 1, day) for day in range(8, 15) if date(UNKNOWN, 1, day).weekday() == 0)


def _decide(root: Path, decided: str, published: str) -> None:
    set_cells(root, "penalties", ROW, decision_date=decided, published_on=published, valid_until="2031-12-31")


def test_national_day_holiday_is_not_a_working_day(root: Path) -> None:
    # 10-01..10-07 are holidays: only 10-08, 10-09, 10-10 count (Monday to Friday would give 8 and a warning)
    _decide(root, "2024-09-30", "2024-10-10")
    assert workdays_after(date(2024, 9, 30), date(2024, 10, 10)) == (3, set())
    assert found(root) == []


def test_make_up_workday_counts(root: Path) -> None:
    # Saturday 2024-10-12 is a make-up working day: 10-09..10-17 are 8 working days, not 7
    _decide(root, "2024-10-08", "2024-10-17")
    assert found(root) == [(PENALTIES, 15, 20, "late-disclosure")]
    [problem] = validate(root).problems
    assert problem.severity == "warning"
    assert "8 个工作日" in problem.message


def test_seven_working_days_is_in_time(root: Path) -> None:
    _decide(root, "2024-10-08", "2024-10-16")
    assert found(root) == []


def test_sunday_make_up_day_counts(root: Path) -> None:
    # Sunday 09-29 and Saturday 10-12 are working days: 09-29, 09-30, 10-08..10-12, 10-14 = 8
    # (holidays without the make-up days would give 6 and no warning)
    _decide(root, "2024-09-28", "2024-10-14")
    assert workdays_after(date(2024, 9, 28), date(2024, 10, 14)) == (8, set())
    assert found(root) == [(PENALTIES, 15, 20, "late-disclosure")]


@pytest.mark.parametrize("year", [UNKNOWN, pytest.param(2030, marks=pytest.mark.skipif(_known(2030), reason="known"))])
def test_unknown_year_counts_monday_to_friday_and_says_so(root: Path, year: int) -> None:
    monday = next(date(year, 1, day) for day in range(8, 15) if date(year, 1, day).weekday() == 0)
    _decide(root, monday.isoformat(), (monday + timedelta(days=9)).isoformat())  # Wednesday week: 7 weekdays
    assert found(root) == [(PENALTIES, 15, 20, "calendar-unknown")]
    [problem] = validate(root).problems
    assert str(year) in problem.message and problem.severity == "warning"


def test_unknown_year_can_also_be_late(root: Path) -> None:
    _decide(root, MONDAY.isoformat(), (MONDAY + timedelta(days=10)).isoformat())  # Thursday week: 8 weekdays
    assert found(root) == [(PENALTIES, 15, 20, "calendar-unknown"), (PENALTIES, 15, 20, "late-disclosure")]
    assert validate(root).ok


def test_licence_published_across_into_an_unknown_year(root: Path) -> None:
    decided = f"{UNKNOWN - 1}-12-30"
    set_cells(root, "licenses", "汾教科许决字〔2026〕第6号", decision_date=decided, valid_from=decided,
              published_on=f"{UNKNOWN}-01-05")
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (LICENSES, 14, 17, "calendar-unknown")
    assert problem.message.startswith(f"{UNKNOWN} 年")


def test_limit_comes_from_site_policy(root: Path) -> None:
    # 2023第4号: decided Tuesday 2023-06-13, published Friday 2023-06-16, three working days later
    replace_text(root, "data/site.yml", "disclosure_working_days: 7", "disclosure_working_days: 3")
    assert (PENALTIES, 15, 20, "late-disclosure") not in found(root)
    replace_text(root, "data/site.yml", "disclosure_working_days: 3", "disclosure_working_days: 2")
    assert (PENALTIES, 15, 20, "late-disclosure") in found(root)


def test_mistyped_far_year_is_quick_and_does_not_crash(root: Path) -> None:
    _decide(root, "0001-01-01", "9999-12-31")
    set_cells(root, "penalties", ROW, valid_until="9999-12-31")
    problems = validate(root).problems
    assert [(p.line, p.col, p.code) for p in problems] == [(15, 20, "calendar-unknown"), (15, 20, "late-disclosure")]
    assert len(problems[0].message) < 200  # the unknown years are given as ranges, not listed one by one


_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@given(_DAYS, st.integers(min_value=-5, max_value=800))
def test_workdays_agree_with_walking_the_days(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    walked = [is_workday(start + timedelta(days=i)) for i in range(1, length + 1)]
    unknown = {(start + timedelta(days=i)).year for i, (_, known) in enumerate(walked, start=1) if not known}
    assert workdays_after(start, end) == (sum(working for working, _ in walked), unknown)


# --- annual reports --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("report", "was", "published", "late"), [
    (REPORT, "2022-03-18", "2022-04-01", False),
    (REPORT, "2022-03-18", "2022-04-02", True),
    ("content/reports/2021-xxgk.md", "2022-01-24", "2022-01-31", False),  # 政府信息公开: by 31 January
    ("content/reports/2021-xxgk.md", "2022-01-24", "2022-02-01", True),
])
def test_late_report(root: Path, report: str, was: str, published: str, late: bool) -> None:
    replace_text(root, report, f"published_on: {was}", f"published_on: {published}")
    assert found(root) == ([(report, 5, 15, "late-report")] if late else [])
    assert validate(root).ok


def test_a_govinfo_report_named_by_its_year_alone_keeps_its_deadline(root: Path) -> None:
    """2021.md of kind 政府信息公开 (the naming the contract always allowed) is still a 政府信息公开 report."""
    (root / REPORT).unlink()
    (root / "content/reports/2021-xxgk.md").rename(root / REPORT)
    replace_text(root, REPORT, "published_on: 2022-01-24", "published_on: 2022-02-01")
    assert found(root) == [(REPORT, 5, 15, "late-report")]
