"""Annual figures computed from the data as of 31 December: checked against reports and shown beside them.

Each family declares its figures (FIGURES beside its datasets); the registry collects them in their `place` order.

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
from ..model import CatalogLike

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
    place: int = 0
    """Its row in the report's table and the staff guide, across families (lower first)."""
    govinfo: str = ""
    """The cell of a 政府信息公开工作年度报告's table 二 it computes (schema/govinfo.py DATA_CELLS, e.g. "licensing",
    "normative[0]"), if any: the report shows it there and checks the number the report states for that cell."""
    prepare: Callable[[Any, list[date]], None] | None = None
    """(catalogue, days) -> None, called once with every year end the reports ask for before any figure is computed:
    a family computes what its figures share for all those days in one pass (e.g. one replay of the list events)."""

    def applies(self, catalog: CatalogLike) -> bool:
        return self.dataset is None or bool(catalog.kept(self.dataset))

    def as_of(self, year: int | str) -> str:
        """The day or period the figure is taken on (year "当": in general, for the staff guide)."""
        return AS_OF[self.kind].format(y=year)

    def meaning(self, year: int | str) -> str:
        return self.means.format(y=year)

    def untold(self, catalog: CatalogLike, year: int) -> str | None:
        """Why the data cannot tell this figure for `year` (None: it can, and `value` is the answer)."""
        if self.dataset is not None and not catalog.kept(self.dataset):
            ds = catalog.registry.by_name[self.dataset]
            return f"本站没有{ds.title}数据（{ds.path}）"
        return _year_untold(catalog, year) or (self.check(catalog, year) if self.check else None)

    def value(self, catalog: CatalogLike, year: int) -> Decimal | None:
        return None if self.untold(catalog, year) else self.compute(catalog, year)


def show(value: Decimal) -> str:
    """A figure as the site writes it: 47,200 (whole numbers without decimals), 1,234.50 (money with cents)."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal('0.01')):,f}"


def first_data_day(catalog: CatalogLike) -> date | None:
    """The first day the data records anything that dates it (Dataset.dates_data: a list or status event, a penalty,
    a licence)."""
    def first() -> date | None:
        days = [getattr(record, ds.dates_data) for ds in catalog.registry.datasets if ds.dates_data
                for record in catalog.records(ds.name)]
        return min(days, default=None)
    return memo(catalog, "figures.first_data_day", first)


def _year_untold(catalog: CatalogLike, year: int) -> str | None:
    """A year before the data starts cannot be told (its decisions and list changes were never recorded here)."""
    first = first_data_day(catalog)
    if first is None:
        return "本站还没有任何名单变动、处罚或许可记录"
    if first.year > year:
        return f"本站的数据从 {first} 开始，没有 {year} 年的记录"
    return None


def year_end(year: int) -> date:
    return date(year, 12, 31)


#: How a figure's meaning starts: a stock (on the day), a total (up to the day).
ON_DAY = "{y}年12月31日当天结束时"
BY_DAY = "截至{y}年12月31日，"
#: Units a text may write after a figure's number (「7名」 for 人, 「19家」 for 所).
UNITS: dict[str, tuple[str, ...]] = {"家": ("家", "个"), "件": ("件", "宗", "起"), "元": ("元",),
                                     "人": ("人", "名"), "所": ("所", "家"), "项": ("项", "个")}
