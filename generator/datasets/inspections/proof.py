"""Rules of the draw's proof: what the record shows about when a plan's seed was fixed, and what its page may say.

A draw can be recomputed by anyone from its seed, but that alone proves only that seed and result agree: a seed
picked after trying several would agree too. What closes that gap is something published before the draw day: a
commitment (the seed's SHA-256), or a named public source whose value nobody knows until the draw. Whether it was
published before is read from git (catalog.history): the day each value reached the branch. A git date is what the
committer's clock said, so the page says what it proves and no more; a commit dated before one that precedes it
on the branch proves nothing at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ...memo import memo
from ...model import CatalogLike
from ...problems import Problem
from .codes import problem
from .draw import WEAK_DIGITS, commitment, seed_strength

Found = Iterator[Problem]

PLANS = "inspection_plans"
#: What decides a draw: changed on or after the draw day, the draw could have been steered (filling in a value left
#: empty is no change: the seed is filled in after the draw, and a late commitment is draw-published-late's case).
WATCHED = ("population", "sample_size", "draw_date", "seed_source", "seed_commitment", "seed")
BEIJING = timezone(timedelta(hours=8))
#: The bureau's words for the two ways of fixing a seed before the draw.
BASIS_WORDS = {"seed_commitment": "种子承诺值", "seed_source": "种子来源"}


@dataclass(frozen=True)
class Seen:
    """Since when a value has been recorded: the day (Beijing) of the commit that brought it, and that commit."""

    day: date
    commit: str
    in_order: bool = True
    """False: the commit is dated before one that precedes it on the branch (its date proves nothing)."""

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class Change:
    """A watched field changed on or after the draw day."""

    field: str
    day: date
    commit: str
    old: Any
    new: Any
    in_order: bool = True
    """False: the commit's date is out of order (likely set by hand), so the change cannot be placed before the draw."""


@dataclass(frozen=True)
class Timing:
    """What git shows about one plan: whether it is recorded at all, since when each field holds its value, and the
    watched fields changed on or after the draw day."""

    recorded: bool = False
    since: dict[str, Seen | None] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()


def _day(when: datetime) -> date:
    return when.astimezone(BEIJING).date()


def timing(plan: Any, versions: list[Any]) -> Timing:
    """The plan's timing from its versions (oldest first, as git.versions gives them)."""
    if not versions:
        return Timing()
    since = {name: _since(getattr(plan, name), name, versions) for name in WATCHED}
    changes = []
    for before, after in itertools.pairwise(versions):
        if before.record is None or after.record is None or after.when is None:
            continue
        day = _day(after.when)
        if day < min(before.record.draw_date, after.record.draw_date) and after.in_order:
            continue  # before the draw (a back-dated commit's day proves nothing: its change counts as after)
        changes += [Change(name, day, after.commit, getattr(before.record, name), getattr(after.record, name),
                           after.in_order)
                    for name in WATCHED if getattr(before.record, name) not in (None, getattr(after.record, name))]
    return Timing(True, since, tuple(changes))


def _since(value: Any, name: str, versions: list[Any]) -> Seen | None:
    """Since when `value` has stood in the field without a break; None when the last commit does not hold it (not
    committed yet) or it goes back to a shallow clone's first version (since an unknown day)."""
    oldest = None
    for version in reversed(versions):
        if version.record is None or getattr(version.record, name) != value:
            break
        oldest = version
    if oldest is None or oldest.when is None:
        return None
    return Seen(_day(oldest.when), oldest.commit, oldest.in_order)


def timings(catalog: CatalogLike) -> dict[str, Timing]:
    """Every plan's timing, by plan number (read from git once per catalogue; none without history)."""
    def make() -> dict[str, Timing]:
        versions = catalog.history(PLANS) if catalog.history is not None else {}
        return {p.plan_no: timing(p, versions.get(p.plan_no, [])) for p in catalog.records(PLANS)}
    return memo(catalog, "inspections:timings", make)


@dataclass(frozen=True)
class Proof:
    """What one plan's record proves about its draw."""

    plan: Any
    timing: Timing

    @property
    def basis(self) -> str | None:
        """The field that fixed the seed before the draw: of those given, one the record shows was there before the
        draw day, else the commitment, else the source; None when neither is given."""
        given = [name for name in BASIS_WORDS if getattr(self.plan, name)]
        return next((name for name in given if self._before_draw(self.timing.since.get(name))), next(iter(given), None))

    def _before_draw(self, seen: Seen | None) -> bool:
        return seen is not None and seen.in_order and seen.day < self.plan.draw_date

    @property
    def basis_seen(self) -> Seen | None:
        return self.timing.since.get(self.basis) if self.basis else None

    @property
    def early(self) -> bool:
        """The basis has stood in the record, under a commit date in order, since before the draw day."""
        return self._before_draw(self.basis_seen)

    @property
    def matches(self) -> bool | None:
        """Whether the seed is the one committed to (None: no seed or no commitment)."""
        p = self.plan
        return commitment(p.seed) == p.seed_commitment if p.seed and p.seed_commitment else None

    @property
    def seed_seen_early(self) -> Seen | None:
        """The seed was in the record before the draw day: anyone could compute the draw beforehand."""
        seen = self.timing.since.get("seed")
        return seen if self.plan.seed and self._before_draw(seen) else None

    @property
    def strength(self) -> float | None:
        return seed_strength(self.plan.seed, self.plan.draw_date) if self.plan.seed else None

    @property
    def weak(self) -> bool:
        return self.strength is not None and self.strength <= WEAK_DIGITS


