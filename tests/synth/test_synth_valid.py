"""The synthetic tree validates without a single problem and follows the contract's proportions and rules."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from generator.datasets import DATASETS, REGISTRY
from generator.datasets.decisions import index as decision_index
from generator.datasets.institutions import index as institution_index
from generator.datasets.institutions import liststate
from generator.datasets.matters import index as matter_index
from generator.rules.publicity import PUBLIC, visibility
from generator.schema.identifiers import uscc_problem
from generator.synth.county import synthesize
from generator.validate import Outcome, validate

TODAY = date(2026, 11, 27)
#: (scale, counts returned by synthesize, root of the tree)
Tree = tuple[int, dict[str, int], Path]


@pytest.fixture(scope="module", params=[200, 1000])
def tree(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Tree:
    scale = request.param
    root = tmp_path_factory.mktemp(f"synth{scale}")
    return scale, synthesize(root, scale, registry=REGISTRY), root


@pytest.fixture(scope="module")
def outcome(tree: Tree) -> Outcome:
    return validate(tree[2])


def test_synth_tree_has_no_problems_at_all(outcome: Outcome) -> None:
    assert [(p.path, p.line, p.col, p.code) for p in outcome.problems] == []


def test_synth_counts_follow_the_proportions(tree: Tree) -> None:
    scale, counts, _ = tree
    assert {k: v for k, v in counts.items() if not k.startswith(("inspection", "legal_"))} == {
        "enforcement_matters": 60, "enforcement_officers": max(2, scale // 50), "institutions": scale,
        "institution_events": 2 * scale, "penalties": scale // 2, "licenses": scale // 2,
        "annual_reviews": 5 * max(3, scale // 20),  # one school per 20 institutions, 2021-2025
        "law_education": 6,  # one entry per office of the matters
        "policies": scale // 200 + 10}
    # 双随机: three items, a plan a year (2023-2025) drawing 5 % of the white list, a result per drawn institution
    assert counts["inspection_items"] == 3 and counts["inspection_plans"] == 3
    assert scale // 200 <= counts["inspections"] <= scale // 5


def test_synth_every_row_became_a_record(tree: Tree, outcome: Outcome) -> None:
    _, counts, root = tree
    for ds in DATASETS:
        assert len(outcome.catalog.records(ds.name)) == counts[ds.name], ds.name
        if ds.is_csv:
            with (root / ds.path).open(encoding="utf-8", newline="") as f:
                assert sum(1 for _ in csv.reader(f)) == counts[ds.name] + 1, ds.path


def test_synth_files_are_utf8_with_lf(tree: Tree) -> None:
    root = tree[2]
    for path in [*sorted((root / "data").iterdir()), root / "content" / "reports" / "2021.md"]:
        data = path.read_bytes()
        assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf"), path
        data.decode("utf-8")


def test_synth_matters_cover_the_categories(outcome: Outcome) -> None:
    categories = Counter(m.category for m in matter_index.matters(outcome.catalog))
    assert categories["行政处罚"] >= 12 and categories["行政许可"] >= 6
    assert len(categories) >= 6
    for matter in matter_index.matters(outcome.catalog):
        assert matter.basis and all(b.law.startswith("《") and b.article for b in matter.basis), matter.code


def test_synth_identifiers_are_valid_and_unique(outcome: Outcome) -> None:
    codes = [i.uscc for i in institution_index.institutions(outcome.catalog) if i.uscc]
    assert len(codes) == len(set(codes))
    assert all(uscc_problem(code) is None for code in codes)
    assert all(i.uscc or i.registration_type == "未登记" for i in institution_index.institutions(outcome.catalog))
    ids = [i.id for i in institution_index.institutions(outcome.catalog)]
    assert ids == [f"syn-{n:06d}" for n in range(1, len(ids) + 1)]


def test_synth_decisions_mix_parties_severities_and_statuses(tree: Tree, outcome: Outcome) -> None:
    scale = tree[0]
    penalties = decision_index.penalties(outcome.catalog)
    natural = sum(p.party_category == "自然人" for p in penalties) / len(penalties)
    assert 0.04 <= natural <= 0.2
    assert {p.severity for p in penalties} == {"轻微", "一般", "严重"}
    assert all(2021 <= p.decision_date.year <= 2026 and p.published_on <= TODAY for p in penalties)
    seen = Counter(visibility(p, outcome.catalog.site, TODAY) for p in penalties)
    assert seen[PUBLIC] >= len(penalties) // 10 and seen["expired"] >= len(penalties) // 10
    if scale >= 1000:
        assert seen["withdrawn"] and seen["repaired"]
        assert any(p.license_affected for p in penalties) and any(p.confiscated_yuan for p in penalties)


def test_synth_history_ends_in_every_list(outcome: Outcome) -> None:
    catalog = outcome.catalog
    states = [institution_index.state_on(catalog, i.id, TODAY) for i in institution_index.institutions(catalog)]
    lists = Counter(s.listed for s in states)
    assert lists[liststate.WHITE] and lists[liststate.BLACK] and lists[liststate.UNLISTED]
    assert any(s.deregistered for s in states)
    assert all(e.reason for e in institution_index.events(outcome.catalog) if e.event in {"列入黑名单", "取缔"})


def test_synth_report_states_figures(tree: Tree, outcome: Outcome) -> None:
    (report,) = outcome.catalog.reports
    assert report.year == 2021 and len(report.figures) == len(REGISTRY.figures)
    assert int(report.figures["penalties"]) > 0 or tree[0] < 1000
