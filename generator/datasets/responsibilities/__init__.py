"""Registry stage: the 「谁执法谁普法」普法责任清单 family (data/law_education.yaml): declaration, list page, synth.

No record pages: the list page is one section per office (Pagefind indexes it for site search), and /changes/
links an office's section by a stable anchor made from its name.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from ...model import Dataset, Publication
from ...render.templates import meta, page_md
from ..matters import index as matter_index
from . import checks
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .model import Responsibility

if TYPE_CHECKING:
    from ..views import PublicView

RESPONSIBILITIES = Dataset("law_education", "普法责任清单", "data/law_education.yaml", Responsibility, "office",
                           list_key="responsibilities", label_field="office", checks=checks.RECORD_CHECKS,
                           optional=True, names_checked=False,
                           description="按「谁执法谁普法」，各股室负责宣传解读的法律法规、普法对象和方式。",
                           synth=lambda world: synth_responsibilities(world))

DATASETS = (RESPONSIBILITIES,)
CATALOG_CHECKS = checks.CATALOG_CHECKS


def anchor(office: str) -> str:
    """An office's section id: ASCII, and stable when entries are added or reordered."""
    return "office-" + hashlib.sha1(office.encode("utf-8")).hexdigest()[:8]


def responsibilities_page(view: PublicView) -> str:
    enforced = checks.enforced_laws(view.catalog)
    sections = []
    for entry in view.catalog.records(RESPONSIBILITIES.name):
        cited = enforced.get(entry.office, {})
        laws = [(law, cited.get(checks.law_title(law))) for law in entry.laws]
        matters = sum(m.office == entry.office for m in matter_index.matters(view.catalog))
        sections.append({"entry": entry, "anchor": anchor(entry.office), "laws": laws, "matters": matters})
    years = sorted({e.year for e in view.catalog.records(RESPONSIBILITIES.name)})
    return page_md("responsibilities", meta("普法责任清单", title="「谁执法谁普法」普法责任清单"), sections=sections,
                   years=years, site=view.site)


def describe_responsibility(view: PublicView, key: str) -> tuple[str | None, str | None]:
    known = any(e.office == key for e in view.catalog.records(RESPONSIBILITIES.name))
    return (f"{key}的普法责任", f"responsibilities/#{anchor(key)}") if known else (None, None)


PUBLICATIONS = (
    Publication("law_education", lambda view: (e.model_dump() for e in view.catalog.records(RESPONSIBILITIES.name)),
                describe_responsibility, page="responsibilities/", unit="项", duty="普法责任制 · 谁执法谁普法",
                card=9, group="法治建设", nav="普法责任", list_page=responsibilities_page),
)


# --- synthetic rows ------------------------------------------------------------------------------------

_AUDIENCES = ("学校师生", "学生家长", "校外培训机构举办者", "社会公众")
_MEANS = ("送法进校园", "以案释法", "新媒体普法", "宪法日主题活动")


def synth_responsibilities(world: Any) -> list[dict[str, Any]]:
    """One entry per office of the synthetic matters, listing every law its matters cite (no warnings)."""
    laws = checks.laws_by_office((m["office"], (b["law"] for b in m["basis"]), None)
                                 for m in world.tables["enforcement_matters"])
    year = world.s.today.year
    return [{"office": office, "year": year, "laws": list(cited), "audiences": list(_AUDIENCES[:2 + n % 3]),
             "means": list(_MEANS), "focus": f"{year}年围绕{office}承办的执法事项开展以案释法。"}
            for n, (office, cited) in enumerate(laws.items())]
