"""Synthetic data: a valid, deterministic data tree of any size for benchmarks (a fictional county)."""

from __future__ import annotations

import bisect
import csv
import gc
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..catalog import Catalog
from ..model import Dataset, Registry
from ..read.load import read_table
from ..rules.publicity import add_months
from ..rules.workdays import is_workday
from ..schema.identifiers import USCC_ALPHABET, USCC_PLACEHOLDER, uscc_check_char
from . import words as W

START = date(2021, 7, 26)  # the week the 双减 policy was issued
#: Share of decisions per year: more recent years weigh more, so a good share is still public on `today`.
YEAR_WEIGHTS = {2021: 6, 2022: 12, 2023: 16, 2024: 20, 2025: 23, 2026: 23}
#: Weights of 0, 1, 2, ... events for one institution (the total is then fixed at 2 per institution).
EVENT_BUDGET = (6, 22, 38, 16, 10, 5, 3)
#: (kind, weight): what sort of institution a row is.
KINDS = (("subject", 12), ("licensed", 58), ("no_licence", 12), ("unregistered", 18))
SUBCATEGORIES = (("体育", 25), ("文化艺术", 40), ("科技", 20), ("其他", 15))
MONTHS = {"轻微": 3, "一般": 12, "严重": 36}
#: Fines as (lowest, highest) multiples of 500 yuan; templates not listed fine twice the illegal income.
FINES = {"teacher_tutoring": (4, 40), "kinder_abuse": (1, 6), "escrow": (10, 60)}
REPORT_YEAR = 2021
#: Events that cite a bureau document.
DOCUMENTED = frozenset({"列入白名单", "移出白名单", "列入黑名单", "移出黑名单", "取缔"})


@dataclass(frozen=True, slots=True)
class Inst:
    id: str
    name: str
    kind: str
    training_type: str
    subcategory: str
    registration: str
    uscc: str
    license_no: str
    address: str


class Synth:
    """One run: the random source, the working-day calendar up to `today` and the identifiers handed out."""

    def __init__(self, seed: int, today: date):
        self.rng = random.Random(seed)
        self.today = today
        days = (START + timedelta(n) for n in range((today - START).days + 1))
        # only years the holiday calendar knows, so that no record draws a `calendar-unknown` warning
        self.workdays = [d for d in days if is_workday(d) == (True, True)]
        self.year_span: dict[int, tuple[int, int]] = {}
        for i, d in enumerate(self.workdays):
            lo, _ = self.year_span.get(d.year, (i, i))
            self.year_span[d.year] = (lo, i)
        self.usccs: set[str] = set()
        self.names: set[str] = set()

    def pick(self, weighted: tuple[tuple[Any, int], ...]) -> Any:
        values, cumulative = _table(weighted)
        return self.rng.choices(values, cum_weights=cumulative)[0]

    def person(self) -> str:
        return self.rng.choice(W.SURNAMES) + self.rng.choice(W.GIVEN)

    def uscc(self, registration: str) -> str:
        head = {"民办非企业单位": "52" + W.REGION + "MJ", "企业": "91" + W.REGION + "MA",
                "个体工商户": "92" + W.REGION + "MA"}[registration]
        while True:
            first17 = head + "".join(self.rng.choices(USCC_ALPHABET, k=7))
            code = first17 + uscc_check_char(first17)
            if code not in self.usccs:
                self.usccs.add(code)
                return code

    def decision_day(self) -> int:
        """Index into `workdays` of a decision day (decisions are made on working days)."""
        years = [y for y in YEAR_WEIGHTS if y in self.year_span]
        year = self.rng.choices(years, [YEAR_WEIGHTS[y] for y in years])[0]
        lo, hi = self.year_span[year]
        return self.rng.randint(lo, hi)

    def published(self, index: int) -> date:
        """A publication day 0 to 7 working days after the decision, never after `today`."""
        lag = self.rng.choice((0, 1, 2, 2, 3, 3, 3, 4, 5, 7))
        return self.workdays[min(index + lag, len(self.workdays) - 1)]


