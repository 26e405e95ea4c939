"""What changed, for citizens: each record's revision history and the /changes/ page, read from git history."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..datasets import BY_NAME
from ..publicity import PUBLIC, WITHDRAWN
from .views import PublicView

KIND_WORDS = {"added": "首次公开", "changed": "更正", "removed": "撤下"}
#: Datasets whose git history is read; the other files have no per-record pages or changes worth listing.
HISTORY_DATASETS = ("institutions", "institution_events", "penalties", "licenses", "enforcement_matters",
                    "enforcement_officers")
CHANGES_LIMIT = 500

History = dict[str, dict[str, list[Any]]]


def revisions_of(histories: History, dataset: str, key: str) -> list[dict[str, Any]]:
    """One record's history, oldest first: date, what happened, and the Chinese names of changed fields."""
    return [{"date": c.date.date(), "what": KIND_WORDS[c.kind], "fields": [f.title for f in c.fields]}
            for c in histories.get(dataset, {}).get(key, [])]


def change_rows(view: PublicView, histories: History) -> list[dict[str, Any]]:
    """Every change of every public record, newest first; records that left the site are not named."""
    rows = [row for name in HISTORY_DATASETS for row in _rows(view, name, histories.get(name, {}))]
    rows.sort(key=lambda r: (r["date"], r["order"]), reverse=True)
    return rows[:CHANGES_LIMIT]


def _rows(view: PublicView, name: str, history: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    title = BY_NAME[name].title
    for key, changes in history.items():
        label, url = _describe(view, name, key)
        for change in changes:
            public = label is not None and change.kind != "removed"
            yield {"date": change.date.date(), "order": change.date.isoformat() + name + key, "dataset": title,
                   "label": label if public else "（已撤下的记录）", "url": url if public else None,
                   "what": KIND_WORDS[change.kind], "fields": [f.title for f in change.fields]}


def _describe(view: PublicView, name: str, key: str) -> tuple[str | None, str | None]:
    """How the site may name a record and where it links (None: it may not be named)."""
    if name in ("penalties", "licenses"):
        decision = view.decision_by_number(name).get(key)
        if decision is None or decision.state not in {PUBLIC, WITHDRAWN}:
            return None, None
        return key, decision.url
    if name == "institutions":
        inst = view.institutions_by_id.get(key)
        return (inst.record.name, inst.url) if inst else (None, None)
    if name == "institution_events":
        institution_id, _, rest = key.partition(" ")
        inst = view.institutions_by_id.get(institution_id)
        return (f"{inst.record.name} {rest}", inst.url) if inst else (None, None)
    if name == "enforcement_matters":
        matter = view.catalog.matters_by_code.get(key)
        return (f"{matter.code} {matter.name}", f"matters/#{matter.code.lower()}") if matter else (None, None)
    officer = view.officers_on_duty.get(key)
    return (f"{officer.name}（{officer.cert_no}）", "officers/") if officer else (None, None)
