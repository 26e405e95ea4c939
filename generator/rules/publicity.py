"""Publicity rules: what is public on a given day (公示期, withdrawal, credit repair, licence expiry).

Each decision kind's own rule (how long it stays public) is data on its kind in generator/datasets/decisions/.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from ..schema.common import STANDING
from ..schema.site import SiteConfig

PUBLIC, WITHDRAWN, EXPIRED, REPAIRED, PENDING = "public", "withdrawn", "expired", "repaired", "pending"


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    if year > date.max.year:  # a far-future date typed by mistake: publicity never ends, nothing overflows
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def publicity_end(decision: Any, site: SiteConfig | None) -> date | None:
    """Last day a decision stays public (None: no fixed end, e.g. a licence without expiry)."""
    from ..datasets.decisions import kind_of  # the registry's kinds use add_months: import late

    return kind_of(decision).publicity_end(decision, site)


def visibility(decision: Any, site: SiteConfig | None, today: date) -> str:
    """PUBLIC, WITHDRAWN (notice only), EXPIRED, REPAIRED or PENDING, for one 双公示 decision."""
    from ..datasets.decisions import kind_of

    kind = kind_of(decision)
    if decision.published_on > today:
        return PENDING
    if decision.status != STANDING:
        return WITHDRAWN
    if kind.credit_repair and decision.repaired_on and decision.repaired_on <= today:
        return REPAIRED
    end = kind.publicity_end(decision, site)
    if end is not None and end < today:
        return EXPIRED
    return PUBLIC


def mask_name(name: str) -> str:
    """Natural person's name as the site shows it by default: the surname, then one `*` per other character."""
    compound = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯", "司徒")
    surname = name[:2] if name[:2] in compound and len(name) > 2 else name[:1]
    return surname + "*" * (len(name) - len(surname))
