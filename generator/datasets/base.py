"""Registry stage: what a dataset declaration holds (file, model, key, record checks)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..problems import Problem
from ..schema.types import Record

RecordCheck = Callable[[Any, Any], Iterable[Problem]]


@dataclass(frozen=True)
class Dataset:
    """How one dataset is stored, checked and published."""

    name: str
    """Machine name: catalogue attribute, download file stem, JSON key."""
    title: str
    """Chinese name shown to citizens and staff."""
    path: str
    """File under the root that holds it."""
    model: type[Record]
    """One record's model (pydantic); its field docstrings are the staff guide."""
    key: str | None
    """Field that must be unique (None: no key, e.g. append-only history)."""
    list_key: str | None = None
    """YAML files: the top-level key whose list holds the records."""
    checks: tuple[RecordCheck, ...] = ()
    """Rules over one record at a time, given (record, catalogue)."""
    description: str = ""
    """One sentence for the download page and the data package."""
    label_field: str | None = None
    """Field that names a record to people (in the pull-request diff); None: the key alone."""

    @property
    def is_csv(self) -> bool:
        return self.path.endswith(".csv")
