"""Registry stage: the decision family's rules over one 双公示 decision (penalties.csv, licenses.csv)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import CatalogLike
from ...privacy.names import fold
from ...problems import Problem
from ...rules.records import date_order, field_label, forbidden, published_late, required
from ...schema.common import NATURAL_PERSON, REVOKING, SOLE_TRADER, STANDING
from ...schema.identifiers import USCC_PLACEHOLDER
from ..institutions import index as institution_index
from ..institutions.liststate import REVOKE
from ..matters import matter_reference
from ..procedures.checks import recorded_steps
from . import index
from .codes import CODES, problem

Found = Iterator[Problem]

def party_identity(decision: Any, catalog: CatalogLike) -> Found:
    natural = decision.party_category == NATURAL_PERSON
    if natural and decision.party_uscc is not None:
        yield forbidden(decision, "party_uscc", "相对人是自然人，不公开任何身份号码")
    if not natural and decision.party_uscc is None:
        yield required(decision, "party_uscc",
                        f"相对人是{decision.party_category}（个体工商户没有代码时填 {USCC_PLACEHOLDER}）")
    if decision.party_uscc == USCC_PLACEHOLDER and decision.party_category != SOLE_TRADER:
        yield problem("invalid-uscc", decision.where("party_uscc"), "party_uscc",
                      f"代码 {USCC_PLACEHOLDER} 只用于没有代码的个体工商户")
    if natural and decision.legal_rep_name is not None:
        yield forbidden(decision, "legal_rep_name",
                        "相对人是自然人，没有法定代表人；写在这里的姓名会不打码地公开在打码的当事人旁边")
    if not natural and decision.legal_rep_name is None:
        yield required(decision, "legal_rep_name", f"相对人是{decision.party_category}，须写法定代表人（负责人）")


def person_name_in_text(decision: Any, catalog: CatalogLike) -> Found:
    """A natural person's name is shown masked (张**): written out in another field it would be published whole."""
    site = catalog.site
    name = fold(decision.party_name)
    if (decision.party_category != NATURAL_PERSON or len(name) < 2
            or (site is not None and site.policy.natural_person_names != "masked")):
        return
    for field, value in decision:  # written with a space or a look-alike character it is still the name
        if field not in {"party_name", "legal_rep_name"} and isinstance(value, str) and name in fold(value):
            yield problem("person-name-in-text", decision.where(field), field,
                          f"「{field_label(decision, field)}」中写有当事人的全名：网站对自然人只显示姓氏加 *，"
                          "这里的全名会原样公开。请改写为「当事人」")


def decision_references(decision: Any, catalog: CatalogLike, *, wanted: str) -> Found:
    """The matter a decision cites is of the decision's kind (`wanted`), its party's credit code is its institution's
    (that both exist: the kind's refs)."""
    yield from same_credit_code(decision, catalog)
    yield from matter_reference(decision, catalog, wanted=wanted)


def same_credit_code(decision: Any, catalog: CatalogLike) -> Found:
    """A decision whose party has an institution's credit code is about that institution: linked, and to no other."""
    known = institution_index.by_uscc(catalog).get(decision.party_uscc or "")
    if known is None or decision.institution_id == known.id or decision.party_category == NATURAL_PERSON:
        return
    if not decision.institution_id:
        yield problem("unlinked-institution", decision.where("institution_id"), "institution_id", (
            f"相对人的统一社会信用代码与机构 {known.id}（{known.name}）相同，但没有填关联机构：请填 {known.id}。"
            "网站已按信用代码把这条决定列在该机构的页面上"))
    elif catalog.known("institutions", decision.institution_id):
        yield problem("unlinked-institution", decision.where("institution_id"), "institution_id", (
            f"关联机构是 {decision.institution_id}，但相对人的统一社会信用代码是机构 {known.id}（{known.name}）的："
            "请核对关联机构或统一社会信用代码"))


_NEEDS = (
    ("fine_yuan", {"罚款"}),
    ("confiscated_yuan", {"没收违法所得", "没收非法财物"}),
    ("license_affected", {"暂扣许可证件", "吊销许可证件"}),
)


def penalty_amounts(penalty: Any, catalog: CatalogLike) -> Found:
    kinds = set(penalty.penalty_types)
    for field, triggers in _NEEDS:
        named = "或".join(f"「{t}」" for t in sorted(triggers))
        present = getattr(penalty, field) is not None
        if kinds & triggers and not present:
            yield required(penalty, field, f"处罚类别包含{named}")
        elif present and not kinds & triggers:
            yield forbidden(penalty, field, f"处罚类别不含{named}")


