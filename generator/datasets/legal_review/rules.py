"""The one rule of the 重大执法决定法制审核目录清单: which penalties an entry catches, and from when.

An entry's conditions all hold for a penalty it catches (its penalty types: any one of them; its party categories;
its thresholds, inclusive, 「达到」; a hearing held); entries are alternatives. A case-by-case entry (重大公共利益,
疑难复杂) catches nothing the data can tell: it is listed, never checked. An entry applies to decisions made on or
after its 施行日期. The checks, the decision pages, the list page, the report figure and the synthetic county all
read this module, so what the validator demands and what the site says are the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...model import CatalogLike
from ...schema.common import STANDING

#: The catalogue's dataset name (the catalogue's key; __init__.py declares the dataset).
CATALOGUE = "legal_review_catalogue"


def entries(catalog: CatalogLike) -> list[Any]:
    """The catalogue's entries as the bureau lists them (none when it keeps no catalogue)."""
    return catalog.records(CATALOGUE)


def conditions(entry: Any) -> bool:
    """Whether the entry states a condition the data can tell (party categories only narrow the others)."""
    return bool(entry.penalty_types) or entry.fine_at_least is not None or entry.confiscated_at_least is not None \
        or bool(entry.hearing)


def caught(entry: Any, penalty: Any) -> bool:
    """Whether the entry's conditions hold for the penalty, whatever its date."""
    if entry.case_by_case or not conditions(entry):
        return False
    if entry.party_categories and penalty.party_category not in entry.party_categories:
        return False
    if entry.penalty_types and not set(entry.penalty_types) & set(penalty.penalty_types):
        return False
    if not _reaches(penalty.fine_yuan, entry.fine_at_least):
        return False
    if not _reaches(penalty.confiscated_yuan, entry.confiscated_at_least):
        return False
    return not entry.hearing or penalty.hearing_held is True


def _reaches(amount: Decimal | None, threshold: Decimal | None) -> bool:
    return threshold is None or (amount is not None and amount >= threshold)


def applying(catalog: CatalogLike, penalty: Any) -> list[Any]:
    """The entries that make the penalty a 重大执法决定: caught, and in force on its decision date."""
    return [e for e in entries(catalog) if caught(e, penalty) and penalty.decision_date >= e.effective_from]


def worded(entry: Any, penalty: Any = None) -> str:
    """An entry's conditions in words, one clause a condition in the catalogue's order (处罚类别, 当事人类别, 罚款,
    没收, 听证): as the list page states the entry, or, given a penalty it catches, what of the penalty meets each
    (the errors that name the entry). One wording, so the page and the checks never tell the rule apart."""
    if entry.case_by_case:
        return "由承办股室逐案判断，属于本项情形的送法制审核"
    said = []
    if entry.penalty_types:
        said.append("处罚类别含" + ("、".join(entry.penalty_types) + ("之一" if len(entry.penalty_types) > 1 else "")
                                 if penalty is None else
                                 "、".join(f"「{t}」" for t in entry.penalty_types if t in penalty.penalty_types)))
    if entry.party_categories:
        said.append("当事人为" + "、".join(entry.party_categories) if penalty is None else
                    f"当事人是{penalty.party_category}")
    for threshold, amount, what in ((entry.fine_at_least, penalty and penalty.fine_yuan, "罚款"),
                                    (entry.confiscated_at_least, penalty and penalty.confiscated_yuan, "没收")):
        if threshold is not None:
            said.append(f"{what}金额达到 {threshold:,.2f} 元" if penalty is None else
                        f"{what} {amount:,.2f} 元，达到 {threshold:,.2f} 元")
    if entry.hearing:
        said.append("作出决定前举行了听证" if penalty is None else "举行了听证")
    return "，".join(said)


def anchor(code: str) -> str:
    """An entry's id on the list page (its code, lower case: ASCII by its model)."""
    return f"entry-{code.lower()}"


@dataclass(frozen=True)
class Mark:
    """What a penalty's page states about its legal review (经法制审核, or why none was due)."""

    text: str
    entries: tuple[Any, ...] = ()
    """The catalogue entries the decision falls in (linked from the statement)."""


def mark(catalog: CatalogLike, penalty: Any) -> Mark | None:
    """The statement for a standing penalty's page; None when the bureau keeps no catalogue and the penalty records
    no review (the site then says nothing either way)."""
    due = applying(catalog, penalty)
    if penalty.legal_review_date is not None:
        office = f"，审核机构：{penalty.legal_review_office}" if penalty.legal_review_office else ""
        return Mark(f"经法制审核（审核日期：{penalty.legal_review_date}{office}）", tuple(due))
    if not catalog.kept(CATALOGUE) or penalty.status != STANDING:
        return None
    if due:  # refused by the validator: a site is never built with it
        return None
    earlier = [e for e in entries(catalog) if caught(e, penalty)]
    if earlier:
        since = min(e.effective_from for e in earlier)
        return Mark(f"本决定作出时（{penalty.decision_date}），重大执法决定法制审核目录清单的相应情形尚未施行"
                    f"（{since} 起施行），不要求法制审核", tuple(earlier))
    return Mark("不属于重大执法决定法制审核目录清单所列情形")
