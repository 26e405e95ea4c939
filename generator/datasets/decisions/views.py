"""Registry stage: one 双公示 decision as the site presents it (its state of publicity, its page, its party as shown)
and the words for each way a decision stops standing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ...rules.publicity import PUBLIC, WITHDRAWN
from .kinds import DecisionKind, kind


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
UNKNOWN_ENDING = ("已失效", "已失效", "失效日期", "失效原因")


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
