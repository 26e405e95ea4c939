"""Rules of the 「谁执法谁普法」 list (data/law_education.yaml): every enforcing office explains the laws
it enforces."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...memo import memo
from ...model import CatalogLike
from ...problems import Problem, Where
from ..matters import index as matter_index
from .codes import problem

Found = Iterator[Problem]
DATASET = "law_education"
PATH = "data/law_education.yaml"
_TITLE = re.compile(r"《[^》]+》")


def law_title(text: str) -> str:
    """What names a law: its 《title》 (a note after it, e.g. （教育部令第53号）, does not make another law)."""
    match = _TITLE.search(text)
    return match.group() if match else text.strip()


def laws_by_office(matters: Iterable[tuple[str, Iterable[str], Any]]) -> dict[str, dict[str, Any]]:
    """Office -> {law title: the first matter citing it}, in order, from (office, laws cited, matter) triples."""
    laws: dict[str, dict[str, Any]] = {}
    for office, cited_laws, matter in matters:
        cited = laws.setdefault(office, {})
        for law in cited_laws:
            cited.setdefault(law_title(law), matter)
    return laws


def enforced_laws(catalog: CatalogLike) -> dict[str, dict[str, Any]]:
    """Office -> {law title: the first matter citing it}, in the order of enforcement_matters.yaml (computed once
    per catalogue: every entry's checks and the list page ask)."""
    return memo(catalog, "responsibilities:enforced", lambda: laws_by_office(
        (m.office, (b.law for b in m.basis), m) for m in matter_index.matters(catalog)))


def office_known(entry: Any, catalog: CatalogLike) -> Found:
    enforced = enforced_laws(catalog)
    if entry.office not in enforced:
        known = "、".join(enforced) or "（执法事项清单为空）"
        yield problem("office-without-matters", entry.where("office"), "office",
                      f"「{entry.office}」不是执法事项清单中任何事项的承办机构（现有：{known}）：请核对股室名称")


def laws_explained(entry: Any, catalog: CatalogLike) -> Found:
    listed = {law_title(law) for law in entry.laws}
    for law, matter in enforced_laws(catalog).get(entry.office, {}).items():
        if law not in listed:
            yield problem("law-not-explained", entry.where("laws"), "laws",
                          f"「{entry.office}」承办的执法事项（如 {matter.code} {matter.name}）依据{law}，"
                          f"但它的普法内容中没有这部法律法规：请在 laws 下加一行「- {law}」")


def offices_covered(catalog: CatalogLike) -> Found:
    """Every office that enforces matters has an entry (once the bureau keeps the list at all)."""
    if not catalog.records(DATASET):
        return
    for office, laws in enforced_laws(catalog).items():
        if not catalog.known(DATASET, office):  # an entry that failed to validate is reported there
            yield problem("law-not-explained", Where(PATH), "responsibilities",
                          f"「{office}」承办执法事项，依据{'、'.join(laws)}，但普法责任清单中没有它的条目："
                          f"请按「谁执法谁普法」为它加一条（office: {office}）")


RECORD_CHECKS = (office_known, laws_explained)
CATALOG_CHECKS = (offices_covered,)
