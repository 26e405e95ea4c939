"""Registry stage: the 执法人员名单 family (data/enforcement_officers.csv): declaration, list page, /changes/ name."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ...model import CatalogLike, Dataset, Publication
from ...render.templates import meta, page_md
from ...rules.figures import Figure, year_end
from . import index
from .model import Officer

if TYPE_CHECKING:
    from ..views import PublicView

OFFICERS = Dataset(index.OFFICERS, "执法人员名单", "data/enforcement_officers.csv", Officer, "cert_no",
                   label_field="name", names_checked=False, public_names=("name",),
                   aliases={"cert_no": ("执法证件号", "证件号码", "执法证编号"), "valid_until": ("有效期至",)},
                   synth=lambda world: world.core.officers,
                   description="持有有效行政执法证件的人员及证号。")


def officers_page(view: PublicView) -> str:
    officers = sorted(view.officers_on_duty.values(), key=lambda o: o.cert_no)
    return page_md("officers", meta("执法人员", title="执法人员名单"), officers=officers, site=view.site,
                   today=view.today)


def describe_officer(view: PublicView, key: str) -> tuple[str | None, str | None]:
    """Only officers on duty today are named (a lapsed certificate is not a public fact any more)."""
    officer = view.officers_on_duty.get(key)
    return (f"{officer.name}（{officer.cert_no}）", "officers/") if officer else (None, None)


DATASETS = (OFFICERS,)
PUBLICATIONS = (
    Publication("enforcement_officers", lambda view: (o.model_dump() for o in view.officers_on_duty.values()),
                describe_officer, page="officers/", unit="人", duty="行政执法公示 · 执法主体", card=5, nav="执法人员",
                group="执法公示", list_page=officers_page),
)


def _officers(catalog: CatalogLike, year: int) -> Decimal:
    return Decimal(sum(o.valid_until >= year_end(year) for o in index.officers(catalog)))


FIGURES: tuple[Figure, ...] = (
    Figure("officers", "持有效执法证件的人员", _officers, "人",
           means=("执法人员名单中，证件有效期至不早于{y}年12月31日的人员"
                  "（名单不记录发证日期：其后才取得证件、仍在名单上的人员也计入）。"),
           terms=("持有效执法证件人员", "持有效执法证的人员", "持证执法人员", "执法人员"),
           place=30),
)
