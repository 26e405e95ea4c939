"""Render stage: the /changes/ pages' rows: every change of every record from git history, and every decision's
withdrawal, end of publicity and credit repair from the data, newest first; one page per type of change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from ..datasets import BY_NAME
from ..datasets.decisions import KINDS
from ..memo import memo
from ..rules.publicity import EXPIRED, REPAIRED, WITHDRAWN
from .publications import PUBLICATIONS
from .revisions import KIND_WORDS, History
from .views import PublicView

CHANGES_LIMIT = 500

#: The pages of /changes/: (folder under changes/, heading word). "" is every change.
TYPES: tuple[tuple[str, str], ...] = (("", "全部"), ("added", "新录入"), ("corrected", "更正"),
                                      ("withdrawn", "撤销、撤回与撤下"), ("expired", "公示期满与信用修复"))
_GIT_TYPES = {"added": "added", "changed": "corrected", "removed": "withdrawn"}


def change_rows(view: PublicView, histories: History, kind: str = "") -> list[dict[str, Any]]:
    """The newest CHANGES_LIMIT changes of type `kind` ("" for all), newest first."""
    rows = [row for row in all_rows(view, histories) if not kind or row["type"] == kind]
    return rows[:CHANGES_LIMIT]


def all_rows(view: PublicView, histories: History) -> list[dict[str, Any]]:
    """Every change, newest first (kept on the view: each of the pages reads it)."""
    def rows() -> list[dict[str, Any]]:
        found = [row for name in PUBLICATIONS for row in _rows(view, name, histories.get(name, {}))]
        found += _endings(view)
        found.sort(key=lambda r: (r["date"], r["order"]), reverse=True)
        return found
    return memo(view, "change_rows", rows)


def _rows(view: PublicView, name: str, history: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    title = BY_NAME[name].title
    describe = PUBLICATIONS[name].describe
    for key, changes in history.items():
        label, url = describe(view, key)
        for change in changes:
            public = label is not None and change.kind != "removed"
            yield {"date": change.date.date(), "order": change.date.isoformat() + name + key, "dataset": title,
                   "label": label if public else "（已撤下的记录）", "url": url if public else None,
                   "type": _GIT_TYPES[change.kind], "what": KIND_WORDS[change.kind],
                   "fields": [f.title for f in change.fields], "reason": None}


def _endings(view: PublicView) -> Iterator[dict[str, Any]]:
    """Each decision that stopped standing or left publicity, on the day it did, with why: its number and date may
    stay public (the content does not), and its page says the same."""
    for kind in KINDS.values():
        if not view.catalog.kept(kind.name):
            continue
        title = BY_NAME[kind.name].title
        for d in view.decisions(kind.name):
            r = d.record
            if d.state == WITHDRAWN:
                ending = view.ending(d)
                if ending.on is None:
                    continue
                on, what, why = ending.on, ending.short, (f"{ending.reason_label}：{ending.reason}"
                                                          if ending.reason else None)
                kind_of_row = "withdrawn"
            elif d.state == REPAIRED:
                on, what, why, kind_of_row = r.repaired_on, "信用修复，公示内容已撤下", None, "expired"
            elif d.state == EXPIRED and d.ends_on is not None:
                on, what = d.ends_on + timedelta(days=1), "公示期满，公示内容已撤下"
                why, kind_of_row = f"公示期至 {d.ends_on}", "expired"
            else:
                continue
            yield {"date": on, "order": f"{on.isoformat()}~{kind.name}{r.decision_no}", "dataset": title,
                   "label": r.decision_no, "url": d.url, "type": kind_of_row, "what": what, "fields": [],
                   "reason": why}
