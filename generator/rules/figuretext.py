"""Report text against the figures: numbers written right after a figure's name, and {{figure}} placeholders.

A number is read as a reader reads it: through Markdown emphasis, inline tags, spaces and soft line breaks, in any
digit form (full-width, circled, superscript) or in Chinese numerals (十二, 三万六千四百, 二〇二五), followed by the
figure's unit (家, 件, 元, 人 ...). It is a statement of the figure when it follows one of the figure's names with
at most a linking word between (数, 为, 共, 达, 增至 ...): 「白名单机构29家」, 「学科类培训机构数为 **10** 家」,
「作出行政处罚 十二 件」. Words that make it a part or a change (新增, 其中, 减少 ...) just before the name, or
「非」 (非学科类), make it no statement of the figure; so does any other word between name and number.
Other numbers (dates, document numbers, percentages) are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..privacy.shown import mask
from .figures import UNITS, Figure

#: Characters a reader does not see as part of the words: spaces, zero-width and format characters, Markdown
#: emphasis, code and link marks (the target after "]" is hidden by `mask`), quotation marks (「白名单机构」29家).
#: Other brackets, dashes and clause marks stay.
_QUOTES = "\"'`*_~[“”‘’「」『』"
#: Words between a figure's name and its number that keep the number the figure's.
BRIDGE = (r"的?(?:数量|总数|总量|数|金额|总额)?[:：]?"
          r"(?:共计|合计|总计|累计|共有|共|计|为|是|有|达到|达|增至|增加至|增加到|增长到|减至|减少至|减少到|降至|下降到|"
          r"仍为|仍有|保持在|保持为)?[:：]?")
#: Words just before a name that make the number a part or a change of the figure, not the figure.
PARTIAL = re.compile(r"(?:新增|新列入|增加|减少|净增|净减|移出|退出|撤销|撤回|变更|其中|另有|另|处以|并处|处|非)$")
_DIGITS = "〇零一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
_CJK_VALUE = {**dict(zip("〇零一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)),
              **dict(zip("壹贰貳叁參肆伍陆陸柒捌玖", (1, 2, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9), strict=True))}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
#: A number as folded text holds it: digits or numerals, grouping commas, a decimal point, 万 / 亿. It starts with a
#: digit or 十 (十二): 「千元以下」 states no number.
_NUMERAL = f"0-9{_DIGITS}十拾百佰千仟万萬亿億"
_NUMBER = rf"[0-9{_DIGITS}十拾](?:[{_NUMERAL},.．点]*[{_NUMERAL}])?"
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\n]{1,60}?)\s*\}\}")


@dataclass(frozen=True)
class Mention:
    """A number the text states for a figure."""

    figure: Figure
    value: Decimal
    offset: int
    """Offset in the body of the number's first character."""
    text: str
    """The stretch as written, name to unit."""


@dataclass(frozen=True)
class Placeholder:
    name: str
    figure: Figure | None
    offset: int


def names(figure: Figure) -> tuple[str, ...]:
    """The names the text may give a figure: its label (with or without a final 数), its other terms, its key."""
    return tuple(dict.fromkeys((figure.label, figure.label.removesuffix("数"), *figure.terms, figure.key)))


@cache
def _by_name(figures: tuple[Figure, ...]) -> dict[str, Figure]:
    return {name: figure for figure in figures for name in names(figure)}


@cache
def _statement(figures: tuple[Figure, ...]) -> re.Pattern[str]:
    spoken = sorted({n for n in _by_name(figures) if not n.isascii()}, key=len, reverse=True)
    units = "".join(sorted({u for group in UNITS.values() for u in group}))
    return re.compile(rf"(?P<name>{'|'.join(map(re.escape, spoken))}){BRIDGE}(?P<number>{_NUMBER})"
                      rf"(?P<unit>[{units}])(?!次)")


def figure_named(name: str, figures: tuple[Figure, ...]) -> Figure | None:
    """The figure of `figures` a placeholder names: its key (whitelisted), label or another name (白名单机构数)."""
    return next((f for f in figures if f.key == name.strip()), None) or _by_name(figures).get(fold(name)[0])


@cache
def _unified(ch: str) -> str:
    """A character as read: a digit in any form as an ASCII digit (１ ① ¹ -> 1), a skipped character as ""."""
    if ch in _QUOTES or ch.isspace() or unicodedata.category(ch) == "Cf":
        return ""
    if ch.isascii():
        return ch
    shown = unicodedata.normalize("NFKC", ch)
    if shown != ch and any(c.isalnum() for c in shown):
        return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in shown if c not in _QUOTES)
    return str(unicodedata.digit(ch)) if ch.isdigit() else ch


