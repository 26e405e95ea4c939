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

#: Header labels clerks' sheets use besides each field's Chinese title and key, for a field of that key in any
#: dataset (a dataset declares its own: Dataset.aliases). Labels vary between provinces and generations of the 双公示
#: standard; add a province's label (it is data, not logic). The CF_ / XK_ codes make the credit-platform files
#: themselves importable.
ALIASES: dict[str, tuple[str, ...]] = {
    "decision_no": ("行政处罚决定书文号", "行政处罚决定文书号", "处罚决定书文号", "行政许可决定文书号",
                    "许可决定书文号", "决定书文号", "文号", "CF_WSH", "XK_WSH"),
    "party_name": ("相对人名称", "当事人", "当事人名称", "被处罚单位", "CF_XDR_MC", "XK_XDR_MC"),
    "party_category": ("相对人类别", "行政相对人类型", "CF_XDR_LB", "XK_XDR_LB"),
    "party_uscc": ("行政相对人代码_1（统一社会信用代码）", "行政相对人代码_1", "统一社会信用代码", "CF_XDR_SHXYM",
                   "XK_XDR_SHXYM"),
    "legal_rep_name": ("法定代表人（负责人）", "负责人", "经营者", "CF_FRDB", "XK_FRDB"),
    "remarks": ("BZ",),
    "decision_date": ("决定日期", "CF_JDRQ", "XK_JDRQ"),
}


def label_key(text: str) -> str:
    """A header label as compared: NFKC (full-width brackets and letters), no spaces or required-marks `*`."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "*＊\u200b\u200c\u200d\ufeff").lower()


def header_labels(ds: Dataset) -> dict[str, str]:
    """Every accepted header label (as compared) -> field key: title, key, then the aliases."""
    labels: dict[str, str] = {}
    for key, info in ds.model.model_fields.items():
        for label in (info.title or key, key, *ALIASES.get(key, ()), *ds.aliases.get(key, ())):
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
