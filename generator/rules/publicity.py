"""Publicity rules: what is public on a given day (公示期, withdrawal, credit repair, licence expiry).

Each decision model's own rule says how long it stays public (publicity_end, CREDIT_REPAIR in
datasets/decisions/model.py): a decision-like record of any family is ruled here through them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..schema.common import STANDING, add_months

__all__ = ["EXPIRED", "PENDING", "PUBLIC", "REPAIRED", "WITHDRAWN", "add_months", "mask_name", "publicity_end",
           "visibility"]
from ..schema.site import SiteConfig

PUBLIC, WITHDRAWN, EXPIRED, REPAIRED, PENDING = "public", "withdrawn", "expired", "repaired", "pending"


def publicity_end(decision: Any, site: SiteConfig | None) -> date | None:
    """Last day a decision stays public (None: no fixed end, e.g. a licence without expiry): its model's rule."""
    return decision.publicity_end(site)  # type: ignore[no-any-return]


def visibility(decision: Any, site: SiteConfig | None, today: date) -> str:
    """PUBLIC, WITHDRAWN (notice only), EXPIRED, REPAIRED or PENDING, for one 双公示 decision."""
    if decision.published_on > today:
        return PENDING
    if decision.status != STANDING:
        return WITHDRAWN
    if decision.CREDIT_REPAIR and decision.repaired_on and decision.repaired_on <= today:
        return REPAIRED
    end = decision.publicity_end(site)
    if end is not None and end < today:
        return EXPIRED
    return PUBLIC


def mask_name(name: str) -> str:
    """Natural person's name as the site shows it by default: the surname, then one `*` per other character."""
    compound = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯", "司徒")
    surname = name[:2] if name[:2] in compound and len(name) > 2 else name[:1]
    return surname + "*" * (len(name) - len(surname))
