"""What changed, for citizens: one record's revision history, read from git history (the /changes/ page: changes.py)."""

from __future__ import annotations

from typing import Any

#: What git can vouch for: the day a record entered this site's repository (not the day it was first published,
#: which for a decision is its 公示日期, and for older records may precede the site).
KIND_WORDS = {"added": "录入本站", "changed": "更正", "removed": "撤下"}

History = dict[str, dict[str, list[Any]]]


def revisions_of(histories: History, dataset: str, key: str) -> list[dict[str, Any]]:
    """One record's history, oldest first: date, what happened, and the Chinese names of changed fields."""
    return [{"date": c.date.date(), "what": KIND_WORDS[c.kind], "fields": [f.title for f in c.fields]}
            for c in histories.get(dataset, {}).get(key, [])]
