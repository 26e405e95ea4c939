"""Git stage: each record's versions along the first-parent history of its dataset's file (what it held, since when).

The validator asks this of a few small files (the 抽查计划: was the seed's commitment there before the draw?), so every
version of the file is read once with one `git cat-file` process. What a date here proves is limited: it is the
committer date git recorded, which whoever makes the commit can set; the callers say so where they show it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..model import Dataset
from ..read.load import read_table
from .repo import GitError, blobs, git


@dataclass(frozen=True)
class Version:
    """A record as one commit left it."""

    commit: str
    when: datetime | None
    """The commit's committer date; None for the oldest version of a shallow clone (the record was there, since an
    unknown day)."""
    record: Any | None
    """The record as of this commit; None: the commit removed it."""
    in_order: bool = True
    """False when the commit is dated earlier than a commit before it on the branch: its date was likely set by hand
    (a back-dated commit placed after newer ones), so it proves nothing about when."""


def record_versions(root: Path, ds: Dataset) -> dict[str, list[Version]]:
    """Key -> the versions in which the record differs from the one before, oldest first, along the first-parent
    history of HEAD (on the main branch: the day a change reached it). No git, no repository, or a file never
    committed: an empty dict."""
    try:
        prefix = git(root, "rev-parse", "--show-prefix").strip()
        shallow = git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
        log = git(root, "log", "--first-parent", "--reverse", "--format=%H %cI", "--", ds.path)
        backdated = _out_of_order(git(root, "log", "--first-parent", "--reverse", "--format=%H %cI")) if log else set()
    except GitError:
        return {}
    found: dict[str, list[Version]] = {}
    previous: dict[str, tuple[Any, ...]] = {}
    with tempfile.TemporaryDirectory(prefix="versions-") as tmp, blobs(root) as read:
        for n, line in enumerate(log.splitlines()):
            commit, stamp = line.split(" ", 1)
            when = None if shallow and n == 0 else datetime.fromisoformat(stamp)
            current = _records(Path(tmp), ds, read(f"{commit}:{prefix}{ds.path}"))
            for key, (values, record) in current.items():
                if previous.get(key) != values:
                    found.setdefault(key, []).append(Version(commit, when, record, commit not in backdated))
            for key in previous.keys() - current.keys():
                found.setdefault(key, []).append(Version(commit, when, None, commit not in backdated))
            previous = {key: values for key, (values, _) in current.items()}
    return found


def _out_of_order(log: str) -> set[str]:
    """Commits of a first-parent log (oldest first) dated before a commit that precedes them."""
    latest, found = None, set()
    for line in log.splitlines():
        commit, stamp = line.split(" ", 1)
        when = datetime.fromisoformat(stamp)
        if latest is not None and when < latest:
            found.add(commit)
        latest = when if latest is None or when > latest else latest
    return found


def _records(tmp: Path, ds: Any, blob: tuple[str, bytes] | None) -> dict[str, tuple[tuple[Any, ...], Any]]:
    """The version's valid records by key, each with its field values (compared without where it was read)."""
    if blob is None:  # the file was deleted in this commit
        return {}
    target = tmp / ds.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(blob[1])
    table, _ = read_table(tmp, ds)
    fields = tuple(ds.model.model_fields)
    return {str(getattr(r, ds.key)): (tuple(getattr(r, f) for f in fields), r) for r in table.records}