def penalty_revocation(penalty: Any, catalog: CatalogLike) -> Found:
    """A penalty that revokes an institution's licence shows in the institution's state only through its event."""
    if (REVOKING not in penalty.penalty_types or penalty.status != STANDING or not penalty.institution_id
            or not penalty.license_affected):
        return
    events = institution_index.events_by_institution(catalog).get(penalty.institution_id, [])
    if not any(e.event == REVOKE and e.basis_doc_no == penalty.decision_no for e in events):
        yield problem("list-conflict", penalty.where("license_affected"), "license_affected", (
            f"本决定吊销了机构 {penalty.institution_id} 的许可证件，但 institution_events.csv 中没有对应的变动："
            f"请追加一行「{penalty.institution_id},{penalty.decision_date},{REVOKE},…,{penalty.decision_no},」，"
            "机构页面才会显示许可证已被吊销"))


def penalty_status(penalty: Any, catalog: CatalogLike) -> Found:
    active = penalty.status == STANDING
    for field in ("withdrawn_on", "withdrawal_reason"):
        if not active and getattr(penalty, field) is None:
            yield required(penalty, field, f"状态为「{penalty.status}」，须说明撤回日期和理由（公开显示）")
        elif active and getattr(penalty, field) is not None:
            yield forbidden(penalty, field, "状态为「有效」；撤销或变更时请同时把状态改为「已撤销」等")


#: A penalty's recorded steps are those of the procedures its matter follows (datasets/procedures/: the one rule).
penalty_recorded_steps = recorded_steps(lambda penalty, catalog: (penalty.matter_code,))


def penalty_dates(penalty: Any, catalog: CatalogLike) -> Found:
    for later in ("valid_until", "published_on", "withdrawn_on", "repaired_on"):
        yield from date_order(penalty, later, "decision_date")


def license_dates(license_: Any, catalog: CatalogLike) -> Found:
    yield from date_order(license_, "valid_to", "valid_from")
    yield from date_order(license_, "published_on", "decision_date")
    yield from date_order(license_, "withdrawn_on", "decision_date")


def license_status(license_: Any, catalog: CatalogLike) -> Found:
    """A licence still 有效 cannot carry an ending; a 无效 one says which legal act ended it (吊销: by a penalty)."""
    revoker = revoking_penalty(license_, index.revoking_penalties(catalog))
    if license_.status == STANDING:
        for field in ("withdrawn_on", "withdrawal_reason", "ended_by"):
            if getattr(license_, field) is not None:
                yield forbidden(license_, field,
                                "状态为「有效」；许可被撤销、撤回、注销或吊销时请同时把状态改为「无效」")
        if revoker is not None:
            yield problem("list-conflict", license_.where("status"), "status", (
                f"许可证件「{license_.license_no}」已被行政处罚决定 {revoker.decision_no}（{revoker.decision_date}）"
                "吊销，状态应为「无效」"))
        return
    if revoker is not None and license_.ended_by not in (None, "吊销"):
        yield problem("invalid-enum", license_.where("ended_by"), "ended_by", (
            f"许可证件「{license_.license_no}」是被行政处罚决定 {revoker.decision_no} 吊销的，失效方式应为「吊销」"))
    elif revoker is None and license_.ended_by in (None, "吊销"):
        why = ("penalties.csv 中没有吊销该证件的处罚决定（处罚类别含「吊销许可证件」、"
               "证照编号写在「暂扣或吊销证照名称及编号」中）"
               if license_.ended_by == "吊销"
               else "状态为「无效」，请写明失效方式：撤销、撤回或注销（吊销由处罚决定作出）")
        yield problem("conditional-field", license_.where("ended_by"), "ended_by", f"「失效方式」：{why}")


def revoking_penalty(license_: Any, penalties: list[Any]) -> Any:
    """The penalty among `penalties` (standing revocations) that names this licence's certificate number."""
    if not license_.license_no:
        return None
    return next((p for p in penalties if license_.license_no in p.license_affected), None)


def disclosure_timeliness(decision: Any, catalog: CatalogLike) -> Found:
    limit = catalog.site.policy.disclosure_working_days if catalog.site else 7
    yield from published_late(decision, "decision_date", limit, CODES["late-disclosure"], "双公示")
