"""Rules of the 双随机、一公开 files: references, the random draw, two valid inspectors, timeliness.

The draw of every plan is computed once per catalogue (`plan_draws`) and shared by the checks and the pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ...memo import memo
from ...model import CatalogLike
from ...problems import Problem
from ...rules.publicity import add_months
from ...rules.records import published_late, repeats, unique_url
from ...rules.slugs import inspection_slug, plan_slug
from ..institutions import index as institution_index
from ..institutions.liststate import NON_SUBJECT, SUBJECT, WHITE
from ..matters import matter_reference
from ..officers import index as officer_index
from ..procedures.checks import recorded_steps
from .codes import CODES, problem
from .draw import draw
from .model import FOLLOW_UP_NEEDED, NOTHING_FOUND

Found = Iterator[Problem]

ITEMS, PLANS, INSPECTIONS = "inspection_items", "inspection_plans", "inspections"
INSPECTION_MATTER = "行政检查"
#: Working days after the inspection within which its result is published (国办发〔2019〕5号: 20 个工作日).
RESULT_WORKING_DAYS = 20
#: A plan drawn longer ago than this with drawn institutions lacking a result is reported.
RESULT_MONTHS = 3
MIN_INSPECTORS = 2
#: Which institutions each population holds: on the white list, of the category (None: any) on the draw day.
POPULATION_CATEGORY: dict[str, str | None] = {"白名单机构": None, "白名单学科类机构": SUBJECT,
                                              "白名单非学科类机构": NON_SUBJECT}


@dataclass(frozen=True)
class PlanDraw:
    """A plan's draw as anyone recomputes it: the population by id, and the ids drawn (smallest key first)."""

    population: tuple[str, ...]
    drawn: tuple[str, ...]


def population(catalog: CatalogLike, kind: str, day: date) -> list[str]:
    """Ids of the institutions in a plan's population at the end of `day`, sorted by id."""
    category = POPULATION_CATEGORY[kind]
    states = institution_index.states_on(catalog, day)
    return sorted(inst.id for inst, state in zip(institution_index.institutions(catalog), states, strict=True)
                  if state.listed == WHITE and (category is None or state.category == category))


def plan_draw(catalog: CatalogLike, plan: Any) -> PlanDraw:
    """The population on the draw day and the ids drawn (none before the seed is filled in: not drawn yet)."""
    ids = population(catalog, plan.population, plan.draw_date)
    return PlanDraw(tuple(ids), tuple(draw(plan.seed, ids, plan.sample_size)) if plan.seed else ())


def draws_known(catalog: CatalogLike) -> bool:
    """Whether the draws can be computed: a file of institutions or list changes that could not be read at all
    is reported there, and no draw is judged on what is left of it (no cascade)."""
    return not any(catalog.failed(name) for name in (institution_index.INSTITUTIONS, institution_index.EVENTS))


def plan_draws(catalog: CatalogLike) -> dict[str, PlanDraw]:
    """Every valid plan's draw, by plan number."""
    def draws() -> dict[str, PlanDraw]:
        plans = catalog.records(PLANS)
        institution_index.prepare_states(catalog, (p.draw_date for p in plans))  # one replay for every draw day
        return {p.plan_no: plan_draw(catalog, p) for p in plans}
    return memo(catalog, "inspections:draws", draws)


def _plans(catalog: CatalogLike) -> dict[str, Any]:
    return memo(catalog, "inspections:plans", lambda: {p.plan_no: p for p in catalog.records(PLANS)})


def _items(catalog: CatalogLike) -> dict[str, Any]:
    return memo(catalog, "inspections:items", lambda: {i.code: i for i in catalog.records(ITEMS)})


def _officers(catalog: CatalogLike) -> dict[str, Any]:
    return memo(catalog, "inspections:officers", lambda: {o.cert_no: o for o in officer_index.officers(catalog)})


def _inspected(catalog: CatalogLike) -> dict[str, set[str]]:
    """Institutions with a result row, by plan number."""
    def make() -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for r in catalog.records(INSPECTIONS):
            found[r.plan_no].add(r.institution_id)
        return dict(found)
    return memo(catalog, "inspections:inspected", make)


