"""Validation stage: read every input, run every check, return the catalogue and all problems at once."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .datasets import REGISTRY
from .git.versions import record_versions
from .model import Registry
from .privacy import names
from .privacy.inputs import declared_phones, scan, staff_files
from .problems import ERROR, Problem
from .read.files import Tree, linked_area, read_regular, unsafe_files
from .read.load import read_reports, read_site, read_table
from .read.sources import MAX_FILE_BYTES
from .rules.engine_config import ENGINE_CONFIG, check_config
from .rules.markdown import active_files, check_markdown
from .rules.records import references
from .rules.reports import REPORT_CHECKS


@dataclass(frozen=True)
class Outcome:
    catalog: Catalog
    problems: list[Problem]
    files: int
    tree: Tree
    """The one listing of the files validated: the later stages publish these, not a second listing."""

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def validate(root: Path, today: date | None = None, registry: Registry = REGISTRY) -> Outcome:
    """Every problem under `root`; `today` dates the deadline checks (missing annual reports); `registry`: the
    dataset families to read and check (every declared one)."""
    # Reading makes hundreds of thousands of small objects and no reference cycles worth collecting: the cyclic
    # collector would spend a quarter of the time at 100k rows walking them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate(root, today, registry)
    finally:
        if enabled:
            gc.enable()


def _engine_config(root: Path) -> list[Problem]:
    """mkdocs.yml, read against its allow-list (a link or a special file in its place is an unsafe-file already)."""
    try:
        text = read_regular(root / ENGINE_CONFIG, MAX_FILE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # absent (a data-only checkout), a link, too large or not text: the build refuses it, located
    return check_config(text, ENGINE_CONFIG)


def _versions(root: Path, registry: Registry, name: str) -> dict[str, list[Any]]:
    """A dataset's record versions from git, read only when a check asks (the 抽查计划's timing)."""
    return record_versions(root, registry.by_name[name])


def _validate(root: Path, today: date | None, registry: Registry) -> Outcome:
    tree = Tree.take(root)  # links are never followed: a linked data/ or content/ is listed as empty
    if linked_area(root):  # data/ or content/ is a link: no check may list or read what it leads to
        return Outcome(Catalog(None, {}, (), today, root, registry=registry, tree=tree),
                       sorted(set(unsafe_files(root, tree))), 0, tree)
    problems: list[Problem] = []
    site, found = read_site(root)
    problems += found
    tables = {}
    for ds in registry.datasets:
        tables[ds.name], found = read_table(root, ds)
        problems += found
    reports, found = read_reports(tree)
    problems += found
    catalog = Catalog(site, tables, tuple(reports), today, root, history=partial(_versions, root, registry),
                      registry=registry, tree=tree)
    for ds in registry.datasets:
        checks = (*ds.checks, references(ds.refs)) if ds.refs else ds.checks
        for record in tables[ds.name].records:
            for check in checks:
                problems.extend(check(record, catalog))
    for catalog_check in (*REPORT_CHECKS, *registry.catalog_checks):
        problems.extend(catalog_check(catalog))
    masked = names.masked(catalog)
    problems += scan(tree, declared_phones(site), masked, frozenset(ds.path for ds in registry.datasets))
    problems += names.check(catalog, masked)
    problems += check_markdown(tree)
    problems += active_files(tree)
    problems += unsafe_files(root, tree)
    problems += _engine_config(root)
    return Outcome(catalog, sorted(set(problems)), len(staff_files(tree)), tree)
