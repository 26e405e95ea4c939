"""Report text, as properties: any figure's name, any linking word, the number in any spelling and split any way.

A wrong number is an error at its first digit, the right one passes, and numbers that are not a statement of a
figure (a part or change, another unit, the number before the name, no name) are never reported.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalog import Catalog
from generator.datasets import REGISTRY
from generator.read.files import Tree
from generator.read.load import read_reports
from generator.rules.figures import UNITS
from generator.rules.figuretext import names
from generator.rules.reports import report_text
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
YEAR = 2023
SAMPLE = validate(PROJECT).catalog
TOLD = [f for f in REGISTRY.figures if f.untold(SAMPLE, YEAR) is None]
ACTUAL = {f.key: int(f.compute(SAMPLE, YEAR)) for f in TOLD}
REPORT = "content/reports/2023.md"
HEADER = "---\nyear: 2023\ntitle: 报告\nkind: 法治政府建设年度报告\npublished_on: 2024-03-01\n---\n"
#: Words that stand for nothing the checks know: no figure's name, no numeral, no unit, no 「新增」「其中」「处」「非」.
FILLER = st.text(alphabet="天地春夏秋冬山水风云雨雪花草木石", min_size=1, max_size=12)
BRIDGES = ["", "数", "为", "共", "共计", "达", "增至", "总数为", "：", "数量为", "合计", "的数量为"]
#: What a reader reads through inside a number: emphasis, spaces of any kind, zero-width characters, inline tags.
SPLITS = ["**", "*", "_", " ", "\u3000", "\u00a0", "\u200b", "<span>", "</span>", "<b>"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
CJK = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """12 -> 十二, 105 -> 一百零五, 36400 -> 三万六千四百, 10500 -> 一万零五百."""
    def section(x: int) -> str:
        out, zero = "", False
        for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = x // place % 10
            if digit:
                out += ("零" if zero else "") + CJK[digit] + unit
                zero = False
            elif out:
                zero = True
        return out
    if n == 0:
        return "零"
    high, low = divmod(n, 10000)
    text = (section(high) + "万" if high else "") + ("零" if high and 0 < low < 1000 else "") + section(low)
    return text[1:] if text.startswith("一十") else text


@st.composite
def spelled(draw: st.DrawFn, n: int) -> str:
    styles = ["arabic", "grouped", "full-width", "chinese", "digit by digit"]
    if n >= 10000 and n % 100 == 0:
        styles.append("wan")
    style = draw(st.sampled_from(styles))
    text = {"arabic": str(n), "grouped": f"{n:,}", "full-width": str(n).translate(FULL_WIDTH),
            "chinese": chinese(n), "digit by digit": "".join(CJK[int(c)] for c in str(n)).replace("零", "〇"),
            "wan": f"{(Decimal(n) / 10000).normalize():f}万"}[style]
    if style == "digit by digit" and len(text) == 1:
        text = str(n)
    cuts = draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=3, unique=True)) if len(text) > 1 else []
    for cut in sorted(cuts, reverse=True):  # a separator inside the number, read through
        text = text[:cut] + draw(st.sampled_from(SPLITS)) + text[cut:]
    return text


def problems_of(body: str) -> list[tuple[str, int, int, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content/reports").mkdir(parents=True)
        (root / REPORT).write_text(HEADER + body, encoding="utf-8")
        reports, found = read_reports(Tree.take(root))
        assert found == []
        catalog = Catalog(SAMPLE.site, SAMPLE.tables, tuple(reports), None, root, registry=REGISTRY)
        return [(p.path, p.line, p.col, p.code) for p in report_text(catalog)]


@st.composite
def report_with_a_statement(draw: st.DrawFn) -> tuple[str, int, int, bool]:
    """(body, line and column of the number's first digit, whether the number is right)."""
    figure = draw(st.sampled_from(TOLD))
    right = draw(st.booleans())
    actual = ACTUAL[figure.key]
    value = actual if right else draw(st.integers(0, actual + 1000).filter(lambda v: v != actual))
    name = draw(st.sampled_from([n for n in names(figure) if not n.isascii()]))
    before = draw(st.sampled_from(["", " ", "**", "<b>", "\u3000"]))
    after = draw(st.sampled_from(["", " ", "**", "</b>"]))
    lead = draw(FILLER) + name + draw(st.sampled_from(BRIDGES)) + before
    statement = lead + draw(spelled(value)) + after + draw(st.sampled_from(UNITS[figure.unit])) + draw(FILLER)
    paragraphs = draw(st.lists(FILLER, max_size=4))
    at = draw(st.integers(0, len(paragraphs)))
    paragraphs.insert(at, statement)
    opening = draw(st.sampled_from(["", "\n", "\n\n", " "]))  # blank lines or spaces before the text are dropped
    body = opening + "\n\n".join(paragraphs) + "\n"
    line = 7 + opening.count("\n") + 2 * at
    col = len(lead) + 1 + (1 if opening == " " and at == 0 else 0)
    return body, line, col, right


@settings(max_examples=60, deadline=None)
@given(report_with_a_statement())
def test_a_number_after_a_figures_name_must_equal_the_figure(case: tuple[str, int, int, bool]) -> None:
    body, line, col, right = case
    assert problems_of(body) == ([] if right else [(REPORT, line, col, "figure-mismatch")])


@st.composite
def unrelated(draw: st.DrawFn) -> str:
    figure = draw(st.sampled_from(TOLD))
    name = draw(st.sampled_from([n for n in names(figure) if not n.isascii()]))
    number = draw(st.integers(0, 99999).filter(lambda v: v != ACTUAL[figure.key]).flatmap(spelled))
    unit = draw(st.sampled_from(UNITS[figure.unit]))
    return draw(st.sampled_from([
        # a part or change
        draw(st.sampled_from(["新增", "其中", "减少", "另有", "非", "净增"])) + name + number + unit,
        name + draw(st.sampled_from(["较上年增加", "由", "比去年少", "占"])) + number + unit,  # another word between
        name + number + draw(st.sampled_from(["年", "次", "%", "号", "人次", "件次", "倍", "月"])),  # not the unit
        number + unit + name,  # the number before the name
        draw(FILLER) + number + unit,  # no name
    ]))


@settings(max_examples=60, deadline=None)
@given(st.lists(unrelated(), min_size=1, max_size=4), FILLER)
def test_numbers_that_state_no_figure_are_never_reported(lines: list[str], filler: str) -> None:
    assert problems_of("\n\n".join(f"{filler}{line}。{filler}" for line in lines) + "\n") == []
