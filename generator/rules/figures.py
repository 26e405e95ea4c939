"""Annual figures computed from the data as of 31 December: checked against reports and shown beside them.

Each figure says what it counts and on which day (`kind`): a stock is the state at the end of 31 December, a total
counts every institution that had an event by then, a flow counts decisions dated within the year, and the school
year counts the reviews of that year. A figure the data cannot tell for a year (the data starts later, a dataset is
not kept or holds nothing for that year) has no value: `untold` says why. The day the checks run does not matter:
the figures of a year are what the data records for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..memo import memo
from .liststate import BANNED, BLACK, DEREGISTERED, IN_DEREGISTRATION, SUBJECT, WHITE

STOCK, TOTAL, FLOW, REVIEW_YEAR = "stock", "total", "flow", "review-year"
#: How the report page heads each kind of figure (the day or the period it is taken on).
AS_OF = {STOCK: "截至{y}年12月31日", TOTAL: "截至{y}年12月31日（累计）", FLOW: "{y}年全年", REVIEW_YEAR: "{y}年度"}


@dataclass(frozen=True)
class Figure:
    key: str
    """Name used in a report's `figures:` and in a placeholder {{key}}."""
    label: str
    """Chinese label in the report's data table; a number written right after it in the text is checked."""
    compute: Callable[[Any, int], Decimal]
    """(catalogue, year) -> value as of 31 December of that year (see `kind`)."""
    unit: str = "家"
    dataset: str | None = None
    """The optional dataset it counts, if any: without that file the figure is neither shown nor checkable."""
    kind: str = STOCK
    means: str = ""
    """What exactly is counted ({y}: the year), shown under the report's table and in the staff guide."""
    terms: tuple[str, ...] = ()
    """Other names the text may give the figure (「行政处罚决定」 for 全年作出的行政处罚决定)."""
    check: Callable[[Any, int], str | None] | None = None
    """Why the data cannot tell the figure for a year, beyond the reasons every figure shares (None: it can)."""

    def applies(self, catalog: Any) -> bool:
        return self.dataset is None or bool(catalog.kept(self.dataset))

    def as_of(self, year: int | str) -> str:
        """The day or period the figure is taken on (year "当": in general, for the staff guide)."""
        return AS_OF[self.kind].format(y=year)

    def meaning(self, year: int | str) -> str:
        return self.means.format(y=year)

    def untold(self, catalog: Any, year: int) -> str | None:
        """Why the data cannot tell this figure for `year` (None: it can, and `value` is the answer)."""
        if not self.applies(catalog):
            ds = catalog.registry.by_name[self.dataset]
            return f"本站没有{ds.title}数据（{ds.path}）"
        return _year_untold(catalog, year) or (self.check(catalog, year) if self.check else None)

    def value(self, catalog: Any, year: int) -> Decimal | None:
        return None if self.untold(catalog, year) else self.compute(catalog, year)