def field_label(record: Any, field: str) -> str:
    return type(record).label_of(field)


def date_order(record: Any, later: str, after: date, what: str) -> Found:
    value = getattr(record, later)
    if value < after:
        yield problem("date-order", record.where(later), later,
                      f"「{field_label(record, later)}」{value} 早于{what} {after}：请核对日期")


# --- 随机抽查事项清单 ----------------------------------------------------------------------------------


def item_matter(item: Any, catalog: CatalogLike) -> Found:
    """An item cites a 行政检查 matter of the enforcement list."""
    yield from matter_reference(item, catalog, wanted=INSPECTION_MATTER)


# --- 抽查计划 ------------------------------------------------------------------------------------------


#: Two numbers with the same year and serial would share one page address.
plan_url = unique_url(PLANS, "plan_no", plan_slug, "inspections/plan-")
inspection_url = unique_url(INSPECTIONS, "task_no", inspection_slug, "inspections/")


def plan_sample(plan: Any, catalog: CatalogLike) -> Found:
    """The plan cannot draw more institutions than its population holds on the draw day."""
    if not draws_known(catalog):
        return
    found = plan_draws(catalog)[plan.plan_no]
    if plan.sample_size > len(found.population):
        yield problem("sample-too-large", plan.where("sample_size"), "sample_size", (
            f"抽取数量 {plan.sample_size} 家超过了抽取范围：{plan.draw_date} 当天「{plan.population}」共 "
            f"{len(found.population)} 家。请核对抽取数量、抽取范围或抽取日期"))


def plan_results(plan: Any, catalog: CatalogLike) -> Found:
    """A plan drawn more than three months ago has a result for every drawn institution."""
    today = catalog.today
    if today is None or add_months(plan.draw_date, RESULT_MONTHS) >= today or not draws_known(catalog):
        return
    if not plan.seed:
        yield problem("missing-inspection-result", plan.where("seed"), "seed", (
            f"计划 {plan.draw_date} 抽取，已超过 {RESULT_MONTHS} 个月，还没有填写随机种子：请填写抽取时的种子"
            "（与种子承诺值相符，或按种子来源取得的数值），并录入抽中机构的抽查结果"))
        return
    done = _inspected(catalog).get(plan.plan_no, set())
    missing = [i for i in plan_draws(catalog)[plan.plan_no].drawn if i not in done]
    if missing:
        shown = "、".join(missing[:10]) + (f" 等 {len(missing)} 家" if len(missing) > 10 else "")
        yield problem("missing-inspection-result", plan.where("plan_no"), "plan_no", (
            f"计划 {plan.draw_date} 抽取，已超过 {RESULT_MONTHS} 个月，抽中的机构 {shown} 还没有抽查结果："
            "请在 inspections.csv 中补录并公示"))


# --- 抽查结果 ------------------------------------------------------------------------------------------


def inspection_references(insp: Any, catalog: CatalogLike) -> Found:
    """The institution was drawn by the plan, the items are the plan's (that both exist: its refs)."""
    plan = _plans(catalog).get(insp.plan_no)
    institution = institution_index.by_id(catalog).get(insp.institution_id)
    if plan is None:
        return
    found = plan_draws(catalog)[plan.plan_no] if draws_known(catalog) else None
    if institution is not None and found is not None and not plan.seed:
        yield problem("not-drawn", insp.where("institution_id"), "institution_id", (
            f"计划「{plan.plan_no}」还没有填写随机种子，还没有抽中任何机构：请先在 inspection_plans.csv 中填写抽取时的"
            "随机种子，再录入抽查结果"))
    elif institution is not None and found is not None and insp.institution_id not in found.drawn:
        yield problem("not-drawn", insp.where("institution_id"), "institution_id", (
            f"机构 {insp.institution_id}（{institution.name}）不在计划「{plan.plan_no}」随机抽中的 "
            f"{len(found.drawn)} 家机构中（抽中的是 "
            f"{'、'.join(found.drawn[:10])}{' 等' if len(found.drawn) > 10 else ''}）：请核对机构编号或计划文号；"
            "没有被抽中的检查不能作为随机抽查公示"))
    for code in insp.item_codes:
        if code not in plan.item_codes:
            yield problem("unknown-reference", insp.where("item_codes"), "item_codes",
                          f"抽查事项「{code}」不在计划「{plan.plan_no}」的抽查事项（{'、'.join(plan.item_codes)}）中")


