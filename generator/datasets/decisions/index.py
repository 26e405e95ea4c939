"""Registry stage: the decision family's lookups over a catalogue, each computed once per catalogue (memo)."""

from __future__ import annotations

from ...memo import memo
from ...model import CatalogLike
from ...schema.common import REVOKING, STANDING
from .model import License, Penalty

#: Dataset names (the catalogue's keys; kinds.py declares the datasets).
PENALTIES, LICENSES = "penalties", "licenses"


def penalties(catalog: CatalogLike) -> list[Penalty]:
    found: list[Penalty] = catalog.records(PENALTIES)
    return found


def licenses(catalog: CatalogLike) -> list[License]:
    found: list[License] = catalog.records(LICENSES)
    return found


def revoking_penalties(catalog: CatalogLike) -> list[Penalty]:
    """Standing penalties that revoke a licence (吊销许可证件), naming it in license_affected."""
    return memo(catalog, "decisions:revoking", lambda: [
        p for p in penalties(catalog) if REVOKING in p.penalty_types and p.status == STANDING and p.license_affected])
