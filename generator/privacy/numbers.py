"""Privacy stage: citizen ID, mobile and bank card numbers in any spelling (spaced, hyphenated, full-width, +86)."""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterator

from ..rules.identifiers import id_number_is_valid, luhn_is_valid, uscc_problem

#: What people (or a hiding attempt) put between the digits of one number: spaces of every kind, dashes,
#: slashes, dots of the middle kind, brackets, zero-width and direction marks. Not "," or "." (lists of
#: numbers, amounts) and not ":" (times), which would join separate numbers into a false one.
_SEP = (r"[\s\-_/·・()（）\[\]【】＿－—–‒―‐‑\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
        r"\ufeff]")
#: A run of at least 11 digits (any script's decimal digits) with at most three separator characters between
#: two digits: the regex engine skips dates, amounts and short numbers without a Python step.
_RUN = re.compile(rf"(?<!\d)\d(?:{_SEP}{{0,3}}\d){{10,}}(?:{_SEP}{{0,3}}[XxＸｘ](?![A-Za-z]))?")
_GROUP = re.compile(r"\d+|[XxＸｘ]")
_BANK_PREFIX = re.compile(r"(?:62|4\d|5[1-5])")


def _masked(text: str) -> str:
    return text[:3] + "*" * (len(text) - 5) + text[-2:]


def _groups(run: str, base: int) -> list[tuple[int, str]]:
    """(offset in the text, ASCII digits) of each unbroken group of digits in a run."""
    out = []
    for match in _GROUP.finditer(run):
        group = match.group()
        if not group.isascii():  # other scripts' digits, full-width X: spelled out one by one (rare)
            group = "".join(str(unicodedata.digit(ch, 0)) if ch.isdigit() else "X" for ch in group)
        out.append((base + match.start(), group.upper()))
    return out


def _what(number: str, allowed: set[str]) -> tuple[str, str, str] | None:
    """(code, field label, message) when `number` (digits joined from neighbouring groups) is personal."""
    if len(number) == 18 and id_number_is_valid(number):
        return "personal-id-number", "身份证号", f"发现公民身份号码 {_masked(number)}：自然人的身份证号不得公开，请删除"
    mobile = number[2:] if len(number) == 13 and number.startswith("86") else number
    if len(mobile) == 11 and mobile[0] == "1" and mobile[1] in "3456789" and mobile.isdigit():
        if mobile in allowed or number in allowed:
            return None
        return "phone-number", "手机号", (
            f"发现手机号码 {_masked(mobile)}：个人手机号不得公开，请删除；如果是公开的办公号码，"
            "请登记在 data/site.yml 的 policy.public_phones 中")
    if (16 <= len(number) <= 19 and number.isdigit() and _BANK_PREFIX.match(number) and luhn_is_valid(number)
            and uscc_problem(number) is not None and not id_number_is_valid(number)):
        return "bank-card-number", "银行卡号", f"发现疑似银行卡号 {_masked(number)}：不得公开，请删除"
    return None


def scan_text(text: str, allowed_phones: set[str]) -> Iterator[tuple[int, str, str, str]]:
    """(offset, code, field label, message) for every personal number in `text`, however it is spaced.

    Neighbouring groups of one run are joined (longest first, from each group on), so "138 0013 8000"
    and "1101 0519 4912 3100 2X" are found while two numbers side by side are still found one by one.
    """
    for match in _RUN.finditer(text):
        groups = _groups(match.group(), match.start())
        i = 0
        while i < len(groups):
            hit = _longest_from(groups, i, allowed_phones)
            if hit is None:
                i += 1
                continue
            end, found = hit
            yield (groups[i][0], *found)
            i = end


def _longest_from(groups: list[tuple[int, str]], i: int, allowed: set[str]) -> tuple[int, tuple[str, str, str]] | None:
    number = ""
    best = None
    for j in range(i, len(groups)):
        number += groups[j][1]
        if len(number) > 19:
            break
        if "X" in number[:-1]:
            break
        found = _what(number, allowed)
        if found is not None:
            best = (j + 1, found)
    return best


# --- text that hides digits from a plain reading (Markdown, HTML, SVG) ---------------------------------

_HIDDEN = re.compile(r"&#?\w+;|<[^<>]{0,200}>")
_INLINE = re.compile(r"</?(?:b|i|u|s|em|strong|span|a|font|mark|small|big|code|sub|sup|del|ins|abbr|wbr|q)\b[^<>]*>"
                     r"|<!--.{0,200}?-->", re.I | re.S)


def reveal(text: str) -> tuple[str, list[int], list[int]] | None:
    """The text as a reader sees it (character references decoded, inline tags dropped), with a map back.

    Returns None when nothing is hidden. Otherwise (revealed text, starts, originals): a revealed offset
    o maps to originals[k] + (o - starts[k]) for the last starts[k] <= o.
    """
    if "&" not in text and "<" not in text:
        return None
    pieces: list[str] = []
    starts: list[int] = [0]
    originals: list[int] = [0]
    at = length = 0
    for match in _HIDDEN.finditer(text):
        token = match.group()
        if token[0] == "&":
            shown = html.unescape(token)
        else:
            shown = "" if _INLINE.fullmatch(token) else "|"  # a block tag separates what stands either side
        if shown == token:
            continue
        pieces.append(text[at:match.start()])
        length += match.start() - at
        pieces.append(shown)
        starts.append(length)
        originals.append(match.start())
        length += len(shown)
        at = match.end()
        starts.append(length)
        originals.append(at)
    if at == 0:
        return None
    pieces.append(text[at:])
    return "".join(pieces), starts, originals


def original_offset(offset: int, starts: list[int], originals: list[int]) -> int:
    k = bisect.bisect_right(starts, offset) - 1
    return originals[k] + (offset - starts[k])


def scan_revealed(text: str, allowed: set[str]) -> Iterator[tuple[int, str, str, str]]:
    """scan_text, plus what character references and empty tags would hide, placed in the original text."""
    seen = set()
    for found in scan_text(text, allowed):
        seen.add(found[0])
        yield found
    shown = reveal(text)
    if shown is None:
        return
    revealed, starts, originals = shown
    for offset, *rest in scan_text(revealed, allowed):
        at = original_offset(offset, starts, originals)
        if at not in seen:
            yield (at, *rest)
