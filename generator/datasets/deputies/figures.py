"""Registry stage: the family's annual report figures (schools with a deputy, advisers under contract, on 31
December)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ...model import CatalogLike
from ...rules.figures import ON_DAY, Figure, year_end
from . import index


def _schools(catalog: CatalogLike, year: int) -> Decimal:
    return Decimal(len(index.serving(catalog, year_end(year))))


def _advisers(catalog: CatalogLike, year: int) -> Decimal:
    return Decimal(len({(r.firm, r.lawyer_name) for r in index.advisers_on(catalog, year_end(year))}))


def _recorded(dataset: str, title: str, start: str) -> Callable[[Any, int], str | None]:
    """A roster kept only from a later year cannot tell an earlier year's count (it would read as none)."""
    def check(catalog: CatalogLike, year: int) -> str | None:
        if any(getattr(r, start) <= year_end(year) for r in catalog.records(dataset)):
            return None
        return f"{title}中没有 {year} 年底以前开始的聘任记录"
    return check


FIGURES: tuple[Figure, ...] = (
    Figure("legal_deputy_schools", "配备法治副校长的学校数", _schools, "所", index.DEPUTIES,
           means=(ON_DAY + "，法治副校长名单中至少有一名法治副校长在聘期内的学校（按统一社会信用代码计；"
                  "公办和民办的中小学、幼儿园、职业学校都计入）。"),
           terms=("配备法治副校长的学校", "配有法治副校长的学校"),
           check=_recorded(index.DEPUTIES, "法治副校长名单", "appointed_on"),
           place=50),
    Figure("legal_advisers", "在聘的法律顾问", _advisers, "人", index.ADVISERS,
           means=ON_DAY + "，聘期内的本局法律顾问（律师，按律师事务所和姓名计）。",
           terms=("聘请的法律顾问", "法律顾问"),
           check=_recorded(index.ADVISERS, "法律顾问名单", "start"),
           place=51),
)
