"""Registry stage: the public view, the catalogue as citizens see it on one day (visibility, masking, current
lists, links), composed of the decision and institution families' own views (decisions/views.py,
institutions/views.py) that every family's pages share.

The stages get this object as "the view" and read only its catalog, today, site and histories (model.py).
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any

from ..catalog import Catalog
from ..rules.publicity import EXPIRED, PUBLIC, REPAIRED, WITHDRAWN, mask_name, publicity_end, visibility
from ..rules.slugs import decision_slug
from ..schema.common import NATURAL_PERSON
from .decisions import index as decision_index
from .decisions.kinds import KINDS, PENALTIES, kind
from .decisions.views import ENDINGS, UNKNOWN_ENDING, DecisionView, Ending
from .institutions import index as institution_index
from .institutions import liststate
from .institutions.views import InstitutionView
from .officers import index as officer_index


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
        # Each institution's events were replayed once for the catalogue (by validation; its ids are unique: the
        # loader keeps one row of an id). The events up to today are the first of its events in date order, and a
        # state depends only on the events before it, so today's replay is the start of that one, and today's state
        # the last state in it (an event that contradicts leaves the state as it was, as liststate.state_on skips it).
        replays = institution_index.replays(self.catalog)
        result = []
        for inst in sorted(institution_index.institutions(self.catalog), key=lambda i: i.id):
            timeline, state = [], liststate.start(inst.training_type)
            for event, after, conflict in replays.get(inst.id, ()):
                if event.date > self.today:
                    break
                state = after
                if not conflict:
                    timeline.append((event, after))
            result.append(InstitutionView(inst, state, timeline, by_institution.get(inst.id, [])))
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
        return Ending(*ENDINGS.get(r.status, UNKNOWN_ENDING), r.withdrawn_on, r.withdrawal_reason)

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
