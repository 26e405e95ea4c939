"""Registry stage: the legal review family's report figure (penalties of the year reviewed before they were made)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...model import CatalogLike
from ...rules.figures import FLOW, Figure, year_end
from ..decisions import index as decision_index
from .rules import CATALOGUE


def reviewed_in(catalog: CatalogLike, year: int) -> list[Any]:
    """Penalties decided in `year`, not withdrawn by its end, with a legal review recorded (the list page counts the
    same way, as of its day)."""
    end = year_end(year)
    return [p for p in decision_index.penalties(catalog)
            if p.decision_date.year == year and p.legal_review_date is not None
            and not (p.withdrawn_on and p.withdrawn_on <= end)]


FIGURES: tuple[Figure, ...] = (
    Figure("legal_reviews", "全年经法制审核的行政处罚决定", lambda c, y: Decimal(len(reviewed_in(c, y))), "件",
           CATALOGUE, kind=FLOW,
           means=("决定日期在{y}年1月1日至12月31日之间、填写了法制审核日期的行政处罚决定（重大执法决定经法制审核），"
                  "不含到{y}年12月31日已被撤销、变更或确认违法、无效的。"),
           terms=("经法制审核的重大执法决定", "经法制审核的行政处罚决定", "经法制审核的处罚决定"),
           place=23),
)
