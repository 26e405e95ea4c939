"""Public views: the catalogue as citizens see it on one day (visibility, masking, current lists, links)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from .. import history
from ..catalog import Catalog
from ..publicity import EXPIRED, PUBLIC, REPAIRED, WITHDRAWN, mask_name, publicity_end, visibility
from ..schema.common import NATURAL_PERSON
from ..slugs import decision_slug

DECISION_KINDS = {"penalties": "行政处罚", "licenses": "行政许可"}


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
    def listed(self) -> bool:
        """Shown in lists, search, feed and downloads."""
        return self.state == PUBLIC

    @property
    def has_page(self) -> bool:
        return self.state in {PUBLIC, WITHDRAWN}


@dataclass(frozen=True)
class InstitutionView:
    record: Any
    state: history.State
    timeline: list[tuple[Any, history.State]]
    decisions: list[DecisionView] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"institutions/{self.record.id}/"


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
    def penalties(self) -> list[DecisionView]:
        return self._decisions("penalties")

    @cached_property
    def licenses(self) -> list[DecisionView]:
        return self._decisions("licenses")

    def decisions(self, kind: str) -> list[DecisionView]:
        return self.penalties if kind == "penalties" else self.licenses

    def decision_by_number(self, kind: str) -> dict[str, DecisionView]:
        if kind not in self._by_number:
            self._by_number[kind] = {d.record.decision_no: d for d in self.decisions(kind)}
        return self._by_number[kind]

    @cached_property
    def institutions(self) -> list[InstitutionView]:
        by_institution: dict[str, list[DecisionView]] = {}
        for view in self.penalties + self.licenses:
            if view.listed and view.record.institution_id:
                by_institution.setdefault(view.record.institution_id, []).append(view)
        result = []
        for inst in sorted(self.catalog.institutions, key=lambda i: i.id):
            events = self.catalog.events_by_institution.get(inst.id, [])
            timeline = [(e, s) for e, s, _ in history.replay(e for e in events if e.date <= self.today)]
            result.append(InstitutionView(inst, self.catalog.state_on(inst.id, self.today), timeline,
                                          by_institution.get(inst.id, [])))
        return result

    @cached_property
    def officers_on_duty(self) -> dict[str, Any]:
        """Officers whose certificate is valid today, by certificate number (the only ones the site names)."""
        return {o.cert_no: o for o in self.catalog.officers if o.valid_until >= self.today}

    @cached_property
    def institutions_by_id(self) -> dict[str, InstitutionView]:
        return {v.record.id: v for v in self.institutions}

    @cached_property
    def withdrawn_from_view(self) -> frozenset[str]:
        """Numbers of decisions no longer public (publicity over, or credit repaired): not cited anywhere."""
        return frozenset(d.record.decision_no for d in self.penalties + self.licenses
                         if d.state in {EXPIRED, REPAIRED})

    def basis(self, doc_no: str | None) -> str | None:
        """A document number as the site may cite it: a decision that left the site is not named again."""
        if doc_no and doc_no in self.withdrawn_from_view:
            return "公示期已满的处罚决定"
        return doc_no

    def last_change(self, dates: list[date]) -> date | None:
        past = [d for d in dates if d <= self.today]
        return max(past) if past else None
