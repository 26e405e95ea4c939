"""Datasets added after the first release are optional: a bureau's existing data tree stays valid without them."""

from __future__ import annotations

from pathlib import Path

from validator.helpers import copy_sample, errors, found

from generator.datasets import DATASETS, REGISTRY
from generator.rules import figuretext
from generator.rules.figures import Figure

OPTIONAL = [ds for ds in DATASETS if ds.optional]
REQUIRED = [ds for ds in DATASETS if not ds.optional]


def test_the_original_datasets_stay_required_and_new_ones_are_optional() -> None:
    assert [ds.name for ds in REQUIRED] == ["enforcement_matters", "enforcement_officers", "institutions",
                                            "institution_events", "penalties", "licenses"]
    assert all(ds.synth is not None for ds in OPTIONAL), "a new dataset needs synthetic rows for the benchmark"


NEW_FIGURES = tuple(f for f in REGISTRY.figures if f.dataset)


def _stated(text: str, figures: tuple[Figure, ...]) -> list[tuple[int, int, str]]:
    """(line, column, the words) of each number a report's text states for one of `figures` (at its first digit)
    or asks the site to fill in (a placeholder, at its braces)."""
    found = [(m.offset, m.text) for m in figuretext.mentions(text, figures)]
    found += [(m.start(), m[0]) for m in figuretext.PLACEHOLDER.finditer(text)
              if figuretext.figure_named(m[1], figures) is not None]
    return [(text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at), words) for at, words in sorted(found)]


def _as_before(root: Path) -> Path:
    """The sample as a bureau kept it before the new datasets: without their files and their report figures (in
    the front matter, and the numbers and placeholders of the text)."""
    for ds in OPTIONAL:
        (root / ds.path).unlink()
    new_figures = tuple(f"  {f.key}:" for f in NEW_FIGURES)
    for report in (root / "content" / "reports").glob("*.md"):
        text = report.read_text(encoding="utf-8")
        for _line, _col, words in _stated(text, NEW_FIGURES):
            text = text.replace(words, "", 1)
        lines = text.splitlines(keepends=True)
        report.write_text("".join(line for line in lines if not line.startswith(new_figures)), encoding="utf-8")
    return root


def test_a_tree_without_any_new_dataset_validates(tmp_path: Path) -> None:
    root = _as_before(copy_sample(tmp_path))
    assert errors(root) == []
    assert [p for p in found(root) if p[0] in {ds.path for ds in OPTIONAL}] == []


def test_a_report_figure_from_a_file_not_kept_is_refused(tmp_path: Path) -> None:
    """The sample's 2021 report states every figure; without the file a figure counts, it cannot be proved."""
    root = copy_sample(tmp_path)
    text = (root / "content" / "reports" / "2021.md").read_text(encoding="utf-8")
    report = text.splitlines()
    expected = []
    for figure in NEW_FIGURES:
        path = root / next(ds.path for ds in OPTIONAL if ds.name == figure.dataset)
        path.unlink(missing_ok=True)  # one file may hold several figures' records
        # a family's figure the sample report does not state has nothing to refuse
        expected += [("content/reports/2021.md", line, len(f"  {figure.key}: ") + 1, "figure-mismatch")
                     for line, text in enumerate(report, 1) if text.startswith(f"  {figure.key}: ")]
    # and each number the text states or asks to be filled in for them (it can no more be proved)
    expected += [("content/reports/2021.md", line, col, "figure-mismatch")
                 for line, col, _words in _stated(text, NEW_FIGURES)]
    assert expected and errors(root) == sorted(expected)
