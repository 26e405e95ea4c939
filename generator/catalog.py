"""The catalogue: validated records of every dataset, frozen, with the indexes pages and checks need."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from .model import Registry
from .read.files import Tree
from .read.load import Table
from .rules import liststate
from .schema.common import REVOKING, STANDING
from .schema.decisions import License, Penalty
from .schema.institutions import Institution, InstitutionEvent
from .schema.matters import Matter
from .schema.officers import Officer
from .schema.reports import Report
from .schema.site import SiteConfig


@dataclass(frozen=True, eq=False)
class Catalog:
    site: SiteConfig | None
    tables: dict[str, Table]
    reports: tuple[Report, ...] = ()
    today: date | None = None
    """The day the checks run for (deadlines that have passed); None: no deadline checks."""
    root: Path | None = None
    """The data tree read (files records point to, e.g. a policy's full text); None: such files are not checked."""
    history: Callable[[str], dict[str, list[Any]]] | None = None
    """Dataset name -> each record's versions in git (git.versions.record_versions), for the checks that need to
    know since when a value has been recorded; None: no history (an archive, an exported revision)."""
    registry: Registry = field(kw_only=True)
    """The families' declarations the records were read by: the stages learn every dataset from it."""
    tree: Tree | None = field(default=None, kw_only=True)  # root's one listing (read.files.Tree); None: list anew

    def records(self, name: str) -> list[Any]:
        return self.tables[name].records if name in self.tables else []

    def kept(self, name: str) -> bool:
        """Whether the bureau keeps dataset `name` (an optional file may be absent: then it states nothing)."""
        return name in self.tables and self.tables[name].kept

    def known(self, name: str, key: str) -> bool:
        """Whether `key` appears in dataset `name` (valid or not, so one bad row does not cascade)."""
        return name in self.tables and (self.tables[name].failed or key in self.tables[name].keys)

    @property
    def matters(self) -> list[Matter]:
        return self.records("enforcement_matters")

    @property
    def officers(self) -> list[Officer]:
        return self.records("enforcement_officers")

    @property
    def institutions(self) -> list[Institution]:
        return self.records("institutions")

    @property
    def events(self) -> list[InstitutionEvent]:
        return self.records("institution_events")

    @property
    def penalties(self) -> list[Penalty]:
        return self.records("penalties")

    @property
    def licenses(self) -> list[License]:
        return self.records("licenses")

    @cached_property
    def matters_by_code(self) -> dict[str, Matter]:
        return {m.code: m for m in self.matters}

    @cached_property
    def institution_by_uscc(self) -> dict[str, Institution]:
        """Institutions by credit code (the first of each; 个体工商户's shared placeholder code is no one's)."""
        found: dict[str, Institution] = {}
        for inst in self.institutions:
            if inst.uscc and inst.uscc != "00000000000000000X":
                found.setdefault(inst.uscc, inst)
        return found

    def institution_of(self, decision: Any) -> str | None:
        """The institution a decision is about: its 关联机构, else the institution with the party's credit code."""
        if decision.institution_id:
            return str(decision.institution_id)
        if decision.party_category == "自然人":  # has no credit code: one written there is refused, never followed
            return None
        inst = self.institution_by_uscc.get(decision.party_uscc or "")
        return inst.id if inst is not None else None

    @cached_property
    def institutions_by_id(self) -> dict[str, Institution]:
        return {i.id: i for i in self.institutions}

    @cached_property
    def events_by_institution(self) -> dict[str, list[InstitutionEvent]]:
        grouped: dict[str, list[InstitutionEvent]] = defaultdict(list)
        for event in self.events:
            grouped[event.institution_id].append(event)
        return {key: liststate.ordered(events) for key, events in grouped.items()}

    @cached_property
    def penalties_by_institution(self) -> dict[str, list[Penalty]]:
        return _group(self.penalties)

    @cached_property
    def licenses_by_institution(self) -> dict[str, list[License]]:
        return _group(self.licenses)

    @cached_property
    def revoking_penalties(self) -> list[Penalty]:
        """Standing penalties that revoke a licence (吊销许可证件), naming it in license_affected."""
        return [p for p in self.penalties
                if REVOKING in p.penalty_types and p.status == STANDING and p.license_affected]

    def state_on(self, institution_id: str, day: date) -> liststate.State:
        inst = self.institutions_by_id.get(institution_id)
        return liststate.state_on(self.events_by_institution.get(institution_id, ()), day,
                                inst.training_type if inst else None)

    def states_on(self, day: date) -> list[liststate.State]:
        """Every institution's state at the end of `day` (computed once per day: reports ask several times)."""
        self.prepare_states((day,))
        return self._states_cache[day]

    def prepare_states(self, days: Iterable[date]) -> None:
        """Compute every institution's state on each of `days` in one replay per institution (not one per day)."""
        wanted = sorted(set(days) - self._states_cache.keys())
        if not wanted:
            return
        columns: list[list[liststate.State]] = [[] for _ in wanted]
        for inst in self.institutions:
            events = self.events_by_institution.get(inst.id, ())
            state, n = liststate.start(inst.training_type), 0
            for i, day in enumerate(wanted):
                while n < len(events) and events[n].date <= day:
                    state, _ = liststate.step(state, events[n])
                    n += 1
                columns[i].append(state)
        self._states_cache.update(zip(wanted, columns, strict=True))

    @cached_property
    def _states_cache(self) -> dict[date, list[liststate.State]]:
        return {}


def _group(decisions: list[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for decision in decisions:
        if decision.institution_id:
            grouped[decision.institution_id].append(decision)
    return dict(grouped)
