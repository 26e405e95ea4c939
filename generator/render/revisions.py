"""What changed, for citizens: one record's revision history, read from git history (the /changes/ page: changes.py)."""

from __future__ import annotations

from typing import Any

#: What git can vouch for: the day a record entered this site's repository (not the day it was first published,
#: which for a decision is its 公示日期, and for older records may precede the site).
KIND_WORDS = {"added": "录入本站", "changed": "更正", "removed": "撤下"}
#: A change that only filled fields left empty before (a column the bureau started keeping, e.g. the legal review
#: of older penalties) adds to the record; it corrects nothing, and says so.
SUPPLEMENTED = "补充"


def word_of(change: Any) -> str:
    """What a change did, in the words a citizen reads: a change filling only empty fields is 补充, not 更正."""
    if change.kind == "changed" and change.fields and all(f.old in (None, "") for f in change.fields):
        return SUPPLEMENTED
    return KIND_WORDS[change.kind]

History = dict[str, dict[str, list[Any]]]


def revisions_of(histories: History, dataset: str, key: str) -> list[dict[str, Any]]:
    """One record's history, oldest first: date, what happened, and the Chinese names of changed fields."""
    return [{"date": c.date.date(), "what": word_of(c), "fields": [f.title for f in c.fields]}
            for c in histories.get(dataset, {}).get(key, [])]
