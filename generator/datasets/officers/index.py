"""Registry stage: the enforcement officers over a catalogue."""

from __future__ import annotations

from ...model import CatalogLike
from .model import Officer

#: Dataset name (the catalogue's key; generator/datasets/officers/__init__.py declares it).
OFFICERS = "enforcement_officers"


def officers(catalog: CatalogLike) -> list[Officer]:
    found: list[Officer] = catalog.records(OFFICERS)
    return found
