"""Identifier arithmetic: GB 32100 credit codes, GB 11643 citizen ID numbers, bank card numbers (Luhn)."""

from __future__ import annotations

import operator
import re
import unicodedata
from datetime import date

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_USCC_CHARS = re.compile(f"[{USCC_ALPHABET}]*")  # the usual code: no character to look for one by one
#: The national placeholder for 个体工商户 without a credit code.
USCC_PLACEHOLDER = "00000000000000000X"


def uscc_check_char(first17: str) -> str:
    total = sum(map(operator.mul, map(_USCC_VALUE.__getitem__, first17), _USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None when `code` is a well-formed GB 32100 code; otherwise what is wrong, in Chinese."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，现为 {len(code)} 位「{code}」"
    bad = [] if _USCC_CHARS.fullmatch(code) else [ch for ch in code if ch not in _USCC_VALUE]
    if bad:
        return (f"统一社会信用代码含有不允许的字符「{bad[0]}」（只用数字和大写字母，不含 I、O、Z、S、V）："
                f"「{code}」")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return (f"统一社会信用代码「{code}」校验位错误：按前 17 位计算最后一位应为「{expected}」，"
                "请与营业执照或登记证书核对")
    return None


_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"


def id_number_is_valid(text: str) -> bool:
    """True for an 18-character GB 11643 citizen ID number with a real birth date and a correct check char."""
    text = unicodedata.normalize("NFKC", text)  # full-width digits (common in Word documents) are still digits
    if len(text) != 18 or not text[:17].isdigit() or text[0] == "0":
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > date.today():
        return False
    total = sum(int(ch) * w for ch, w in zip(text[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == text[17].upper()


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXxＸｘ](?![0-9A-Za-z])")
#: With an optional country code: "+8613912345678" hides the number behind a digit otherwise.
MOBILE = re.compile(r"(?<![\d])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![\d])")
BANK_CARD = re.compile(r"(?<![\dA-Za-z])(?:62|4\d|5[1-5])\d{14,17}(?![\dA-Za-z])")
