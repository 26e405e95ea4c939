"""Public rows: each dataset's records as they may be published on one day (filtered, masked, derived columns)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from .views import PublicView

#: Derived columns appended to a dataset's own columns: name -> (Chinese title, frictionless type).
DERIVED: dict[str, dict[str, tuple[str, str]]] = {
    "institutions": {"current_list": ("当前名单", "string"), "list_since": ("列入或移出名单日期", "date"),
                     "current_status": ("当前状态", "string")},
    "penalties": {"publicity_ends_on": ("公示截止日期", "date")},
}


def public_rows(view: PublicView, name: str) -> Iterator[dict[str, Any]]:
    """Rows of dataset `name` that are public on view.today, as plain values keyed by column."""
    today = view.today
    if name in ("penalties", "licenses"):
        for d in sorted(view.decisions(name), key=lambda d: d.record.decision_no):
            if d.listed:
                row = d.record.model_dump()
                row["party_name"] = d.party
                if name == "penalties":
                    row["publicity_ends_on"] = d.ends_on
                yield row
    elif name == "institutions":
        for inst in view.institutions:
            row = inst.record.model_dump()
            row.update(current_list=inst.state.listed, list_since=inst.state.listed_since,
                       current_status=inst.state.status)
            yield row
    elif name == "enforcement_officers":
        yield from (o.model_dump() for o in view.officers_on_duty.values())
    elif name == "institution_events":
        for event in view.catalog.events:
            if event.date <= today:
                yield {**event.model_dump(), "basis_doc_no": view.basis(event.basis_doc_no)}
    else:
        yield from (r.model_dump() for r in view.catalog.records(name))


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
