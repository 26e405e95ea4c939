"""Registry stage: the enforcement matters over a catalogue (in file order, by code; the code index built once)."""

from __future__ import annotations

from ...memo import memo
from ...model import CatalogLike
from .model import Matter

#: Dataset name (the catalogue's key; generator/datasets/matters/__init__.py declares it).
MATTERS = "enforcement_matters"


def matters(catalog: CatalogLike) -> list[Matter]:
    found: list[Matter] = catalog.records(MATTERS)
    return found


def by_code(catalog: CatalogLike) -> dict[str, Matter]:
    return memo(catalog, "matters:by-code", lambda: {m.code: m for m in matters(catalog)})
