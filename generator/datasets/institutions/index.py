"""Registry stage: the institution family's lookups over a catalogue (records by id and credit code, events per
institution, every institution's derived state on a day), each computed once per catalogue (memo)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ...memo import memo
from ...model import CatalogLike
from ...schema.identifiers import USCC_PLACEHOLDER
from . import liststate
from .model import Institution, InstitutionEvent

#: Dataset names (the catalogue's keys; generator/datasets/institutions/__init__.py declares them).
INSTITUTIONS, EVENTS = "institutions", "institution_events"


def institutions(catalog: CatalogLike) -> list[Institution]:
    found: list[Institution] = catalog.records(INSTITUTIONS)
    return found


def events(catalog: CatalogLike) -> list[InstitutionEvent]:
    found: list[InstitutionEvent] = catalog.records(EVENTS)
    return found


def by_id(catalog: CatalogLike) -> dict[str, Institution]:
    return memo(catalog, "institutions:by-id", lambda: {i.id: i for i in institutions(catalog)})


def by_uscc(catalog: CatalogLike) -> dict[str, Institution]:
    """Institutions by credit code (the first of each; 个体工商户's shared placeholder code is no one's)."""
    def make() -> dict[str, Institution]:
        found: dict[str, Institution] = {}
        for inst in institutions(catalog):
            if inst.uscc and inst.uscc != USCC_PLACEHOLDER:
                found.setdefault(inst.uscc, inst)
        return found
    return memo(catalog, "institutions:by-uscc", make)


def institution_of(catalog: CatalogLike, decision: Any) -> str | None:
    """The institution a decision is about: its 关联机构, else the institution with the party's credit code."""
    if decision.institution_id:
        return str(decision.institution_id)
    if decision.party_category == "自然人":  # has no credit code: one written there is refused, never followed
        return None
    inst = by_uscc(catalog).get(decision.party_uscc or "")
    return inst.id if inst is not None else None


def events_by_institution(catalog: CatalogLike) -> dict[str, list[InstitutionEvent]]:
    def make() -> dict[str, list[InstitutionEvent]]:
        grouped: dict[str, list[InstitutionEvent]] = defaultdict(list)
        for event in events(catalog):
            grouped[event.institution_id].append(event)
        return {key: liststate.ordered(found) for key, found in grouped.items()}
    return memo(catalog, "institutions:events", make)


def replays(catalog: CatalogLike) -> dict[str, list[tuple[InstitutionEvent, liststate.State, str | None]]]:
    """Each institution's events (by institution id, as events_by_institution) replayed once per catalogue: each
    event in date order with the state after it and its contradiction (liststate.replay). The list checks and the
    states on every day asked read them, instead of replaying every institution each time."""
    def make() -> dict[str, list[tuple[InstitutionEvent, liststate.State, str | None]]]:
        known = by_id(catalog)
        return {key: list(liststate.replay(found, inst.training_type if (inst := known.get(key)) else None))
                for key, found in events_by_institution(catalog).items()}
    return memo(catalog, "institutions:replays", make)


def state_on(catalog: CatalogLike, institution_id: str, day: date) -> liststate.State:
    inst = by_id(catalog).get(institution_id)
    return liststate.state_on(events_by_institution(catalog).get(institution_id, ()), day,
                              inst.training_type if inst else None)


def states_on(catalog: CatalogLike, day: date) -> list[liststate.State]:
    """Every institution's state at the end of `day`, in file order (computed once per day: reports ask several
    times)."""
    prepare_states(catalog, (day,))
    return _states(catalog)[day]


def prepare_states(catalog: CatalogLike, days: Iterable[date]) -> None:
    """Compute every institution's state on each of `days`, read from its one replay (not one per day or call)."""
    cache = _states(catalog)
    wanted = sorted(set(days) - cache.keys())
    if not wanted:
        return
    columns: list[list[liststate.State]] = [[] for _ in wanted]
    timelines = replays(catalog)
    for inst in institutions(catalog):
        found: Sequence[tuple[InstitutionEvent, liststate.State, str | None]] = timelines.get(inst.id, ())
        state, n = liststate.start(inst.training_type), 0
        for i, day in enumerate(wanted):
            while n < len(found) and found[n][0].date <= day:
                state = found[n][1]
                n += 1
            columns[i].append(state)
    cache.update(zip(wanted, columns, strict=True))


def _states(catalog: CatalogLike) -> dict[date, list[liststate.State]]:
    return memo(catalog, "institutions:states", dict)
