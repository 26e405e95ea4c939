"""Rules of the 重大执法决定法制审核目录清单: its entries say what they catch, and every standing penalty they catch
was reviewed before it was made (行政处罚法 第五十八条).

The penalties' side is a catalogue check (it needs the whole catalogue) reported at the penalty's own cells, so
decisions/ keeps no knowledge of the catalogue; the rule itself is rules.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import CatalogLike
from ...problems import Problem
from ...rules.records import forbidden, required
from ...schema.common import STANDING
from ..decisions import index as decision_index
from . import rules
from .codes import problem

Found = Iterator[Problem]

_REVIEW_DATE, _REVIEW_OFFICE = "legal_review_date", "legal_review_office"
_CONDITIONS = ("处罚类别（penalty_types）、罚款金额达到（fine_at_least）、没收金额达到（confiscated_at_least）"
               "或经过听证（hearing）")


def entry_conditions(entry: Any, catalog: CatalogLike) -> Found:
    """An entry either states what the data can tell, or says it is judged case by case: never both, never neither."""
    stated = rules.conditions(entry)
    if entry.hearing is False:
        yield forbidden(entry, "hearing", "只有「经过听证」作为条件时填 是（true）；不按听证判断时不填")
    if entry.case_by_case and (stated or entry.party_categories):
        yield forbidden(entry, "case_by_case", "本项已写了适用条件：按条件判断的项不填逐案判断；"
                        "确实无法从数据判断的，删去条件")
    elif not entry.case_by_case and not stated:
        if entry.party_categories:
            yield problem("conditional-field", entry.where("party_categories"), "party_categories",
                          f"「限于当事人类别」只限定本项的其他条件，不能单独作为条件：请再写{_CONDITIONS}")
        else:
            yield problem("conditional-field", entry.where("code"), "code",
                          f"目录第 {entry.code} 项「{entry.name}」没有写适用条件：请写{_CONDITIONS}中的至少一项；"
                          "无法从数据判断的情形（如涉及重大公共利益）写「case_by_case: true」")


def _entries_said(due: list[Any], penalty: Any) -> str:
    return "、".join(f"第 {e.code} 项「{e.name}」（{rules.worded(e, penalty)}，{e.effective_from} 起施行）"
                     for e in due)


def penalties_reviewed(catalog: CatalogLike) -> Found:
    """Each penalty's review fields agree with each other and with the catalogue (withdrawn decisions excepted)."""
    for penalty in decision_index.penalties(catalog):
        yield from _review_fields(penalty)
        if penalty.status != STANDING:
            continue  # it no longer stands: its page is the withdrawal notice, and a missing review may be why
        due = rules.applying(catalog, penalty)
        reviewed = penalty.legal_review_date
        if reviewed is not None and reviewed > penalty.decision_date:
            why = (f"本决定属于重大执法决定法制审核目录清单{_entries_said(due, penalty)}，应在作出前经法制审核"
                   if due else "法制审核在决定作出之前进行")
            yield problem("legal-review-late", penalty.where(_REVIEW_DATE), _REVIEW_DATE,
                          f"法制审核日期 {reviewed} 晚于处罚决定日期 {penalty.decision_date}：{why}。请核对日期"
                          "（填法制审核意见的日期）；确实是事后审核的，应依法纠正该决定")
        elif due and reviewed is None:
            yield problem("legal-review-missing", penalty.where(_REVIEW_DATE), _REVIEW_DATE,
                          f"本决定属于重大执法决定法制审核目录清单{_entries_said(due, penalty)}，但没有法制审核日期："
                          f"请填写 legal_review_date（法制审核日期，不晚于决定日期 {penalty.decision_date}）和 "
                          "legal_review_office（法制审核机构，例如「汾川县教育科技局法制股」）")


def _review_fields(penalty: Any) -> Found:
    date, office = penalty.legal_review_date, penalty.legal_review_office
    if date is not None and office is None:
        yield required(penalty, _REVIEW_OFFICE, "已填写法制审核日期，请写明进行审核的机构（股室），不写人名")
    if office is not None and date is None:
        yield required(penalty, _REVIEW_DATE, "已填写法制审核机构，请写明审核日期（不晚于处罚决定日期）")
    if penalty.hearing_held and penalty.procedure == "简易程序":
        yield problem("conditional-field", penalty.where("hearing_held"), "hearing_held",
                      "「是否举行听证」为「是」，但程序类型是「简易程序」（简易程序不举行听证）：请核对二者")


RECORD_CHECKS = (entry_conditions,)
CATALOG_CHECKS = (penalties_reviewed,)
