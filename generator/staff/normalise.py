"""Staff import, normalising: what a clerk typed (or Excel stored) into the canonical text of the data files."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .fields import AMOUNT, CODE, DATE, FLAG, IDENT, LIST, USCC

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u3000\u2002\u2003\u2009\u202f\t"), " ")
_FULLWIDTH_DIGITS = {0xFF10 + i: str(i) for i in range(10)}
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Spaces between two Chinese characters: padding (「赵　磊」 aligned with three-character names), never meaning.
_HAN_GAP = re.compile(f"(?<=[{_HAN}]) +(?=[{_HAN}])")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_LONG_TERM = {"长期", "长期有效", "永久", "无期限"}
_FLAGS = {"是": "是", "否": "否", "y": "是", "n": "否", "yes": "是", "no": "否", "true": "是", "false": "否",
          "√": "是", "×": "否"}
#: Excel stores numbers as doubles: beyond 15 significant digits the cell no longer holds what was typed.
EXCEL_DIGITS = 15


class CellError(ValueError):
    """A cell whose content cannot be trusted or read; the message tells the clerk what to do."""


def clean_text(value: str) -> str:
    """NBSP, ideographic and other odd spaces become spaces (dropped between two Chinese characters, where they are
    padding), zero-width characters go, full-width digits become digits; ends trimmed. Full-width brackets and
    punctuation stay: they are correct in Chinese text."""
    text = value.translate(_INVISIBLE).translate(_SPACES).translate(_FULLWIDTH_DIGITS).strip()
    return _HAN_GAP.sub("", text)


def number_text(value: int | float) -> str:
    """A numeric cell as the digits it shows (14109920210001.0 -> "14109920210001")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and len(str(abs(value))) > EXCEL_DIGITS:
        raise CellError(f"单元格是数字格式，Excel 只保留 15 位有效数字，「{value}」可能已被改动：请把这一列设为「文本」"
                        "格式后重新输入（或在数字前加英文单引号 '）")
    return format(Decimal(str(value)), "f")


def canonical(value: Any, kind: str) -> str:
    """The cell as the data file stores it ("" for empty); raises CellError for a cell that cannot be read."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if kind == DATE else _datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        if kind == AMOUNT:
            return _yuan(Decimal(str(value)))
        text = number_text(value)
    else:
        text = clean_text(str(value))
    if not text:
        return ""
    return _BY_KIND.get(kind, lambda t: t)(text)


def _datetime_text(value: datetime) -> str:
    return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")


def _code(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _date(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    if text in _LONG_TERM:
        return ""  # the data files say 长期 by leaving the end date empty
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if not match:
        return text  # the validator names it: invalid-date
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text


def _amount(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace(",", "").replace("，", "").replace(" ", "")
    scale = Decimal(1)
    if text.endswith("万元") or text.endswith("万"):
        text, scale = text.removesuffix("元").removesuffix("万"), Decimal(10000)
    text = text.removeprefix("¥").removeprefix("￥").removesuffix("元")
    try:
        return _yuan(Decimal(text) * scale)
    except InvalidOperation:
        return text  # the validator names it: invalid-value


def _yuan(amount: Decimal) -> str:
    """Two decimals, as the data files write money; more precision is left for the validator to refuse."""
    quantised = amount.quantize(Decimal("0.01"))
    return format(quantised if quantised == amount else amount.normalize(), "f")


def _flag(text: str) -> str:
    return _FLAGS.get(text.strip().lower(), text)


def _list(text: str) -> str:
    return ";".join(part.strip() for part in re.split(r"[;；,，、]", text) if part.strip())


_BY_KIND = {CODE: _code, USCC: lambda t: _code(t).upper(), IDENT: lambda t: _code(t).lower(), DATE: _date,
            AMOUNT: _amount, FLAG: _flag, LIST: _list}
