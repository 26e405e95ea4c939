"""Git stage: each record's history, every change along the first-parent history of its dataset's file."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..model import Dataset
from ..read.load import read_table
from .compare import FieldChange, compare, dataset_section
from .repo import GitError, blobs, git


@dataclass(frozen=True)
class Change:
    """One step of a record's history: the commit that added, changed or removed it."""

    commit: str
    date: datetime
    kind: str
    fields: tuple[FieldChange, ...] = ()


def record_history(root: Path, ds: Dataset) -> dict[str, list[Change]]:
    """Key -> every change of that record, oldest first, along the first-parent history of the dataset's file.

    Each version of the file is read from git once and compared with the one before, so the cost grows with
    the number of commits. No git, no repository, or a file never committed: an empty dict. In a shallow
    clone the oldest version seen is the starting point, not a mass addition.
    """
    section = dataset_section(ds)
    try:
        prefix = git(root, "rev-parse", "--show-prefix").strip()
        shallow = git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
        log = git(root, "log", "--first-parent", "--reverse", "--format=%H %cI", "--", ds.path)
    except GitError:
        return {}
    history: dict[str, list[Change]] = {}
    previous: list[Any] | None = [] if not shallow else None
    with tempfile.TemporaryDirectory(prefix="gitdiff-") as tmp, blobs(root) as read:
        for line in log.splitlines():
            commit, stamp = line.split(" ", 1)
            current = _load_version(Path(tmp), ds, read(f"{commit}:{prefix}{ds.path}"))
            if previous is not None:
                for change in compare(section, previous, current):
                    history.setdefault(change.key, []).append(
                        Change(commit, datetime.fromisoformat(stamp), change.kind, change.fields))
            previous = current
    return history


def _load_version(tmp: Path, ds: Dataset, blob: tuple[str, bytes] | None) -> list[Any]:
    if blob is None:  # the file was deleted in this commit
        return []
    target = tmp / ds.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(blob[1])
    table, _ = read_table(tmp, ds)
    return table.records


