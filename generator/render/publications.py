"""How each dataset appears on the public site: one declaration per dataset, next to its data declaration.

`generator/datasets.py` says how a dataset is stored and checked; `PUBLICATIONS` here says what of it is public
on a given day, which derived columns its downloads carry, where its list page is, how the home page counts it
and how the changes page names one of its records. A new dataset (双随机抽查, 民办学校年审 ...) is one entry in
each table; tests/site/test_publications.py fails while one is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any

from ..datasets.decisions import KINDS, DecisionKind
from ..publicity import PUBLIC, WITHDRAWN
from . import pages
from .pages import RecordPage
from .views import PublicView

Rows = Callable[[PublicView], Iterator[dict[str, Any]]]
Pages = Callable[[PublicView], Iterator[RecordPage]]
Describe = Callable[[PublicView, str], tuple[str | None, str | None]]


@dataclass(frozen=True)
class Publication:
    dataset: str
    """Name of the dataset in datasets.DATASETS."""
    rows: Rows
    """The records public on view.today, as plain values by column (masked, filtered, with derived columns)."""
    describe: Describe
    """How /changes/ may name a record, given its key, and where it links: (None, None) if it may not."""
    page: str | None = None
    """URL of its list page (a home page card links there); None: shown on other pages only."""
    unit: str = "条"
    """What the home page counts it in: 家, 件, 项, 人."""
    duty: str = ""
    """The disclosure duty it serves, shown on its home page card."""
    derived: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Columns its downloads add to the model's: name -> (Chinese title, Frictionless type)."""
    last_change: Callable[[PublicView], date | None] | None = None
    """Date of its newest public change (None: the date of the last commit touching its file)."""
    card: int = 0
    """Place of its card on the home page and of its list page in the navigation (lower first)."""
    nav: str = ""
    """Navigation title of its list page."""
    list_page: Callable[[PublicView], str] | None = None
    """Renders its list page (Markdown for the site engine) at `page`."""
    record_pages: Pages | None = None
    """Yields one page per record (poured into the engine's page shell of its section), if it has them."""
    column: str = ""
    """Government ColumnName (栏目) of its record pages."""


def _all(name: str) -> Rows:
    return lambda view: (r.model_dump() for r in view.catalog.records(name))


def _decision_rows(kind: DecisionKind) -> Rows:
    def rows(view: PublicView) -> Iterator[dict[str, Any]]:
        for d in sorted(view.decisions(kind.name), key=lambda d: d.record.decision_no):
            if d.listed:
                row = d.record.model_dump()
                row["party_name"] = d.party
                if kind.ends_column:
                    row[kind.ends_column] = d.ends_on
                yield row
    return rows


def _institution_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for inst in view.institutions:
        row = inst.record.model_dump()
        row.update(current_list=inst.state.listed, list_since=inst.state.listed_since,
                   current_status=inst.state.status)
        yield row


def _event_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for event in view.catalog.events:
        if event.date <= view.today:
            yield {**event.model_dump(), "basis_doc_no": view.basis(event.basis_doc_no)}


def _describe_decision(kind: str) -> Describe:
    def describe(view: PublicView, key: str) -> tuple[str | None, str | None]:
        decision = view.decision_by_number(kind).get(key)
        if decision is None or decision.state not in {PUBLIC, WITHDRAWN}:
            return None, None
        return key, decision.url
    return describe


def _describe_institution(view: PublicView, key: str) -> tuple[str | None, str | None]:
    inst = view.institutions_by_id.get(key)
    return (inst.record.name, inst.url) if inst else (None, None)


def _describe_event(view: PublicView, key: str) -> tuple[str | None, str | None]:
    institution_id, _, rest = key.partition(" ")
    inst = view.institutions_by_id.get(institution_id)
    return (f"{inst.record.name} {rest}", inst.url) if inst else (None, None)


def _describe_matter(view: PublicView, key: str) -> tuple[str | None, str | None]:
    matter = view.catalog.matters_by_code.get(key)
    return (f"{matter.code} {matter.name}", f"matters/#{matter.code.lower()}") if matter else (None, None)


def _describe_officer(view: PublicView, key: str) -> tuple[str | None, str | None]:
    officer = view.officers_on_duty.get(key)
    return (f"{officer.name}（{officer.cert_no}）", "officers/") if officer else (None, None)


def _decision_publication(kind: DecisionKind, card: int) -> Publication:
    """A decision kind's publication: the same pages, rows and card, worded and ruled by its kind."""
    name = kind.name
    return Publication(
        name, _decision_rows(kind), _describe_decision(name), page=f"{name}/", unit="件", duty=f"双公示 · {kind.label}",
        derived=kind.derived, card=card, nav=kind.label, column=f"{kind.label}公示",
        last_change=lambda view: view.last_change([d.record.published_on for d in view.decisions(name)]),
        list_page=lambda view: pages.decision_list(view, name),
        record_pages=lambda view: pages.decision_pages(view, name))


PUBLICATIONS: dict[str, Publication] = {p.dataset: p for p in (
    Publication("enforcement_matters", _all("enforcement_matters"), _describe_matter, page="matters/", unit="项",
                duty="行政执法公示 · 事前公开", card=4, nav="执法事项", list_page=pages.matters_page),
    Publication("enforcement_officers", lambda view: (o.model_dump() for o in view.officers_on_duty.values()),
                _describe_officer, page="officers/", unit="人", duty="行政执法公示 · 执法主体", card=5,
                nav="执法人员", list_page=pages.officers_page),
    Publication("institutions", _institution_rows, _describe_institution, page="institutions/", unit="家",
                duty="校外培训监管 · 政务公开",
                derived={"current_list": ("当前名单", "string"), "list_since": ("列入或移出名单日期", "date"),
                         "current_status": ("当前状态", "string")},
                last_change=lambda view: view.last_change([e.date for e in view.catalog.events]), card=1,
                nav="机构查询", list_page=pages.lookup_page, column="校外培训机构查询",
                record_pages=lambda view: chain(pages.institution_pages(view), pages.browse_pages(view))),
    Publication("institution_events", _event_rows, _describe_event),
    *(_decision_publication(k, card) for card, k in enumerate(KINDS.values(), 2)),
)}

#: Datasets whose git history is read (every published one: /changes/ lists what changed in each).
HISTORY_DATASETS = tuple(PUBLICATIONS)
