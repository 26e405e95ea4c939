"""Publicity rules: what is public on a given day (公示期, withdrawal, credit repair, licence expiry)."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from .schema.decisions import License, Penalty
from .schema.site import SiteConfig

PUBLIC, WITHDRAWN, EXPIRED, REPAIRED, PENDING = "public", "withdrawn", "expired", "repaired", "pending"


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    if year > date.max.year:  # a far-future date typed by mistake: publicity never ends, nothing overflows
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def publicity_end(decision: Any, site: SiteConfig | None) -> date | None:
    """Last day a decision stays public (None: no fixed end, e.g. a licence without expiry)."""
    if isinstance(decision, Penalty):
        months = site.months_for(decision.severity) if site else {"轻微": 3, "一般": 12, "严重": 36}[decision.severity]
        return add_months(decision.published_on, months)
    if isinstance(decision, License):
        return decision.valid_to
    return None


def visibility(decision: Any, site: SiteConfig | None, today: date) -> str:
    """PUBLIC, WITHDRAWN (notice only), EXPIRED, REPAIRED or PENDING, for one 双公示 decision."""
    if decision.published_on > today:
        return PENDING
    if decision.status not in {"有效"}:
        return WITHDRAWN
    if isinstance(decision, Penalty) and decision.repaired_on and decision.repaired_on <= today:
        return REPAIRED
    end = publicity_end(decision, site)
    if end is not None and end < today:
        return EXPIRED
    return PUBLIC


def mask_name(name: str) -> str:
    """Natural person's name as the site shows it by default: the surname, then one `*` per other character."""
    compound = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯", "司徒")
    surname = name[:2] if name[:2] in compound and len(name) > 2 else name[:1]
    return surname + "*" * (len(name) - len(surname))
