"""Registry stage: the annual review family's report figure (schools reviewed for the school year)."""

from __future__ import annotations

from decimal import Decimal

from ...model import CatalogLike
from ...rules.figures import REVIEW_YEAR, Figure


def _reviewed(catalog: CatalogLike, year: int) -> Decimal:
    """Schools (by credit code) whose annual review of that year is recorded (published after year-end, too)."""
    return Decimal(len({r.school_uscc for r in catalog.records("annual_reviews") if r.year == year}))


def _reviews_recorded(catalog: CatalogLike, year: int) -> str | None:
    if any(r.year == year for r in catalog.records("annual_reviews")):
        return None
    return f"本站还没有 {year} 年度的年度检查记录（年检结果通常在次年公布）"


FIGURES: tuple[Figure, ...] = (
    Figure("annual_reviews", "参加年度检查的民办学校和幼儿园", _reviewed, "所", "annual_reviews", kind=REVIEW_YEAR,
           means="{y}年度的年度检查记录中的民办学校和幼儿园（按统一社会信用代码计，不论结果何时公布）。",
           terms=("参加年度检查的民办学校", "参加年度检查的学校", "参加年检的民办学校和幼儿园"),
           check=_reviews_recorded,
           place=40),
)
