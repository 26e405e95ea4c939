"""Registry stage: the 重大执法决定法制审核目录清单 family (data/legal_review_catalogue.yaml): declaration, list page,
report figure, synthetic rows.

The bureau lists which penalties need a legal review before they are made (行政处罚法 第五十八条), each entry with its
conditions, basis and 施行日期; penalties.csv records each review (legal_review_date, legal_review_office, and
hearing_held for an entry on hearings). The file is optional: a bureau that keeps no catalogue has declared no
重大执法决定, so nothing is demanded and no decision page says either way (defaults would make a valid tree invalid
overnight, and thresholds are the bureau's own to set). The rule is rules.py; no record pages (the list page holds
every entry, by a stable anchor made from its code).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ...model import Dataset, Publication
from ...synth import words as W
from ..decisions.model import Penalty
from . import checks, pages, rules
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .figures import FIGURES as FIGURES  # its annual report figure: the registry collects it
from .model import ReviewEntry

CATALOGUE = Dataset(rules.CATALOGUE, "重大执法决定法制审核目录清单", "data/legal_review_catalogue.yaml", ReviewEntry,
                    "code", list_key="entries", label_field="name", checks=checks.RECORD_CHECKS, optional=True,
                    names_checked=False,
                    description="作出前须经法制审核的重大执法决定情形（行政处罚法第五十八条），每项的条件、依据和施行日期。",
                    synth=lambda world: synth_catalogue(world))

DATASETS = (CATALOGUE,)
CATALOG_CHECKS = checks.CATALOG_CHECKS

PUBLICATIONS = (
    Publication(rules.CATALOGUE, pages.catalogue_rows, pages.describe_entry, page="legal-review/", unit="项",
                duty="行政执法三项制度 · 重大执法决定法制审核", card=11, group="执法公示", nav="法制审核",
                list_page=pages.catalogue_page),
)


# --- synthetic rows ------------------------------------------------------------------------------------

_LAW = "《中华人民共和国行政处罚法》"
#: The synthetic county's catalogue: in force from the revised 行政处罚法 (2021-07-15), so the earliest synthetic
#: decisions fall before it.
_ENTRIES: tuple[dict[str, Any], ...] = (
    {"code": "ZD-01", "name": "吊销许可证件", "penalty_types": ["吊销许可证件"],
     "basis": [{"law": _LAW, "article": "第五十八条"}]},
    {"code": "ZD-02", "name": "责令停产停业、责令关闭、限制从业",
     "penalty_types": ["责令停产停业", "责令关闭", "限制从业"], "basis": [{"law": _LAW, "article": "第五十八条"}]},
    {"code": "ZD-03", "name": "较大数额罚款（自然人）", "party_categories": ["自然人"], "fine_at_least": "10000",
     "basis": [{"law": _LAW, "article": "第六十三条"}]},
    {"code": "ZD-04", "name": "较大数额罚款（单位、个体工商户）",
     "party_categories": ["法人及非法人组织", "个体工商户"], "fine_at_least": "50000",
     "basis": [{"law": _LAW, "article": "第六十三条"}]},
    {"code": "ZD-05", "name": "经过听证程序的", "hearing": True, "basis": [{"law": _LAW, "article": "第五十八条"}]},
    {"code": "ZD-06", "name": "涉及重大公共利益的", "case_by_case": True,
     "basis": [{"law": _LAW, "article": "第五十八条"}]},
)
_SINCE = "2021-07-15"


def synth_catalogue(world: Any) -> list[dict[str, Any]]:
    """The catalogue, and in place on the synthetic penalties (written after every family's rows are made) the
    hearings of serious cases and a review a few days before each decision the catalogue catches, in force or not
    (no random draw: the rest of the county stays as it was)."""
    entries = [ReviewEntry.model_validate({**e, "effective_from": _SINCE}) for e in _ENTRIES]
    for row in world.tables["penalties"]:
        if row["severity"] == "严重" and row["procedure"] == "普通程序":
            row["hearing_held"] = "是"
        penalty = Penalty.model_validate({k: v for k, v in row.items() if v != ""})
        if any(rules.caught(e, penalty) for e in entries):
            row["legal_review_date"] = _review_day(penalty.decision_date, len(row["decision_no"])).isoformat()
            row["legal_review_office"] = f"{W.BUREAU['name']}法制股"
    return [{**e, "effective_from": _SINCE} for e in _ENTRIES]


def _review_day(decided: date, n: int) -> date:
    """One to three working days (Monday to Friday) before the decision."""
    day, left = decided, 1 + n % 3
    while left:
        day -= timedelta(days=1)
        left -= day.weekday() < 5
    return day