@dataclass(frozen=True)
class Core:
    """The county's first tables, drawn together in one fixed order from the one random source (a seed gives the
    same county, whatever the order of the registry): the families that keep them take their rows from here (their
    Dataset.synth)."""

    matters: list[dict[str, Any]]
    officers: list[dict[str, str]]
    institutions: list[dict[str, str]]
    events: list[dict[str, str]]
    """The institutions' list and status changes, in date order."""
    penalties: list[dict[str, str]]
    licenses: list[dict[str, str]]


@dataclass
class World:
    """The fictional county made so far, handed to a dataset's own `synth` (declared in its family module)."""

    s: Synth
    scale: int
    institutions: list[Inst]
    core: Core
    tables: dict[str, list[dict[str, Any]]]
    """Rows of every dataset made so far, by dataset name (in registry order: a later one may use an earlier)."""
    files: dict[str, str] = field(default_factory=dict)
    """Further files the rows point to (e.g. full texts under content/), by path under the root, written with them."""


@lru_cache(maxsize=64)
def _table(weighted: tuple[tuple[Any, int], ...]) -> tuple[list[Any], list[int]]:
    """Values and cumulative weights of a (value, weight) table, computed once per table."""
    values, cumulative, total = [], [], 0
    for value, weight in weighted:
        total += weight
        values.append(value)
        cumulative.append(total)
    return values, cumulative


