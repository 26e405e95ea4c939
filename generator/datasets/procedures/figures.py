"""Registry stage: the procedures family's report figure (音像记录事项, as published by the year's end)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...model import CatalogLike
from ...rules.figures import STOCK, Figure
from . import index


def _published(catalog: CatalogLike, year: int) -> list[object]:
    return [p for p in index.procedures(catalog) if p.published_on <= date(year, 12, 31)]


def _recorded(catalog: CatalogLike, year: int) -> Decimal:
    """Recorded steps of the procedures published by 31 December (each procedure's step once)."""
    return Decimal(sum(len(p.recorded_steps()) for p in index.procedures(catalog)
                       if p.published_on <= date(year, 12, 31)))


def _any_published(catalog: CatalogLike, year: int) -> str | None:
    if _published(catalog, year):
        return None
    return f"本站在 {year} 年 12 月 31 日前还没有公布办理流程（data/procedures.yaml 的 published_on）"


FIGURES: tuple[Figure, ...] = (
    Figure("recorded_steps", "音像记录事项", _recorded, "项", index.PROCEDURES, kind=STOCK,
           means="截至{y}年12月31日已公布的办理流程中须全程音像记录的环节（每个流程的每个环节计一项）。",
           terms=("音像记录事项清单中的事项", "须音像记录的执法环节", "须全程音像记录的执法环节"),
           check=_any_published, place=45),
)
