"""Registry stage: the 法治副校长 family (data/legal_deputies.csv) with the bureau's 法律顾问
(data/legal_advisers.csv): declarations, the /deputies/ page, report figures, synthetic rows.

Both datasets are keyless (one row per appointment or contract: a renewal is a new row, so no field is unique; the
comparer matches whole rows). Each school on the roster has a page (/deputies/<credit code>/); the advisers have
none of their own: they are a section of /deputies/.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ...model import Dataset, Publication
from ...schema.identifiers import USCC_ALPHABET, uscc_check_char
from ...synth import words as W
from . import checks, pages
from .block import NOT_SCHOOLS
from .checks import CATALOG_CHECKS as CATALOG_CHECKS  # its rules across records
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .figures import FIGURES as FIGURES  # its annual report figures: the registry collects them
from .index import ADVISERS, DEPUTIES
from .model import LegalAdviser, LegalDeputy

LEGAL_DEPUTIES = Dataset(DEPUTIES, "法治副校长名单", "data/legal_deputies.csv", LegalDeputy, None,
                         label_field="school_name", checks=checks.DEPUTY_CHECKS, optional=True,
                         public_names=("deputy_name",),
                         aliases={"deputy_name": ("法治副校长", "姓名"), "deputy_unit": ("单位", "工作单位"),
                                  "school_uscc": ("统一社会信用代码", "学校信用代码")},
                         description="各中小学、幼儿园聘任的法治副校长：姓名、派出单位、职务和聘期。",
                         guide_notes=pages.guide_rules,
                         synth=lambda world: synth_deputies(world))
LEGAL_ADVISERS = Dataset(ADVISERS, "法律顾问", "data/legal_advisers.csv", LegalAdviser, None, label_field="firm",
                         checks=checks.ADVISER_CHECKS, optional=True, public_names=("lawyer_name",),
                         aliases={"lawyer_name": ("律师", "姓名")},
                         description="本局聘请的法律顾问（律师事务所、律师）、服务内容和聘期。",
                         synth=lambda world: synth_advisers(world))

DATASETS = (LEGAL_DEPUTIES, LEGAL_ADVISERS)

PUBLICATIONS = (
    Publication(DEPUTIES, pages.deputy_rows, pages.describe_deputy, page=pages.PAGE, unit="所",
                count=lambda view: len(pages.roster_of(view).served), duty="法治校园 · 法治副校长和法律顾问", card=10,
                group="法治建设", nav="法治副校长", list_page=pages.deputies_page, last_change=pages.last_change,
                record_pages=pages.school_pages, column="法治副校长"),
    Publication(ADVISERS, pages.adviser_rows, pages.describe_adviser, unit="人"),
)


# --- synthetic rows ------------------------------------------------------------------------------------

_PUBLIC = (("公办小学", "小学", 6), ("公办初中", "初级中学", 3), ("公办高中", "中学", 1), ("公办幼儿园", "幼儿园", 2))
_PUBLIC_WEIGHTS = tuple(((kind, suffix), weight) for kind, suffix, weight in _PUBLIC)
_UNITS = (("公安局{place}派出所", "副所长"), ("人民检察院", "检察官"), ("人民法院", "法官"), ("司法局", "司法所所长"))
_TERM_YEARS = 3


def _public_uscc(world: Any) -> str:
    """A 事业单位 code (12…) the synthetic county has not handed out (its own helper makes only 52, 91 and 92)."""
    s = world.s
    while True:
        first17 = "12" + W.REGION + "".join(s.rng.choices(USCC_ALPHABET, k=9))
        code = first17 + uscc_check_char(first17)
        if code not in s.usccs:
            s.usccs.add(code)
            return code


def _term(start: date) -> date:
    return start.replace(year=start.year + _TERM_YEARS) - timedelta(days=1)


def synth_deputies(world: Any) -> list[dict[str, Any]]:
    """One deputy per public school (about one per 10 institutions, at least 4) and per reviewed private school,
    appointed in September 2021 for three years and renewed every term since (so every 中小学 has one, no row warns);
    the reviewed kindergartens are left without one. Linear in the scale."""
    s = world.s
    schools: dict[str, tuple[str, str]] = {}
    for n in range(1, max(4, world.scale // 10) + 1):
        kind, suffix = s.pick(_PUBLIC_WEIGHTS)
        schools[_public_uscc(world)] = (f"{W.COUNTY}{s.rng.choice(W.PLACES)}{suffix}（公{n}）", kind)
    for review in world.tables.get("annual_reviews", ()):
        if review["school_type"] != "民办幼儿园" and review["school_type"] not in NOT_SCHOOLS:
            schools.setdefault(review["school_uscc"], (review["school_name"], review["school_type"]))
    rows: list[dict[str, Any]] = []
    for uscc, (name, kind) in schools.items():
        unit, post = s.rng.choice(_UNITS)
        unit = f"{W.COUNTY}{unit.format(place=s.rng.choice(W.PLACES))}"
        person = s.person()
        start = first = date(2021, 9, 1)
        while start <= s.today:  # renewed every term: the last row covers `today`
            rows.append({"school_name": name, "school_uscc": uscc, "school_type": kind, "deputy_name": person,
                         "deputy_unit": unit, "post": post, "appointed_on": start.isoformat(),
                         "term_end": _term(start).isoformat(), "remarks": "续聘" if start > first else ""})
            start = _term(start) + timedelta(days=1)
    return rows


def synth_advisers(world: Any) -> list[dict[str, Any]]:
    """One law firm's lawyer, on two-year contracts renewed from 2021 to past `today`."""
    s = world.s
    person = s.person()
    rows = []
    start = date(2021, 3, 1)
    while start <= s.today:
        end = start.replace(year=start.year + 2) - timedelta(days=1)
        rows.append({"firm": f"山西{W.COUNTY.removesuffix('县')}律师事务所", "lawyer_name": person,
                     "services": "重大执法决定法制审核；行政复议和行政诉讼应诉代理；校园法治讲座",
                     "start": start.isoformat(), "end": end.isoformat()})
        start = end + timedelta(days=1)
    return rows
