"""Registry stage: the public view, the catalogue as citizens see it on one day (visibility, masking, current
lists, links), with the decision and institution families' views that every family's pages share.

The stages get this object as "the view" and read only its catalog, today, site and histories (model.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..catalog import Catalog
from ..rules.publicity import EXPIRED, PUBLIC, REPAIRED, WITHDRAWN, mask_name, publicity_end, visibility
from ..rules.slugs import decision_slug
from ..schema.common import NATURAL_PERSON
from .decisions import index as decision_index
from .decisions.kinds import KINDS, PENALTIES, DecisionKind, kind
from .institutions import index as institution_index
from .institutions import liststate
from .officers import index as officer_index


@dataclass(frozen=True)
class DecisionView:
    """One 双公示 decision as the site presents it."""

    record: Any
    kind: str  # dataset name: penalties | licenses
    slug: str
    state: str  # publicity.PUBLIC, WITHDRAWN, EXPIRED, REPAIRED, PENDING
    ends_on: date | None
    party: str  # the name as shown (natural persons masked by policy)

    @property
    def url(self) -> str:
        return f"{self.kind}/{self.slug}/"

    @property
    def declared(self) -> DecisionKind:
        """Its kind's declaration (label, columns, publicity rule)."""
        return kind(self.kind)

    @property
    def listed(self) -> bool:
        """Shown in lists, search, feed and downloads."""
        return self.state == PUBLIC

    @property
    def has_page(self) -> bool:
        return self.state in {PUBLIC, WITHDRAWN}

    @property
    def ends_text(self) -> str:
        """The list's last column: a penalty's publicity end; a licence's validity (长期 only for a certificate)."""
        if self.ends_on:
            return str(self.ends_on)
        return "长期" if getattr(self.record, "certificate_name", None) else "—"


#: How the site words each way a decision stops standing, by penalty status or licence ending:
#: (sentence verb, short word for lists, date label, reason label).
ENDINGS: dict[str, tuple[str, str, str, str]] = {
    "已撤销": ("已被撤销", "已撤销", "撤销日期", "撤销理由"),
    "已变更": ("已被变更", "已变更", "变更日期", "变更理由"),
    "确认违法": ("已被确认违法", "确认违法", "确认违法日期", "确认违法的理由"),
    "确认无效": ("已被确认无效", "确认无效", "确认无效日期", "确认无效的理由"),
    "撤销": ("已被撤销", "已撤销", "撤销日期", "撤销理由"),
    "撤回": ("已被撤回", "已撤回", "撤回日期", "撤回理由"),
    "注销": ("已被注销", "已注销", "注销日期", "注销理由"),
    "吊销": ("的许可证件已被吊销", "许可证件已吊销", "吊销日期", "吊销理由"),
}
_UNKNOWN_ENDING = ("已失效", "已失效", "失效日期", "失效原因")


@dataclass(frozen=True)
class Ending:
    """Why a decision no longer stands, in the words of the legal act that ended it."""

    verb: str
    short: str
    date_label: str
    reason_label: str
    on: date | None
    reason: str | None
    by: DecisionView | None = None
    """The penalty that revoked a licence (吊销), when there is one."""


@dataclass(frozen=True)
class InstitutionView:
    record: Any
    state: liststate.State
    timeline: list[tuple[Any, liststate.State]]
    decisions: list[DecisionView] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"institutions/{self.record.id}/"

    @property
    def penalties(self) -> list[DecisionView]:
        """Penalties about it under publicity today: shown beside the verdict, whatever the list says."""
        return [d for d in self.decisions if d.declared.warns]

    @property
    def category(self) -> str:
        """Training category now, with the 转型 that set it."""
        s, r = self.state, self.record
        if s.category_since:
            return f"{s.category}（{s.category_since} 由{r.training_type}转型）"
        return s.category + (f"（{r.subcategory}）" if r.subcategory else "")

    @property
    def status(self) -> str:
        """Operating status in words; 正常 only where a list vouches for it (silence must not reassure)."""
        if self.state.status:
            return self.state.status
        return "正常" if self.state.listed == liststate.WHITE else "无取缔、注销等记录"

    @property
    def verdict_note(self) -> str:
        """The line under the list badge: the dated reason, or what 未列入 does not mean; an active penalty."""
        s = self.state
        if s.listed == liststate.UNLISTED:
            note = "未列入不代表已获准开展培训"
        else:
            note = f"列入日期 {s.listed_since}" + (f"，{s.listed_reason}" if s.listed_reason else "")
        if self.penalties:
            note += f"；有 {len(self.penalties)} 件行政处罚正在公示"
        return note


