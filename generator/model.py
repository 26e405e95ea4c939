"""What the stages work on: a dataset's declaration (Dataset), its publication (Publication), and the registry of
every family's declarations (Registry), which validate, build and the commands hand down to the stages.

This module sits under every stage and imports none: read, rules, render and publish take a Registry (on the
catalogue) and never import the families in generator/datasets/. A function given "the public view" is given the
families' view of the catalogue on a day (datasets/views.py); the stages only read its `catalog`, `today`, `site`
and `histories`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .problems import CORE, Code, Problem, table
from .schema.reports import Report
from .schema.site import SiteConfig
from .schema.types import Record

T = TypeVar("T")


class Listing(Protocol):
    """One listing of the staff areas, taken once per run (read.files.Tree): every regular file under an area."""

    def walk(self, top: str) -> Iterator[tuple[Path, os.stat_result]]: ...


class CatalogLike(Protocol):
    """The validated records as the stages and families read them (generator/catalog.Catalog is the one built by
    validate): every dataset's records by name, the site settings, the reports, the day checks run for and the
    registry they were read by. A family's lookups over it are its own (datasets/<family>/index.py)."""

    @property
    def site(self) -> SiteConfig | None: ...
    @property
    def reports(self) -> tuple[Report, ...]: ...
    @property
    def today(self) -> date | None: ...
    @property
    def root(self) -> Path | None: ...
    @property
    def history(self) -> Callable[[str], dict[str, list[Any]]] | None: ...
    @property
    def registry(self) -> Registry: ...
    @property
    def tree(self) -> Listing | None: ...

    def records(self, name: str) -> list[Any]: ...

    def kept(self, name: str) -> bool: ...

    def failed(self, name: str) -> bool: ...

    def known(self, name: str, key: str) -> bool: ...

    def complete(self, name: str) -> bool: ...


class View(Protocol):
    """The public view as the stages read it: the catalogue (with its registry), the day, site.yml and the records'
    git histories. The families' PublicView (datasets/views.py) is one; the families read the rest of it."""

    @property
    def catalog(self) -> CatalogLike: ...

    today: date
    site: Any
    histories: dict[str, dict[str, list[Any]]]


RecordCheck = Callable[[Any, Any], Iterable[Problem]]
Rows = Callable[[Any], Iterator[dict[str, Any]]]
Pages = Callable[..., Iterator[Any]]
"""A family's record pages: `pages(view)`, or `pages(view, part)` for the share `part` (a Part) when the family's
publication declares record_parts > 1."""
Describe = Callable[[Any, str], tuple[str | None, str | None]]
#: Feed entries: date, title, url, summary, key, and date_label (what the date is, e.g. 公示日期, 撤销日期: the home
#: page's 最新公开 says it beside the date, as lists show other dates of the same records).
FeedEntries = Callable[[Any], Iterable[dict[str, Any]]]
"""Atom feed entries: dicts with date, title (`种类：名称`), url, summary and key (unique, stable)."""


