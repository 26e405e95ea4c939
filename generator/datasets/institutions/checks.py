"""Registry stage: the institution family's rules over one record (institutions.csv, institution_events.csv)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...model import CatalogLike
from ...problems import Problem
from ...rules.records import forbidden, required
from ...schema.common import REVOKING, SOLE_TRADER
from ...schema.identifiers import USCC_PLACEHOLDER
from . import index
from .codes import problem
from .liststate import RELICENSE, REVOKE
from .model import UNREGISTERED

Found = Iterator[Problem]

_LICENSE_NO = re.compile(r"教民\d{15}号")


def institution_registration(inst: Any, catalog: CatalogLike) -> Found:
    if inst.uscc is None and inst.registration_type != UNREGISTERED:
        yield required(inst, "uscc",
                       f"登记类型为「{inst.registration_type}」的机构应有统一社会信用代码；无证无照的填「未登记」")
    if inst.uscc == USCC_PLACEHOLDER and inst.registration_type != SOLE_TRADER:
        yield problem("invalid-uscc", inst.where("uscc"), "uscc", "代码 00000000000000000X 只用于没有代码的个体工商户")
    if inst.subcategory is not None and inst.training_type == "学科类":
        yield forbidden(inst, "subcategory", "细类只适用于非学科类机构")
    if inst.school_license_no and not _LICENSE_NO.fullmatch(inst.school_license_no):
        yield problem("unusual-license-no", inst.where("school_license_no"), "school_license_no",
                      f"办学许可证号「{inst.school_license_no}」不是常见的「教民 + 15 位数字 + 号」格式，请与证书核对")


def event_reason(event: Any, catalog: CatalogLike) -> Found:
    if event.event in {"列入黑名单", "取缔"} and not event.reason:
        yield required(event, "reason", f"「{event.event}」必须写明原因，它会显示在机构页面上")


def event_basis(event: Any, catalog: CatalogLike) -> Found:
    """A licence revocation cites the penalty that revoked it; a new licence cites the licence decision."""
    if event.event not in {REVOKE, RELICENSE}:
        return
    if not event.basis_doc_no:
        what = "作出吊销的行政处罚决定书文号" if event.event == REVOKE else "重新颁发办学许可证的行政许可决定书文号"
        yield required(event, "basis_doc_no", f"「{event.event}」须写明{what}")
        return
    revoking = event.event == REVOKE
    dataset = "penalties" if revoking else "licenses"
    found = [d for d in catalog.records(dataset) if d.decision_no == event.basis_doc_no]
    fits = [d for d in found if d.institution_id == event.institution_id
            and (not revoking or REVOKING in d.penalty_types)]
    # a number whose own row failed to validate is reported there, not again here
    reported_elsewhere = not found and catalog.known(dataset, event.basis_doc_no)
    if not fits and not reported_elsewhere:
        want = (f"penalties.csv 中关联机构为 {event.institution_id}、处罚类别含「{REVOKING}」的处罚决定" if revoking
                else f"licenses.csv 中关联机构为 {event.institution_id} 的许可决定")
        yield problem("unknown-reference", event.where("basis_doc_no"), "basis_doc_no",
                      f"「{event.event}」的依据文号「{event.basis_doc_no}」应是{want}：请核对文号，或先录入该决定")


def list_conflicts(catalog: CatalogLike) -> Found:
    """Each list or status change that contradicts the institution's state before it (replayed in date order)."""
    for timeline in index.replays(catalog).values():
        for event, _state, conflict in timeline:
            if conflict:
                yield problem("list-conflict", event.where("event"), "event", conflict)


CATALOG_CHECKS = (list_conflicts,)
