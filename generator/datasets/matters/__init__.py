"""Registry stage: the 行政执法事项清单 family (data/enforcement_matters.yaml): declaration, list page, one page per
matter (its procedure and remedies: pages.py), /changes/ name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...model import CatalogLike, Dataset, Offer, Publication
from ...problems import Problem, problem
from ...render.templates import meta, page_md
from . import index, pages
from .model import CATEGORIES, Matter

if TYPE_CHECKING:
    from ...model import View

#: How a fill-in template offers the matters to a record that cites one (matter_code): only the category the
#: citing dataset's check wants (行政处罚 for penalties), and nothing else is taken.
_OFFER = Offer("执法事项", pick="从下拉列表选择「名称（代码）」：本类别的全部执法事项都已列出。",
               refused="请从下拉列表中选择执法事项；清单中没有的事项，请先登记在 data/enforcement_matters.yaml 中",
               category="category", narrowed=True)

MATTERS = Dataset(index.MATTERS, "行政执法事项清单", "data/enforcement_matters.yaml", Matter, "code",
                  list_key="matters", label_field="name", names_checked=False, editor_schema=True, offer=_OFFER,
                  synth=lambda world: world.core.matters,
                  description="本机关依法实施的行政执法事项、实施依据与承办机构。")


def matters_page(view: View) -> str:
    groups = [(c, [m for m in index.matters(view.catalog) if m.category == c]) for c in CATEGORIES]
    groups = [(c, items) for c, items in groups if items]
    anchors = {c: f"category-{i + 1}" for i, c in enumerate(CATEGORIES)}
    return page_md("matters", meta("行政执法事项清单", title="行政执法事项清单"), groups=groups, anchors=anchors,
                   total=len(index.matters(view.catalog)), site=view.site, slug=index.slug)


def describe_matter(view: View, key: str) -> tuple[str | None, str | None]:
    matter = index.by_code(view.catalog).get(key)
    return (f"{matter.code} {matter.name}", index.url(matter.code)) if matter else (None, None)


DATASETS = (MATTERS,)
PUBLICATIONS = (
    Publication("enforcement_matters", lambda view: (r.model_dump() for r in view.catalog.records(MATTERS.name)),
                describe_matter, page="matters/", unit="项", duty="行政执法公示 · 事前公开", card=4, nav="执法事项",
                group="执法公示", list_page=matters_page, record_pages=pages.matter_pages, column="行政执法事项清单",
                cells=pages.CELLS),
)


def matter_reference(record: Any, catalog: CatalogLike, *, wanted: str) -> Iterator[Problem]:
    """The matter a record cites (matter_code) is of category `wanted` (that it is on the list: the citing dataset's
    refs)."""
    matter = index.by_code(catalog).get(record.matter_code)
    if matter is not None and matter.category != wanted:
        yield problem("unknown-reference", record.where("matter_code"), "matter_code",
                      f"事项「{matter.code} {matter.name}」的类别是{matter.category}，这里只能引用{wanted}类事项")
