"""The catalogue: validated records of every dataset, frozen. A family's lookups over it (indexes by key, derived
states) are its own (generator/datasets/<family>/index.py), kept on the catalogue through generator/memo.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .model import Registry
from .read.files import Tree
from .read.load import Table
from .schema.reports import Report
from .schema.site import SiteConfig


@dataclass(frozen=True, eq=False)
class Catalog:
    site: SiteConfig | None
    tables: dict[str, Table]
    reports: tuple[Report, ...] = ()
    today: date | None = None
    """The day the checks run for (deadlines that have passed); None: no deadline checks."""
    root: Path | None = None
    """The data tree read (files records point to, e.g. a policy's full text); None: such files are not checked."""
    history: Callable[[str], dict[str, list[Any]]] | None = None
    """Dataset name -> each record's versions in git (git.versions.record_versions), for the checks that need to
    know since when a value has been recorded; None: no history (an archive, an exported revision)."""
    registry: Registry = field(kw_only=True)
    """The families' declarations the records were read by: the stages learn every dataset from it."""
    tree: Tree | None = field(default=None, kw_only=True)  # root's one listing (read.files.Tree); None: list anew

    def records(self, name: str) -> list[Any]:
        return self.tables[name].records if name in self.tables else []

    def kept(self, name: str) -> bool:
        """Whether the bureau keeps dataset `name` (an optional file may be absent: then it states nothing)."""
        return name in self.tables and self.tables[name].kept

    def failed(self, name: str) -> bool:
        """Whether dataset `name`'s file could not be read at all (reported there; no rule judges what is left)."""
        return name in self.tables and self.tables[name].failed

    def complete(self, name: str) -> bool:
        """Whether every record of dataset `name` that has a key validated: a rule over the whole file (every matter
        has a procedure) or a figure counting it does not judge a file one broken record is missing from (the broken
        one is reported at its own line; nothing cascades)."""
        table = self.tables.get(name)
        if table is None or table.failed or not table.kept:
            return False
        key = self.registry.by_name[name].key
        return key is None or table.keys <= {getattr(r, key) for r in table.records}

    def known(self, name: str, key: str) -> bool:
        """Whether `key` appears in dataset `name` (valid or not, so one bad row does not cascade)."""
        return name in self.tables and (self.tables[name].failed or key in self.tables[name].keys)
