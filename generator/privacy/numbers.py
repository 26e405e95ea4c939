"""Privacy stage: citizen ID, mobile and bank card numbers in any spelling a reader still reads as one number."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import pairwise

from ..schema.identifiers import id_number_is_valid, luhn_is_valid, uscc_problem
from .shown import has_markup, mask, read_digits, runs, strip

_GROUP = re.compile(r"[0-9]+|[Xx]")
_MARKUP_START = re.compile(r"[<&\]]")
_BANK_PREFIX = re.compile(r"(?:62|4\d|5[1-5])")


def _masked(text: str) -> str:
    return text[:3] + "*" * (len(text) - 5) + text[-2:]


def _what(number: str, allowed: frozenset[str]) -> tuple[str, str, str] | None:
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


def scan_text(text: str, allowed_phones: set[str] | frozenset[str], markup: bool | None = None,
              stripped: str | None = None) -> Iterator[tuple[int, str, str, str]]:
    """(offset, code, field label, message) for every personal number in `text` as a reader reads it.

    The stored text is searched for stretches that may read as a long number (shown.runs: digits of any spelling,
    character references, with anything a reader skips between them: spaces, dashes, markup, zero-width
    characters). Each stretch is read as a reader would (shown.read_digits) and its groups of digits joined,
    longest first from each group on, so "138 0013 8000" and "110105**1949**1231002X" are found while two
    numbers side by side are still found one by one. `markup`: see shown.runs.

    Text with markup is first read fast, as stored and with its markup stripped (`stripped`, when the caller has
    it); only when either reading holds a number is it read again markup and all, to say where.
    """
    allowed = frozenset(allowed_phones)
    if markup is False or not has_markup(text):
        yield from _located(text, runs(text, False), allowed)
        return
    shown = strip(text) if stripped is None else stripped
    if not any(_judged(m.group(), allowed) for view in (text, shown) for m in runs(view, False)):
        return
    found = list(_located(text, runs(text, True), allowed))
    if not found:  # the stripped text read a number the located reading did not (a tag past its bounds): say so
        found = [(0, *what) for m in runs(shown, False) for _offset, what in _judged(m.group(), allowed)][:1]
    yield from found


def _located(text: str, stretches: Iterator[re.Match[str]], allowed: frozenset[str]
             ) -> Iterator[tuple[int, str, str, str]]:
    for match in stretches:
        for offset, found in _judged(match.group(), allowed):
            yield (match.start() + offset, *found)


@lru_cache(maxsize=1 << 16)
def _judged(stretch: str, allowed: frozenset[str]) -> tuple[tuple[int, tuple[str, str, str]], ...]:
    """What one stretch holds: (offset in the stretch, (code, label, message)); the same stretch (a bureau's
    phone in every page) is read once."""
    origin: Sequence[int]
    if stretch.isascii() and not _MARKUP_START.search(stretch):  # most: ASCII digits and separators, read as stored
        read, origin = stretch, range(len(stretch))
    else:
        read, origin = read_digits(stretch)
    matches = list(_GROUP.finditer(read))
    groups = [(m.start(), m.group().upper()) for m in matches]
    shown = stretch if stretch.isascii() else mask(stretch)
    # what stands between group k and k + 1 as the reader sees it: a date is told by it (see _holds_a_date)
    between = [_separator(shown[origin[a.end() - 1] + 1:origin[b.start()]]) for a, b in pairwise(matches)]
    found = []
    i = 0
    while i < len(groups):
        hit = _longest_from(groups, between, i, allowed)
        if hit is None:
            i += 1
            continue
        end, what = hit
        found.append((origin[groups[i][0]], what))
        i = end
    return tuple(found)


def _longest_from(groups: list[tuple[int, str]], between: list[str], i: int, allowed: frozenset[str]
                  ) -> tuple[int, tuple[str, str, str]] | None:
    number = ""
    best = None
    for j in range(i, len(groups)):
        number += groups[j][1]
        if len(number) > 19:
            break
        if "X" in number[:-1]:
            break
        found = _what(number, allowed)
        if found is not None and (found[0] == "personal-id-number" or not _holds_a_date(groups, between, i, j)):
            if best is not None and best[1][0] == "personal-id-number":
                break  # an ID number read on into a card number's length: the ID it is, as at 18 digits (_what)
            best = (j + 1, found)
    return best


def _separator(text: str) -> str:
    """What stands between two groups of digits as a reader sees it, compared to tell a written date: compatibility
    forms unified ("－" is "-"), every dash one "-", spaces and invisible characters gone ("2026 - 11 - 27" is
    written like "2026-11-27"; the search index puts a zero-width space between the words of a text)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join("-" if unicodedata.category(c) == "Pd" else c for c in text
                   if not c.isspace() and unicodedata.category(c) != "Cf")


#: What separates the year, month and day of a date as written: 2026-11-27, 2026/11/27, 2026.11.27.
_DATE_SEPARATORS = frozenset("-/.")


def _holds_a_date(groups: list[tuple[int, str]], between: list[str], first: int, last: int) -> bool:
    """Whether groups first..last take in any part of a written date (2026-11-27: a year, a month, a day in a row).
    A phone or card number never carries one, while a number next to a date does ("2026-1-99 2026-11-27" and
    "1300000 2000-01-01" join to 11 digits that start like a mobile). An ID number may: its birth date, written as
    a date, is refused all the same.

    A date is written: its year, month and day are joined by one date separator, the same twice ("-", "/", "."),
    and it stands apart from the digits around it (anything else, or nothing, on either side). Three groups that
    merely read like one ("Tel 1991 2 3 45678", "1991-2-3-45678": a mobile 19912345678 cut after its 4th, 5th and
    6th digits) are part of the number."""
    for k in range(max(first - 2, 0), min(last + 1, len(groups) - 2)):
        year, month, day = (groups[k + n][1] for n in range(3))
        mark = between[k]
        if (len(year) == 4 and year[:2] in ("19", "20") and len(month) <= 2 and len(day) <= 2
                and month.isdigit() and day.isdigit() and 1 <= int(month) <= 12 and 1 <= int(day) <= 31
                and mark in _DATE_SEPARATORS and between[k + 1] == mark
                and (k == 0 or between[k - 1] != mark) and (k + 3 >= len(groups) or between[k + 2] != mark)):
            return True
    return False
