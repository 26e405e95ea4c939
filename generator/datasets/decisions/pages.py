"""Render stage of the decision family: list page, record pages, search entries and download rows of any kind.

Everything here reads the decision's kind (generator/datasets/decisions/kinds.py), never its dataset's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...model import ALL, Part
from ...render.recordindex import Entry
from ...render.revisions import revisions_of
from ...render.templates import RecordPage, meta, page_md, record_html, root_of
from ...rules.publicity import EXPIRED, PUBLIC, REPAIRED, WITHDRAWN
from ..institutions import index as institution_index
from ..legal_review.pages import statement as legal_review_statement
from ..matters import index as matter_index
from ..procedures.remedies import SIMPLE, SIMPLE_LINE, remedy

if TYPE_CHECKING:
    from ...model import Describe, FeedEntries, Rows
    from ..views import PublicView
    from .kinds import DecisionKind
    from .views import DecisionView


def _display(view: PublicView, decision: Any, field: str) -> str | None:
    value = getattr(decision, field)
    if field == "party_name":
        return view.party_name(decision)
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, Decimal):
        return f"{value:,.2f} 元"
    if isinstance(value, list):
        return "、".join(value)
    return str(value)


def decision_pages(view: PublicView, kind: DecisionKind, part: Part = ALL) -> Iterator[RecordPage]:
    label, model = kind.label, kind.dataset.model
    for d in part.of(view.decisions(kind.name)):
        root = root_of(d.url)
        if d.state == PUBLIC:
            shown = [(model.label_of(f), v) for f in kind.fields if (v := _display(view, d.record, f)) is not None]
            shown.append(("决定机关", view.site.bureau.name))  # type: ignore[union-attr]
            shown.append(("决定机关统一社会信用代码", view.site.bureau.uscc))  # type: ignore[union-attr]
            if kind.legal_review and (reviewed := legal_review_statement(view, d.record, root)) is not None:
                shown.append(("重大执法决定法制审核", reviewed))
            institution = view.institutions_by_id.get(institution_index.institution_of(view.catalog, d.record) or "")
            matter = matter_index.by_code(view.catalog).get(d.record.matter_code)
            simple = SIMPLE_LINE if getattr(d.record, "procedure", None) == SIMPLE else None
            body = record_html("decision", view=d, rows=shown, kind_label=label, root=root, institution=institution,
                               matter=matter, matter_url=matter_index.url(matter.code) if matter else None,
                               simple=simple, remedy=remedy(view.site, matter),
                               revisions=revisions_of(view.histories, kind.name, d.record.decision_no))
            yield RecordPage(d.url, d.record.decision_no, body, d.record.published_on,
                             entry=decision_entry(view, d))
        elif d.state == WITHDRAWN:
            body = record_html("withdrawn", view=d, kind_label=label, root=root, ending=view.ending(d))
            yield RecordPage(d.url, d.record.decision_no, body)
        elif d.state in {EXPIRED, REPAIRED}:
            body = record_html("gone", kind=kind.name, kind_label=label, root=root)
            yield RecordPage(d.url, "公示期已满", body, indexable=False)


def decision_list(view: PublicView, kind: DecisionKind) -> str:
    decisions = view.decisions(kind.name)
    listed = [d for d in decisions if d.listed]
    withdrawn = [d for d in decisions if d.state == WITHDRAWN]
    years = sorted({d.record.decision_date.year for d in listed}, reverse=True)
    label = kind.label
    return page_md("decisions", meta(f"{label}公示", title=f"{label}决定"), views=listed,
                   withdrawn=[(d, view.ending(d)) for d in withdrawn],
                   years=years, kind=kind, kind_label=label, intro=kind.intro, today=view.today, root="../")


def _text(value: Any) -> str | None:
    """A field as search text: lists joined the way the site shows them."""
    return "、".join(value) if isinstance(value, list) else value


def decision_entry(view: PublicView, d: DecisionView) -> Entry:
    """Found by number, party, credit code, its kind's search fields and its matter; one line: party, date, what."""
    r, kind = d.record, d.declared
    matter = matter_index.by_code(view.catalog).get(r.matter_code)
    texts = tuple(_text(getattr(r, f)) for f in kind.search_fields)
    line = " · ".join(p for p in (d.party, f"决定日期 {r.decision_date}", getattr(r, kind.what_field)) if p)
    return Entry(r.decision_no, kind.label, line,
                 texts=tuple(t or "" for t in (d.party, r.party_uscc, *texts, matter.name if matter else None)))


