"""Render stage: the /changes/ pages' rows: every change of every record from git history, and what the families
give from the data (each decision's withdrawal, end of publicity and credit repair), newest first; one page per
type of change."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..memo import memo
from ..model import View
from .revisions import History, word_of

CHANGES_LIMIT = 500

#: The pages of /changes/: (folder under changes/, heading word). "" is every change.
TYPES: tuple[tuple[str, str], ...] = (("", "全部"), ("added", "新录入"), ("corrected", "更正与补充"),
                                      ("withdrawn", "撤销、撤回与撤下"), ("expired", "公示期满与信用修复"))
_GIT_TYPES = {"added": "added", "changed": "corrected", "removed": "withdrawn"}


def change_rows(view: View, histories: History, kind: str = "") -> list[dict[str, Any]]:
    """The newest CHANGES_LIMIT changes of type `kind` ("" for all), newest first."""
    rows = [row for row in all_rows(view, histories) if not kind or row["type"] == kind]
    return rows[:CHANGES_LIMIT]


def all_rows(view: View, histories: History) -> list[dict[str, Any]]:
    """Every change, newest first (kept on the view: each of the pages reads it)."""
    def rows() -> list[dict[str, Any]]:
        found = [row for name in view.catalog.registry.publication
                 for row in _rows(view, name, histories.get(name, {}))]
        found += _endings(view)
        found.sort(key=lambda r: (r["date"], r["order"]), reverse=True)
        return found
    return memo(view, "change_rows", rows)


def _rows(view: View, name: str, history: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    title = view.catalog.registry.by_name[name].title
    describe = view.catalog.registry.publication[name].describe
    for key, changes in history.items():
        label, url = describe(view, key)
        for change in changes:
            public = label is not None and change.kind != "removed"
            yield {"date": change.date.date(), "order": change.date.isoformat() + name + key, "dataset": title,
                   "label": label if public else "（已撤下的记录）", "url": url if public else None,
                   "type": _GIT_TYPES[change.kind], "what": word_of(change),
                   "fields": [f.title for f in change.fields], "reason": None}


def _endings(view: View) -> Iterator[dict[str, Any]]:
    """Rows the families give from the data (a decision's withdrawal, end of publicity, credit repair), each under
    its dataset's title."""
    registry = view.catalog.registry
    for publication in registry.published(view.catalog):
        if publication.endings:
            title = registry.by_name[publication.dataset].title
            for row in publication.endings(view):
                yield {**row, "dataset": title, "fields": []}
