"""Registry stage: the family's lookups over the catalogue, shared by its rules, pages and report figures (and by
the annual review family's school pages): who is in office on a day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ...memo import memo
from ...model import CatalogLike

DEPUTIES, ADVISERS = "legal_deputies", "legal_advisers"


def deputy_term(record: Any) -> tuple[date, date]:
    return record.appointed_on, record.term_end


def adviser_term(record: Any) -> tuple[date, date]:
    return record.start, record.end


def in_office(term: tuple[date, date], day: date) -> bool:
    """Both ends of a term count: appointed on the day, or serving its last day."""
    start, end = term
    return start <= day <= end


def overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def by_school(catalog: CatalogLike) -> dict[str, list[Any]]:
    """Every roster row by school credit code, in file order (computed once per catalogue)."""
    def make() -> dict[str, list[Any]]:
        schools: dict[str, list[Any]] = {}
        for record in catalog.records(DEPUTIES):
            schools.setdefault(record.school_uscc, []).append(record)
        return schools
    return memo(catalog, "deputies:by-school", make)


def serving(catalog: CatalogLike, day: date) -> dict[str, list[Any]]:
    """Deputies in office on `day` by school credit code (schools with none are left out), in file order."""
    found = {uscc: [r for r in rows if in_office(deputy_term(r), day)] for uscc, rows in by_school(catalog).items()}
    return {uscc: rows for uscc, rows in found.items() if rows}


def advisers_on(catalog: CatalogLike, day: date) -> list[Any]:
    return [r for r in catalog.records(ADVISERS) if in_office(adviser_term(r), day)]


def succeeded(record: Any, others: Iterable[Any], start: Any) -> bool:
    """Whether a later appointment (a renewal or a successor) follows `record` among `others`."""
    return any(start(other) > start(record) for other in others if other is not record)


def school_url(uscc: str) -> str:
    """A school's own page under the site root: its credit code, as /reviews/ names its pages."""
    return f"deputies/{uscc.lower()}/"


def anchor(uscc: str) -> str:
    """A school's place on the list page: ASCII and stable (its credit code)."""
    return f"school-{uscc.lower()}"