class PublicView:
    """Everything the renderers need, computed once per build."""

    def __init__(self, catalog: Catalog, today: date, histories: dict[str, dict[str, list[Any]]] | None = None):
        self.catalog = catalog
        self.today = today
        self.histories = histories or {}
        self._by_number: dict[str, dict[str, DecisionView]] = {}
        self.site = catalog.site
        assert self.site is not None, "a build needs a valid site.yml"
        self.mask = self.site.policy.natural_person_names == "masked"

    def party_name(self, decision: Any) -> str:
        if decision.party_category == NATURAL_PERSON and self.mask:
            return mask_name(decision.party_name)
        return str(decision.party_name)

    def _decisions(self, kind: str) -> list[DecisionView]:
        views = [
            DecisionView(d, kind, decision_slug(d.decision_no), visibility(d, self.site, self.today),
                         publicity_end(d, self.site), self.party_name(d))
            for d in self.catalog.records(kind)
        ]
        return sorted(views, key=lambda v: (v.record.decision_date, v.record.decision_no), reverse=True)

    @cached_property
    def _by_kind(self) -> dict[str, list[DecisionView]]:
        return {name: self._decisions(name) for name in KINDS}

    @property
    def penalties(self) -> list[DecisionView]:
        return self._by_kind[PENALTIES.name]

    @property
    def all_decisions(self) -> list[DecisionView]:
        """Every decision of every kind, kind by kind in the registry's order."""
        return [d for views in self._by_kind.values() for d in views]

    def decisions(self, name: str) -> list[DecisionView]:
        kind(name)  # an unknown kind is an error with a clear message
        return self._by_kind[name]

    def decision_by_number(self, kind: str) -> dict[str, DecisionView]:
        if kind not in self._by_number:
            self._by_number[kind] = {d.record.decision_no: d for d in self.decisions(kind)}
        return self._by_number[kind]

    @cached_property
    def institutions(self) -> list[InstitutionView]:
        by_institution: dict[str, list[DecisionView]] = {}
        for view in self.all_decisions:
            linked = institution_index.institution_of(self.catalog, view.record) if view.listed else None
            if linked:  # by 关联机构, or by the credit code the data knows the institution by (also warned)
                by_institution.setdefault(linked, []).append(view)
        result = []
        for inst in sorted(institution_index.institutions(self.catalog), key=lambda i: i.id):
            events = institution_index.events_by_institution(self.catalog).get(inst.id, [])
            timeline = [(e, s) for e, s, conflict in liststate.replay(
                (e for e in events if e.date <= self.today), inst.training_type) if not conflict]
            result.append(InstitutionView(inst, institution_index.state_on(self.catalog, inst.id, self.today), timeline,
                                          by_institution.get(inst.id, [])))
        return result

    @cached_property
    def officers_on_duty(self) -> dict[str, Any]:
        """Officers whose certificate is valid today, by certificate number (the only ones the site names)."""
        return {o.cert_no: o for o in officer_index.officers(self.catalog) if o.valid_until >= self.today}

    @cached_property
    def list_counts(self) -> dict[str, int]:
        """How many institutions are on each list today (白名单, 黑名单, 未列入)."""
        counts: dict[str, int] = {}
        for v in self.institutions:
            counts[v.state.listed] = counts.get(v.state.listed, 0) + 1
        return counts

    @cached_property
    def institutions_by_id(self) -> dict[str, InstitutionView]:
        return {v.record.id: v for v in self.institutions}

    @cached_property
    def withdrawn_from_view(self) -> dict[str, DecisionView]:
        """Decisions no longer public (publicity over, or credit repaired), by number: their content is not shown."""
        return {d.record.decision_no: d for d in self.all_decisions if d.state in {EXPIRED, REPAIRED}}

    @cached_property
    def _revokers(self) -> list[DecisionView]:
        by_number = self.decision_by_number(PENALTIES.name)
        return [by_number[p.decision_no] for p in decision_index.revoking_penalties(self.catalog)]

    def ending(self, view: DecisionView) -> Ending:
        """How a withdrawn (or, for a licence, ended) decision's notice words it."""
        r = view.record
        ended_by = getattr(r, view.declared.ending_field) if view.declared.ending_field else None
        if ended_by:
            words = ENDINGS[ended_by]
            by = None
            if ended_by == "吊销" and r.license_no:
                by = next((p for p in self._revokers if r.license_no in (p.record.license_affected or "")), None)
            on = r.withdrawn_on or (by.record.decision_date if by else None)
            return Ending(*words, on, r.withdrawal_reason, by)
        return Ending(*ENDINGS.get(r.status, _UNKNOWN_ENDING), r.withdrawn_on, r.withdrawal_reason)

    def basis(self, doc_no: str | None) -> str | None:
        """A document number as the site cites it. A decision whose publicity ended keeps its number and date (a
        standing blacklisting must say what it rests on); only its content has left the site, and the citation
        says so rather than linking to it."""
        gone = self.withdrawn_from_view.get(doc_no or "")
        if gone is None:
            return doc_no
        why = "已信用修复" if gone.state == REPAIRED else "公示期已满"
        return f"{doc_no}（{gone.record.decision_date} 作出，{why}，内容不再公示）"

    def citation(self, doc_no: str | None) -> tuple[str | None, str | None]:
        """(URL, text) of a cited document number: a decision on the site (or its withdrawal notice) is linked."""
        if not doc_no:
            return None, None
        for name in self._by_kind:
            d = self.decision_by_number(name).get(doc_no)
            if d is not None and d.state in {PUBLIC, WITHDRAWN}:
                return d.url, doc_no
        return None, self.basis(doc_no)

    def last_change(self, dates: list[date]) -> date | None:
        past = [d for d in dates if d <= self.today]
        return max(past) if past else None