@dataclass(frozen=True)
class Part:
    """One of `count` contiguous shares of a family's record pages, in their order. The build renders the shares of
    its biggest families side by side (a process per core) and writes them in order, so the site is the same
    whatever the number of processes; the number of shares is the family's, never the machine's."""

    index: int = 0
    count: int = 1

    def of(self, items: Sequence[T]) -> Sequence[T]:
        """This share of `items` (all of them for the whole)."""
        size = len(items)
        return items[size * self.index // self.count:size * (self.index + 1) // self.count]

    @property
    def last(self) -> bool:
        return self.index == self.count - 1


ALL = Part()


@dataclass(frozen=True)
class Related:
    """A block of an institution's page listing one dataset's records about it (its inspections, reviews ...)."""

    heading: str
    anchor: str
    """id of the block's heading (ASCII)."""
    items: tuple[tuple[str | None, str, str], ...]
    """(url under the site root or None, link text, note after it), newest first."""
    empty: str = ""
    """Said when there are no items (empty: the block is left out)."""


@dataclass(frozen=True)
class Offer:
    """How the staff tools offer a dataset's records to a field that refers to them: a fill-in template's dropdown of
    「名称（代码）」, and the import reading what a clerk typed (a name, 「名称（代码）」, a credit code) as the key."""

    noun: str
    """What a clerk calls one record (执法事项, 机构), in the import's messages."""
    pick: str
    """The dropdown's prompt, before the field's doc."""
    refused: str
    """The dropdown's message for a value not in the list."""
    warn_only: bool = False
    """A value not in the list is warned about, not refused (a full name or credit code the import resolves)."""
    name: str = "name"
    """Field that names a record in the dropdown and in a clerk's sheet."""
    category: str = ""
    """Field that sorts the records into kinds (a matter's category, an institution's registration type)."""
    narrowed: bool = False
    """A referring dataset's check that wants one category (its `wanted=` keyword) narrows the dropdown to it."""
    example_categories: tuple[str, ...] = ()
    """Categories a template's example row may show (named after no person); empty: any."""
    uscc: str = ""
    """Its credit-code field: a clerk may type the code instead, a decision whose party has it is linked to the
    record, and a new record of its own import is matched by it."""


@dataclass(frozen=True)
class Upload:
    """A dataset's file in the credit platform's 双公示 upload (staff/export.py; column sources: staff/platform.py)."""

    kind: str
    """行政处罚 / 行政许可: the kind in the file name and the export's messages."""
    code: str
    """The kind's code in the file name (0301 行政处罚, 0102 行政许可)."""
    columns: tuple[tuple[str, str, str], ...]
    """(column code, label, source), in the platform template's order."""
    reports_ended: bool = False
    """True: a decision that no longer stands (expired, revoked, withdrawn) is uploaded as a row whose state says
    无效, so the platform's copy is corrected (行政许可, whose XK_ZT says 有效 / 无效). False: it is left out, and
    the clerk is told to take it down where the platform would still show it (行政处罚 has no state column: the
    platform ends its publicity by CF_GSJZQ; a withdrawal or a credit repair is done on the platform)."""


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
    refs: dict[str, str | tuple[str, str]] = field(default_factory=dict)
    """Foreign keys: field -> the dataset whose key its value (each value, for a list) must be, optionally with a
    hint for staff: (dataset, hint). An empty value is not checked; a value not found is `unknown-reference` at the
    field (rules/records.py generates the check; a table that failed to read refers nothing back)."""
    description: str = ""
    """One sentence for the download page and the data package."""
    label_field: str | None = None
    """Field that names a record to people (in the pull-request diff); None: the key alone."""
    optional: bool = False
    """A file a bureau may not keep yet: missing means no records (not an error). Datasets added after the first
    release are optional, so that an existing data tree stays valid."""
    names_checked: bool = True
    """Whether its texts are searched for masked natural persons' names (officers and matters: public names)."""
    parties: bool = False
    """Its records name a party (party_name, party_category, legal_rep_name): a natural person's name is masked on
    the site and searched for everywhere staff write; an organisation's and its legal representative's are public."""
    public_names: tuple[str, ...] = ()
    """Fields holding a name published in full as a public role (an officer's name): the last gate over the built
    site does not take a namesake rendered from them for a masked party's leak."""
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Header labels clerks' sheets use for its fields besides their Chinese titles and keys (staff import; labels
    any dataset's field of that key takes are in staff/fields.py)."""
    legal_state: tuple[str, ...] = ()
    """Fields that carry a record's legal state (a decision's status, its withdrawal, credit repair): an import
    changes them only through their own columns, never by a blank or missing cell."""
    import_assigns_key: bool = False
    """A new record's key may be left out of a clerk's sheet: the import gives it the next free one."""
    dates_data: str | None = None
    """The field whose earliest value across the registry is the day the site's data starts (a list change, a
    decision): report figures of years before it cannot be told, and the 法治政府 reports are owed from its year."""
    editor_schema: bool = False
    """Its YAML file gets a JSON Schema for editors (data/schemas/<name>.schema.json on the site, schemas/ in the
    repository for VS Code)."""
    guide_notes: Callable[[], str] | None = None
    """HTML the staff guide shows under the dataset's fields: rules its rows follow beyond one field (what each list
    change does); None: nothing more."""
    synth: Callable[[Any], list[dict[str, Any]]] | None = None
    """Synthetic rows for benchmarks, given synth.World (the fictional county made so far); see
    generator/synth/county.py."""
    offer: Offer | None = None
    """How the staff tools offer its records where another dataset's refs point to it (a dropdown, a clerk's words
    resolved); None: a reference to it is a plain code cell."""
    number_kinds: dict[str, str] = field(default_factory=dict)
    """Number field -> the kind its fill-in template's example shows (许决字), where the field's doc is shared with
    another dataset and its example is the other's (a penalty's 罚决字)."""
    upload: Upload | None = None
    """Its file in the credit platform's 双公示 upload (the staff export); None: it is not uploaded."""

    @property
    def is_csv(self) -> bool:
        return self.path.endswith(".csv")


@dataclass(frozen=True)
class Publication:
    """How one dataset appears on the public site on a given day."""

    dataset: str
    """Name of the dataset it publishes (a Dataset of the same family)."""
    rows: Rows
    """The records public on view.today, as plain values by column (masked, filtered, with derived columns)."""
    describe: Describe
    """How /changes/ may name a record, given its key, and where it links: (None, None) if it may not."""
    page: str | None = None
    """URL of its list page (a home page card links there); None: shown on other pages only."""
    unit: str = "条"
    """What the home page counts it in: 家, 件, 项, 人."""
    count: Callable[[Any], int] | None = None
    """What its home page card counts, in `unit` (None: its public rows, e.g. schools where a row is a school-year)."""
    duty: str = ""
    """The disclosure duty it serves, shown on its home page card."""
    derived: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Columns its downloads add to the model's: name -> (Chinese title, Frictionless type)."""
    last_change: Callable[[Any], date | None] | None = None
    """Date of its newest public change (None: the date of the last commit touching its file)."""
    card: int = 0
    """Place of its card on the home page and of its list page in the navigation (lower first)."""
    nav: str = ""
    """Navigation title of its list page."""
    group: str = ""
    """The navigation tab its list page sits under, beside the others of the same group (their menu on the side or
    in the phone's drawer); "": a tab of its own. The top bar has room for about 16 tabs at 1280 px, not one per
    list page."""
    list_page: Callable[[Any], str] | None = None
    """Renders its list page (Markdown for the site engine) at `page`."""
    record_pages: Pages | None = None
    """Yields one page per record (poured into the engine's page shell of its section), if it has them."""
    record_parts: int = 1
    """In how many shares (Part) its record pages are rendered: more than one for a family holding a large part of
    the site's pages, so the build's processes share its work evenly (record_pages then takes the part)."""
    column: str = ""
    """Government ColumnName (栏目) of its record pages."""
    cells: tuple[Cell, ...] = ()
    """How the browser shows its search entries' cells, in order (written to the record index's manifest)."""
    feed: FeedEntries | None = None
    """Its entries in the Atom feed and the home page's latest disclosures (None: not a disclosure)."""
    related: Callable[[Any, str], Related | None] | None = None
    """Its block on an institution's page, given the institution's id (must be cheap: called per institution)."""
    files: Callable[[Any], dict[str, bytes]] | None = None
    """Files it publishes as they are beside its pages (attachments), by path under the site root."""
    finder: Callable[[Any], dict[str, Any]] | None = None
    """What the home and search pages show to find its records without typing: {"nav": browse links, "near": the
    near-name words, "count": records} (the institutions' lookup; at most one publication declares it)."""
    endings: Callable[[Any], Iterable[dict[str, Any]]] | None = None
    """Rows /changes/ lists from the data rather than from git: each record that stopped standing or left
    publicity, on the day it did (keys: date, order, label, url, type, what, reason)."""
    gone: Callable[[Any], Iterable[tuple[str, str, str]]] | None = None
    """Records that left the site, as (number, URL of the page explaining it, why): search says so for a number."""


CatalogCheck = Callable[[Any], Iterable[Problem]]


@dataclass(frozen=True)
class Registry:
    """Every family's declarations, in the families' order (downloads follow it), handed down to the stages."""

    datasets: tuple[Dataset, ...]
    publications: tuple[Publication, ...]
    """At most one per dataset, in the order of the datasets."""
    catalog_checks: tuple[CatalogCheck, ...] = ()
    """Rules across records that families declare (CATALOG_CHECKS of a family's module)."""
    family_codes: tuple[Code, ...] = ()
    """Problem codes the families declare (CODES of a family's module, its codes.py), in the families' order."""
    figures: tuple[Any, ...] = ()
    """Annual report figures the families declare (FIGURES of a family's module: rules/figures.py Figure), in the
    order of their `place`: the report's table, the checks of its text and the guide follow it."""

    @classmethod
    def of(cls, families: Iterable[Any]) -> Registry:
        """The registry of family modules, each declaring DATASETS and optionally PUBLICATIONS, CATALOG_CHECKS."""
        families = tuple(families)
        datasets = tuple(ds for family in families for ds in family.DATASETS)
        declared = {p.dataset: p for family in families for p in getattr(family, "PUBLICATIONS", ())}
        codes = tuple(code for family in families for code in getattr(family, "CODES", {}).values())
        table(*CORE.values(), *codes)  # a code declared twice (by two families, or a family and the core) is an error
        figures = tuple(sorted((f for family in families for f in getattr(family, "FIGURES", ())),
                               key=lambda f: f.place))
        keys = [f.key for f in figures]
        if len(keys) != len(set(keys)):
            raise ValueError(f"a report figure declared twice: {sorted(k for k in keys if keys.count(k) > 1)}")
        return cls(datasets, tuple(declared[ds.name] for ds in datasets if ds.name in declared),
                   tuple(check for family in families for check in getattr(family, "CATALOG_CHECKS", ())), codes,
                   figures)

    @cached_property
    def figure_by_key(self) -> dict[str, Any]:
        return {f.key: f for f in self.figures}

    @cached_property
    def codes(self) -> dict[str, Code]:
        """Every problem code: the core ones (problems.py), then the families'."""
        return table(*CORE.values(), *self.family_codes)

    @cached_property
    def by_name(self) -> dict[str, Dataset]:
        return {ds.name: ds for ds in self.datasets}

    @cached_property
    def publication(self) -> dict[str, Publication]:
        """Publications by dataset name."""
        return {p.dataset: p for p in self.publications}

    def published(self, catalog: CatalogLike) -> list[Publication]:
        """The publications of the datasets this bureau keeps: an optional file it does not have puts nothing on
        the site (no tab, card, page, download or feed title that would read as "none happened")."""
        return [p for p in self.publications if catalog.kept(p.dataset)]

    @property
    def history_datasets(self) -> tuple[str, ...]:
        """Datasets whose git history is read (every published one: /changes/ lists what changed in each)."""
        return tuple(self.publication)

    @cached_property
    def with_pages(self) -> list[Publication]:
        """Publications with a list page, in the order of their home cards (the navigation's order)."""
        return sorted((p for p in self.publications if p.page and p.list_page), key=lambda p: p.card)

    def record_cells(self) -> dict[str, tuple[Cell, ...]]:
        """How the browser shows each section's search entry cells (for the record index)."""
        return {p.page.rstrip("/"): p.cells for p in self.publications if p.cells and p.page}


@dataclass(frozen=True)
class Cell:
    """How the browser shows one of a section's entry cells (the first is the note under the result's tag)."""

    label: str = ""
    """Its column's label in a table row (data-label, shown on narrow screens)."""
    prefix: str = ""
    """Words before its value in a search result's line."""
    css: str = ""
    """Class of its table cell."""

    def manifest(self) -> dict[str, str]:
        spec = {"label": self.label, "prefix": self.prefix, "class": self.css}
        return {k: v for k, v in spec.items() if v}
