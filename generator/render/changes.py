"""Render stage: the /changes/ page's rows, every change of every public record from git history, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..datasets import BY_NAME
from .publications import PUBLICATIONS
from .revisions import KIND_WORDS, History
from .views import PublicView

CHANGES_LIMIT = 500


def change_rows(view: PublicView, histories: History) -> list[dict[str, Any]]:
    """Every change of every public record, newest first; records that left the site are not named."""
    rows = [row for name in PUBLICATIONS for row in _rows(view, name, histories.get(name, {}))]
    rows.sort(key=lambda r: (r["date"], r["order"]), reverse=True)
    return rows[:CHANGES_LIMIT]


def _rows(view: PublicView, name: str, history: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    title = BY_NAME[name].title
    describe = PUBLICATIONS[name].describe
    for key, changes in history.items():
        label, url = describe(view, key)
        for change in changes:
            public = label is not None and change.kind != "removed"
            yield {"date": change.date.date(), "order": change.date.isoformat() + name + key, "dataset": title,
                   "label": label if public else "（已撤下的记录）", "url": url if public else None,
                   "what": KIND_WORDS[change.kind], "fields": [f.title for f in change.fields]}
