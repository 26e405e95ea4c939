"""Enumerations and checks shared by several dataset models (values are the contract of data.md)."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

PartyCategory = Literal["法人及非法人组织", "自然人", "个体工商户"]
Severity = Literal["轻微", "一般", "严重"]
NATURAL_PERSON = "自然人"
SOLE_TRADER = "个体工商户"
#: A decision that stands (not withdrawn, changed or found unlawful; a licence not yet ended).
STANDING = "有效"
#: The penalty type that revokes a licence.
REVOKING = "吊销许可证件"


def pattern(regex: str, expected: str) -> AfterValidator:
    """A text that must match `regex`; `expected` tells staff the right shape in Chinese."""
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise PydanticCustomError("invalid-value", "应为{expected}，现为「{value}」",
                                      {"expected": expected, "value": value})
        return value

    return AfterValidator(check)


def max_chars(limit: int) -> AfterValidator:
    """A text of at most `limit` characters (it becomes a page name or a file name)."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError("too-large", "有 {n} 个字符，最多 {limit} 个：请核对是否多输入了内容",
                                      {"n": len(value), "limit": limit})
        return value

    return AfterValidator(check)


RecordId = Annotated[str, pattern(r"[a-z0-9][a-z0-9-]{0,63}", "小写英文字母、数字和连字符，最多 64 个字符（例如 "
                                                              "fc-0001），它将成为网页地址")]
RegionCode = Annotated[str, pattern(r"\d{6}", "6 位数字的行政区划代码（GB/T 2260）")]


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    if year > date.max.year:  # a far-future date typed by mistake: publicity never ends, nothing overflows
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
