"""Rules over one record at a time (conditional fields, references, date order, timeliness), yielding problems."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from ..memo import memo
from ..privacy.names import fold
from ..problems import Problem, problem
from ..schema.common import NATURAL_PERSON, REVOKING, SOLE_TRADER, STANDING
from ..schema.identifiers import USCC_PLACEHOLDER
from ..schema.institutions import UNREGISTERED
from .liststate import RELICENSE, REVOKE
from .workdays import workdays_after

Found = Iterator[Problem]
_LICENSE_NO = re.compile(r"教民\d{15}号")


def _label(record: Any, field: str) -> str:
    return type(record).label_of(field)


def _required(record: Any, field: str, why: str) -> Problem:
    return problem("conditional-field", record.where(field), field, f"「{_label(record, field)}」必须填写：{why}")


def _forbidden(record: Any, field: str, why: str) -> Problem:
    return problem("conditional-field", record.where(field), field, f"「{_label(record, field)}」应当为空：{why}")


def _order(record: Any, later: str, earlier: str) -> Found:
    after, before = getattr(record, later), getattr(record, earlier)
    if after is not None and before is not None and after < before:
        yield problem("date-order", record.where(later), later,
                      f"「{_label(record, later)}」{after} 早于「{_label(record, earlier)}」{before}：请核对日期")


# --- institutions and events ------------------------------------------------------------------


def institution_registration(inst: Any, catalog: Any) -> Found:
    if inst.uscc is None and inst.registration_type != UNREGISTERED:
        yield _required(inst, "uscc", f"登记类型为「{inst.registration_type}」的机构应有统一社会信用代码；无证无照的填「未登记」")
    if inst.uscc == USCC_PLACEHOLDER and inst.registration_type != SOLE_TRADER:
        yield problem("invalid-uscc", inst.where("uscc"), "uscc", "代码 00000000000000000X 只用于没有代码的个体工商户")
    if inst.subcategory is not None and inst.training_type == "学科类":
        yield _forbidden(inst, "subcategory", "细类只适用于非学科类机构")
    if inst.school_license_no and not _LICENSE_NO.fullmatch(inst.school_license_no):
        yield problem("unusual-license-no", inst.where("school_license_no"), "school_license_no",
                      f"办学许可证号「{inst.school_license_no}」不是常见的「教民 + 15 位数字 + 号」格式，请与证书核对")


def event_reason(event: Any, catalog: Any) -> Found:
    if event.event in {"列入黑名单", "取缔"} and not event.reason:
        yield _required(event, "reason", f"「{event.event}」必须写明原因，它会显示在机构页面上")


def event_institution(event: Any, catalog: Any) -> Found:
    if not catalog.known("institutions", event.institution_id):
        yield problem("unknown-reference", event.where("institution_id"), "institution_id",
                      f"机构编号「{event.institution_id}」在 institutions.csv 中不存在：请先登记该机构或核对编号")


def event_basis(event: Any, catalog: Any) -> Found:
    """A licence revocation cites the penalty that revoked it; a new licence cites the licence decision."""
    if event.event not in {REVOKE, RELICENSE}:
        return
    if not event.basis_doc_no:
        what = "作出吊销的行政处罚决定书文号" if event.event == REVOKE else "重新颁发办学许可证的行政许可决定书文号"
        yield _required(event, "basis_doc_no", f"「{event.event}」须写明{what}")
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


# --- 双公示 decisions -------------------------------------------------------------------------------


def party_identity(decision: Any, catalog: Any) -> Found:
    natural = decision.party_category == NATURAL_PERSON
    if natural and decision.party_uscc is not None:
        yield _forbidden(decision, "party_uscc", "相对人是自然人，不公开任何身份号码")
    if not natural and decision.party_uscc is None:
        yield _required(decision, "party_uscc",
                        f"相对人是{decision.party_category}（个体工商户没有代码时填 {USCC_PLACEHOLDER}）")
    if decision.party_uscc == USCC_PLACEHOLDER and decision.party_category != SOLE_TRADER:
        yield problem("invalid-uscc", decision.where("party_uscc"), "party_uscc",
                      f"代码 {USCC_PLACEHOLDER} 只用于没有代码的个体工商户")
    if natural and decision.legal_rep_name is not None:
        yield _forbidden(decision, "legal_rep_name", "相对人是自然人，没有法定代表人；写在这里的姓名会不打码地公开在打码的当事人旁边")
    if not natural and decision.legal_rep_name is None:
        yield _required(decision, "legal_rep_name", f"相对人是{decision.party_category}，须写法定代表人（负责人）")


def person_name_in_text(decision: Any, catalog: Any) -> Found:
    """A natural person's name is shown masked (张**): written out in another field it would be published whole."""
    site = catalog.site
    name = fold(decision.party_name)
    if (decision.party_category != NATURAL_PERSON or len(name) < 2
            or (site is not None and site.policy.natural_person_names != "masked")):
        return
    for field, value in decision:  # written with a space or a look-alike character it is still the name
        if field not in {"party_name", "legal_rep_name"} and isinstance(value, str) and name in fold(value):
            yield problem("person-name-in-text", decision.where(field), field,
                          f"「{_label(decision, field)}」中写有当事人的全名：网站对自然人只显示姓氏加 *，"
                          "这里的全名会原样公开。请改写为「当事人」")


