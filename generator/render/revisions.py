"""What changed, for citizens: each record's revision history and the /changes/ page, read from git history."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .views import PublicView

#: What git can vouch for: the day a record entered this site's repository (not the day it was first published,
#: which for a decision is its 公示日期, and for older records may precede the site).
KIND_WORDS = {"added": "录入本站", "changed": "更正", "removed": "撤下"}
CHANGES_LIMIT = 500

History = dict[str, dict[str, list[Any]]]


def revisions_of(histories: History, dataset: str, key: str) -> list[dict[str, Any]]:
    """One record's history, oldest first: date, what happened, and the Chinese names of changed fields."""
    return [{"date": c.date.date(), "what": KIND_WORDS[c.kind], "fields": [f.title for f in c.fields]}
            for c in histories.get(dataset, {}).get(key, [])]


def change_rows(view: PublicView, histories: History) -> list[dict[str, Any]]:
    """Every change of every public record, newest first; records that left the site are not named."""
    from .publications import PUBLICATIONS  # the families' record pages show revisions: import the registry late

    rows = [row for name in PUBLICATIONS for row in _rows(view, name, histories.get(name, {}))]
    rows.sort(key=lambda r: (r["date"], r["order"]), reverse=True)
    return rows[:CHANGES_LIMIT]


def _rows(view: PublicView, name: str, history: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    from ..datasets import BY_NAME
    from .publications import PUBLICATIONS

    title = BY_NAME[name].title
    describe = PUBLICATIONS[name].describe
    for key, changes in history.items():
        label, url = describe(view, key)
        for change in changes:
            public = label is not None and change.kind != "removed"
            yield {"date": change.date.date(), "order": change.date.isoformat() + name + key, "dataset": title,
                   "label": label if public else "（已撤下的记录）", "url": url if public else None,
                   "what": KIND_WORDS[change.kind], "fields": [f.title for f in change.fields]}
