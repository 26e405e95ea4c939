"""Registry stage: the enforcement matters over a catalogue (in file order, by code; the code index built once)."""

from __future__ import annotations

import hashlib
import re

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


_ASCII = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def slug(code: str) -> str:
    """A matter's page folder: its code in lower case when that is ASCII (141099-jy-cf-001), else a stable hash."""
    lower = code.lower()
    return lower if _ASCII.fullmatch(lower) else "m-" + hashlib.sha1(code.encode("utf-8")).hexdigest()[:10]


def url(code: str) -> str:
    """A matter's permanent page, under the site root."""
    return f"matters/{slug(code)}/"
