"""Licence endings: a licence still 有效 cannot carry one, a 无效 one names the legal act (撤销, 撤回, 注销, 吊销), a
revocation is a penalty's, and a withdrawal cannot predate the licence."""

from __future__ import annotations

from pathlib import Path

from validator.helpers import found, set_cells

LICENCE = "汾教科许决字〔2025〕第5号"  # line 12 of data/licenses.csv in the sample


def test_valid_licence_with_a_withdrawal_is_a_conditional_field_error(root: Path) -> None:
    set_cells(root, "licenses", LICENCE, withdrawn_on="2025-12-01", withdrawal_reason="撤回")
    assert found(root) == [("data/licenses.csv", 12, 19, "conditional-field"),
                           ("data/licenses.csv", 12, 20, "conditional-field")]


def test_withdrawal_before_the_decision_is_a_date_order_error(root: Path) -> None:
    set_cells(root, "licenses", LICENCE, status="无效", withdrawn_on="2020-01-01", ended_by="撤销",
              withdrawal_reason="申请人以欺骗手段取得许可")
    assert found(root) == [("data/licenses.csv", 12, 19, "date-order")]


def test_invalid_licence_must_name_the_act_that_ended_it(root: Path) -> None:
    set_cells(root, "licenses", LICENCE, status="无效", withdrawn_on="2025-12-01",
              withdrawal_reason="举办者申请终止办学")
    assert found(root) == [("data/licenses.csv", 12, 21, "conditional-field")]
    set_cells(root, "licenses", LICENCE, ended_by="注销")
    assert found(root) == []


def test_revocation_without_a_revoking_penalty_is_refused(root: Path) -> None:
    set_cells(root, "licenses", LICENCE, status="无效", withdrawn_on="2025-12-01", withdrawal_reason="吊销",
              ended_by="吊销")
    assert found(root) == [("data/licenses.csv", 12, 21, "conditional-field")]


def test_licence_revoked_by_a_penalty_cannot_stay_valid_or_be_called_withdrawn(root: Path) -> None:
    # 汾教科许决字〔2021〕第15号 (line 3) was revoked by penalty 汾教科罚决字〔2022〕第9号
    set_cells(root, "licenses", "汾教科许决字〔2021〕第15号", status="有效", withdrawn_on="", withdrawal_reason="",
              ended_by="")
    assert found(root) == [("data/licenses.csv", 3, 16, "list-conflict")]
    set_cells(root, "licenses", "汾教科许决字〔2021〕第15号", status="无效", ended_by="撤回")
    assert found(root) == [("data/licenses.csv", 3, 21, "invalid-enum")]
