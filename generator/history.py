"""Institution history: replaying list and status events in date order into a state at any day."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from .schema.institutions import InstitutionEvent

WHITE, BLACK, UNLISTED = "白名单", "黑名单", "未列入"

#: Operating status an event leaves the institution in (list events leave it unchanged).
STATUS_AFTER: dict[str, str] = {
    "营转非登记": "已完成营转非登记",
    "注销公示": "注销公示中",
    "已注销": "已注销",
    "转型": "已转型",
    "剥离义务教育阶段培训": "已剥离义务教育阶段培训",
    "取缔": "已取缔",
}
_ENTERS = {"列入白名单": WHITE, "列入黑名单": BLACK}
_LEAVES = {"移出白名单": WHITE, "移出黑名单": BLACK}


@dataclass(frozen=True, slots=True)
class State:
    """Where an institution stands after some events."""

    listed: str = UNLISTED
    listed_since: date | None = None
    listed_reason: str | None = None
    listed_basis: str | None = None
    status: str | None = None
    status_since: date | None = None
    status_reason: str | None = None

    @property
    def deregistered(self) -> bool:
        return self.status == STATUS_AFTER["已注销"]


def ordered(events: Iterable[InstitutionEvent]) -> list[InstitutionEvent]:
    """Date order; events of the same day keep their order in the file."""
    return sorted(events, key=lambda e: e.date)


def step(state: State, event: InstitutionEvent) -> tuple[State, str | None]:
    """The state after one event, and why the event contradicts the state before it (None if it does not)."""
    kind = event.event
    if state.deregistered:
        return state, f"该机构已于 {state.status_since} 注销，其后不能再有「{kind}」等变动：请核对日期"
    if kind in _ENTERS:
        target = _ENTERS[kind]
        if state.listed == target:
            return state, f"该机构自 {state.listed_since} 起已在{target}上，不能重复列入"
        if state.listed != UNLISTED:
            return state, (f"该机构自 {state.listed_since} 起在{state.listed}上，不能同时列入{target}："
                           f"请先追加一行「移出{state.listed}」")
        return replace(state, listed=target, listed_since=event.date, listed_reason=event.reason,
                       listed_basis=event.basis_doc_no), None
    if kind in _LEAVES:
        target = _LEAVES[kind]
        if state.listed != target:
            return state, f"该机构当时不在{target}上（现为{state.listed}），不能「{kind}」"
        return replace(state, listed=UNLISTED, listed_since=event.date, listed_reason=event.reason,
                       listed_basis=event.basis_doc_no), None
    if kind == "取缔" and state.listed == WHITE:
        return state, "白名单上的机构不能直接取缔：请先追加一行「移出白名单」"
    return replace(state, status=STATUS_AFTER[kind], status_since=event.date, status_reason=event.reason), None


def replay(events: Iterable[InstitutionEvent]) -> Iterator[tuple[InstitutionEvent, State, str | None]]:
    """Each event in date order with the state after it and its contradiction, if any."""
    state = State()
    for event in ordered(events):
        state, conflict = step(state, event)
        yield event, state, conflict


def state_on(events: Iterable[InstitutionEvent], day: date) -> State:
    """The state at the end of `day` (contradicting events are skipped, as the validator reported them)."""
    state = State()
    for event in ordered(events):
        if event.date > day:
            break
        state, _ = step(state, event)
    return state
