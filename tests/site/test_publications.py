"""Every dataset is declared twice, once for its data and once for the site: neither may be forgotten."""

from __future__ import annotations

from generator.datasets import DATASETS, PUBLICATIONS, REGISTRY


def test_every_dataset_has_a_publication_and_no_publication_is_orphaned() -> None:
    assert list(PUBLICATIONS) == [ds.name for ds in DATASETS], "same datasets, same order (downloads follow it)"
    assert set(REGISTRY.history_datasets) == set(PUBLICATIONS)


def test_every_list_page_has_a_unit_a_duty_and_its_own_home_card_place() -> None:
    with_page = [p for p in PUBLICATIONS.values() if p.page]
    assert all(p.unit and p.duty and p.page.endswith("/") for p in with_page)  # type: ignore[union-attr]
    assert len({p.card for p in with_page}) == len(with_page)


def test_derived_columns_do_not_shadow_the_model() -> None:
    for ds in DATASETS:
        assert not set(PUBLICATIONS[ds.name].derived) & set(ds.model.columns()), ds.name
