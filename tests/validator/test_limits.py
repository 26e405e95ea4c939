"""Limits instead of crashes and hangs: every oversized or overflowing input ends in a located problem line."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from validator.helpers import copy_row, errors, set_cells

from generator.cli import main
from generator.rules.publicity import add_months
from generator.rules.slugs import decision_slug

PENALTIES = "data/penalties.csv"
ROW = "汾教科罚决字〔2021〕第1号"


def _own(root: Path) -> list[tuple[str, int, int, str]]:
    """Errors other than the year-end figures of the reports (which change whenever a row is refused)."""
    return [e for e in errors(root) if e[3] != "figure-mismatch"]


@pytest.mark.parametrize(("cells", "expected"), [
    ({"violation_facts": "事" * 200_000}, (2, 9, "too-large")),          # over the csv module's field limit
    ({"decision_no": "汾教科罚决字〔2021〕第" + "9" * 5000 + "号"}, (2, 1, "too-large")),
    ({"fine_yuan": "9" * 5000}, (2, 13, "invalid-value")),
    ({"published_on": "10002-01-01"}, (2, 20, "invalid-date")),
    ({"published_on": "２０２１－０３－０５"}, (2, 20, "invalid-date")),
])
def test_oversized_values_are_located(root: Path, cells: dict[str, str], expected: tuple[int, int, str]) -> None:
    set_cells(root, "penalties", ROW, **cells)
    assert _own(root) == [(PENALTIES, *expected)]


def test_messages_quote_long_values_briefly_and_say_what_to_type(root: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    set_cells(root, "penalties", ROW, fine_yuan="9" * 5000, published_on="２０２１－０３－０５")
    assert main(["validate", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) < 300
    assert "请用半角（英文输入法）数字和连字符输入：2021-03-05" in out


def test_an_id_too_long_for_a_file_name(root: Path) -> None:
    copy_row(root, "institutions", "fc-0073", id="fc-" + "1" * 300)
    assert ("data/institutions.csv", 75, 1, "invalid-value") in _own(root)


def test_far_future_dates_do_not_overflow() -> None:
    assert add_months(date(9999, 12, 1), 36) == date.max
    assert decision_slug("汾教科罚决字〔2021〕第" + "9" * 5000 + "号").startswith("d-")


def test_a_ragged_row_does_not_cascade_into_its_references(root: Path) -> None:
    path = root / "data/institutions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("fc-0005,", "fc-0005,多余,", 1), encoding="utf-8")
    assert _own(root) == [("data/institutions.csv", 6, 11, "csv-header")]


def test_an_unreadable_dataset_does_not_cascade(root: Path) -> None:
    path = root / "data/institutions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    assert _own(root) == [("data/institutions.csv", 2, 2, "csv-encoding")]


def test_a_cr_only_file_reports_the_right_line(root: Path) -> None:
    path = root / "data/institutions.csv"
    text = path.read_text(encoding="utf-8").replace("fc-0005,", "fc-0005,多余,", 1)
    path.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    assert _own(root) == [("data/institutions.csv", 6, 11, "csv-header")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file: the permission cannot be taken away")
def test_an_unreadable_file_is_located(root: Path) -> None:
    os.chmod(root / "data/licenses.csv", 0)
    assert ("data/licenses.csv", 1, 1, "unreadable-file") in errors(root)


def test_a_huge_file_is_refused_before_reading(root: Path) -> None:
    from generator.read import sources

    with open(root / "data/licenses.csv", "r+b") as f:
        f.truncate(sources.MAX_FILE_BYTES + 1)  # sparse: no disk used
    assert ("data/licenses.csv", 1, 1, "too-large") in errors(root)
