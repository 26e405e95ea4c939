"""Registry stage: the decision family's annual report figures (decisions made in the year, fines)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...model import CatalogLike
from ...rules.figures import FLOW, Figure, year_end
from . import index


def _penalties_of(catalog: CatalogLike, year: int) -> list[Any]:
    end = year_end(year)
    return [p for p in index.penalties(catalog)
            if p.decision_date.year == year and not (p.withdrawn_on and p.withdrawn_on <= end)]


def _licenses(catalog: CatalogLike, year: int) -> Decimal:
    return Decimal(sum(lic.decision_date.year == year for lic in index.licenses(catalog)))


FIGURES: tuple[Figure, ...] = (
    Figure("penalties", "全年作出的行政处罚决定", lambda c, y: Decimal(len(_penalties_of(c, y))), "件", kind=FLOW,
           means=("决定日期在{y}年1月1日至12月31日之间的行政处罚决定，"
                  "不含到{y}年12月31日已被撤销、变更或确认违法、无效（已撤回）的。"),
           terms=("作出行政处罚决定", "作出的行政处罚决定", "行政处罚决定", "行政处罚", "处罚决定"),
           govinfo="penalising", place=20),
    Figure("fines_yuan", "全年罚款金额", lambda c, y: sum((p.fine_yuan or Decimal(0) for p in _penalties_of(c, y)),
                                                       Decimal(0)), "元", kind=FLOW,
           means="上一项（{y}年全年作出的行政处罚决定）的罚款金额之和。",
           terms=("罚款金额", "罚款总额", "罚款"),
           place=21),
    Figure("licenses", "全年作出的行政许可决定", _licenses, "件", kind=FLOW,
           means="决定日期在{y}年1月1日至12月31日之间的行政许可决定（含其后被吊销、撤回或失效的）。",
           terms=("作出行政许可决定", "作出的行政许可决定", "行政许可决定", "行政许可", "许可决定"),
           govinfo="licensing", place=22),
)
