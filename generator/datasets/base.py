"""Registry stage: what a dataset declaration holds: how it is stored and checked (Dataset), how published (Publication)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..problems import Problem
from ..render.recordindex import Cell
from ..schema.types import Record

if TYPE_CHECKING:
    from ..render.templates import RecordPage
    from ..render.views import PublicView

RecordCheck = Callable[[Any, Any], Iterable[Problem]]
Rows = Callable[["PublicView"], Iterator[dict[str, Any]]]
Pages = Callable[["PublicView"], Iterator["RecordPage"]]
Describe = Callable[["PublicView", str], tuple[str | None, str | None]]
#: Feed entries: date, title, url, summary, key, and date_label (what the date is, e.g. 公示日期, 撤销日期: the home
#: page's 最新公开 says it beside the date, as lists show other dates of the same records).
FeedEntries = Callable[["PublicView"], Iterable[dict[str, Any]]]
"""Atom feed entries: dicts with date, title (`种类：名称`), url, summary and key (unique, stable)."""


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
    optional: bool = False
    """A file a bureau may not keep yet: missing means no records (not an error). Datasets added after the first
    release are optional, so that an existing data tree stays valid."""
    names_checked: bool = True
    """Whether its texts are searched for masked natural persons' names (officers and matters: public names)."""
    synth: Callable[[Any], list[dict[str, Any]]] | None = None
    """Synthetic rows for benchmarks, given synth.World (the fictional county made so far); see generator/synth/county.py."""

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
    count: Callable[[PublicView], int] | None = None
    """What its home page card counts, in `unit` (None: its public rows, e.g. schools where a row is a school-year)."""
    duty: str = ""
    """The disclosure duty it serves, shown on its home page card."""
    derived: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Columns its downloads add to the model's: name -> (Chinese title, Frictionless type)."""
    last_change: Callable[[PublicView], date | None] | None = None
    """Date of its newest public change (None: the date of the last commit touching its file)."""
    card: int = 0
    """Place of its card on the home page and of its list page in the navigation (lower first)."""
    nav: str = ""
    """Navigation title of its list page."""
    list_page: Callable[[PublicView], str] | None = None
    """Renders its list page (Markdown for the site engine) at `page`."""
    record_pages: Pages | None = None
    """Yields one page per record (poured into the engine's page shell of its section), if it has them."""
    column: str = ""
    """Government ColumnName (栏目) of its record pages."""
    cells: tuple[Cell, ...] = ()
    """How the browser shows its search entries' cells, in order (written to the record index's manifest)."""
    feed: FeedEntries | None = None
    """Its entries in the Atom feed and the home page's latest disclosures (None: not a disclosure)."""
    related: Callable[[PublicView, str], Related | None] | None = None
    """Its block on an institution's page, given the institution's id (must be cheap: called per institution)."""
    files: Callable[[PublicView], dict[str, bytes]] | None = None
    """Files it publishes as they are beside its pages (attachments), by path under the site root."""
