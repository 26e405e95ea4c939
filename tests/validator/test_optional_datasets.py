"""Datasets added after the first release are optional: a bureau's existing data tree stays valid without them."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import copy_sample, errors, found

from generator.datasets import DATASETS

OPTIONAL = [ds for ds in DATASETS if ds.optional]
REQUIRED = [ds for ds in DATASETS if not ds.optional]


def test_the_original_datasets_stay_required_and_new_ones_are_optional() -> None:
    assert [ds.name for ds in REQUIRED] == ["enforcement_matters", "enforcement_officers", "institutions",
                                            "institution_events", "penalties", "licenses"]
    assert all(ds.synth is not None for ds in OPTIONAL), "a new dataset needs synthetic rows for the benchmark"


def test_a_tree_without_any_new_dataset_validates(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    for ds in OPTIONAL:
        (root / ds.path).unlink()
    assert errors(root) == []
    assert [p for p in found(root) if p[0] in {ds.path for ds in OPTIONAL}] == []


@pytest.mark.parametrize("name", [ds.name for ds in REQUIRED])
def test_a_missing_original_dataset_is_still_an_error(name: str, tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    path = next(ds.path for ds in REQUIRED if ds.name == name)
    (root / path).unlink()
    assert [code for p, _line, _col, code in errors(root) if p == path] == ["missing-field"]