def proof_of(catalog: CatalogLike, plan: Any) -> Proof:
    return Proof(plan, timings(catalog).get(plan.plan_no, Timing()))


# --- checks ----------------------------------------------------------------------------------------------------


def _label(plan: Any, name: str) -> str:
    return type(plan).label_of(name)


def plan_commitment(plan: Any, catalog: CatalogLike) -> Found:
    """A revealed seed is the one committed to: its SHA-256 equals the commitment."""
    if plan.seed and plan.seed_commitment and commitment(plan.seed) != plan.seed_commitment:
        yield problem("seed-commitment-mismatch", plan.where("seed"), "seed", (
            f"随机种子的 SHA-256 值（{commitment(plan.seed)[:12]}…）"
            f"与抽取前公布的种子承诺值（{plan.seed_commitment[:12]}…）不符：公布的种子不是当初承诺的那个。"
            "请核对种子是否抄错（多了空格、大小写不同）；不能改承诺值"))


def plan_seed_strength(plan: Any, catalog: CatalogLike) -> Found:
    """A seed with few possible values (or only a date) can be tried out value by value."""
    if not plan.seed:
        return
    strength = seed_strength(plan.seed, plan.draw_date)
    if strength <= WEAK_DIGITS:
        what = "只是日期" if strength == 0 else f"（抽取日期不计）只有约 {_values(strength)} 种可能的取值"
        yield problem("weak-seed", plan.where("seed"), "seed", (
            f"随机种子{what}：很容易逐一试算，承诺值也挡不住别人提前算出种子。以后的计划请用更长的种子"
            "（例如 32 位十六进制随机数，或位数更多的开奖号码）"))


def _values(strength: float) -> str:
    return f"{round(10 ** strength):,}"


def plan_evidence(plan: Any, catalog: CatalogLike) -> Found:
    """The seed was fixed before the draw, as the record shows: a commitment or source recorded before the draw day,
    nothing that decides the draw changed on or after it, the seed itself not recorded before it."""
    proof = proof_of(catalog, plan)
    if plan.seed and proof.basis is None:
        yield problem("draw-unverifiable", plan.where("seed"), "seed", (
            "这个计划没有在抽取前公布的「种子承诺值」或「种子来源」：任何人都能复算抽中的机构，但没有办法证明种子不是"
            "在抽取后挑选的。以后的计划请在抽取日之前填写并提交其中一项，抽取后再填写种子"))
    yield from _late_basis(plan, proof)
    yield from _changed_after(plan, proof)
    yield from _seed_early(plan, proof, catalog.today)


def _late_basis(plan: Any, proof: Proof) -> Found:
    seen = proof.basis_seen
    if proof.basis is None or seen is None or proof.early:
        return  # nothing to judge by (no git, not committed yet, a shallow clone) or proven early
    why = (f"提交 {seen.short} 的日期 {seen.day} 早于它之前的提交，日期可能被改动过" if not seen.in_order
           else f"本站 git 记录中它最早出现于 {seen.day}（提交 {seen.short}），不早于抽取日 {plan.draw_date}")
    yield problem("draw-published-late", plan.where(proof.basis), proof.basis, (
        f"不能证明「{_label(plan, proof.basis)}」是在抽取前公布的：{why}。计划页面会如实说明；"
        "以后的计划请在抽取日之前提交"))


def _changed_after(plan: Any, proof: Proof) -> Found:
    for change in proof.timing.changes:
        dated = "" if change.in_order else "，这个提交的日期早于它之前的提交，可能被改动过"
        yield problem("plan-changed-after-draw", plan.where(change.field), change.field, (
            f"「{_label(plan, change.field)}」在抽取日当天或之后被修改过（{change.day}，"
            f"提交 {change.commit[:7]}{dated}：「{_shown(change.old)}」改为「{_shown(change.new)}」）："
            "抽取后改动抽取范围、数量、日期或种子及其来源、承诺值，可能改变抽中的机构。计划页面会如实显示这次修改；"
            "确需更正的，请在备注中写明原因"))


def _seed_early(plan: Any, proof: Proof, today: date | None) -> Found:
    early = proof.seed_seen_early
    if early is None and not (plan.seed and today is not None and today < plan.draw_date):
        return
    when = f"本站 git 记录中它在 {early.day}（提交 {early.short}）已经出现" if early else f"今天（{today}）还没到抽取日"
    yield problem("seed-before-draw", plan.where("seed"), "seed", (
        f"随机种子在抽取日 {plan.draw_date} 之前已经写入：{when}，抽取前任何人都能算出抽中的机构。"
        "种子应在抽取后才填写"))


def _shown(value: Any) -> str:
    if value is None:
        return "（空）"
    text = str(value)
    return text if len(text) <= 20 else text[:18] + "…"


PLAN_CHECKS = (plan_commitment, plan_seed_strength, plan_evidence)
