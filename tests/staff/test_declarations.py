"""What the families declare for the staff tools (Dataset.offer, number_kinds, upload) names their own fields: the
tools read nothing else about a dataset, so a slip here would only show as a broken template or export."""

from __future__ import annotations

import pytest

from generator.datasets import DATASETS
from generator.model import Dataset
from generator.staff.current import references

OFFERING = [ds for ds in DATASETS if ds.offer is not None]
DERIVED = ("=bureau.name", "=bureau.uscc", "=publicity_end", "=state", "=remarks", "=")


@pytest.mark.parametrize("ds", OFFERING, ids=lambda ds: ds.name)
def test_an_offer_names_fields_of_its_model(ds: Dataset) -> None:
    assert ds.offer is not None and ds.key is not None
    fields = ds.model.model_fields
    named = [ds.key, ds.offer.name, *(f for f in (ds.offer.category, ds.offer.uscc) if f)]
    assert [f for f in named if f not in fields] == []
    assert ds.offer.noun and ds.offer.pick and ds.offer.refused


@pytest.mark.parametrize("ds", [ds for ds in DATASETS if ds.import_assigns_key], ids=lambda ds: ds.name)
def test_a_dataset_whose_import_assigns_keys_offers_its_records(ds: Dataset) -> None:
    """The import finds a new row's key by the credit code its offer names, or numbers on from the keys it reads."""
    assert ds.offer is not None


@pytest.mark.parametrize("ds", [ds for ds in DATASETS if ds.refs], ids=lambda ds: ds.name)
def test_references_are_the_declared_foreign_keys_to_an_offering_dataset(ds: Dataset) -> None:
    found = references(ds)
    assert set(found) <= set(ds.refs)
    assert all(target.offer is not None for target in found.values())
    assert [target.name for target in found.values()] == [d.name for d in DATASETS if d in found.values()]


@pytest.mark.parametrize("ds", [ds for ds in DATASETS if ds.number_kinds or ds.upload], ids=lambda ds: ds.name)
def test_number_kinds_and_upload_columns_name_fields_of_the_model(ds: Dataset) -> None:
    fields = ds.model.model_fields
    assert [key for key in ds.number_kinds if key not in fields] == []
    sources = [source.rpartition(":")[2] for _code, _label, source in ds.upload.columns] if ds.upload else []
    assert [s for s in sources if s not in fields and s not in DERIVED] == []
