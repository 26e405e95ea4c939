"""Registry stage: the institution family's annual report figures (list and status counts on 31 December)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ...model import CatalogLike
from ...rules.figures import BY_DAY, ON_DAY, TOTAL, Figure, year_end
from . import index
from .liststate import BANNED, BLACK, DEREGISTERED, IN_DEREGISTRATION, SUBJECT, WHITE


def _listed(which: str) -> Callable[[Any, int], Decimal]:
    return lambda catalog, year: Decimal(sum(s.listed == which for s in index.states_on(catalog, year_end(year))))


def _had_event(kind: str) -> Callable[[Any, int], Decimal]:
    def compute(catalog: CatalogLike, year: int) -> Decimal:
        end = year_end(year)
        return Decimal(len({e.institution_id for e in index.events(catalog) if e.event == kind and e.date <= end}))
    return compute


def _in_deregistration(catalog: CatalogLike, year: int) -> Decimal:
    return Decimal(sum(s.status == IN_DEREGISTRATION for s in index.states_on(catalog, year_end(year))))


def _subject_institutions(catalog: CatalogLike, year: int) -> Decimal:
    """Institutions in the subject category at the year's end (after a 转型 they are not), recorded by then, and
    neither deregistered nor banned on that day: the 8 deregistered of the sample leave the count the year they go."""
    end = year_end(year)
    seen = {e.institution_id for e in index.events(catalog) if e.date <= end}
    states = index.states_on(catalog, end)
    return Decimal(sum(inst.id in seen and state.category == SUBJECT and state.status not in (DEREGISTERED, BANNED)
                       for inst, state in zip(index.institutions(catalog), states, strict=True)))


FIGURES: tuple[Figure, ...] = (
    Figure("whitelisted", "白名单机构数", _listed(WHITE), prepare=index.prepare_states,
           means=f"{ON_DAY}在白名单上的机构（由名单与状态变动记录按日期推算）。",
           terms=("白名单机构", "白名单上的机构", "白名单内的机构"),
           place=10),
    Figure("blacklisted", "黑名单机构数", _listed(BLACK), prepare=index.prepare_states,
           means=f"{ON_DAY}在黑名单上的机构（已移出黑名单的不计）。",
           terms=("黑名单机构", "黑名单上的机构", "黑名单内的机构"),
           place=11),
    Figure("banned", "累计取缔机构数", _had_event("取缔"), kind=TOTAL,
           means=f"{BY_DAY}有过「取缔」记录的机构；同一机构取缔两次只计一次。",
           terms=("累计取缔的机构", "累计依法取缔机构", "累计依法取缔的机构", "累计取缔", "累计依法取缔"),
           place=12),
    Figure("subject_institutions", "学科类培训机构数", _subject_institutions, prepare=index.prepare_states,
           means=(f"{ON_DAY}培训类别为学科类（转型后计为非学科类）、且未注销、未被取缔的机构；"
                  "注销公示中的仍计入。只计当天以前已有变动记录的机构。"),
           terms=("学科类培训机构", "学科类校外培训机构", "学科类机构"),
           place=13),
    Figure("nonprofit_converted", "累计完成营转非登记的机构数", _had_event("营转非登记"), kind=TOTAL,
           means=f"{BY_DAY}有过「营转非登记」记录的机构（其后注销的仍计入）。",
           terms=("完成营转非登记的机构", "营转非登记的机构", "完成营转非的机构", "营转非机构"),
           place=14),
    Figure("in_deregistration", "处于注销公示阶段的机构数", _in_deregistration, prepare=index.prepare_states,
           means=f"{ON_DAY}已注销公示、尚未注销的机构。",
           terms=("注销公示阶段的机构", "注销公示中的机构", "处于注销公示期的机构", "注销公示期内的机构"),
           place=15),
    Figure("transformed", "累计转型的机构数", _had_event("转型"), kind=TOTAL,
           means=f"{BY_DAY}有过「转型」（学科类转为非学科类）记录的机构。",
           terms=("转型机构", "转型的机构"),
           place=16),
    Figure("stripped", "累计剥离义务教育阶段培训的机构数", _had_event("剥离义务教育阶段培训"), kind=TOTAL,
           means=f"{BY_DAY}有过「剥离义务教育阶段培训」记录的机构。",
           terms=("剥离义务教育阶段培训的机构",),
           place=17),
)
