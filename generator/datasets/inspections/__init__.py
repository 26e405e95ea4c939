"""Registry stage: the 双随机、一公开 family: 随机抽查事项清单 (inspection_items.yaml), 抽查计划 and their random
draws (inspection_plans.csv), 抽查结果 (inspections.csv). Pages: pages.py; rules: checks.py; the draw: draw.py."""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

from ...model import Dataset, Publication
from ...synth import words as W
from ..procedures import synth_recorded
from . import checks, followup, pages, proof
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .draw import commitment, draw
from .model import Inspection, InspectionItem, InspectionPlan

# --- synthetic rows (benchmarks): linear in the number of institutions -----------------------------------

_LONG_DIGITS = re.compile(r"\d{11}")

#: (code, name, matter, basis, object, ratio, frequency, method, office) of the fictional county's items.
_ITEMS = (
    ("SJ-01", "校外培训机构办学资质和办学行为检查", "JC-001", "《中华人民共和国民办教育促进法》第四十一条",
     "白名单内校外培训机构", "不低于5%", "每年1次", "现场检查、书面检查", "民办教育股"),
    ("SJ-02", "校外培训机构培训内容和培训时间检查", "JC-002", "《校外培训行政处罚暂行办法》第十七条、第十八条",
     "白名单内校外培训机构", "不低于5%", "每年1次", "现场检查", "民办教育股"),
    ("SJ-03", "校外培训机构收费及预收费资金监管检查", "JC-002", "《中华人民共和国民办教育促进法》第四十一条",
     "白名单内校外培训机构", "不低于5%", "每年1次", "书面检查、网络检查", "民办教育股"),
)
_RESULTS = (("未发现问题", 70), ("发现问题已责令改正", 18), ("发现问题待后续处理", 4),
            ("未发现开展本次抽查涉及的经营活动", 5), ("通过登记的住所无法联系", 3))
_FINDINGS = {
    "发现问题已责令改正": "未在培训场所显著位置公示收费项目和标准。",
    "发现问题待后续处理": "一次性收取超过3个月的培训费用，预收费资金未进入监管账户。",
    "通过登记的住所无法联系": "登记的培训场所已无人办公，电话无法接通。",
}
_FOLLOW_UP = {"发现问题已责令改正": "当场责令改正，已复查整改到位。", "发现问题待后续处理": "已立案调查。"}


def synth_items(world: Any) -> list[dict[str, Any]]:
    return [{"code": code, "name": name, "matter_code": f"{W.REGION}-JY-{matter}", "basis": basis, "object": obj,
             "ratio": ratio, "frequency": frequency, "method": method, "office": office}
            for code, name, matter, basis, obj, ratio, frequency, method, office in _ITEMS]


def _white_on(world: Any, day: date) -> list[str]:
    """Ids on the white list at the end of `day`, replayed from the synthetic events (valid: no conflicts)."""
    white: set[str] = set()
    for row in world.tables["institution_events"]:
        if row["date"] > day.isoformat():
            break  # the rows are in date order
        if row["event"] == "列入白名单":
            white.add(row["institution_id"])
        elif row["event"] == "移出白名单":
            white.discard(row["institution_id"])
    return sorted(white)


def _inspectors(world: Any, year: int) -> list[str]:
    """Certificates valid all through `year`, those issued by then first choice (the number holds the year)."""
    valid = [o["cert_no"] for o in world.tables["enforcement_officers"] if o["valid_until"] >= f"{year}-12-31"]
    issued = [c for c in valid if c[len(W.REGION):len(W.REGION) + 4] <= str(year)]
    return issued if len(issued) >= 2 else valid


def _draw_day(world: Any, year: int) -> int:
    """Index into the working days of the first working day on or after 10 April of `year`."""
    return bisect.bisect_left(world.s.workdays, date(year, 4, 10))


def _seed(world: Any) -> tuple[str, str]:
    """A 128-bit seed and its commitment, neither holding a run of 11 digits (the privacy scan would read a phone)."""
    while True:
        seed = f"{world.s.rng.getrandbits(128):032x}"
        if not _LONG_DIGITS.search(f"{seed} {commitment(seed)}"):
            return seed, commitment(seed)


