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


def workdays_after(start: date, end: date) -> tuple[int, set[int]]:
    """Working days after `start` up to and including `end`, and the years the calendar did not know."""
    count, unknown = 0, set()
    day = start + timedelta(days=1)
    while day <= end:
        working, known = is_workday(day)
        count += working
        if not known:
            unknown.add(day.year)
        day += timedelta(days=1)
    return count, unknown
