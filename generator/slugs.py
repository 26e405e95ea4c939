"""Stable ASCII URL slugs for decisions, derived from the decision number (year and serial)."""

from __future__ import annotations

import hashlib
import re

_YEAR = re.compile(r"[〔\[（(【]\s*((?:19|20)\d{2})\s*[〕\]）)】]")
_SERIAL = re.compile(r"(\d+)\s*号?\s*$")


def decision_slug(decision_no: str) -> str:
    """`汾教科罚决字〔2021〕第3号` -> `2021-003`; a number without that shape gets a stable hash slug."""
    year = _YEAR.search(decision_no)
    serial = _SERIAL.search(decision_no[year.end():] if year else "")
    if year and serial and len(serial.group(1)) <= 9:
        return f"{year.group(1)}-{int(serial.group(1)):03d}"
    return "d-" + hashlib.sha1(decision_no.encode("utf-8")).hexdigest()[:10]