def synth_plans(world: Any) -> list[dict[str, Any]]:
    """One plan a year from 2023 to last year, drawing 5 % of the white list (at least one institution), its seed
    committed to before the draw."""
    s, rows = world.s, []
    for year in range(2023, s.today.year):
        index = _draw_day(world, year)
        if index >= len(s.workdays):
            break
        day = s.workdays[index]
        population = _white_on(world, day)
        if not population or len(_inspectors(world, year)) < 2:
            continue
        seed, committed = _seed(world)
        rows.append({"plan_no": f"{W.ABBR[:2]}双随机〔{year}〕1号", "name": f"{year}年校外培训机构“双随机、一公开”抽查",
                     "item_codes": "SJ-01;SJ-02;SJ-03", "population": "白名单机构", "draw_date": day.isoformat(),
                     "sample_size": str(max(1, len(population) // 20)), "seed_source": "", "seed_commitment": committed,
                     "seed": seed, "published_on": s.workdays[max(0, index - 5)].isoformat(), "remarks": ""})
    return rows


def synth_inspections(world: Any) -> list[dict[str, Any]]:
    """A result for every drawn institution, inspected within 60 working days, published within 15, naming the
    steps recorded on video (the synthetic 行政检查 procedure's) unless nobody could be found to inspect."""
    s, rows = world.s, []
    recorded = ";".join(synth_recorded(checks.INSPECTION_MATTER))
    for plan in world.tables["inspection_plans"]:
        day = date.fromisoformat(plan["draw_date"])
        index = bisect.bisect_left(s.workdays, day)
        drawn = draw(plan["seed"], _white_on(world, day), int(plan["sample_size"]))
        for n, institution_id in enumerate(drawn, start=1):
            on = min(index + 1 + s.rng.randint(0, 60), len(s.workdays) - 1)
            inspected = s.workdays[on]
            certs = _inspectors(world, inspected.year)
            result = s.pick(_RESULTS)
            rectified = (s.workdays[min(on + 5, len(s.workdays) - 1)].isoformat() if result == "发现问题已责令改正"
                         else "")
            rows.append({"task_no": f"{plan['plan_no']}-{n:02d}", "plan_no": plan["plan_no"],
                         "institution_id": institution_id, "item_codes": plan["item_codes"],
                         "inspector_certs": ";".join(s.rng.sample(certs, 2)), "inspected_on": inspected.isoformat(),
                         "result": result, "findings": _FINDINGS.get(result, ""),
                         "follow_up": _FOLLOW_UP.get(result, ""),
                         "published_on": s.workdays[min(on + s.rng.randint(0, 15), len(s.workdays) - 1)].isoformat(),
                         "penalty_no": "", "rectified_on": rectified,
                         "recorded_steps": "" if result == "通过登记的住所无法联系" else recorded})
    return rows


# --- declarations ---------------------------------------------------------------------------------------

ITEMS = Dataset("inspection_items", "随机抽查事项清单", "data/inspection_items.yaml", InspectionItem, "code",
                list_key="items", label_field="name", checks=(checks.item_matter,), optional=True,
                refs={"matter_code": "enforcement_matters"},
                names_checked=False, synth=synth_items,
                description="“双随机、一公开”随机抽查事项：抽查依据、对象、比例、频次、方式和承办股室。")
PLANS = Dataset("inspection_plans", "双随机抽查计划", "data/inspection_plans.csv", InspectionPlan, "plan_no",
                label_field="name",
                refs={"item_codes": "inspection_items"},
                checks=(checks.plan_url, checks.plan_sample, checks.plan_results, *proof.PLAN_CHECKS),
                optional=True, synth=synth_plans,
                description="抽查计划及随机抽取：抽取范围、日期、数量，抽取前公布的种子承诺值或种子来源，抽取后公布的随机种子；"
                            "抽中的机构任何人都可以用种子复算，proof 列写明本站记录能证明什么。")
INSPECTIONS = Dataset("inspections", "双随机抽查结果", "data/inspections.csv", Inspection, "task_no",
                      refs={"plan_no": "inspection_plans", "institution_id": "institutions",
                            "inspector_certs": "enforcement_officers", "penalty_no": "penalties"},
                      checks=(checks.inspection_references, checks.inspection_inspectors, checks.inspection_dates,
                              checks.inspection_findings, checks.inspection_timeliness, checks.inspection_url,
                              followup.inspection_follow_up, checks.inspection_recorded_steps),
                      optional=True, synth=synth_inspections,
                      description="对随机抽中的校外培训机构的检查结果，检查后 20 个工作日内公示；"
                                  "status 列是按处罚决定和整改完成日期得出的处理情况。")

DATASETS = (ITEMS, PLANS, INSPECTIONS)

CATALOG_CHECKS = checks.CATALOG_CHECKS

PUBLICATIONS = (
    Publication("inspection_items", pages.item_rows, pages.describe_item),
    Publication("inspection_plans", pages.plan_rows, pages.describe_plan,
                derived={"population_size": ("抽取范围内机构数", "integer"), "drawn": ("抽中的机构编号", "string"),
                         "proof": ("本站记录能证明的", "string")}),
    Publication("inspections", pages.result_rows, pages.describe_result, page="inspections/", unit="次",
                duty="双随机、一公开 · 抽查结果",
                derived={"institution_name": ("机构名称", "string"), "status": ("处理情况", "string")},
                last_change=pages.last_change, card=6, group="执法公示", nav="双随机抽查", list_page=pages.list_page,
                record_pages=pages.record_pages, column="双随机抽查", cells=pages.CELLS, feed=pages.feed,
                related=pages.related),
)
