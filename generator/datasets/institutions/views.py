"""Registry stage: one institution as the site presents it (its state today, its timeline, the decisions about it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..decisions.views import DecisionView
from . import liststate


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
