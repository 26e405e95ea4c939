"""Licence withdrawals: a licence still 有效 cannot carry a withdrawal, and a withdrawal cannot predate it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.validate import validate


def _edit_licence(root: Path, number_prefix: str, **changes: str) -> int:
    path = root / "data/licenses.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    fields = list(rows[0]) + [name for name in changes if name not in rows[0]]
    index = next(i for i, row in enumerate(rows) if row["decision_no"].startswith(number_prefix))
    rows[index].update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return index + 2  # header on line 1, no multi-line cells in the sample


def _errors(root: Path) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.code) for p in validate(root).problems]


def test_valid_licence_with_a_withdrawal_is_a_conditional_field_error(project: Path) -> None:
    line = _edit_licence(project, "汾教科许决字〔2025〕", withdrawn_on="2025-12-01", withdrawal_reason="撤回")
    assert _errors(project) == [("data/licenses.csv", line, 19, "conditional-field"),
                                ("data/licenses.csv", line, 20, "conditional-field")]


def test_withdrawal_before_the_decision_is_a_date_order_error(project: Path) -> None:
    line = _edit_licence(project, "汾教科许决字〔2025〕", status="无效", withdrawn_on="2020-01-01",
                         withdrawal_reason="申请人以欺骗手段取得许可")
    assert _errors(project) == [("data/licenses.csv", line, 19, "date-order")]
