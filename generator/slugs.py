"""Stable ASCII URL slugs for decisions and policy documents, derived from the document number (year and serial)."""

from __future__ import annotations

import hashlib
import re

_YEAR = re.compile(r"[〔\[（(【]\s*((?:19|20)\d{2})\s*[〕\]）)】]")
_SERIAL = re.compile(r"(\d+)\s*号?\s*$")


def _number_slug(number: str, fallback: str) -> str:
    year = _YEAR.search(number)
    serial = _SERIAL.search(number[year.end():] if year else "")
    if year and serial and len(serial.group(1)) <= 9:
        return f"{year.group(1)}-{int(serial.group(1)):03d}"
    return f"{fallback}-" + hashlib.sha1(number.encode("utf-8")).hexdigest()[:10]


def decision_slug(decision_no: str) -> str:
    """`汾教科罚决字〔2021〕第3号` -> `2021-003`; a number without that shape gets a stable hash slug."""
    return _number_slug(decision_no, "d")


def policy_slug(doc_no: str) -> str:
    """`汾教科发〔2021〕12号` -> `2021-012`; a number without that shape gets a stable hash slug (`p-…`)."""
    return _number_slug(doc_no, "p")
