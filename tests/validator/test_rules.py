"""Rules across fields and records: conditional fields, references, duplicates, slugs, list history, date order."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import OFFICER_FIGURES, append_rows, copy_row, found, replace_text, set_cells

PENALTIES = "data/penalties.csv"
LICENSES = "data/licenses.csv"
INSTITUTIONS = "data/institutions.csv"
EVENTS = "data/institution_events.csv"
# Penalty rows from 2023 on (no report counts them):
ORG = "汾教科罚决字〔2023〕第4号"  # line 15: 法人及非法人组织, 警告;没收违法所得 9600.00
PERSON = "汾教科罚决字〔2023〕第6号"  # line 16: 自然人, 警告;罚款 10000.00
TRADER = "汾教科罚决字〔2025〕第4号"  # line 24: 个体工商户 with a code, 责令关闭;罚款
PLACEHOLDER = "00000000000000000X"
REVIEWED = {"legal_review_date": "2023-06-09", "legal_review_office": "汾川县教育科技局法制股"}


@pytest.mark.parametrize(("key", "cells", "expected"), [
    # party_uscc: required unless 自然人, empty for 自然人, placeholder only for 个体工商户
    (ORG, {"party_uscc": ""}, [(15, 4, "conditional-field")]),
    (PERSON, {"party_uscc": "91141099MA0GG98A68"}, [(16, 4, "conditional-field")]),
    (ORG, {"party_uscc": PLACEHOLDER}, [(15, 4, "invalid-uscc")]),
    (PERSON, {"party_uscc": PLACEHOLDER}, [(16, 4, "conditional-field"), (16, 4, "invalid-uscc")]),
    (TRADER, {"party_uscc": PLACEHOLDER}, []),
    (TRADER, {"party_uscc": ""}, [(24, 4, "conditional-field")]),
    # legal_rep_name: required unless 自然人
    (ORG, {"legal_rep_name": ""}, [(15, 5, "conditional-field")]),
    (TRADER, {"legal_rep_name": ""}, [(24, 5, "conditional-field")]),
    # fine_yuan iff 罚款
    (PERSON, {"fine_yuan": ""}, [(16, 13, "conditional-field")]),
    (ORG, {"fine_yuan": "100"}, [(15, 13, "conditional-field")]),
    (ORG, {"penalty_types": "警告;没收违法所得;罚款", "fine_yuan": "100"}, []),
    # confiscated_yuan iff 没收违法所得 or 没收非法财物
    (ORG, {"confiscated_yuan": ""}, [(15, 14, "conditional-field")]),
    (ORG, {"penalty_types": "警告;没收非法财物"}, []),
    (ORG, {"penalty_types": "警告"}, [(15, 14, "conditional-field")]),
    (PERSON, {"confiscated_yuan": "100"}, [(16, 14, "conditional-field")]),
    # license_affected iff 暂扣许可证件 or 吊销许可证件
    (ORG, {"penalty_types": "警告;没收违法所得;暂扣许可证件"}, [(15, 15, "conditional-field")]),
    # (a revocation is a 重大执法决定 of the sample's legal review catalogue: reviewed before it was made)
    (ORG, {"penalty_types": "警告;没收违法所得;吊销许可证件", **REVIEWED}, [(15, 15, "conditional-field")]),
    # ... and a revocation of a linked institution's licence must show in its history (an event)
    (ORG, {"penalty_types": "警告;没收违法所得;吊销许可证件", "license_affected": "办学许可证（教民1号）", **REVIEWED},
     [(15, 15, "list-conflict")]),
    (ORG, {"license_affected": "办学许可证（教民1号）"}, [(15, 15, "conditional-field")]),
    # withdrawn_on and withdrawal_reason iff status is not 有效
    (ORG, {"status": "已撤销"}, [(15, 22, "conditional-field"), (15, 23, "conditional-field")]),
    (ORG, {"status": "确认无效", "withdrawn_on": "2023-09-01"}, [(15, 23, "conditional-field")]),
    (ORG, {"status": "已变更", "withdrawn_on": "2023-09-01", "withdrawal_reason": "复议变更"}, []),
    (ORG, {"withdrawn_on": "2023-09-01"}, [(15, 22, "conditional-field")]),
    (ORG, {"withdrawal_reason": "复议撤销"}, [(15, 23, "conditional-field")]),
])
def test_penalty_conditional_fields(root: Path, key: str, cells: dict[str, str],
                                    expected: list[tuple[int, int, str]]) -> None:
    set_cells(root, "penalties", key, **cells)
    assert found(root) == [(PENALTIES, *where) for where in expected]


@pytest.mark.parametrize(("key", "cells", "expected"), [
    ("汾教科许决字〔2024〕第12号", {"party_uscc": "91141099MA0GG98A68"}, [(11, 5, "conditional-field")]),
    ("汾教科许决字〔2023〕第8号", {"party_uscc": ""}, [(9, 5, "conditional-field")]),
    ("汾教科许决字〔2023〕第8号", {"legal_rep_name": ""}, [(9, 6, "conditional-field")]),
    ("汾教科许决字〔2023〕第8号", {"party_uscc": PLACEHOLDER}, [(9, 5, "invalid-uscc")]),
])
def test_license_party_rules(root: Path, key: str, cells: dict[str, str], expected: list[tuple[int, int, str]]) -> None:
    set_cells(root, "licenses", key, **cells)
    assert found(root) == [(LICENSES, *where) for where in expected]


@pytest.mark.parametrize(("key", "cells", "expected"), [
    # uscc empty only when 未登记; the placeholder only for 个体工商户
    ("fc-0064", {"uscc": ""}, [(65, 3, "conditional-field")]),
    ("fc-0072", {"uscc": ""}, [(73, 3, "conditional-field")]),
    ("fc-0069", {"uscc": ""}, []),
    ("fc-0064", {"uscc": PLACEHOLDER}, [(65, 3, "invalid-uscc")]),
    ("fc-0072", {"uscc": PLACEHOLDER}, []),
    # subcategory only for 非学科类
    ("fc-0064", {"training_type": "学科类"}, [(65, 6, "conditional-field")]),
    ("fc-0064", {"training_type": "学科类", "subcategory": ""}, []),
    # an unusual licence number is a warning only
    ("fc-0066", {"school_license_no": "晋教民1234号"}, [(67, 4, "unusual-license-no")]),
])
def test_institution_rules(root: Path, key: str, cells: dict[str, str], expected: list[tuple[int, int, str]]) -> None:
    set_cells(root, "institutions", key, **cells)
    assert found(root) == [(INSTITUTIONS, *where) for where in expected]


@pytest.mark.parametrize(("event", "line"), [("列入黑名单", 127), ("取缔", 128)])
def test_event_reason_required(root: Path, event: str, line: int) -> None:
    set_cells(root, "institution_events", {"institution_id": "fc-0073", "event": event}, reason="")
    assert found(root) == [(EVENTS, line, 4, "conditional-field")]


def test_reason_not_required_for_other_events(root: Path) -> None:
    set_cells(root, "institution_events", {"institution_id": "fc-0020", "event": "已注销"}, reason="")
    assert found(root) == []


# --- references -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("dataset", "key", "cells", "where"), [
    ("penalties", ORG, {"institution_id": "fc-9999"}, (PENALTIES, 15, 6)),
    ("penalties", ORG, {"matter_code": "141099-JY-CF-999"}, (PENALTIES, 15, 7)),
    ("penalties", ORG, {"matter_code": "141099-JY-XK-001"}, (PENALTIES, 15, 7)),  # a 行政许可 matter
    ("penalties", ORG, {"matter_code": "141099-JY-JC-001"}, (PENALTIES, 15, 7)),  # a 行政检查 matter
    ("licenses", "汾教科许决字〔2023〕第8号", {"institution_id": "fc-9999"}, (LICENSES, 9, 7)),
    ("licenses", "汾教科许决字〔2023〕第8号", {"matter_code": "141099-JY-CF-001"}, (LICENSES, 9, 8)),
    ("institution_events", {"institution_id": "fc-0068"}, {"institution_id": "fc-9999"}, (EVENTS, 126, 1)),
])
def test_unknown_reference(root: Path, dataset: str, key: str, cells: dict[str, str],
                           where: tuple[str, int, int]) -> None:
    set_cells(root, dataset, key, **cells)
    assert found(root) == [(*where, "unknown-reference")]


def test_reference_to_an_invalid_record_does_not_cascade(root: Path) -> None:
    set_cells(root, "institutions", "fc-0063", address="")  # 2023第2号 still points at fc-0063
    assert found(root) == [(INSTITUTIONS, 64, 9, "missing-field")]


# --- duplicates -----------------------------------------------------------------------------------------


def test_duplicate_keys(root: Path) -> None:
    set_cells(root, "penalties", ORG, decision_no="汾教科罚决字〔2023〕第2号")
    set_cells(root, "licenses", "汾教科许决字〔2024〕第2号", decision_no="汾教科许决字〔2023〕第8号")
    set_cells(root, "institutions", "fc-0064", id="fc-0063")
    replace_text(root, "data/enforcement_matters.yaml", "  - code: 141099-JY-CF-012", "  - code: 141099-JY-CF-011")
    assert found(root) == [("data/enforcement_matters.yaml", 203, 11, "duplicate-id"),
                           # fc-0039's 重新取得办学许可 cites the licence that now has another number
                           (EVENTS, 130, 5, "unknown-reference"),
                           (INSTITUTIONS, 65, 1, "duplicate-id"),
                           (LICENSES, 10, 1, "duplicate-id"),
                           (PENALTIES, 15, 1, "duplicate-id")]


def test_duplicate_officer_certificate(root: Path) -> None:
    set_cells(root, "enforcement_officers", "李文涛", cert_no="14109920210001")
    assert found(root) == [*OFFICER_FIGURES, ("data/enforcement_officers.csv", 3, 2, "duplicate-id")]


@pytest.mark.parametrize("number", ["汾教科罚决字[2023]2号", "汾教科罚决字（2023）第02号", "汾教科罚字〔2023〕2号"])
def test_decision_numbers_with_the_same_url_slug(root: Path, number: str) -> None:
    set_cells(root, "penalties", ORG, decision_no=number)  # 2023第2号 on line 14 has slug 2023-002
    assert found(root) == [(PENALTIES, 15, 1, "duplicate-id")]


def test_license_numbers_with_the_same_url_slug(root: Path) -> None:
    set_cells(root, "licenses", "汾教科许决字〔2025〕第9号", decision_no="汾教科许决字〔2025〕第05号")
    assert found(root) == [(LICENSES, 13, 1, "duplicate-id")]


def test_same_serial_in_penalties_and_licenses_is_fine(root: Path) -> None:
    set_cells(root, "licenses", "汾教科许决字〔2023〕第8号", decision_no="汾教科许决字〔2023〕第4号")
    assert found(root) == []


# --- list and status history ----------------------------------------------------------------------------


@pytest.mark.parametrize("event", [
    # fc-0068 is on the white list since 2025-09-23: on both lists at once
    {"institution_id": "fc-0068", "date": "2025-10-09", "event": "列入黑名单", "reason": "无证办学"},
    # already on the white list
    {"institution_id": "fc-0068", "date": "2025-10-09", "event": "列入白名单"},
    # fc-0020 was deregistered on 2025-05-20: nothing may follow
    {"institution_id": "fc-0020", "date": "2025-06-01", "event": "转型"},
    {"institution_id": "fc-0020", "date": "2025-06-01", "event": "列入白名单"},
    # 移出 a list it is not on
    {"institution_id": "fc-0063", "date": "2025-06-01", "event": "移出白名单"},
    {"institution_id": "fc-0068", "date": "2025-10-01", "event": "移出黑名单"},
    # banning a white-listed institution without taking it off the list first
    {"institution_id": "fc-0068", "date": "2025-10-01", "event": "取缔", "reason": "无证办学"},
])
def test_contradictory_event(root: Path, event: dict[str, str]) -> None:
    append_rows(root, "institution_events", event)
    assert found(root) == [(EVENTS, 131, 3, "list-conflict")]


def test_events_are_replayed_in_date_order_not_file_order(root: Path) -> None:
    # appended last, but dated before fc-0020's deregistration: no contradiction
    append_rows(root, "institution_events", {"institution_id": "fc-0020", "date": "2025-04-01", "event": "列入黑名单",
                                             "reason": "注销公示期间拒不退还学员费用"})
    assert found(root) == []
    # fc-0068 entered the white list on 2025-09-23; leaving it a day earlier is a contradiction
    append_rows(root, "institution_events", {"institution_id": "fc-0068", "date": "2025-09-22", "event": "移出白名单"})
    assert found(root) == [(EVENTS, 132, 3, "list-conflict")]


def test_leaving_one_list_then_entering_the_other_is_fine(root: Path) -> None:
    append_rows(root, "institution_events",
                {"institution_id": "fc-0068", "date": "2025-10-09", "event": "移出白名单"},
                {"institution_id": "fc-0068", "date": "2025-10-09", "event": "列入黑名单", "reason": "超范围培训"})
    assert found(root) == []


def test_same_day_events_keep_file_order(root: Path) -> None:
    copy_row(root, "institution_events", {"institution_id": "fc-0073", "event": "列入黑名单"})
    assert found(root) == [(EVENTS, 131, 3, "list-conflict")]


# --- date order -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("dataset", "key", "cells", "where"), [
    ("penalties", ORG, {"valid_until": "2023-06-12"}, (PENALTIES, 15, 19)),
    ("penalties", ORG, {"published_on": "2023-06-12"}, (PENALTIES, 15, 20)),
    ("penalties", ORG, {"repaired_on": "2023-06-01"}, (PENALTIES, 15, 24)),
    ("penalties", ORG, {"status": "已撤销", "withdrawn_on": "2023-06-01", "withdrawal_reason": "复议撤销"},
     (PENALTIES, 15, 22)),
    ("licenses", "汾教科许决字〔2023〕第8号", {"valid_to": "2023-08-21"}, (LICENSES, 9, 15)),
    ("licenses", "汾教科许决字〔2023〕第8号", {"published_on": "2023-08-21"}, (LICENSES, 9, 17)),
])
def test_date_order(root: Path, dataset: str, key: str, cells: dict[str, str], where: tuple[str, int, int]) -> None:
    set_cells(root, dataset, key, **cells)
    assert found(root) == [(*where, "date-order")]


# --- one derived truth: list, status, category and licence cannot contradict each other ----------------------


def _events(root: Path, *rows: dict[str, str]) -> list[tuple[str, int, int, str]]:
    append_rows(root, "institution_events", *rows)
    return found(root)


def test_banned_institution_cannot_be_white_listed_without_a_new_licence(root: Path) -> None:
    # fc-0071 was banned (取缔) and black-listed on 2025-06-17
    leave = {"institution_id": "fc-0071", "date": "2025-07-01", "event": "移出黑名单"}
    admit = {"institution_id": "fc-0071", "date": "2025-08-01", "event": "列入白名单"}
    assert _events(root, leave, admit) == [(EVENTS, 132, 3, "list-conflict")]


def test_new_licence_must_cite_a_licence_decision_of_that_institution(root: Path) -> None:
    leave = {"institution_id": "fc-0071", "date": "2025-07-01", "event": "移出黑名单"}
    relicense = {"institution_id": "fc-0071", "date": "2025-07-20", "event": "重新取得办学许可",
                 "basis_doc_no": "汾教科许决字〔2021〕第11号"}  # fc-0012's licence, not fc-0071's
    admit = {"institution_id": "fc-0071", "date": "2025-08-01", "event": "列入白名单"}
    assert _events(root, leave, relicense, admit) == [(EVENTS, 132, 5, "unknown-reference")]


def test_new_licence_needs_its_basis(root: Path) -> None:
    relicense = {"institution_id": "fc-0071", "date": "2025-07-20", "event": "重新取得办学许可"}
    # still on the black list, and no licence decision named
    assert _events(root, relicense) == [(EVENTS, 131, 3, "list-conflict"), (EVENTS, 131, 5, "conditional-field")]


@pytest.mark.parametrize("event", ["转型", "营转非登记", "剥离义务教育阶段培训"])
def test_subject_reforms_only_for_subject_institutions(root: Path, event: str) -> None:
    # fc-0012 is registered as 非学科类 (科技)
    assert _events(root, {"institution_id": "fc-0012", "date": "2025-07-01", "event": event}) == [
        (EVENTS, 131, 3, "list-conflict")]


def test_transformed_institution_cannot_transform_again(root: Path) -> None:
    # fc-0009 (学科类) 转型 on 2021-12-10: it is 非学科类 since
    assert _events(root, {"institution_id": "fc-0009", "date": "2022-07-01", "event": "转型"}) == [
        (EVENTS, 131, 3, "list-conflict")]


@pytest.mark.parametrize("event", ["注销公示", "已注销", "吊销办学许可证"])
def test_white_listed_institution_leaves_the_list_before_closing(root: Path, event: str) -> None:
    # fc-0012 is white-listed
    problems = _events(root, {"institution_id": "fc-0012", "date": "2025-07-01", "event": event,
                              "basis_doc_no": "汾教科罚决字〔2022〕第9号"})
    assert (EVENTS, 131, 3, "list-conflict") in problems


def test_revocation_event_must_cite_a_penalty_that_revokes_this_institutions_licence(root: Path) -> None:
    leave = {"institution_id": "fc-0012", "date": "2025-07-01", "event": "移出白名单"}
    revoke = {"institution_id": "fc-0012", "date": "2025-07-01", "event": "吊销办学许可证",
              "basis_doc_no": "汾教科罚决字〔2022〕第9号"}  # revoked fc-0035's licence
    assert _events(root, leave, revoke) == [(EVENTS, 132, 5, "unknown-reference")]


def test_revoking_penalty_without_its_event_is_refused(root: Path) -> None:
    # the sample's fc-0035 revocation event (line 129) removed: the penalty says more than the history
    path = root / "data" / "institution_events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",吊销办学许可证," in lines[128]
    path.write_text("".join(lines[:128] + lines[129:]), encoding="utf-8")
    assert found(root) == [(PENALTIES, 12, 15, "list-conflict")]