def decision_references(decision: Any, catalog: Any, *, wanted: str) -> Found:
    """The institution and the matter a decision cites exist; the matter is of the decision's kind (`wanted`)."""
    if decision.institution_id and not catalog.known("institutions", decision.institution_id):
        yield problem("unknown-reference", decision.where("institution_id"), "institution_id",
                      f"机构编号「{decision.institution_id}」在 institutions.csv 中不存在")
    yield from same_credit_code(decision, catalog)
    yield from matter_reference(decision, catalog, wanted=wanted)


def same_credit_code(decision: Any, catalog: Any) -> Found:
    """A decision whose party has an institution's credit code is about that institution: linked, and to no other."""
    known = catalog.institution_by_uscc.get(decision.party_uscc or "")
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


def matter_reference(record: Any, catalog: Any, *, wanted: str) -> Found:
    """The matter a record cites (matter_code) is on the enforcement list and of category `wanted`."""
    matter = catalog.matters_by_code.get(record.matter_code)
    if matter is None and not catalog.known("enforcement_matters", record.matter_code):
        yield problem("unknown-reference", record.where("matter_code"), "matter_code",
                      f"执法事项编码「{record.matter_code}」在 enforcement_matters.yaml 中不存在：请先登记该事项或核对编码")
    elif matter is not None and matter.category != wanted:
        yield problem("unknown-reference", record.where("matter_code"), "matter_code",
                      f"事项「{matter.code} {matter.name}」的类别是{matter.category}，这里只能引用{wanted}类事项")


def repeats(records: Iterable[Any], key: Callable[[Any], Hashable]) -> Iterator[tuple[Any, Any]]:
    """(record, the first record with the same key) for each record whose key an earlier one already had."""
    first: dict[Hashable, Any] = {}
    for record in records:
        earlier = first.setdefault(key(record), record)
        if earlier is not record:
            yield record, earlier


def unique_url(dataset: str, key: str, slug: Callable[[str], str], section: str) -> Callable[[Any, Any], Found]:
    """A rule: no two records of `dataset` get the same page address /<section><slug of key>/ (same year and
    serial written two ways); the second one is reported, naming the first one's line."""
    def first_by_slug(catalog: Any) -> dict[str, Any]:
        first: dict[str, Any] = {}
        for r in catalog.records(dataset):
            first.setdefault(slug(getattr(r, key)), r)
        return first

    def check(record: Any, catalog: Any) -> Found:
        number = getattr(record, key)
        first = memo(catalog, f"first-by-slug:{dataset}", lambda: first_by_slug(catalog)).get(slug(number))
        if first is not None and first is not record:
            yield problem("duplicate-id", record.where(key), key, (
                f"{_label(record, key)}「{number}」与第 {first.where().line} 行的「{getattr(first, key)}」年份和序号相同，"
                f"网址会重复（/{section}{slug(number)}/）：请核对{_label(record, key)}"))
    return check


def published_late(record: Any, start: str, limit: int, code: str, what: str) -> Found:
    """published_on more than `limit` working days after the date in field `start` (holiday calendar); a year the
    calendar does not know is counted Monday to Friday and said so (calendar-unknown)."""
    since = getattr(record, start)
    days, unknown = workdays_after(since, record.published_on)
    if unknown:
        yield problem("calendar-unknown", record.where("published_on"), "published_on",
                      f"{_year_runs(sorted(unknown))} 年的节假日安排尚未收录，暂按周一至周五计算工作日（升级 chinesecalendar 后会自动更正）")
    if days > limit:
        yield problem(code, record.where("published_on"), "published_on", (
            f"{_label(record, 'published_on')} {record.published_on} 距{_label(record, start)} {since} 已有 {days} 个"
            f"工作日，超过{what} {limit} 个工作日的时限"))


_NEEDS = (
    ("fine_yuan", {"罚款"}),
    ("confiscated_yuan", {"没收违法所得", "没收非法财物"}),
    ("license_affected", {"暂扣许可证件", "吊销许可证件"}),
)


