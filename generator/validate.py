"""Validation stage: read every input, run every check, return the catalogue and all problems at once."""

from __future__ import annotations

import gc
import multiprocessing
import signal
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .datasets import REGISTRY
from .git.versions import record_versions
from .model import Registry
from .privacy import names
from .privacy.inputs import declared_phones, scan, scan_file, staff_files
from .privacy.output import worker_count
from .problems import ERROR, Problem
from .read.files import Tree, linked_area, read_regular, relpath, unsafe_files
from .read.load import read_reports, read_site, read_table
from .read.sources import MAX_FILE_BYTES
from .render.forked import Forked
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


#: Dataset files of at least this many bytes in all are scanned for personal numbers by a forked process while this
#: one reads and checks them (a tenth of the time at 100k rows); smaller ones are scanned here (forking costs more).
APART_FROM = 4 << 20


class _ScanApart:
    """The personal-number scan of the dataset files (scan_file, without names: names.check reads their records), by
    a forked process while this one reads and checks them. The files are read twice either way: by their reader
    and by the scan."""

    def __init__(self, root: Path, files: list[str], allowed: set[str]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_scan_apart, args=(send, root, files, allowed), daemon=True)
        self._process.start()
        send.close()  # the child's end: reading here meets the end of the pipe once the child is gone

    @classmethod
    def start(cls, tree: Tree, allowed: set[str], datasets: frozenset[str]) -> _ScanApart | None:
        """The scan started apart, or None when it is better done here: little data, one core, GENERATOR_WORKERS=1,
        or a process that cannot fork safely (see worker_count)."""
        sizes = {relpath(tree.root, path): found.st_size for path, found in tree.walk("data")}
        files = [rel for rel in staff_files(tree) if rel in datasets]
        if worker_count(None, sum(sizes.get(rel, 0) for rel in files), APART_FROM) < 2:
            return None
        return cls(tree.root, files, allowed)

    def result(self) -> dict[str, list[Problem]] | None:
        """What the scan found, by file; None when the process could not say (the caller scans them itself then:
        nothing goes unscanned)."""
        try:
            found = self._receive.recv()
        except (EOFError, OSError):
            found = None
        self._process.join()
        self._receive.close()
        return found if isinstance(found, dict) else None

    def close(self) -> None:
        """Stop the process when its result was not asked for (the validation failed before the scan)."""
        if not self._receive.closed:
            self._process.kill()
            self._process.join()
            self._receive.close()


def _scan_apart(send: Connection, root: Path, files: list[str], allowed: set[str]) -> None:
    """The forked process: scan `files`, send {file: problems} (None if anything failed) and end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the validation, which stops this process
    found: dict[str, list[Problem]] | None
    try:
        found = {rel: scan_file(root, rel, allowed) for rel in files}
    except Exception:  # whatever it was, the validation scans these files itself
        found = None
    with suppress(OSError):  # the validation is gone (it stopped this process): nobody to tell
        send.send(found)
        send.close()


def _validate(root: Path, today: date | None, registry: Registry) -> Outcome:
    tree = Tree.take(root)  # links are never followed: a linked data/ or content/ is listed as empty
    if linked_area(root):  # data/ or content/ is a link: no check may list or read what it leads to
        return Outcome(Catalog(None, {}, (), today, root, registry=registry, tree=tree),
                       sorted(set(unsafe_files(root, tree))), 0, tree)
    site, found = read_site(root)
    datasets = frozenset(ds.path for ds in registry.datasets)
    apart = _ScanApart.start(tree, declared_phones(site), datasets)
    try:
        return _check(root, today, registry, tree, site, found, datasets, apart)
    finally:
        if apart is not None:
            apart.close()


def _found_beside(catalog: Catalog, masked: Any, tree: Tree) -> list[Problem]:
    """The checks that only find problems, and read no input the others have not: full names of masked parties in
    any other field or staff file, and the Markdown rules."""
    return [*names.check(catalog, masked), *check_markdown(tree)]


def _check(root: Path, today: date | None, registry: Registry, tree: Tree, site: Any, found: list[Problem],
           datasets: frozenset[str], apart: _ScanApart | None) -> Outcome:
    problems: list[Problem] = list(found)
    tables = {}
    for ds in registry.datasets:
        tables[ds.name], found = read_table(root, ds)
        problems += found
    reports, found = read_reports(tree)
    problems += found
    catalog = Catalog(site, tables, tuple(reports), today, root, history=partial(_versions, root, registry),
                      registry=registry, tree=tree)
    masked = names.masked(catalog)
    # The name check and the Markdown rules only find problems: where the input scan runs apart (a large tree, a
    # process that may fork), a forked copy runs them while this one runs the record and catalogue checks, which
    # also compute what the later stages read. A copy that fails gives None: they are run here then.
    beside = Forked(_found_beside, catalog, masked, tree) if apart is not None else None
    try:
        for ds in registry.datasets:
            checks = (*ds.checks, references(ds.refs)) if ds.refs else ds.checks
            for record in tables[ds.name].records:
                for check in checks:
                    problems.extend(check(record, catalog))
        for catalog_check in (*REPORT_CHECKS, *registry.catalog_checks):
            problems.extend(catalog_check(catalog))
        problems += scan(tree, declared_phones(site), masked, datasets, apart.result() if apart is not None else None)
    finally:
        told: list[Problem] | None = beside.result() if beside is not None else None  # waited for, whatever happens
    problems += told if told is not None else _found_beside(catalog, masked, tree)
    problems += active_files(tree)
    problems += unsafe_files(root, tree)
    problems += _engine_config(root)
    return Outcome(catalog, sorted(set(problems)), len(staff_files(tree)), tree)