def inspection_inspectors(insp: Any, catalog: CatalogLike) -> Found:
    """At least two inspectors, each with an enforcement certificate valid on the inspection day."""
    officers = _officers(catalog)
    where = insp.where("inspector_certs")
    for cert in insp.inspector_certs:
        officer = officers.get(cert)  # an unknown certificate: its refs
        if officer is not None and officer.valid_until < insp.inspected_on:
            yield problem("expired-certificate", where, "inspector_certs", (
                f"{officer.name}的执法证（{cert}）有效期至 {officer.valid_until}，检查日期 {insp.inspected_on} "
                "时已失效：只有持有效执法证的人员才能实施检查"))
    distinct = set(insp.inspector_certs)
    if len(distinct) < MIN_INSPECTORS:
        yield problem("too-few-inspectors", where, "inspector_certs", (
            f"只填了 {len(distinct)} 名检查人员：行政检查须由两名以上持有效执法证的人员实施，"
            "请填写全部检查人员的执法证号，用英文分号 ; 分隔"))


def inspection_dates(insp: Any, catalog: CatalogLike) -> Found:
    plan = _plans(catalog).get(insp.plan_no)
    if plan is not None:
        yield from date_order(insp, "inspected_on", plan.draw_date, f"计划「{plan.plan_no}」的抽取日期")
    yield from date_order(insp, "published_on", insp.inspected_on, "检查日期")


def inspection_findings(insp: Any, catalog: CatalogLike) -> Found:
    if insp.result not in NOTHING_FOUND and not insp.findings:
        yield problem("conditional-field", insp.where("findings"), "findings",
                      f"「发现的问题」必须填写：检查结果为「{insp.result}」，请写明发现了什么（会公开显示）")
    if insp.result in FOLLOW_UP_NEEDED and not insp.follow_up:
        yield problem("conditional-field", insp.where("follow_up"), "follow_up",
                      f"「后续处理」必须填写：检查结果为「{insp.result}」，请写明如何处理（已立案的写处罚决定书文号）")


def inspection_timeliness(insp: Any, catalog: CatalogLike) -> Found:
    """Results are published within 20 working days of the inspection (holiday calendar, as late-disclosure)."""
    yield from published_late(insp, "inspected_on", RESULT_WORKING_DAYS, CODES["late-inspection-result"],
                              "抽查结果公示")


def inspected_matters(insp: Any, catalog: CatalogLike) -> list[str]:
    """The enforcement matters an inspection was made under: its items' (an unknown item is its refs')."""
    items = _items(catalog)
    return [items[code].matter_code for code in insp.item_codes if code in items]


#: An inspection's recorded steps are those of the procedures its items' matters follow (datasets/procedures/: the
#: rule penalties follow too).
inspection_recorded_steps = recorded_steps(inspected_matters)


def one_result_per_drawn_institution(catalog: CatalogLike) -> Found:
    """An institution drawn by a plan has one result row in it (a second is a copied row: the plan page would list
    the institution twice); a re-inspection is written in that row's 后续处理."""
    for insp, earlier in repeats(catalog.records(INSPECTIONS), lambda r: (r.plan_no, r.institution_id)):
        yield problem("duplicate-id", insp.where("institution_id"), "institution_id", (
            f"机构 {insp.institution_id} 在计划「{insp.plan_no}」中已有抽查结果（第 {earlier.where().line} 行，"
            f"任务编号 {earlier.task_no}）：同一家机构在一次抽查计划中只公示一条结果；复查和整改情况写在那一行的"
            "「后续处理」中，重复的行请删除"))


CATALOG_CHECKS = (one_result_per_drawn_institution,)