def decision_rows(kind: DecisionKind) -> Rows:
    """Download rows: the public decisions by number, party as shown, with the kind's derived columns."""
    def rows(view: PublicView) -> Iterator[dict[str, Any]]:
        for d in sorted(view.decisions(kind.name), key=lambda d: d.record.decision_no):
            if d.listed:
                row = d.record.model_dump()
                row["party_name"] = d.party
                if kind.ends_column:
                    row[kind.ends_column] = d.ends_on
                yield row
    return rows


def describe_decision(name: str) -> Describe:
    """How /changes/ names a decision: by its number, once published (its number and date may stay public after
    its content has left the site; its address then says so), linked to its page."""
    def describe(view: PublicView, key: str) -> tuple[str | None, str | None]:
        decision = view.decision_by_number(name).get(key)
        if decision is None or decision.state not in {PUBLIC, WITHDRAWN, EXPIRED, REPAIRED}:
            return None, None
        return key, decision.url
    return describe


def decision_feed(kind: DecisionKind) -> FeedEntries:
    """Feed entries of a kind: each public decision on its publication day, each withdrawal on its day."""
    def entries(view: PublicView) -> Iterator[dict[str, Any]]:
        label = kind.label
        for d in view.decisions(kind.name):
            r = d.record
            if d.state == PUBLIC:
                yield {"date": r.published_on, "date_label": "公示日期",
                       "title": f"{label}：{r.decision_no}（{d.party}）", "url": d.url,
                       "summary": f"{d.party}，决定日期 {r.decision_date}。", "key": d.url}
            elif d.state == WITHDRAWN:
                ending = view.ending(d)
                yield {"date": r.withdrawn_on or r.published_on,
                       "date_label": ending.date_label if r.withdrawn_on else "公示日期",
                       "title": f"{label}决定{r.status}：{r.decision_no}",
                       "url": d.url, "summary": r.withdrawal_reason or r.remarks or "", "key": f"{d.url}#withdrawn"}
    return entries


def decision_endings(kind: DecisionKind) -> Callable[[PublicView], Iterator[dict[str, Any]]]:
    """/changes/ rows of a kind: each decision that stopped standing or left publicity, on the day it did, with
    why: its number and date may stay public (the content does not), and its page says the same."""
    def endings(view: PublicView) -> Iterator[dict[str, Any]]:
        for d in view.decisions(kind.name):
            r = d.record
            if d.state == WITHDRAWN:
                ending = view.ending(d)
                if ending.on is None:
                    continue
                on, what, why = ending.on, ending.short, (f"{ending.reason_label}：{ending.reason}"
                                                          if ending.reason else None)
                kind_of_row = "withdrawn"
            elif d.state == REPAIRED:
                on, what, why, kind_of_row = r.repaired_on, "信用修复，公示内容已撤下", None, "expired"
            elif d.state == EXPIRED and d.ends_on is not None:
                on, what = d.ends_on + timedelta(days=1), "公示期满，公示内容已撤下"
                why, kind_of_row = f"公示期至 {d.ends_on}", "expired"
            else:
                continue
            yield {"date": on, "order": f"{on.isoformat()}~{kind.name}{r.decision_no}", "label": r.decision_no,
                   "url": d.url, "type": kind_of_row, "what": what, "reason": why}
    return endings


#: Why a decision that left publicity is not shown, as search says it for its number.
_GONE_WHY = {EXPIRED: "公示期已满，已按规定撤下", REPAIRED: "已完成信用修复，提前结束公示"}


def decision_gone(kind: DecisionKind) -> Callable[[PublicView], Iterable[tuple[str, str, str]]]:
    """Numbers of a kind's decisions that left the site or no longer stand: (number, page explaining it, why)."""
    def gone(view: PublicView) -> Iterator[tuple[str, str, str]]:
        for d in view.decisions(kind.name):
            if d.state in _GONE_WHY:
                yield d.record.decision_no, d.url, _GONE_WHY[d.state]
            elif d.state == WITHDRAWN:
                yield d.record.decision_no, d.url, f"状态为“{d.record.status}”，不再作为有效决定公示"
    return gone
