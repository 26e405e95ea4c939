"""Render stage of the 双随机、一公开 family: list page, plan and result pages, search entries, feed, rows, blocks.

What the site shows is computed once per view (`inspections_of`): the published plans with their draws, and the
published results with their institution, inspectors and the penalty a follow-up names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...memo import memo
from ...model import Cell, Related
from ...render.recordindex import Entry
from ...render.revisions import revisions_of
from ...render.templates import RecordPage, meta, page_md, record_html, root_of
from ...rules.publicity import EXPIRED, PUBLIC, REPAIRED
from ...rules.slugs import inspection_slug, plan_slug
from ..institutions import index as institution_index
from ..institutions.liststate import WHITE
from . import claims
from .checks import INSPECTIONS, ITEMS, PLANS, PlanDraw, plan_draws
from .draw import commitment_snippet, draw_key, snippet
from .followup import PENALTY_MADE, RECTIFIED, STATUS_LOOK, status
from .proof import Proof, proof_of

if TYPE_CHECKING:
    from ..decisions.views import DecisionView
    from ..institutions.views import InstitutionView
    from ..views import PublicView

SECTION = "inspections"
#: A penalty in these states was decided and published: the result's status says so (a revoked one does not count,
#: one not yet published is not told early).
DECIDED = frozenset({PUBLIC, EXPIRED, REPAIRED})
#: A search entry's cells as the browser shows them (plans and results alike): who or what, when, outcome.
CELLS = (Cell("对象"), Cell("日期", "日期 "), Cell("结果"))
KEY_SHOWN = 8
"""Hex digits of a draw key shown in the population table (the snippet computes the whole key). Eight at most:
eleven digits in a row could read as a mobile number, and the publish scan would rightly refuse the page."""


@dataclass
class PlanView:
    record: Any
    draw: PlanDraw
    population: list[tuple[str, str, str, bool]]
    """(institution id, name, key, drawn), by id."""
    drawn: list[tuple[str, str, str]]
    """(institution id, name, key), smallest key first."""
    items: list[Any]
    proof: Proof
    results: list[ResultView] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return plan_slug(self.record.plan_no)

    @property
    def headline(self) -> str:
        return claims.headline(self.proof)

    @property
    def statements(self) -> list[str]:
        return claims.statements(self.proof)

    @property
    def commitment_snippet(self) -> str | None:
        r = self.record
        return commitment_snippet(r.seed, r.seed_commitment) if r.seed and r.seed_commitment else None

    @property
    def url(self) -> str:
        return f"{SECTION}/plan-{self.slug}/"  # two levels deep, as every record page (the shell's links)

    @property
    def snippet(self) -> str:
        return snippet(self.record.seed, [i for i, *_ in self.population], self.record.sample_size)


@dataclass
class ResultView:
    record: Any
    plan: PlanView
    institution: InstitutionView | None
    name: str
    """The institution's name (its record's, even when it has no page)."""
    inspectors: list[tuple[str | None, str]]
    """(name if the officer is on duty today, certificate number)."""
    items: list[Any]
    penalty: DecisionView | None
    """The penalty the follow-up links (penalty_no), once decided and published."""
    rectified: bool
    """整改 was confirmed (rectified_on) by the day of the view."""

    @property
    def slug(self) -> str:
        return inspection_slug(self.record.task_no)

    @property
    def url(self) -> str:
        return f"{SECTION}/{self.slug}/"

    @property
    def status(self) -> str:
        """What became of the inspection, as every page, list and download says it: the follow-up decides."""
        return status(self.record.result, self.penalty is not None, self.rectified)

    @property
    def look(self) -> tuple[str, str]:
        return STATUS_LOOK.get(self.status, ("–", "tp-none"))

    @property
    def follow_up_note(self) -> str:
        """The status's grounds, in words: the decision and its date, or the day 整改 was confirmed."""
        if self.status == PENALTY_MADE and self.penalty is not None:
            return f"{self.penalty.record.decision_date} 作出行政处罚决定 {self.penalty.record.decision_no}"
        if self.status == RECTIFIED:
            return f"{self.record.rectified_on} 复查确认已整改"
        return ""


@dataclass
class InspectionsView:
    items: list[Any]
    plans: list[PlanView]
    """Published plans, newest draw first."""
    results: list[ResultView]
    """Published results, newest inspection first."""
    by_institution: dict[str, list[ResultView]]

    def __post_init__(self) -> None:
        self.items_by_code = {i.code: i for i in self.items}
        self.plans_by_no = {p.record.plan_no: p for p in self.plans}
        self.results_by_no = {v.record.task_no: v for v in self.results}


def inspections_of(view: PublicView) -> InspectionsView:
    """Everything the family's pages show, computed once per view."""
    return memo(view, "inspections", lambda: _build(view))


