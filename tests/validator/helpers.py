"""Helpers for the validator tests: copy the sample, edit a CSV cell or a file's text, list problems as tuples."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE_DIRS = ("data", "content")


def copy_sample(dest: Path) -> Path:
    """A fresh copy of the sample data/ and content/ under `dest` (the sample validates clean)."""
    for name in SAMPLE_DIRS:
        shutil.copytree(PROJECT / name, dest / name)
    return dest


def copy_lean(dest: Path) -> Path:
    """The sample's data/ and one page under `dest`, for tests of a file under content/ that the privacy gate alone
    reads (an attachment): the masked parties' names it is scanned for are the sample's, and no other page or full
    text is read again for each check. The policies, whose full texts stay behind, are left out: it validates clean."""
    shutil.copytree(PROJECT / "data", dest / "data")
    (dest / "data" / "policies.csv").unlink()
    (dest / "content").mkdir()
    shutil.copy2(PROJECT / "content" / "about.md", dest / "content" / "about.md")
    return dest


def found(root: Path) -> list[tuple[str, int, int, str]]:
    """Every problem the validator reports, as (path, line, col, code), in report order."""
    return [(p.path, p.line, p.col, p.code) for p in validate(root).problems]


def errors(root: Path) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.code) for p in validate(root).problems if p.severity == "error"]


def replace_text(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file; `old` must occur exactly `count` times (guards against stale tests)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {rel}, expected {count}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _find_row(rows: list[list[str]], key: str | dict[str, str]) -> int:
    header = rows[0]
    wanted = key if isinstance(key, dict) else {header[0]: key}
    hits = [i for i, row in enumerate(rows[1:], start=1)
            if len(row) == len(header) and all(row[header.index(col)] == value for col, value in wanted.items())]
    assert len(hits) == 1, f"row {key!r} matches {len(hits)} rows"
    return hits[0]


def set_cells(root: Path, dataset: str, key: str | dict[str, str], **cells: str) -> None:
    """Set cells of the one row of data/<dataset>.csv whose first column is `key` (or matching a column dict)."""
    path = root / "data" / f"{dataset}.csv"
    rows = _read_rows(path)
    i = _find_row(rows, key)
    for column, value in cells.items():
        rows[i][rows[0].index(column)] = value
    _write_rows(path, rows)


def get_cell(root: Path, dataset: str, key: str | dict[str, str], column: str) -> str:
    rows = _read_rows(root / "data" / f"{dataset}.csv")
    return rows[_find_row(rows, key)][rows[0].index(column)]


def copy_row(root: Path, dataset: str, key: str | dict[str, str], **cells: str) -> None:
    """Append a copy of an existing row, with some cells changed."""
    path = root / "data" / f"{dataset}.csv"
    rows = _read_rows(path)
    row = list(rows[_find_row(rows, key)])
    for column, value in cells.items():
        row[rows[0].index(column)] = value
    _write_rows(path, [*rows, row])


def append_rows(root: Path, dataset: str, *rows: dict[str, str]) -> None:
    """Append rows given as {column: value} (other cells empty)."""
    path = root / "data" / f"{dataset}.csv"
    table = _read_rows(path)
    header = table[0]
    for row in rows:
        assert set(row) <= set(header), set(row) - set(header)
        table.append([row.get(col, "") for col in header])
    _write_rows(path, table)


def drop_column(root: Path, dataset: str, column: str) -> None:
    """Remove a column from the header and from every row."""
    path = root / "data" / f"{dataset}.csv"
    rows = _read_rows(path)
    i = rows[0].index(column)
    _write_rows(path, [row[:i] + row[i + 1:] for row in rows])


def add_column(root: Path, dataset: str, column: str, value: str = "") -> None:
    """Add a last column to the header and the same value to every row."""
    path = root / "data" / f"{dataset}.csv"
    rows = _read_rows(path)
    _write_rows(path, [[*rows[0], column], *([*row, value] for row in rows[1:])])


#: The sample's reports state 7 officers; any officer row that does not validate changes that figure too.
OFFICER_FIGURES = [("content/reports/2021.md", 18, 13, "figure-mismatch"),
                   ("content/reports/2022.md", 18, 13, "figure-mismatch")]
