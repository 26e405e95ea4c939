"""Cells of public rows as CSV text and JSON values (which rows are public: each publication's rows, datasets/)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any


def cell(value: Any) -> str:
    """One value as CSV text (lists `;`-joined, basis entries as 《law》article)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "".join(cell(v) for v in value.values() if v)
    return str(value)


def json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value
