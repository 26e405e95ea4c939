"""Annual figures computed from the data as of 31 December: checked against reports and shown beside them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .liststate import BLACK, WHITE


@dataclass(frozen=True)
class Figure:
    key: str
    """Name used in a report's `figures:`."""
    label: str
    """Chinese label in the report's data table."""
    compute: Callable[[Any, int], Decimal]
    """(catalogue, year) -> value as of 31 December of that year."""
    unit: str = "家"
    dataset: str | None = None
    """The optional dataset it counts, if any: without that file the figure is neither shown nor checkable."""

    def applies(self, catalog: Any) -> bool:
        return self.dataset is None or bool(catalog.kept(self.dataset))


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def _states(catalog: Any, year: int) -> list[Any]:
    return catalog.states_on(_year_end(year))  # type: ignore[no-any-return]


def _listed(which: str) -> Callable[[Any, int], Decimal]:
    return lambda catalog, year: Decimal(sum(s.listed == which for s in _states(catalog, year)))


def _had_event(kind: str) -> Callable[[Any, int], Decimal]:
    def compute(catalog: Any, year: int) -> Decimal:
        end = _year_end(year)
        return Decimal(len({e.institution_id for e in catalog.events if e.event == kind and e.date <= end}))
    return compute


def _in_deregistration(catalog: Any, year: int) -> Decimal:
    return Decimal(sum(s.status == "注销公示中" for s in _states(catalog, year)))


def _subject_institutions(catalog: Any, year: int) -> Decimal:
    end = _year_end(year)
    seen = {e.institution_id for e in catalog.events if e.date <= end}
    return Decimal(sum(inst.training_type == "学科类" and inst.id in seen for inst in catalog.institutions))


def _penalties_of(catalog: Any, year: int) -> list[Any]:
    end = _year_end(year)
    return [p for p in catalog.penalties
            if p.decision_date.year == year and not (p.withdrawn_on and p.withdrawn_on <= end)]


def _licenses(catalog: Any, year: int) -> Decimal:
    return Decimal(sum(lic.decision_date.year == year for lic in catalog.licenses))


def _officers(catalog: Any, year: int) -> Decimal:
    return Decimal(sum(o.valid_until >= _year_end(year) for o in catalog.officers))


def _reviewed(catalog: Any, year: int) -> Decimal:
    """Schools (by credit code) whose annual review of that year is recorded (published after year-end, too)."""
    return Decimal(len({r.school_uscc for r in catalog.records("annual_reviews") if r.year == year}))


FIGURES: tuple[Figure, ...] = (
    Figure("whitelisted", "白名单机构数（年末）", _listed(WHITE)),
    Figure("blacklisted", "黑名单机构数（年末）", _listed(BLACK)),
    Figure("banned", "累计取缔机构数", _had_event("取缔")),
    Figure("subject_institutions", "学科类培训机构数", _subject_institutions),
    Figure("nonprofit_converted", "完成营转非登记的机构数", _had_event("营转非登记")),
    Figure("in_deregistration", "处于注销公示阶段的机构数（年末）", _in_deregistration),
    Figure("transformed", "转型机构数", _had_event("转型")),
    Figure("stripped", "剥离义务教育阶段培训的机构数", _had_event("剥离义务教育阶段培训")),
    Figure("penalties", "全年作出的行政处罚决定", lambda c, y: Decimal(len(_penalties_of(c, y))), "件"),
    Figure("fines_yuan", "全年罚款金额", lambda c, y: sum((p.fine_yuan or Decimal(0) for p in _penalties_of(c, y)),
                                                       Decimal(0)), "元"),
    Figure("licenses", "全年作出的行政许可决定", _licenses, "件"),
    Figure("officers", "持有效执法证件的人员（年末）", _officers, "人"),
    Figure("annual_reviews", "参加年度检查的民办学校和幼儿园", _reviewed, "所", "annual_reviews"),
)
BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}
