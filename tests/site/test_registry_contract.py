"""The registry's contract (datasette-style): every published dataset has every part a citizen and staff rely on.

Parametrised by dataset: a new family that forgets a part shows, in red, exactly which part for which dataset.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sitecheck import ROOT, TODAY

from generator.datasets import BY_NAME, DATASETS
from generator.datasets.decisions import KINDS, kind
from generator.git.compare import compare, dataset_section
from generator.problems import ERROR
from generator.render import recordindex
from generator.render.publications import PUBLICATIONS
from generator.render.views import PublicView
from generator.synth.county import synthesize
from generator.validate import Outcome, validate

PUBLISHED = list(PUBLICATIONS)


@pytest.fixture(scope="module")
def outcome() -> Outcome:
    return validate(ROOT, date.fromisoformat(TODAY))


@pytest.fixture(scope="module")
def view(outcome: Outcome) -> PublicView:
    return PublicView(outcome.catalog, date.fromisoformat(TODAY))


@pytest.fixture(scope="module")
def synth_counts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    return synthesize(tmp_path_factory.mktemp("synth-contract"), 60)


def _first_page(view: PublicView, name: str) -> Any:
    publication = PUBLICATIONS[name]
    assert publication.record_pages is not None
    return next(p for p in publication.record_pages(view) if p.entry is not None)


def test_every_declared_dataset_is_published() -> None:
    assert [ds.name for ds in DATASETS] == PUBLISHED


@pytest.mark.parametrize("name", PUBLISHED)
def test_sample_has_records_and_they_validate(name: str, outcome: Outcome) -> None:
    assert outcome.catalog.records(name), f"the sample county has no {name}"
    errors = [p for p in outcome.problems if p.severity == ERROR and p.where.path == BY_NAME[name].path]
    assert errors == []


@pytest.mark.parametrize("name", [n for n in PUBLISHED if PUBLICATIONS[n].page])
def test_list_page_exists(name: str, built_site: Path) -> None:
    assert (built_site / PUBLICATIONS[name].page / "index.html").is_file()  # type: ignore[operator]


@pytest.mark.parametrize("name", [n for n in PUBLISHED if PUBLICATIONS[n].record_pages])
def test_record_page_exists_and_search_finds_it_by_title(name: str, view: PublicView, built_site: Path) -> None:
    page = _first_page(view, name)
    assert (built_site / page.url / "index.html").is_file()
    assert page.url in recordindex.search(built_site, page.entry.title, page.section)  # decisions: the key


@pytest.mark.parametrize("name", PUBLISHED)
def test_downloads_exist_parse_and_hold_the_public_rows(name: str, view: PublicView, built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig"))))
    document = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert len(rows) == document["count"] == len(list(PUBLICATIONS[name].rows(view))) > 0


@pytest.mark.parametrize("name", PUBLISHED)
def test_data_package_lists_it(name: str, built_site: Path) -> None:
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert f"{name}.csv" in [r["path"] for r in package["resources"]]


@pytest.mark.parametrize("name", PUBLISHED)
def test_guide_has_its_section(name: str, built_site: Path) -> None:
    guide = (built_site / "guide" / "index.html").read_text(encoding="utf-8")
    assert f'id="{name.replace("_", "-")}"' in guide
    assert BY_NAME[name].path in guide


@pytest.mark.parametrize("name", PUBLISHED)
def test_changes_page_can_name_and_link_a_record(name: str, outcome: Outcome, view: PublicView,
                                                 built_site: Path) -> None:
    added = compare(dataset_section(BY_NAME[name]), [], outcome.catalog.records(name))
    described = [PUBLICATIONS[name].describe(view, change.key) for change in added]
    linked = [(label, url) for label, url in described if label is not None and url is not None]
    assert linked, f"/changes/ could name no record of {name}"
    _label, url = linked[0]
    assert (built_site / url.split("#", 1)[0] / "index.html").is_file()


@pytest.mark.parametrize("name", PUBLISHED)
def test_synth_produces_rows(name: str, synth_counts: dict[str, int]) -> None:
    assert synth_counts.get(name, 0) > 0


def test_an_unknown_decision_kind_is_an_error_not_a_default(view: PublicView) -> None:
    assert set(KINDS) <= set(PUBLISHED)
    with pytest.raises(KeyError, match="not a declared decision kind"):
        kind("inspections")
    with pytest.raises(KeyError, match="not a declared decision kind"):
        view.decisions("inspections")
