"""Rules of a result's follow-up: what became of what an inspection found (a penalty decided, the problem put right),
and the status the site shows for it, so that a result never reads 待后续处理 beside a decision already made.

The stored 检查结果 is the national category chosen on the inspection day; the follow-up is recorded in two
columns the site can rely on (penalty_no: the decision's number; rectified_on: the day 整改 was confirmed), and the
shown status follows them. The free text of 后续处理 is read only to warn when it says more than those columns do.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from typing import Any

from ...memo import memo
from ...model import CatalogLike
from ...problems import Problem
from ..decisions import index as decision_index
from ..institutions import index as institution_index
from .codes import problem
from .model import NOTHING_FOUND

Found = Iterator[Problem]

PENALTY_MADE, RECTIFIED = "已作出行政处罚", "已整改"
#: How each status is marked beside its words (never by colour alone): (symbol, badge class).
STATUS_LOOK: dict[str, tuple[str, str]] = {
    "未发现问题": ("✔", "tp-white"),
    "发现问题已责令改正": ("!", "tp-valid"),
    "发现问题待后续处理": ("!", "tp-black"),
    "未发现开展本次抽查涉及的经营活动": ("–", "tp-none"),
    "通过登记的住所无法联系": ("?", "tp-none"),
    "不配合检查": ("✖", "tp-black"),
    "已关闭或注销": ("–", "tp-none"),
    PENALTY_MADE: ("!", "tp-black"),
    RECTIFIED: ("✔", "tp-valid"),
}
_YEAR_NO = re.compile(r"[〔\[（(【]\s*\d{4}\s*[〕\]）)】]")
_NUMBER_REACH = 24
"""How far before a 〔year〕 a cited decision number may start."""
_RECTIFIED_WORDS = re.compile(r"整改到位|整改完毕|整改完成|已整改|已改正")


def status(result: str, penalty: bool, rectified: bool) -> str:
    """What a citizen is told became of the inspection: a penalty decided, else 整改 confirmed, else the result."""
    if penalty:
        return PENALTY_MADE
    return RECTIFIED if rectified and result not in NOTHING_FOUND else result


def cited_numbers(text: str | None, known: Container[str]) -> list[str]:
    """The known decision numbers a text cites, found around each 〔year〕 (never by scanning for every number)."""
    found: list[str] = []
    for match in _YEAR_NO.finditer(text or ""):
        end = (text or "").find("号", match.end())
        if end < 0:
            continue
        for start in range(max(0, match.start() - _NUMBER_REACH), match.start() + 1):
            number = (text or "")[start:end + 1]
            if number in known and number not in found:
                found.append(number)
                break
    return found


def _penalties(catalog: CatalogLike) -> dict[str, Any]:
    return memo(catalog, "inspections:penalties", lambda: {p.decision_no: p for p in decision_index.penalties(catalog)})


def inspection_follow_up(insp: Any, catalog: CatalogLike) -> Found:
    """The linked penalty exists and is about this institution, after this inspection; the stored result does not
    contradict the follow-up; what the text says was done is in the columns the status follows."""
    penalties = _penalties(catalog)
    penalty = penalties.get(insp.penalty_no) if insp.penalty_no else None
    if penalty is not None:
        yield from _penalty_fits(insp, penalty, catalog)
    if insp.rectified_on is not None and insp.rectified_on < insp.inspected_on:
        yield problem("date-order", insp.where("rectified_on"), "rectified_on",
                      f"「整改完成日期」{insp.rectified_on} 早于检查日期 {insp.inspected_on}：请核对日期")
    done = [label for label, value in (("处罚决定书文号", insp.penalty_no), ("整改完成日期", insp.rectified_on))
            if value]
    if insp.result in NOTHING_FOUND and done:
        yield problem("follow-up-mismatch", insp.where("result"), "result", (
            f"检查结果是「{insp.result}」，却填写了{'和'.join(done)}：没有发现问题就不会有处罚或整改。"
            "请核对检查结果，或删除不属于这次检查的后续处理"))
    yield from _text_beyond_columns(insp, penalties)


def _penalty_fits(insp: Any, penalty: Any, catalog: CatalogLike) -> Found:
    where = insp.where("penalty_no")
    party = institution_index.institution_of(catalog, penalty)
    if party != insp.institution_id:
        yield problem("follow-up-mismatch", where, "penalty_no", (
            f"处罚决定「{penalty.decision_no}」的相对人是{'机构 ' + party if party else '另一当事人'}，"
            f"不是被检查的机构 {insp.institution_id}：请核对文号"))
    elif penalty.decision_date < insp.inspected_on:
        yield problem("follow-up-mismatch", where, "penalty_no", (
            f"处罚决定「{penalty.decision_no}」的决定日期 {penalty.decision_date} 早于检查日期 {insp.inspected_on}："
            "它不是这次检查引出的处罚，请核对文号"))


def _text_beyond_columns(insp: Any, penalties: dict[str, Any]) -> Found:
    """后续处理 says a penalty was decided or the problem put right, but the column the status follows is empty."""
    text = insp.follow_up or ""
    if "〔" in text or "[" in text or "（" in text or "(" in text or "【" in text:
        for number in cited_numbers(text, penalties):
            if number != insp.penalty_no:
                yield problem("follow-up-mismatch", insp.where("follow_up"), "follow_up", (
                    f"「后续处理」写明了处罚决定「{number}」，但「处罚决定书文号」"
                    f"{'没有填写' if not insp.penalty_no else '填的是另一个文号'}："
                    f"网站仍会显示「{status(insp.result, bool(insp.penalty_no), bool(insp.rectified_on))}」。"
                    "请把文号填入「处罚决定书文号」（penalty_no）列"))
    if (insp.rectified_on is None and not insp.penalty_no and insp.result not in NOTHING_FOUND
            and _RECTIFIED_WORDS.search(text)):
        yield problem("follow-up-mismatch", insp.where("follow_up"), "follow_up", (
            f"「后续处理」写明已经整改，但没有填写「整改完成日期」：网站仍会显示「{insp.result}」。"
            "请在 rectified_on 列填写复查确认整改完成的日期"))
