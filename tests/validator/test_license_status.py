"""Licence withdrawals: a licence still 有效 cannot carry a withdrawal, and a withdrawal cannot predate it."""

from __future__ import annotations

from pathlib import Path

from validator.helpers import add_column, found, set_cells

LICENCE = "汾教科许决字〔2025〕第5号"  # line 12 of data/licenses.csv in the sample


def _with_withdrawal_columns(root: Path) -> None:
    add_column(root, "licenses", "withdrawn_on")  # column 19
    add_column(root, "licenses", "withdrawal_reason")  # column 20


def test_valid_licence_with_a_withdrawal_is_a_conditional_field_error(root: Path) -> None:
    _with_withdrawal_columns(root)
    set_cells(root, "licenses", LICENCE, withdrawn_on="2025-12-01", withdrawal_reason="撤回")
    assert found(root) == [("data/licenses.csv", 12, 19, "conditional-field"),
                           ("data/licenses.csv", 12, 20, "conditional-field")]


def test_withdrawal_before_the_decision_is_a_date_order_error(root: Path) -> None:
    _with_withdrawal_columns(root)
    set_cells(root, "licenses", LICENCE, status="无效", withdrawn_on="2020-01-01",
              withdrawal_reason="申请人以欺骗手段取得许可")
    assert found(root) == [("data/licenses.csv", 12, 19, "date-order")]
