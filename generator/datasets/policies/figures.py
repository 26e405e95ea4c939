"""Registry stage: the policy family's annual report figures (行政规范性文件 issued, repealed and in force), which
the 政府信息公开工作年度报告's table 二 shows and the 法治政府 reports may state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ...model import CatalogLike
from ...rules.figures import FLOW, STOCK, Figure, year_end
from .model import IN_FORCE, NORMATIVE


def _normative(catalog: CatalogLike) -> list[Any]:
    return [p for p in catalog.records("policies") if p.kind == NORMATIVE]


def _ended_by(policy: Any, day: date) -> bool:
    """No longer in force at the end of `day`: repealed, expired or revised by then, or past its term."""
    if policy.status != IN_FORCE and policy.status_date is not None and policy.status_date <= day:
        return True
    return policy.expires_on is not None and policy.expires_on < day


def _issued(catalog: CatalogLike, year: int) -> Decimal:
    return Decimal(sum(p.issued_on.year == year for p in _normative(catalog)))


def _repealed(catalog: CatalogLike, year: int) -> Decimal:
    return Decimal(sum(p.status != IN_FORCE and p.status_date is not None and p.status_date.year == year
                       for p in _normative(catalog)))


def _in_force(catalog: CatalogLike, year: int) -> Decimal:
    end = year_end(year)
    return Decimal(sum(p.issued_on <= end and not _ended_by(p, end) for p in _normative(catalog)))


def _recorded(catalog: CatalogLike, year: int) -> str | None:
    """A year before the first document the bureau recorded cannot be told (its documents were never entered)."""
    first = min((p.issued_on for p in catalog.records("policies")), default=None)
    if first is None:
        return "本站还没有登记任何规范性文件和政策文件"
    if first.year > year:
        return f"本站登记的规范性文件和政策文件从 {first} 开始，没有 {year} 年的记录"
    return None


FIGURES: tuple[Figure, ...] = (
    Figure("normative_issued", "全年制发的行政规范性文件", _issued, "件", "policies", kind=FLOW,
           means="文件类别为规范性文件、成文日期在{y}年1月1日至12月31日之间的文件。",
           terms=("制发行政规范性文件", "制发的行政规范性文件", "制发规范性文件", "制发的规范性文件"),
           check=_recorded, govinfo="normative[0]", place=23),
    Figure("normative_repealed", "全年废止的行政规范性文件", _repealed, "件", "policies", kind=FLOW,
           means="状态为失效或已修订、失效或修订日期在{y}年内的规范性文件（含有效期届满和被新文件修订替代的）。",
           terms=("废止行政规范性文件", "废止的行政规范性文件", "废止规范性文件", "废止的规范性文件"),
           check=_recorded, govinfo="normative[1]", place=24),
    Figure("normative_in_force", "现行有效的行政规范性文件", _in_force, "件", "policies", kind=STOCK,
           means=("成文日期在{y}年12月31日以前、到当天结束时没有失效、被修订或过了有效期的规范性文件"
                  "（含已印发、尚未到施行日期的）。"),
           terms=("现行有效行政规范性文件", "现行有效规范性文件", "现行有效的规范性文件"),
           check=_recorded, govinfo="normative[2]", place=25),
)