def _build(view: PublicView) -> InspectionsView:
    catalog, today = view.catalog, view.today
    items = list(catalog.records(ITEMS))
    items_by_code = {i.code: i for i in items}
    names = {i.id: i.name for i in institution_index.institutions(catalog)}
    draws = plan_draws(catalog)
    plans: dict[str, PlanView] = {}
    for p in catalog.records(PLANS):
        if p.published_on > today:
            continue
        found = draws[p.plan_no]
        keys = {i: draw_key(p.seed, i) for i in found.population} if p.seed else {}
        chosen = set(found.drawn)
        plans[p.plan_no] = PlanView(
            p, found, [(i, names.get(i, ""), keys[i], i in chosen) for i in found.population] if p.seed else [],
            [(i, names.get(i, ""), keys[i]) for i in found.drawn],
            [items_by_code[c] for c in p.item_codes if c in items_by_code], proof_of(catalog, p))
    results: list[ResultView] = []
    for r in catalog.records(INSPECTIONS):
        plan = plans.get(r.plan_no)
        if plan is None or r.published_on > today:
            continue
        result = ResultView(
            r, plan, view.institutions_by_id.get(r.institution_id), names.get(r.institution_id, r.institution_id),
            [(o.name if (o := view.officers_on_duty.get(c)) else None, c) for c in r.inspector_certs],
            [items_by_code[c] for c in r.item_codes if c in items_by_code], _penalty(view, r.penalty_no),
            r.rectified_on is not None and r.rectified_on <= today)
        results.append(result)
    results.sort(key=lambda v: (v.record.inspected_on, v.record.task_no), reverse=True)
    by_institution: dict[str, list[ResultView]] = {}
    for v in results:
        v.plan.results.append(v)
        by_institution.setdefault(v.record.institution_id, []).append(v)
    ordered = sorted(plans.values(), key=lambda v: (v.record.draw_date, v.record.plan_no), reverse=True)
    return InspectionsView(items, ordered, results, by_institution)


def _penalty(view: PublicView, number: str | None) -> DecisionView | None:
    """The linked penalty once decided and published (its page may since have been withdrawn: the decision stands)."""
    found = view.decision_by_number("penalties").get(number) if number else None
    return found if found is not None and found.state in DECIDED else None


# --- pages ------------------------------------------------------------------------------------------------


#: The list page shows at most this many results, newest first (a province has thousands a year: the page would
#: weigh megabytes on a phone); every result stays linked from its plan's page, and search finds it.
LIST_LIMIT = 300


def list_page(view: PublicView) -> str:
    data = inspections_of(view)
    return page_md(SECTION, meta("双随机抽查", title="双随机、一公开"), data=data, site=view.site, today=view.today,
                   whitelisted=view.list_counts.get(WHITE, 0), officers=len(view.officers_on_duty), root="../",
                   shown=data.results[:LIST_LIMIT])


def record_pages(view: PublicView) -> Iterator[RecordPage]:
    """Each published result's page, then each published plan's page (results first: search finds those)."""
    data = inspections_of(view)
    for v in data.results:
        r = v.record
        body = record_html("inspection", v=v, root=root_of(v.url), site=view.site,
                           revisions=revisions_of(view.histories, INSPECTIONS, r.task_no))
        yield RecordPage(v.url, f"抽查结果：{v.name}", body, r.published_on, entry=result_entry(v))
    for p in data.plans:
        body = record_html("inspection_plan", p=p, root=root_of(p.url), site=view.site, key_shown=KEY_SHOWN,
                           revisions=revisions_of(view.histories, PLANS, p.record.plan_no))
        yield RecordPage(p.url, p.record.name, body, p.record.published_on, entry=plan_entry(p))


def result_entry(v: ResultView) -> Entry:
    """Found by task number, institution, plan and items; shown as institution · date · result."""
    r = v.record
    return Entry(r.task_no, "双随机抽查", "", texts=(v.name, r.institution_id, r.plan_no, v.plan.record.name,
                                               *(i.name for i in v.items), r.findings or ""),
                 cells=(v.name, str(r.inspected_on), v.status))


def plan_entry(p: PlanView) -> Entry:
    r = p.record
    drawn = f"随机抽取 {len(p.drawn)} 家" if r.seed else f"将随机抽取 {r.sample_size} 家"
    return Entry(r.plan_no, "抽查计划", "", texts=(r.name, *(i.name for i in p.items)),
                 cells=(r.name, str(r.draw_date), drawn))


# --- rows, names, feed, blocks ---------------------------------------------------------------------------


def item_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for item in view.catalog.records(ITEMS):
        yield item.model_dump()


def plan_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for p in sorted(inspections_of(view).plans, key=lambda p: p.record.plan_no):
        yield {**p.record.model_dump(), "population_size": len(p.population) if p.record.seed else None,
               "drawn": [i for i, *_ in p.drawn], "proof": p.headline}


def result_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for v in sorted(inspections_of(view).results, key=lambda v: v.record.task_no):
        yield {**v.record.model_dump(), "institution_name": v.name, "status": v.status}


def describe_item(view: PublicView, key: str) -> tuple[str | None, str | None]:
    item = inspections_of(view).items_by_code.get(key)
    return (f"{item.code} {item.name}", f"{SECTION}/#{item.code.lower()}") if item else (None, None)


def describe_plan(view: PublicView, key: str) -> tuple[str | None, str | None]:
    plan = inspections_of(view).plans_by_no.get(key)
    return (f"{plan.record.plan_no} {plan.record.name}", plan.url) if plan else (None, None)


def describe_result(view: PublicView, key: str) -> tuple[str | None, str | None]:
    result = inspections_of(view).results_by_no.get(key)
    return (f"{key}（{result.name}）", result.url) if result else (None, None)


def feed(view: PublicView) -> Iterator[dict[str, Any]]:
    """Each published result on its publication day (the view holds only those published by today)."""
    for v in inspections_of(view).results:
        r = v.record
        yield {"date": r.published_on, "title": f"抽查结果：{v.name}（{v.status}）", "url": v.url,
               "summary": f"{r.plan_no}，检查日期 {r.inspected_on}。", "key": v.url}


def related(view: PublicView, institution_id: str) -> Related | None:
    """The institution's block of random-inspection results (the view's dict: no scan per institution)."""
    results = inspections_of(view).by_institution.get(institution_id, [])
    items = tuple((v.url, v.record.task_no, f"{v.record.inspected_on} 检查，{v.status}") for v in results)
    return Related("双随机抽查记录", "inspections", items)


def last_change(view: PublicView) -> Any:
    data = inspections_of(view)
    return view.last_change([v.record.published_on for v in data.results] +
                            [p.record.published_on for p in data.plans])
