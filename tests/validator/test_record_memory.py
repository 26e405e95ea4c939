"""Records that gave the same fields share one frozen set of them (pydantic's per-record set weighed more than the
values at a province's scale: 171 MB of the 50k tree's 879 MB peak); the records still compare, hash and dump
as before, and nothing can write to a shared set."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest

from generator.validate import validate

ROOT = Path(__file__).resolve().parents[2]


def test_same_given_fields_share_one_frozen_set() -> None:
    catalog = validate(ROOT, date(2026, 12, 4)).catalog
    for name in ("institutions", "penalties", "institution_events"):
        records = catalog.records(name)
        by_fields: dict[frozenset[str], int] = {}
        for record in records:
            given = record.__pydantic_fields_set__
            assert isinstance(given, frozenset)
            assert id(given) == by_fields.setdefault(given, id(given)), name  # one object per combination
        assert len(by_fields) < len(records)
        first = records[0]
        assert first == first.model_copy()
        assert first.model_dump() == type(first).model_validate(first.model_dump()).model_dump()
        with pytest.raises(AttributeError):
            cast(Any, first.__pydantic_fields_set__).add("x")
