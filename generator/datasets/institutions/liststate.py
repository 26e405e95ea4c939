"""Institution state: replaying list and status events in date order into one derived truth at any day.

An institution's state has four parts a parent reads together: its list (白名单 / 黑名单 / 未列入), its operating
status, its current training category, and whether its school licence stands. Each event changes some parts and
is refused (with the reason) when the state before it would make the result contradict itself: see EFFECTS.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import date
from itertools import repeat
from operator import attrgetter

from .model import InstitutionEvent

WHITE, BLACK, UNLISTED = "白名单", "黑名单", "未列入"
SUBJECT, NON_SUBJECT = "学科类", "非学科类"

BANNED, DEREGISTERED, IN_DEREGISTRATION, REVOKED = "已取缔", "已注销", "注销公示中", "办学许可证已吊销"
REVOKE, RELICENSE = "吊销办学许可证", "重新取得办学许可"

#: Operating status an event leaves the institution in (list events leave it unchanged; None: 正常).
STATUS_AFTER: dict[str, str | None] = {
    "营转非登记": "已完成营转非登记",
    "注销公示": IN_DEREGISTRATION,
    "已注销": DEREGISTERED,
    "转型": "已转型",
    "剥离义务教育阶段培训": "已剥离义务教育阶段培训",
    "取缔": BANNED,
    REVOKE: REVOKED,
    RELICENSE: None,
}
#: Statuses in which the institution may not train: it cannot be on the white list while in one.
CLOSED = frozenset({BANNED, DEREGISTERED, IN_DEREGISTRATION, REVOKED})
#: Events that only a 学科类 institution can have (the 双减 reforms of subject tutoring).
SUBJECT_ONLY = frozenset({"营转非登记", "转型", "剥离义务教育阶段培训"})
#: Events that cannot follow a closed status (an institution that may not train cannot reform its training).
NOT_WHEN_CLOSED = SUBJECT_ONLY | {"注销公示"}
_ENTERS = {"列入白名单": WHITE, "列入黑名单": BLACK}
_LEAVES = {"移出白名单": WHITE, "移出黑名单": BLACK}

#: What each event does to each part of the state, for the staff guide (the code below is the rule).
EFFECTS: tuple[tuple[str, str], ...] = (
    ("列入白名单", "名单 → 白名单。须当时未列入任何名单，且未被取缔、吊销办学许可证、注销或处于注销公示中。"),
    ("移出白名单", "名单 → 未列入。须当时在白名单上。"),
    ("列入黑名单", "名单 → 黑名单。须当时未列入任何名单（白名单机构须先移出白名单）。"),
    ("移出黑名单", "名单 → 未列入。须当时在黑名单上。"),
    ("营转非登记", "状态 → 已完成营转非登记。只适用于学科类机构；已取缔、已吊销或注销中的机构不能再有。"),
    ("注销公示", "状态 → 注销公示中。白名单机构须先移出白名单。"),
    ("已注销", "状态 → 已注销，此后不能再有任何变动。白名单机构须先移出白名单。"),
    ("转型", "状态 → 已转型；培训类别 → 非学科类。只适用于学科类机构。"),
    ("剥离义务教育阶段培训", "状态 → 已剥离义务教育阶段培训。只适用于学科类机构。"),
    ("取缔", "状态 → 已取缔。白名单机构须先移出白名单。可以再次取缔（取缔后又擅自办学）。"),
    (REVOKE, "状态 → 办学许可证已吊销；办学许可证不再有效。依据文号填作出吊销的行政处罚决定书文号；"
             "白名单机构须先移出白名单。"),
    (RELICENSE, "状态 → 正常；办学许可证重新有效（取缔或吊销之后依法重新取得许可时使用）。"
                "依据文号填行政许可决定书文号；黑名单机构须先移出黑名单。"),
)


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
    status_basis: str | None = None
    category: str = SUBJECT
    """Training category now (the registered one until a 转型)."""
    category_since: date | None = None
    """Date of the 转型 that set the category (None: as registered)."""
    licence_revoked_on: date | None = None
    licence_revoked_by: str | None = None
    """Number of the penalty decision that revoked the school licence."""

    @property
    def deregistered(self) -> bool:
        return self.status == DEREGISTERED

    @property
    def closed(self) -> bool:
        """The institution may not train (banned, licence revoked, deregistered or being deregistered)."""
        return self.status in CLOSED


_FIELD_NAMES = tuple(f.name for f in fields(State))
_VALUES = attrgetter(*_FIELD_NAMES)
_PLACE = {name: i for i, name in enumerate(_FIELD_NAMES)}


def replace(state: State, **changes: object) -> State:
    """A copy of `state` with `changes`. This runs per event, several times per validation: the fields are read and
    set by C loops, as State's own __init__ sets them (object.__setattr__, past the frozen guard), not one by one
    in Python (dataclasses.replace, or State(**values), is several times slower)."""
    values = list(_VALUES(state))
    for name, value in changes.items():
        values[_PLACE[name]] = value
    copy = object.__new__(State)
    deque(map(object.__setattr__, repeat(copy), _FIELD_NAMES, values), maxlen=0)
    return copy


def ordered(events: Iterable[InstitutionEvent]) -> list[InstitutionEvent]:
    """Date order; events of the same day keep their order in the file."""
    return sorted(events, key=lambda e: e.date)


def _list_step(state: State, event: InstitutionEvent) -> tuple[State, str | None]:
    kind = event.event
    if kind in _ENTERS:
        target = _ENTERS[kind]
        if state.listed == target:
            return state, f"该机构自 {state.listed_since} 起已在{target}上，不能重复列入"
        if state.listed != UNLISTED:
            return state, (f"该机构自 {state.listed_since} 起在{state.listed}上，不能同时列入{target}："
                           f"请先追加一行「移出{state.listed}」")
        if target == WHITE and state.closed:
            return state, (f"该机构自 {state.status_since} 起「{state.status}」，不能列入白名单："
                           f"如已依法重新取得办学许可，请先追加一行「{RELICENSE}」（依据文号填许可决定书文号）")
    else:
        target = _LEAVES[kind]
        if state.listed != target:
            return state, f"该机构当时不在{target}上（现为{state.listed}），不能「{kind}」"
    listed = _ENTERS.get(kind, UNLISTED)
    return replace(state, listed=listed, listed_since=event.date, listed_reason=event.reason,
                   listed_basis=event.basis_doc_no), None


def _status_conflict(state: State, kind: str) -> str | None:
    if kind in SUBJECT_ONLY and state.category != SUBJECT:
        since = f"自 {state.category_since} 转型后" if state.category_since else "登记"
        return f"「{kind}」只适用于学科类机构，该机构{since}为{state.category}：请核对机构或事项"
    if kind in NOT_WHEN_CLOSED and state.closed:
        return f"该机构自 {state.status_since} 起「{state.status}」，不能再「{kind}」：请核对日期和事项"
    if state.listed == WHITE and kind in {"注销公示", "已注销", "取缔", REVOKE}:
        return f"白名单上的机构不能直接「{kind}」：请先追加一行「移出白名单」（同一天也可以，写在前面）"
    if kind == RELICENSE:
        if state.listed == BLACK:
            return f"黑名单上的机构不能直接「{kind}」：请先追加一行「移出黑名单」"
        if state.status == IN_DEREGISTRATION:
            return f"该机构自 {state.status_since} 起注销公示中，不能「{kind}」"
    return None


def step(state: State, event: InstitutionEvent) -> tuple[State, str | None]:
    """The state after one event, and why the event contradicts the state before it (None if it does not)."""
    kind = event.event
    if state.deregistered:
        return state, f"该机构已于 {state.status_since} 注销，其后不能再有「{kind}」等变动：请核对日期"
    if kind in _ENTERS or kind in _LEAVES:
        return _list_step(state, event)
    conflict = _status_conflict(state, kind)
    if conflict:
        return state, conflict
    also: dict[str, object] = {}
    if kind == "转型":
        also = {"category": NON_SUBJECT, "category_since": event.date}
    elif kind == REVOKE:
        also = {"licence_revoked_on": event.date, "licence_revoked_by": event.basis_doc_no}
    elif kind == RELICENSE:
        also = {"licence_revoked_on": None, "licence_revoked_by": None}
    return replace(state, status=STATUS_AFTER[kind], status_since=event.date, status_reason=event.reason,
                   status_basis=event.basis_doc_no, **also), None


def start(category: str | None) -> State:
    """The state before any event: unlisted, operating, in its registered category. States are immutable: each
    category's is made once and shared (the states on a day of the institutions without events before it are most
    of a day's states)."""
    key = category or SUBJECT
    found = _STARTS.get(key)
    if found is None:
        found = State(category=key)
        if len(_STARTS) < 64:  # the categories (a handful); any other text is not kept
            _STARTS[key] = found
    return found


_STARTS: dict[str, State] = {}


def replay(events: Iterable[InstitutionEvent], category: str | None = None
           ) -> Iterator[tuple[InstitutionEvent, State, str | None]]:
    """Each event in date order with the state after it and its contradiction, if any."""
    state = start(category)
    for event in ordered(events):
        state, conflict = step(state, event)
        yield event, state, conflict


def state_on(events: Iterable[InstitutionEvent], day: date, category: str | None = None) -> State:
    """The state at the end of `day` (contradicting events are skipped, as the validator reported them)."""
    state = start(category)
    for event in ordered(events):
        if event.date > day:
            break
        state, _ = step(state, event)
    return state