def synthesize(out: Path, scale: int, seed: int = 20211231, today: date = date(2026, 11, 27), *,
               registry: Registry) -> dict[str, int]:
    """Write a valid synthetic tree of `scale` institutions under `out`, every dataset of `registry` (the command
    hands the families down); return the records per dataset."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if today < date(2022, 1, 10):
        raise ValueError("today must leave room for the 2021 report")
    with _collector_paused():
        return _synthesize(out, scale, seed, today, registry)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The rows are many small acyclic objects: the cycle collector only costs time here (about a sixth)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _synthesize(out: Path, scale: int, seed: int, today: date, registry: Registry) -> dict[str, int]:
    s = Synth(seed, today)
    institutions = make_institutions(s, scale)
    events = make_events(s, institutions, 2 * scale)
    penalties = make_penalties(s, institutions, scale // 2)
    licenses = make_licenses(s, institutions, scale // 2)
    officers = make_officers(s, max(2, scale // 50))  # a random inspection needs two inspectors
    core = Core(make_matters(), officers, [inst_row(i) for i in institutions], events, penalties, licenses)
    tables: dict[str, list[dict[str, Any]]] = {}
    world = World(s, scale, institutions, core, tables)
    for ds in registry.datasets:  # in registry order: a family's rows may use an earlier family's
        if ds.synth is None:
            raise ValueError(f"{ds.name} declares no synthetic rows (Dataset.synth): the county would lack it")
        tables[ds.name] = ds.synth(world)
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "data" / "site.yml").write_text(site_yml(), encoding="utf-8", newline="\n")
    for ds in registry.datasets:
        write_table(out, ds, tables[ds.name])
    for rel, text in sorted(world.files.items()):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8", newline="\n")
    reports = out / "content" / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / f"{REPORT_YEAR}.md").write_text(report(out, REPORT_YEAR, registry), encoding="utf-8", newline="\n")
    return {ds.name: len(tables[ds.name]) for ds in registry.datasets}


def write_table(out: Path, ds: Dataset, rows: list[dict[str, Any]]) -> None:
    """One dataset's file as staff would commit it: CSV in the model's column order, or YAML under its list key."""
    if ds.is_csv:
        write_csv(out / ds.path, ds.model.columns(), rows)
        return
    body = yaml.safe_dump({ds.list_key: rows}, allow_unicode=True, sort_keys=False, width=1000)
    (out / ds.path).write_text(f"# {W.BUREAU['name']}{ds.title}（合成数据，机构与人员均为虚构）\n{body}",
                               encoding="utf-8", newline="\n")


# --- institutions -----------------------------------------------------------------------------------------


def make_institutions(s: Synth, count: int) -> list[Inst]:
    return [make_institution(s, n) for n in range(1, count + 1)]


def make_institution(s: Synth, n: int) -> Inst:
    kind = s.pick(KINDS)
    if kind == "subject":
        training, sub, registration = "学科类", "", "民办非企业单位"
    else:
        training, sub = "非学科类", s.pick(SUBCATEGORIES)
        registration = {"licensed": s.pick((("企业", 50), ("民办非企业单位", 35), ("个体工商户", 15))),
                        "no_licence": s.pick((("企业", 60), ("个体工商户", 40))),
                        "unregistered": "未登记"}[kind]
    suffixes = W.UNREGISTERED_TYPES if kind == "unregistered" else W.TYPES[(training, sub)]
    for _ in range(30):
        name = f"{W.COUNTY}{s.rng.choice(W.PLACES)}{s.rng.choice(W.BRANDS)}{s.rng.choice(suffixes)}"
        if name not in s.names:
            break
    else:
        name = f"{name}（{n}号分部）"
    s.names.add(name)
    licensed = kind in ("subject", "licensed")
    return Inst(
        id=f"syn-{n:06d}", name=name, kind=kind, training_type=training, subcategory=sub,
        registration=registration,
        uscc="" if registration == "未登记" else s.uscc(registration),
        license_no=f"教民{W.REGION}07{n:07d}号" if licensed else "",
        address=f"{W.CITY}{W.COUNTY}{s.rng.choice(W.ROADS)}{s.rng.randint(1, 360)}号{s.rng.choice(W.FLOORS)}")


def inst_row(inst: Inst) -> dict[str, str]:
    licensed = bool(inst.license_no)
    return {"id": inst.id, "name": inst.name, "uscc": inst.uscc, "school_license_no": inst.license_no,
            "training_type": inst.training_type, "subcategory": inst.subcategory,
            "competent_dept": W.DEPT[inst.subcategory], "registration_type": inst.registration,
            "address": inst.address, "on_national_platform": "是" if licensed else "否"}


# --- list and status history ------------------------------------------------------------------------------


def lifecycle_kind(inst: Inst) -> str:
    return {"subject": "subject", "licensed": "licensed"}.get(inst.kind, "unlicensed")


def event_budgets(s: Synth, institutions: list[Inst], total: int) -> list[int]:
    """Events per institution, summing to exactly `total`, each within what its lifecycles allow."""
    caps = [max(len(seq) for seq in W.LIFECYCLES[lifecycle_kind(i)]) for i in institutions]
    weights = list(EVENT_BUDGET)
    budgets = [min(cap, s.rng.choices(range(len(weights)), weights)[0]) for cap in caps]
    excess = sum(budgets) - total
    while excess:
        k = s.rng.randrange(len(budgets))
        step = 1 if excess < 0 else -1
        if 0 <= budgets[k] + step <= caps[k]:
            budgets[k] += step
            excess += step
    return budgets


def make_events(s: Synth, institutions: list[Inst], total: int) -> list[dict[str, str]]:
    dated: list[tuple[date, dict[str, str]]] = []
    for inst, budget in zip(institutions, event_budgets(s, institutions, total), strict=True):
        if budget:
            dated += institution_events(s, inst, budget)
    dated.sort(key=lambda pair: pair[0])  # stable: one institution's same-day events keep their order
    return [row for _, row in dated]


def institution_events(s: Synth, inst: Inst, budget: int) -> list[tuple[date, dict[str, str]]]:
    sequences = [seq for seq in W.LIFECYCLES[lifecycle_kind(inst)] if len(seq) >= budget]
    steps = s.rng.choice(sequences)[:budget]
    latest_start = date(2022, 6, 30) if inst.kind == "subject" else s.today - timedelta(60)
    first = s.rng.randint(0, max(bisect.bisect_right(s.workdays, latest_start) - 1, 0))
    later = sorted(s.workdays[s.rng.randint(first, len(s.workdays) - 1)] for _ in range(budget - 1))
    days = [s.workdays[first], *later]
    first_reason = "unlicensed" if inst.kind == "unregistered" else "no_licence"
    found: list[tuple[date, dict[str, str]]] = []
    for (event, reason_key), day in zip(steps, days, strict=True):
        if reason_key.startswith("=") and found:  # the same decision as the step before: same day, reason, document
            before = found[-1][1]
            day, reason, doc = found[-1][0], before["reason"], before["basis_doc_no"]
        else:
            key = reason_key.replace("{first}", first_reason)
            reason = s.rng.choice(W.REASONS[key]) if key else ""
            doc = f"{W.ABBR}发〔{day.year}〕{s.rng.randint(3, 160)}号" if event in DOCUMENTED else ""
        note = W.NOTES[event].format(year=day.year, batch=(day.month + 2) // 3)
        found.append((day, {"institution_id": inst.id, "date": day.isoformat(), "event": event,
                            "reason": reason, "basis_doc_no": doc, "note": note}))
    return found


# --- 双公示 decisions ------------------------------------------------------------------------------------


def numbered(s: Synth, drafts: list[tuple[int, dict[str, str]]], word: str) -> list[dict[str, str]]:
    """Decision numbers in date order, serials per year (some numbers go to decisions not published here)."""
    drafts.sort(key=lambda d: d[0])
    serial: dict[int, int] = defaultdict(int)
    rows = []
    for _, row in drafts:
        year = int(row["decision_date"][:4])
        serial[year] += s.rng.choice((1, 1, 1, 2))
        rows.append({"decision_no": f"{W.ABBR}{word}〔{year}〕第{serial[year]}号", **row})
    return rows


def make_penalties(s: Synth, institutions: list[Inst], count: int) -> list[dict[str, str]]:
    by_kind: dict[str, list[Inst]] = defaultdict(list)
    for inst in institutions:
        by_kind["licensed" if inst.license_no else inst.kind].append(inst)
    drafts = []
    for _ in range(count):
        index = s.decision_day()
        drafts.append((index, penalty(s, index, by_kind)))
    return numbered(s, drafts, "罚决字")


def penalty_party(s: Synth, by_kind: dict[str, list[Inst]]) -> tuple[str, Inst | None, dict[str, str]]:
    """(template, institution, party fields): about one decision in ten concerns a natural person."""
    roll = s.rng.random()
    if roll < 0.10 or not (by_kind["licensed"] or by_kind["no_licence"]):
        template = s.rng.choice(W.PERSON_TEMPLATES)
        inst = None
        if template in ("unlicensed_person", "training_person") and by_kind["unregistered"]:
            inst = s.rng.choice(by_kind["unregistered"])
        return template, inst, {"party_name": s.person(), "party_category": "自然人"}
    if roll < 0.11:
        name = f"{W.COUNTY}{s.rng.choice(W.PLACES)}{s.rng.choice(W.BRANDS)}托管服务部"
        return "training_org", None, {"party_name": name, "party_category": "个体工商户",
                                      "party_uscc": USCC_PLACEHOLDER, "legal_rep_name": s.person()}
    licensed = by_kind["licensed"] and (roll < 0.85 or not by_kind["no_licence"])
    inst = s.rng.choice(by_kind["licensed"] if licensed else by_kind["no_licence"])
    templates = W.ORG_LICENSED_TEMPLATES if licensed else W.ORG_UNLICENSED_TEMPLATES
    template = s.rng.choice(templates[1:] if inst.training_type == "学科类" else templates)  # [0]: beyond_scope
    category = "个体工商户" if inst.registration == "个体工商户" else "法人及非法人组织"
    return template, inst, {"party_name": inst.name, "party_category": category, "party_uscc": inst.uscc,
                            "legal_rep_name": s.person(), "institution_id": inst.id}


def penalty(s: Synth, index: int, by_kind: dict[str, list[Inst]]) -> dict[str, str]:
    template, inst, party = penalty_party(s, by_kind)
    if inst is not None:
        party["institution_id"] = inst.id
    if inst is not None and all("吊销许可证件" in v[0] for v in W.PENALTY_TEMPLATES[template][4]):
        template = "disorder"
    matter, violation, facts, basis, variants = W.PENALTY_TEMPLATES[template]
    if inst is not None:
        # A revocation would have to be an event in the institution's own lifecycle too (history.REVOKE), and
        # its licence decisions 无效: synthetic institutions keep their licences.
        variants = tuple(v for v in variants if "吊销许可证件" not in v[0])
    kinds, content, severity, procedure = s.rng.choice(variants)
    decided = s.workdays[index]
    fill = facts_fields(s, template, decided, inst)
    published = s.published(index)
    row = {**party, "matter_code": f"{W.REGION}-JY-{matter}", "violation_type": violation,
           "violation_facts": facts.format(**fill), "legal_basis": basis, "penalty_types": kinds,
           "penalty_content": content.format(**fill), "procedure": procedure, "severity": severity,
           "decision_date": decided.isoformat(), "published_on": published.isoformat(), "status": "有效",
           "valid_until": (add_months(decided, MONTHS[severity]) - timedelta(1)).isoformat()}
    types = set(kinds.split(";"))
    if "罚款" in types:
        row["fine_yuan"] = f"{fill['fine']}.00"
    if types & {"没收违法所得", "没收非法财物"}:
        row["confiscated_yuan"] = f"{fill['conf']}.00"
    if types & {"暂扣许可证件", "吊销许可证件"}:
        row["license_affected"] = f"民办学校办学许可证（{inst.license_no if inst else ''}）"
    aftermath(s, row, decided, published, severity)
    return row


def facts_fields(s: Synth, template: str, decided: date, inst: Inst | None) -> dict[str, Any]:
    r = s.rng
    since = decided - timedelta(r.randint(30, 300))
    income = r.randint(30, 600) * 100
    refund = r.randint(0, income // 200) * 100
    art = r.choice(W.ARTS[inst.subcategory if inst else ""])
    low, high = FINES.get(template, (0, 0))
    return {"since": f"{since.year}年{since.month}月", "community": r.choice(W.COMMUNITIES),
            "grade": r.choice(W.GRADES), "art": art, "students": r.randint(6, 90), "income": income,
            "refund": refund, "conf": income - refund,
            "fine": r.randint(low, high) * 500 if high else 2 * income, "staff": r.randint(2, 6),
            "school": r.choice(("县第二小学", "县实验小学", "县第一中学", "城关镇中学", "河西中学")),
            "venue": r.choice(W.VENUES), "subject": r.choice(W.SUBJECTS), "activity": r.choice(W.ACTIVITIES),
            "guise": r.choice(W.GUISES), "claim": r.choice(W.CLAIMS), "promo": r.choice(W.PROMOS),
            "months": r.randint(4, 12), "minutes": r.randint(5, 50), "road": r.choice(W.ROADS),
            "address": inst.address.removeprefix(W.CITY + W.COUNTY) if inst else r.choice(W.COMMUNITIES)}


def aftermath(s: Synth, row: dict[str, str], decided: date, published: date, severity: str) -> None:
    """About one decision in a hundred is later withdrawn, and one in a hundred repaired."""
    roll = s.rng.random()
    if roll < 0.01:
        status = s.rng.choice(sorted(W.WITHDRAWALS))
        withdrawn = min(s.today, decided + timedelta(s.rng.randint(15, 120)))
        row.update(status=status, withdrawn_on=withdrawn.isoformat(), withdrawal_reason=W.WITHDRAWALS[status])
    elif roll < 0.02 and severity != "轻微":
        repaired = published + timedelta(s.rng.randint(90, 300))
        if repaired <= s.today:
            row.update(repaired_on=repaired.isoformat(),
                       remarks=f"当事人已按期整改并申请信用修复，{repaired.isoformat()} 起停止公示")


def make_licenses(s: Synth, institutions: list[Inst], count: int) -> list[dict[str, str]]:
    licensed = [i for i in institutions if i.license_no]
    drafts = []
    for _ in range(count):
        index = s.decision_day()
        drafts.append((index, license_(s, index, licensed)))
    return numbered(s, drafts, "许决字")


LICENSE_KINDS = (("teacher", 35), ("establish", 25), ("change", 15), ("renew", 10), ("terminate", 8),
                 ("reissue", 7))


def license_(s: Synth, index: int, licensed: list[Inst]) -> dict[str, str]:
    kind = s.pick(LICENSE_KINDS) if licensed else "teacher"
    decided = s.workdays[index]
    row = {"decision_date": decided.isoformat(), "valid_from": decided.isoformat(),
           "published_on": s.published(index).isoformat(), "status": "有效"}
    if kind == "teacher":
        level = s.rng.choice(W.SCHOOL_LEVELS)
        subject = "学前教育" if level == "幼儿园" else s.rng.choice(W.SUBJECTS)
        row.update(doc_name="教师资格认定决定书", party_name=s.person(), party_category="自然人",
                   matter_code=f"{W.REGION}-JY-XK-004", license_category="认可", certificate_name="教师资格证书",
                   content=f"认定具备{level}教师资格，任教学科：{subject}。", remarks="自然人许可，"
                                                                                      "证书编号等个人信息不予公开")
        return row
    inst = s.rng.choice(licensed)
    category = "个体工商户" if inst.registration == "个体工商户" else "法人及非法人组织"
    row.update(party_name=inst.name, party_category=category, party_uscc=inst.uscc, legal_rep_name=s.person(),
               institution_id=inst.id, license_category="普通", certificate_name="民办学校办学许可证",
               license_no=inst.license_no, valid_to=(add_months(decided, 60) - timedelta(1)).isoformat())
    sub = f"非学科类（{inst.subcategory}类）" if inst.subcategory else "学科类（普通高中阶段）"
    doc, matter, content = {
        "establish": ("准予行政许可决定书", "XK-005" if inst.subcategory else "XK-001",
                      f"准予设立{inst.name}。培训类别：{sub}；培训对象：中小学生；办学地址：{inst.address}。"),
        "change": ("准予变更行政许可决定书", "XK-002",
                   f"准予{inst.name}变更办学地址为{W.CITY}{W.COUNTY}{s.rng.choice(W.ROADS)}{s.rng.randint(1, 360)}号，"
                   "其他许可事项不变。"),
        "renew": ("准予延续行政许可决定书", "XK-006", f"准予{inst.name}民办学校办学许可证延续，许可事项不变。"),
        "reissue": ("准予换发行政许可决定书", "XK-007",
                    f"准予{inst.name}换发民办学校办学许可证（原证件污损），许可事项不变。"),
        "terminate": ("准予终止办学决定书", "XK-003",
                      f"准予{inst.name}终止办学，收回民办学校办学许可证正、副本。学员退费已清结。"),
    }[kind]
    row.update(doc_name=doc, matter_code=f"{W.REGION}-JY-{matter}", content=content)
    if kind == "terminate":
        row.update(certificate_name="", license_no="", valid_to="")
    elif s.rng.random() < 0.01:
        ended = min(s.today, decided + timedelta(s.rng.randint(60, 600)))
        row.update(status="无效", ended_by="撤回", withdrawn_on=ended.isoformat(),
                   withdrawal_reason="办学场所因城市规划被征收，原许可所依据的客观情况发生重大变化，依法撤回")
    return row


# --- officers, matters, site, report ----------------------------------------------------------------------


def make_officers(s: Synth, count: int) -> list[dict[str, str]]:
    serial: dict[int, int] = defaultdict(int)
    rows = []
    for _ in range(count):
        issued = s.rng.randint(2019, min(s.today.year, 2026))
        serial[issued] += 1
        until = s.rng.choice((date(issued + 6, 12, 31), date(issued + 6, 6, 30), date(issued + 5, 12, 31)))
        rows.append({"name": s.person(), "cert_no": f"{W.REGION}{issued}{serial[issued]:04d}",
                     "office": s.rng.choice(W.OFFICES), "field": "教育", "valid_until": until.isoformat()})
    return rows


def make_matters() -> list[dict[str, Any]]:
    return [{"code": f"{W.REGION}-JY-{code}", "name": name, "category": category,
             "basis": [{"law": law, "article": article} for law, article in basis], "office": office,
             "duties": W.DUTIES, "accountability": W.ACCOUNTABILITY, "random_inspection": inspected,
             "supervision_phone": W.PHONES[office]}
            for code, category, name, office, basis, inspected in W.MATTERS]


def site_yml() -> str:
    first17 = "11" + W.REGION + "MB0377721"
    b = W.BUREAU
    return (f"bureau:\n  name: {b['name']}\n  uscc: {first17}{uscc_check_char(first17)}\n"
            f"  region_code: \"{W.REGION}\"\n  address: {b['address']}\n  phone: {b['phone']}\n"
            f"  email: {b['email']}\n"
            f"site:\n  title: {b['name']}行政执法公示平台（合成数据）\n  base_url: https://jkj.fenchuan.gov.cn/\n"
            f"  site_code: \"{W.REGION}0001\"\n  icp: 晋ICP备2020000000号-1\n  psb: 晋公网安备14109902000001号\n"
            "policy:\n  publicity_months:\n    轻微: 3\n    一般: 12\n    严重: 36\n"
            "  natural_person_names: masked\n  disclosure_working_days: 7\n"
            f"remedies:\n  reconsideration: {W.COUNTY}人民政府\n  court: {W.COUNTY}人民法院\n")


def write_csv(path: Path, columns: Iterable[str], rows: list[dict[str, str]]) -> None:
    columns = list(columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([row.get(c, "") for c in columns] for row in rows)


#: The report's text as a bureau writes it: {key} is the value of the report figure of that key (the keys of a
#: report's `figures:`, design data.md), {{label}} a figure the report page fills in from the data.
REPORT_TEXT = (
    "{year}年，{name}以规范教育行政执法为抓手，推动“双减”政策落地。本报告为基准测试生成的合成数据，机构与人员均为虚构。\n\n"
    "## 一、执法决定\n\n"
    "全年作出行政处罚决定{penalties}件，罚款{fines_yuan}元；作出行政许可决定{licenses}件。"
    "年末持有效执法证件人员{officers}名。\n\n"
    "## 二、校外培训治理\n\n"
    "截至年底，白名单机构{whitelisted}家，黑名单机构{blacklisted}家，累计依法取缔{banned}家；"
    "学科类培训机构{subject_institutions}家，其中处于注销公示阶段的机构{{{{处于注销公示阶段的机构数}}}}家。"
    "完成“营转非”登记的机构{nonprofit_converted}家，转型机构{transformed}家，"
    "剥离义务教育阶段培训的机构{stripped}家。\n")


def report(out: Path, year: int, registry: Registry) -> str:
    """The annual report, its figures computed by the project's own loader and figures from the written tree."""
    tables = {ds.name: read_table(out, ds)[0] for ds in registry.datasets}
    catalog = Catalog(None, tables, registry=registry)
    # the figures the data can tell for the year (a dataset whose records start later cannot tell it: not stated)
    f = {fig.key: f"{fig.compute(catalog, year).normalize():f}" for fig in registry.figures
         if fig.untold(catalog, year) is None}
    front = "\n".join(f"  {key}: {value}" for key, value in f.items())
    name = W.BUREAU["name"]
    head = (f"---\nyear: {year}\ntitle: {name}{year}年法治政府建设工作报告\nkind: 法治政府建设年度报告\n"
            f"published_on: {year + 1}-03-18\nfigures:\n{front}\n---\n\n")
    return head + REPORT_TEXT.format(year=year, name=name, **f)