def fold(text: str) -> tuple[str, list[int]]:
    """`text` as a reader reads it (markup hidden, skipped characters gone, digits unified) and the offset in `text`
    of each character. A line break is read through inside a paragraph, not between blocks."""
    shown = mask(text)
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(shown):
        if ch == "\n" and _block_break(shown, i):
            out.append("\n")
            origin.append(i)
            continue
        for c in _unified(ch):
            out.append(c)
            origin.append(i)
    return "".join(out), origin


_BLOCK_START = re.compile(r"[ \t]*(?:$|[#>|]|[-*+][ \t]|\d+[.)][ \t])", re.M)


def _block_break(text: str, i: int) -> bool:
    """Whether the line break at `i` ends a block: the line before or after it is blank, a heading or a table row,
    or the line after starts a list item or a quote (a break inside a paragraph is read through)."""
    start = text.rfind("\n", 0, i) + 1
    line = text[start:i].lstrip()
    return not line or line[0] in "#|" or _BLOCK_START.match(text, i + 1) is not None


def read_number(written: str) -> Decimal | None:
    """The value of a number as folded text holds it, or None when it is no number a reader would read."""
    s = written.replace("．", ".")
    arabic = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([万萬亿億]?)", s)
    if arabic:
        whole, fraction, large = arabic.groups()
        return Decimal(whole.replace(",", "") + (fraction or "")) * _LARGE.get(large, 1)
    if "," in s or "." in s:
        return None
    whole, _, fraction = s.partition("点")
    value = _numerals(whole)
    if value is None or (fraction and not all(c in _CJK_VALUE or c.isdigit() for c in fraction)):
        return None
    if fraction:
        value += Decimal("0." + "".join(str(_CJK_VALUE.get(c, c)) for c in fraction))
    return value


def _numerals(s: str) -> Decimal | None:
    """十二 12, 一百零五 105, 三万六千四百 36400, 2千 2000; 二〇二五 2025 (digit by digit, without 十百千万)."""
    if not s:
        return None
    if not any(c in _SMALL or c in _LARGE for c in s):
        return Decimal("".join(str(_CJK_VALUE.get(c, c)) for c in s)) if all(
            c in _CJK_VALUE or c.isdigit() for c in s) else None
    total, section, digit = 0, 0, None
    for token in re.findall(r"\d+|.", s):
        if token.isdigit() or token in _CJK_VALUE:
            if digit:  # two digits in a row (一二百) is no number
                return None
            digit = int(token) if token.isdigit() else _CJK_VALUE[token]
        elif token in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[token]
            digit = None
        elif token in _LARGE:
            total = (total + section + (digit or 0)) * _LARGE[token] if token in "亿億" else \
                total + (section + (digit or 0)) * _LARGE[token]
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def mentions(body: str, figures: tuple[Figure, ...]) -> list[Mention]:
    """Every number the text states for one of `figures`, in text order."""
    folded, origin = fold(body)
    found: list[Mention] = []
    by_name = _by_name(figures)
    for match in _statement(figures).finditer(folded):
        figure = by_name[match["name"]]
        partial = PARTIAL.search(folded, max(0, match.start() - 4), match.start())
        if partial or match["unit"] not in UNITS[figure.unit]:
            continue
        value = read_number(match["number"])
        if value is None:
            continue
        start = origin[match.start("number")]
        found.append(Mention(figure, value, start, body[origin[match.start()]:origin[match.end() - 1] + 1]))
    return found


def placeholders(body: str, figures: tuple[Figure, ...]) -> list[Placeholder]:
    return [Placeholder(m[1], figure_named(m[1], figures), m.start()) for m in PLACEHOLDER.finditer(body)]


def fill(body: str, values: dict[str, str], figures: tuple[Figure, ...]) -> str:
    """The body with each placeholder replaced by its figure's value as shown (`values` by key; "—" if none)."""
    def value(match: re.Match[str]) -> str:
        figure = figure_named(match[1], figures)
        return values.get(figure.key, "—") if figure else match[0]
    return PLACEHOLDER.sub(value, body)


def line_col(body: str, offset: int) -> tuple[int, int]:
    """(line within the body counted from 0, column counted from 1) of `offset`."""
    line = body.count("\n", 0, offset)
    return line, offset - body.rfind("\n", 0, offset)
