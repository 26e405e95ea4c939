"""Staff tools, shared: what kind of cell each model field takes, and the one declared table of header aliases."""

from __future__ import annotations

import typing
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic.fields import FieldInfo

from ..datasets import Dataset
from ..schema.types import Record

TEXT, CODE, DATE, AMOUNT, FLAG, LIST = "text", "code", "date", "amount", "flag", "list"
USCC, IDENT = "uscc", "ident"
#: Credit codes are upper case (GB 32100); record ids lower case (they are URLs): a clerk's other case is fixed.
CASED = {"uscc": USCC, "party_uscc": USCC, "id": IDENT, "institution_id": IDENT}

#: Fields holding identifiers: read with NFKC and no inner spaces (a clerk's full-width 9 is a 9).
CODE_FIELDS = frozenset({"id", "uscc", "party_uscc", "cert_no", "institution_id", "matter_code", "school_license_no",
                         "license_no"})

#: Header labels clerks' sheets use besides each field's Chinese title and key, by field key. Labels vary between
#: provinces and generations of the 双公示 standard; add a province's label here (it is data, not logic). The CF_ /
#: XK_ codes make the credit-platform files themselves importable.
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "*": {
        "decision_no": ("行政处罚决定书文号", "行政处罚决定文书号", "处罚决定书文号", "行政许可决定文书号",
                        "许可决定书文号", "决定书文号", "文号", "CF_WSH", "XK_WSH"),
        "party_name": ("相对人名称", "当事人", "当事人名称", "被处罚单位", "CF_XDR_MC", "XK_XDR_MC"),
        "party_category": ("相对人类别", "行政相对人类型", "CF_XDR_LB", "XK_XDR_LB"),
        "party_uscc": ("行政相对人代码_1（统一社会信用代码）", "行政相对人代码_1", "统一社会信用代码", "CF_XDR_SHXYM",
                       "XK_XDR_SHXYM"),
        "legal_rep_name": ("法定代表人（负责人）", "负责人", "经营者", "CF_FRDB", "XK_FRDB"),
        "remarks": ("BZ",),
        "decision_date": ("决定日期", "CF_JDRQ", "XK_JDRQ"),
    },
    "penalties": {
        "violation_type": ("CF_WFXW",), "violation_facts": ("CF_SY",), "legal_basis": ("CF_YJ",),
        "penalty_types": ("CF_CFLB",), "penalty_content": ("CF_NR",),
        "fine_yuan": ("罚款金额", "处罚金额", "罚款金额(元)"),
        "confiscated_yuan": ("没收金额", "没收违法所得、没收非法财产的金额（元）",
                             "没收违法所得、没收非法财务的金额（元）"),
        "license_affected": ("CF_NR_ZKDX",), "valid_until": ("CF_YXQ",),
        "severity": ("失信程度",), "procedure": ("程序",),
    },
    "licenses": {
        "doc_name": ("决定文书名称", "XK_XKWS"), "license_category": ("XK_XKLB",), "certificate_name": ("XK_XKZS",),
        "license_no": ("XK_XKBH",), "content": ("XK_NR",), "valid_from": ("XK_YXQZ",), "valid_to": ("XK_YXQZI",),
    },
    "institutions": {
        "id": ("编号",), "name": ("机构全称", "培训机构名称"), "address": ("地址", "办学地址", "培训场所地址"),
        "school_license_no": ("办学许可证编号",), "on_national_platform": ("是否纳入全国监管平台",),
    },
    "institution_events": {"institution_id": ("关联机构编号",), "event": ("事项", "变动类型")},
    "enforcement_officers": {"cert_no": ("执法证件号", "证件号码", "执法证编号"), "valid_until": ("有效期至",)},
}


#: Fields that carry a decision's legal state: they change only through their own columns, with their date and reason;
#: a sheet that lacks them, or leaves them blank, never changes them (re-importing a year's sheet must not bring a
#: withdrawn or credit-repaired decision back onto the site).
LEGAL_STATE: dict[str, tuple[str, ...]] = {
    "penalties": ("status", "withdrawn_on", "withdrawal_reason", "repaired_on"),
    "licenses": ("status", "withdrawn_on", "withdrawal_reason", "ended_by"),
}


def label_key(text: str) -> str:
    """A header label as compared: NFKC (full-width brackets and letters), no spaces or required-marks `*`."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "*＊\u200b\u200c\u200d\ufeff").lower()


def header_labels(ds: Dataset) -> dict[str, str]:
    """Every accepted header label (as compared) -> field key: title, key, then the aliases."""
    labels: dict[str, str] = {}
    for key, info in ds.model.model_fields.items():
        for label in (info.title or key, key, *ALIASES["*"].get(key, ()), *ALIASES.get(ds.name, {}).get(key, ())):
            labels.setdefault(label_key(label), key)
    return labels


def _types(annotation: Any) -> list[Any]:
    found = [annotation]
    for arg in typing.get_args(annotation):
        found += _types(arg)
    return found


def field_kind(name: str, info: FieldInfo) -> str:
    types = _types(info.annotation)
    if typing.get_origin(info.annotation) is list:
        return LIST
    if date in types:
        return DATE
    if Decimal in types:
        return AMOUNT
    if bool in types:
        return FLAG
    if name in CASED:
        return CASED[name]
    return CODE if name in CODE_FIELDS else TEXT


def choices(info: FieldInfo) -> tuple[str, ...]:
    """Allowed values of an enum field (a list field's items, 是/否 for a flag); () for free text."""
    for candidate in _types(info.annotation):
        if typing.get_origin(candidate) is typing.Literal:
            return tuple(typing.get_args(candidate))
    return ("是", "否") if bool in _types(info.annotation) else ()


def kinds(model: type[Record]) -> dict[str, str]:
    return {name: field_kind(name, info) for name, info in model.model_fields.items()}
