"""Registry stage: which procedure each enforcement matter follows (its own, else its category's), computed once."""

from __future__ import annotations

import hashlib
import re

from ...memo import memo
from ...model import CatalogLike
from ..matters import index as matter_index
from .model import Procedure

#: Dataset name (generator/datasets/procedures/__init__.py declares it).
PROCEDURES = "procedures"
PATH = "data/procedures.yaml"
_ASCII = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def procedures(catalog: CatalogLike) -> list[Procedure]:
    found: list[Procedure] = catalog.records(PROCEDURES)
    return found


def anchor(code: str) -> str:
    """A procedure's section id on /recording/: its code when ASCII, else a stable hash."""
    lower = code.lower()
    return f"p-{lower}" if _ASCII.fullmatch(lower) else "p-" + hashlib.sha1(code.encode("utf-8")).hexdigest()[:10]


def all_by_matter(catalog: CatalogLike) -> dict[str, list[Procedure]]:
    """Matter code -> the procedures it follows, its main one first: the main one is the first (without
    `applies_when`) that lists it under `matters`, else the first for its category (a second claim is an error the
    checks report, and the later one still follows: a penalty citing its steps is not refused for it); then its
    supplementary ones (简易程序: with `applies_when`), its own before its category's."""
    def make() -> dict[str, list[Procedure]]:
        own: dict[str, list[Procedure]] = {}
        by_category: dict[str, list[Procedure]] = {}
        for p in procedures(catalog):
            for code in dict.fromkeys(p.matters):
                own.setdefault(code, []).append(p)
            if p.category:
                by_category.setdefault(p.category, []).append(p)
        found = {}
        for m in matter_index.matters(catalog):
            mine, theirs = own.get(m.code, []), by_category.get(m.category, [])
            main = next((p for p in mine if not p.applies_when), None) or next(
                (p for p in theirs if not p.applies_when), None)
            chosen = [main] if main else []
            for p in (*mine, *theirs):  # records hold lists: compared by identity, not hashed
                if all(p is not c for c in chosen) and (p.applies_when or not mine or p in mine):
                    chosen.append(p)
            if chosen:
                found[m.code] = chosen
        return found
    return memo(catalog, "procedures:all-by-matter", make)


def by_matter(catalog: CatalogLike) -> dict[str, Procedure]:
    """Matter code -> the procedure it follows (its main one; a supplementary one when it has no other)."""
    return memo(catalog, "procedures:by-matter", lambda: {code: found[0] for code, found in
                                                           all_by_matter(catalog).items()})


def matters_of(catalog: CatalogLike) -> dict[str, list[str]]:
    """Procedure code -> the codes of the matters that follow it, in the matters' order."""
    def make() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {p.code: [] for p in procedures(catalog)}
        for code, followed in all_by_matter(catalog).items():
            for p in followed:
                found.setdefault(p.code, []).append(code)
        return found
    return memo(catalog, "procedures:matters-of", make)
