"""Datasets added after the first release are optional: a bureau's existing data tree stays valid without them."""

from __future__ import annotations

from pathlib import Path

from validator.helpers import copy_sample, errors, found

from generator.datasets import DATASETS, REGISTRY
from generator.rules.figuretext import names

OPTIONAL = [ds for ds in DATASETS if ds.optional]
REQUIRED = [ds for ds in DATASETS if not ds.optional]


def test_the_original_datasets_stay_required_and_new_ones_are_optional() -> None:
    assert [ds.name for ds in REQUIRED] == ["enforcement_matters", "enforcement_officers", "institutions",
                                            "institution_events", "penalties", "licenses"]
    assert all(ds.synth is not None for ds in OPTIONAL), "a new dataset needs synthetic rows for the benchmark"


def _as_before(root: Path) -> Path:
    """The sample as a bureau kept it before the new datasets: without their files and their report figures (in the
    front matter, and the text's placeholders naming them)."""
    for ds in OPTIONAL:
        (root / ds.path).unlink()
    new_figures = tuple(f"  {f.key}:" for f in REGISTRY.figures if f.dataset)
    for report in (root / "content" / "reports").glob("*.md"):
        lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
        text = "".join(line for line in lines if not line.startswith(new_figures))
        for holder in _placeholders(text):
            text = text.replace(holder, "")
        report.write_text(text, encoding="utf-8")
    return root


def _placeholders(text: str) -> list[str]:
    """The placeholders of `text` that name a figure of an optional dataset ({{音像记录事项}})."""
    return [f"{{{{{name}}}}}" for f in REGISTRY.figures if f.dataset for name in names(f)
            if f"{{{{{name}}}}}" in text]


def test_a_tree_without_any_new_dataset_validates(tmp_path: Path) -> None:
    root = _as_before(copy_sample(tmp_path))
    assert errors(root) == []
    assert [p for p in found(root) if p[0] in {ds.path for ds in OPTIONAL}] == []


def test_a_report_figure_from_a_file_not_kept_is_refused(tmp_path: Path) -> None:
    """A figure the sample's 2021 report states, counted from a file that is gone, cannot be proved: each one is
    refused where it stands (a family's figure the sample report does not state has nothing to refuse)."""
    root = copy_sample(tmp_path)
    report = (root / "content" / "reports" / "2021.md").read_text(encoding="utf-8").splitlines()
    expected = []
    for figure in (f for f in REGISTRY.figures if f.dataset):
        (root / next(ds.path for ds in OPTIONAL if ds.name == figure.dataset)).unlink(missing_ok=True)
        stated = [n for n, text in enumerate(report, 1) if text.startswith(f"  {figure.key}: ")]
        expected += [("content/reports/2021.md", line, len(f"  {figure.key}: ") + 1, "figure-mismatch")
                     for line in stated]
        expected += [("content/reports/2021.md", n, text.index(holder) + 1, "figure-mismatch")
                     for n, text in enumerate(report, 1) for holder in _placeholders(text)
                     if holder[2:-2] in names(figure)]
    expected.sort()
    assert expected and errors(root) == expected
