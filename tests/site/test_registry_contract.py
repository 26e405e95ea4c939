"""The registry's contract (datasette-style): every published dataset has every part a citizen and staff rely on.

Parametrised by dataset: a new family that forgets a part shows, in red, exactly which part for which dataset.
"""

from __future__ import annotations

import csv
import inspect
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sitecheck import ROOT, TODAY

from generator.datasets import BY_NAME, DATASETS, PUBLICATIONS, REGISTRY
from generator.datasets.decisions import KINDS, kind
from generator.datasets.views import PublicView
from generator.git.compare import compare, dataset_section
from generator.model import Part
from generator.problems import ERROR
from generator.render import recordindex
from generator.render.site import nav, nav_tree
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
    return synthesize(tmp_path_factory.mktemp("synth-contract"), 60, registry=REGISTRY)


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


@pytest.mark.parametrize("name", [n for n in PUBLISHED if PUBLICATIONS[n].record_pages])
def test_a_family_rendered_in_shares_gives_its_whole_in_order(name: str, view: PublicView) -> None:
    """The build renders the shares of a family side by side and writes them in order: together, in order, they are
    the family's pages, none twice, none lost, whatever the count (a share list computed per part would drift)."""
    publication = PUBLICATIONS[name]
    assert publication.record_pages is not None
    whole = [(p.url, p.body) for p in publication.record_pages(view)]
    assert whole
    if publication.record_parts == 1:
        return
    assert "part" in inspect.signature(publication.record_pages).parameters
    for count in (publication.record_parts, 3, len(whole) + 2):
        shares = [(p.url, p.body) for k in range(count) for p in publication.record_pages(view, Part(k, count))]
        assert shares == whole, count


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


def test_cards_titles_urls_and_sections_are_unique() -> None:
    """Two families may not take the same home card place, title, list page, download name or record section."""
    with_page = [p for p in PUBLICATIONS.values() if p.page]
    for values in ([p.card for p in with_page], [p.page for p in with_page], [p.nav for p in with_page],
                   [ds.title for ds in DATASETS], [ds.name for ds in DATASETS], [ds.path for ds in DATASETS]):
        assert len(values) == len(set(values)), values


def test_the_navigation_keeps_to_few_tabs() -> None:
    """A new family's list page goes under a group tab (Publication.group): the top bar holds about 16 tabs at
    1280 px, and a phone's menu reads best short. Every list page is in the navigation once."""
    tree = nav_tree(nav(REGISTRY), {path for _, path, _ in nav(REGISTRY)})
    assert len(tree) <= 10, [next(iter(entry)) for entry in tree]
    pages = [path for entry in tree for value in entry.values()
             for path in ([value] if isinstance(value, str) else [p for item in value for p in item.values()])]
    assert sorted(pages) == sorted({f"{p.page}index.md" for p in REGISTRY.with_pages} | set(pages))
    assert len(pages) == len(set(pages))


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_family_documents_its_fields_and_itself(name: str) -> None:
    """What a family may not forget: every field of its model has a Chinese title and says what to write (the guide,
    the fill-in templates and the import's column names are made from them), and the dataset a description."""
    ds = BY_NAME[name]
    undocumented = [field for field, info in ds.model.model_fields.items()
                    if not info.exclude and not (info.title and info.description)]
    assert undocumented == [], f"{name}: fields without a title or a docstring"
    assert ds.description, f"{name}: no description for /data/ and the data package"


REFS = [(ds.name, name) for ds in DATASETS for name in ds.refs]


def test_every_foreign_key_names_a_keyed_dataset_and_a_field_of_the_model() -> None:
    for ds in DATASETS:
        for name, target in ds.refs.items():
            target_name = target[0] if isinstance(target, tuple) else target
            assert name in ds.model.model_fields, (ds.name, name)
            assert BY_NAME[target_name].key, (ds.name, name, "refers to a dataset without a key")


@pytest.mark.parametrize(("name", "field"), [r for r in REFS if BY_NAME[r[0]].is_csv])
def test_a_foreign_key_to_nothing_is_one_located_unknown_reference(name: str, field: str, tmp_path: Path) -> None:
    """Whatever family declares it, a value naming no record is reported at its own cell, once in its file, with what
    to do (records citing the changed one may follow in other files: a plan's items, its results')."""
    from sitecheck import copy_project

    root = copy_project(tmp_path / "project")
    path = root / BY_NAME[name].path
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index(field)
    rows[1][col] = "NO-SUCH-RECORD-1"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    found = [p for p in validate(root, date.fromisoformat(TODAY)).problems
             if p.code == "unknown-reference" and p.path == BY_NAME[name].path]
    assert [(p.path, p.line, p.col, p.field) for p in found] == [(BY_NAME[name].path, 2, col + 1, field)]
    assert "「NO-SUCH-RECORD-1」" in found[0].message and "请先在" in found[0].message