def show(value: Decimal) -> str:
    """A figure as the site writes it: 47,200 (whole numbers without decimals), 1,234.50 (money with cents)."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal('0.01')):,f}"


def first_data_day(catalog: Any) -> date | None:
    """The first day the data records anything (a list or status event, a penalty, a licence)."""
    def first() -> date | None:
        days = [*(e.date for e in catalog.events), *(d.decision_date for d in catalog.penalties),
                *(d.decision_date for d in catalog.licenses)]
        return min(days, default=None)
    return memo(catalog, "figures.first_data_day", first)


def _year_untold(catalog: Any, year: int) -> str | None:
    """A year before the data starts cannot be told (its decisions and list changes were never recorded here)."""
    first = first_data_day(catalog)
    if first is None:
        return "本站还没有任何名单变动、处罚或许可记录"
    if first.year > year:
        return f"本站的数据从 {first} 开始，没有 {year} 年的记录"
    return None


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
    return Decimal(sum(s.status == IN_DEREGISTRATION for s in _states(catalog, year)))


def _subject_institutions(catalog: Any, year: int) -> Decimal:
    """Institutions in the subject category at the year's end (after a 转型 they are not), recorded by then, and
    neither deregistered nor banned on that day: the 8 deregistered of the sample leave the count the year they go."""
    end = _year_end(year)
    seen = {e.institution_id for e in catalog.events if e.date <= end}
    return Decimal(sum(inst.id in seen and state.category == SUBJECT and state.status not in (DEREGISTERED, BANNED)
                       for inst, state in zip(catalog.institutions, _states(catalog, year), strict=True)))


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


def _reviews_recorded(catalog: Any, year: int) -> str | None:
    if any(r.year == year for r in catalog.records("annual_reviews")):
        return None
    return f"本站还没有 {year} 年度的年度检查记录（年检结果通常在次年公布）"


_ON_DAY = "{y}年12月31日当天结束时"
_BY_DAY = "截至{y}年12月31日，"
FIGURES: tuple[Figure, ...] = (
    Figure("whitelisted", "白名单机构数", _listed(WHITE),
           means=f"{_ON_DAY}在白名单上的机构（由名单与状态变动记录按日期推算）。",
           terms=("白名单机构", "白名单上的机构", "白名单内的机构")),
    Figure("blacklisted", "黑名单机构数", _listed(BLACK),
           means=f"{_ON_DAY}在黑名单上的机构（已移出黑名单的不计）。",
           terms=("黑名单机构", "黑名单上的机构", "黑名单内的机构")),
    Figure("banned", "累计取缔机构数", _had_event("取缔"), kind=TOTAL,
           means=f"{_BY_DAY}有过「取缔」记录的机构；同一机构取缔两次只计一次。",
           terms=("累计取缔的机构", "累计依法取缔机构", "累计依法取缔的机构", "累计取缔", "累计依法取缔")),
    Figure("subject_institutions", "学科类培训机构数", _subject_institutions,
           means=(f"{_ON_DAY}培训类别为学科类（转型后计为非学科类）、且未注销、未被取缔的机构；"
                  "注销公示中的仍计入。只计当天以前已有变动记录的机构。"),
           terms=("学科类培训机构", "学科类校外培训机构", "学科类机构")),
    Figure("nonprofit_converted", "累计完成营转非登记的机构数", _had_event("营转非登记"), kind=TOTAL,
           means=f"{_BY_DAY}有过「营转非登记」记录的机构（其后注销的仍计入）。",
           terms=("完成营转非登记的机构", "营转非登记的机构", "完成营转非的机构", "营转非机构")),
    Figure("in_deregistration", "处于注销公示阶段的机构数", _in_deregistration,
           means=f"{_ON_DAY}已注销公示、尚未注销的机构。",
           terms=("注销公示阶段的机构", "注销公示中的机构", "处于注销公示期的机构", "注销公示期内的机构")),
    Figure("transformed", "累计转型的机构数", _had_event("转型"), kind=TOTAL,
           means=f"{_BY_DAY}有过「转型」（学科类转为非学科类）记录的机构。",
           terms=("转型机构", "转型的机构")),
    Figure("stripped", "累计剥离义务教育阶段培训的机构数", _had_event("剥离义务教育阶段培训"), kind=TOTAL,
           means=f"{_BY_DAY}有过「剥离义务教育阶段培训」记录的机构。",
           terms=("剥离义务教育阶段培训的机构",)),
    Figure("penalties", "全年作出的行政处罚决定", lambda c, y: Decimal(len(_penalties_of(c, y))), "件", kind=FLOW,
           means=("决定日期在{y}年1月1日至12月31日之间的行政处罚决定，"
                  "不含到{y}年12月31日已被撤销、变更或确认违法、无效（已撤回）的。"),
           terms=("作出行政处罚决定", "作出的行政处罚决定", "行政处罚决定", "行政处罚", "处罚决定")),
    Figure("fines_yuan", "全年罚款金额", lambda c, y: sum((p.fine_yuan or Decimal(0) for p in _penalties_of(c, y)),
                                                       Decimal(0)), "元", kind=FLOW,
           means="上一项（{y}年全年作出的行政处罚决定）的罚款金额之和。",
           terms=("罚款金额", "罚款总额", "罚款")),
    Figure("licenses", "全年作出的行政许可决定", _licenses, "件", kind=FLOW,
           means="决定日期在{y}年1月1日至12月31日之间的行政许可决定（含其后被吊销、撤回或失效的）。",
           terms=("作出行政许可决定", "作出的行政许可决定", "行政许可决定", "行政许可", "许可决定")),
    Figure("officers", "持有效执法证件的人员", _officers, "人",
           means=("执法人员名单中，证件有效期至不早于{y}年12月31日的人员"
                  "（名单不记录发证日期：其后才取得证件、仍在名单上的人员也计入）。"),
           terms=("持有效执法证件人员", "持有效执法证的人员", "持证执法人员", "执法人员")),
    Figure("annual_reviews", "参加年度检查的民办学校和幼儿园", _reviewed, "所", "annual_reviews", kind=REVIEW_YEAR,
           means="{y}年度的年度检查记录中的民办学校和幼儿园（按统一社会信用代码计，不论结果何时公布）。",
           terms=("参加年度检查的民办学校", "参加年度检查的学校", "参加年检的民办学校和幼儿园"),
           check=_reviews_recorded),
)
BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}
#: Units a text may write after a figure's number (「7名」 for 人, 「19家」 for 所).
UNITS: dict[str, tuple[str, ...]] = {"家": ("家", "个"), "件": ("件", "宗", "起"), "元": ("元",),
                                     "人": ("人", "名"), "所": ("所", "家")}
