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


_PLAN_TAIL = re.compile(r"\s*第?\s*(\d{1,4})\s*号?\s*(?:[-－—–]\s*(\d{1,4}))?\s*")


def _plan_parts(number: str) -> tuple[str, int, int | None] | None:
    """(year, plan serial, task serial or None) of `汾教双随机〔2025〕1号` or `汾教双随机〔2025〕1号-03`."""
    year = _YEAR.search(number)
    tail = _PLAN_TAIL.fullmatch(number[year.end():]) if year else None
    if not year or not tail:
        return None
    return year.group(1), int(tail.group(1)), int(tail.group(2)) if tail.group(2) else None


def plan_slug(plan_no: str) -> str:
    """`汾教双随机〔2025〕1号` -> `2025-1`; another shape gets a stable hash slug."""
    parts = _plan_parts(plan_no)
    if parts and parts[2] is None:
        return f"{parts[0]}-{parts[1]}"
    return "p-" + hashlib.sha1(plan_no.encode("utf-8")).hexdigest()[:10]


def inspection_slug(task_no: str) -> str:
    """`汾教双随机〔2025〕1号-03` -> `2025-1-03`; another shape gets a stable hash slug."""
    parts = _plan_parts(task_no)
    if parts and parts[2] is not None:
        return f"{parts[0]}-{parts[1]}-{parts[2]:02d}"
    return "t-" + hashlib.sha1(task_no.encode("utf-8")).hexdigest()[:10]