def penalty_amounts(penalty: Any, catalog: Any) -> Found:
    kinds = set(penalty.penalty_types)
    for field, triggers in _NEEDS:
        named = "或".join(f"「{t}」" for t in sorted(triggers))
        present = getattr(penalty, field) is not None
        if kinds & triggers and not present:
            yield _required(penalty, field, f"处罚类别包含{named}")
        elif present and not kinds & triggers:
            yield _forbidden(penalty, field, f"处罚类别不含{named}")


def penalty_revocation(penalty: Any, catalog: Any) -> Found:
    """A penalty that revokes an institution's licence shows in the institution's state only through its event."""
    if (REVOKING not in penalty.penalty_types or penalty.status != STANDING or not penalty.institution_id
            or not penalty.license_affected):
        return
    events = catalog.events_by_institution.get(penalty.institution_id, [])
    if not any(e.event == REVOKE and e.basis_doc_no == penalty.decision_no for e in events):
        yield problem("list-conflict", penalty.where("license_affected"), "license_affected", (
            f"本决定吊销了机构 {penalty.institution_id} 的许可证件，但 institution_events.csv 中没有对应的变动："
            f"请追加一行「{penalty.institution_id},{penalty.decision_date},{REVOKE},…,{penalty.decision_no},」，"
            "机构页面才会显示许可证已被吊销"))


def penalty_status(penalty: Any, catalog: Any) -> Found:
    active = penalty.status == STANDING
    for field in ("withdrawn_on", "withdrawal_reason"):
        if not active and getattr(penalty, field) is None:
            yield _required(penalty, field, f"状态为「{penalty.status}」，须说明撤回日期和理由（公开显示）")
        elif active and getattr(penalty, field) is not None:
            yield _forbidden(penalty, field, "状态为「有效」；撤销或变更时请同时把状态改为「已撤销」等")


def penalty_dates(penalty: Any, catalog: Any) -> Found:
    for later in ("valid_until", "published_on", "withdrawn_on", "repaired_on"):
        yield from _order(penalty, later, "decision_date")


def license_dates(license_: Any, catalog: Any) -> Found:
    yield from _order(license_, "valid_to", "valid_from")
    yield from _order(license_, "published_on", "decision_date")
    yield from _order(license_, "withdrawn_on", "decision_date")


def license_status(license_: Any, catalog: Any) -> Found:
    """A licence still 有效 cannot carry an ending; a 无效 one says which legal act ended it (吊销: by a penalty)."""
    revoker = revoking_penalty(license_, catalog.revoking_penalties)
    if license_.status == STANDING:
        for field in ("withdrawn_on", "withdrawal_reason", "ended_by"):
            if getattr(license_, field) is not None:
                yield _forbidden(license_, field, "状态为「有效」；许可被撤销、撤回、注销或吊销时请同时把状态改为「无效」")
        if revoker is not None:
            yield problem("list-conflict", license_.where("status"), "status", (
                f"许可证件「{license_.license_no}」已被行政处罚决定 {revoker.decision_no}（{revoker.decision_date}）吊销，"
                "状态应为「无效」"))
        return
    if revoker is not None and license_.ended_by not in (None, "吊销"):
        yield problem("invalid-enum", license_.where("ended_by"), "ended_by", (
            f"许可证件「{license_.license_no}」是被行政处罚决定 {revoker.decision_no} 吊销的，失效方式应为「吊销」"))
    elif revoker is None and license_.ended_by in (None, "吊销"):
        why = ("penalties.csv 中没有吊销该证件的处罚决定（处罚类别含「吊销许可证件」、证照编号写在「暂扣或吊销证照名称及编号」中）"
               if license_.ended_by == "吊销" else "状态为「无效」，请写明失效方式：撤销、撤回或注销（吊销由处罚决定作出）")
        yield problem("conditional-field", license_.where("ended_by"), "ended_by", f"「失效方式」：{why}")


def revoking_penalty(license_: Any, penalties: list[Any]) -> Any:
    """The penalty among `penalties` (standing revocations) that names this licence's certificate number."""
    if not license_.license_no:
        return None
    return next((p for p in penalties if license_.license_no in p.license_affected), None)


def disclosure_timeliness(decision: Any, catalog: Any) -> Found:
    limit = catalog.site.policy.disclosure_working_days if catalog.site else 7
    yield from published_late(decision, "decision_date", limit, "late-disclosure", "双公示")


def _year_runs(years: list[int]) -> str:
    """2027、2028、2029 -> 2027—2029: a mistyped year must not produce a message thousands of years long."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return "、".join(str(a) if a == b else f"{a}—{b}" for a, b in runs)
