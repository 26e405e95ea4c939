"""Working days by the State Council holiday calendar (make-up workdays counted), Monday-Friday where unknown."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar


@lru_cache(maxsize=8192)
def is_workday(day: date) -> tuple[bool, bool]:
    """(is a working day, whether the official calendar knew the year)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


@lru_cache(maxsize=256)
def _year_known(year: int) -> bool:
    return is_workday(date(year, 1, 1))[1]


@lru_cache(maxsize=256)
def _workdays_through(year: int) -> tuple[int, ...]:
    """Working days of a known year from 1 January through each day (index: the day of the year; 0 before the
    first): each year is walked once, not once per decision."""
    through = [0]
    for ordinal in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1):
        through.append(through[-1] + is_workday(date.fromordinal(ordinal))[0])
    return tuple(through)


def _weekdays(first: date, last: date) -> int:
    """Monday-Friday days from `first` to `last`, both included, without walking them one by one."""
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum((first.weekday() + i) % 7 < 5 for i in range(rest))


def workdays_after(start: date, end: date) -> tuple[int, set[int]]:
    """Working days after `start` up to and including `end`, and the years the calendar did not know.

    Known years are walked day by day; unknown ones are counted arithmetically, so a mistyped year
    (9999-12-31) neither takes minutes nor steps past the last representable date.
    """
    if end <= start:
        return 0, set()
    first = start + timedelta(days=1)
    count, unknown = 0, set()
    for year in range(first.year, end.year + 1):
        lo, hi = max(first, date(year, 1, 1)), min(end, date(year, 12, 31))
        if _year_known(year):
            through = _workdays_through(year)
            count += through[hi.timetuple().tm_yday] - through[lo.timetuple().tm_yday - 1]
        else:
            unknown.add(year)
            count += _weekdays(lo, hi)
    return count, unknown
