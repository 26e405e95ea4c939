"""Report text: a number written right after a figure's name must equal the figure; {{figure}} is written by the site.

Located at the number's first digit (file:line:col), however it is spelled or split: full-width digits, Chinese
numerals, Markdown emphasis, spaces, inline tags. Other numbers are left alone.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from validator.helpers import found, replace_text

from generator.datasets import REGISTRY
from generator.rules.figuretext import mentions, read_number
from generator.validate import validate

R2025 = "content/reports/2025.md"
WHITE_2025 = "全县白名单机构{{白名单机构数}}家"  # line 16; "{{" at column 25 (32 on 2025-12-31)
PENALTIES_2025 = "全年作出行政处罚决定{{全年作出的行政处罚决定}}件"  # line 14; "{{" at column 21 (4 in 2025)


@pytest.mark.parametrize(("written", "value"), [
    ("12", 12), ("１２", 12), ("十二", 12), ("一十二", 12), ("二十九", 29), ("一百零五", 105), ("两千", 2000),
    ("三万六千四百", 36400), ("4.72万", 47200), ("47,200", 47200), ("2千", 2000), ("二〇二五", 2025), ("壹拾贰", 12),
    ("十", 10), ("0", 0), ("零", 0), ("3.5", Decimal("3.5")), ("三点五", Decimal("3.5")), ("2万6千", 26000),
])
def test_numbers_in_any_spelling(written: str, value: int) -> None:
    assert read_number(written) == value


@pytest.mark.parametrize("written", ["29,30", "1,2345", "一二百", "3..5"])
def test_what_no_reader_reads_as_one_number(written: str) -> None:
    assert read_number(written) is None


@pytest.mark.parametrize(("text", "col"), [
    ("全县白名单机构29家", 25), ("全县白名单机构 29 家", 26), ("全县白名单机构**29**家", 27),
    ("全县白名单机构二十九家", 25), ("全县白名单机构２９家", 25), ("全县白名单机构数为29家", 27),
    ("全县白名单机构：<b>2</b>9家", 29), ("全县白名单机构总数达 **2** 9家", 31), ("全县白名单机构&#50;9家", 25),
    ("全县白名单机构②⑨家", 25), ("全县白名单机构[29](../../institutions/)家", 26), ("全县白名单机构`29`家", 26),
])
def test_a_wrong_number_after_the_name_is_an_error_at_its_first_digit(root: Path, text: str, col: int) -> None:
    replace_text(root, R2025, WHITE_2025, text)
    assert found(root) == [(R2025, 16, col, "figure-mismatch")]
    [problem] = validate(root).problems
    assert "按 2025-12-31 的数据，白名单机构数（截至2025年12月31日）为 32 家" in problem.message
    assert "{{白名单机构数}}" in problem.message  # says how to let the site write it


@pytest.mark.parametrize("text", ["全县白名单机构32家", "全县白名单机构三十二家", "全县白名单机构**3**2家",
                                  "全县白名单机构 ３２ 家", "全县白名单机构数共计<span>32</span>家"])
def test_the_right_number_in_any_spelling_passes(root: Path, text: str) -> None:
    replace_text(root, R2025, WHITE_2025, text)
    assert found(root) == []


@pytest.mark.parametrize(("text", "col"), [("全年作出行政处罚 12 件", 20), ("全年作出行政处罚决定十二件", 21),
                                           ("全年作出行政处罚决定**1**2件", 23)])
def test_decisions_of_the_year(root: Path, text: str, col: int) -> None:
    replace_text(root, R2025, PENALTIES_2025, text)
    assert found(root) == [(R2025, 14, col, "figure-mismatch")]


def test_each_wrong_number_is_reported_where_it_stands(root: Path) -> None:
    replace_text(root, R2025, "罚款{{全年罚款金额}}元", "罚款3.64万元")  # right: 36,400
    replace_text(root, R2025, "黑名单机构{{黑名单机构数}}家", "黑名单机构 2 8 家")  # right
    replace_text(root, R2025, "累计取缔机构{{累计取缔机构数}}家", "累计取缔机构29家")  # wrong: 28
    replace_text(root, R2025, "学科类培训机构{{学科类培训机构数}}家", "学科类培训机构\n10家")  # wrong: 1
    assert found(root) == [(R2025, 16, 112, "figure-mismatch"), (R2025, 17, 1, "figure-mismatch")]


def test_windows_line_endings_keep_the_position(root: Path) -> None:
    replace_text(root, R2025, WHITE_2025, "全县白名单机构29家")
    path = root / R2025
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert found(root) == [(R2025, 16, 25, "figure-mismatch")]


@pytest.mark.parametrize("text", [
    "新增白名单机构1家", "其中白名单机构3家", "非学科类培训机构12家", "白名单机构较上年增加3家", "白名单机构占比95%",
    "执法人员培训4次", "执法人员轮训30人次", "并处罚款2000元", "白名单机构2021年公布", "12家白名单机构",
    "汾教科罚决字〔2021〕第12号", "2025年12月31日", "行政处罚决定书2份", "学科类培训机构29,30家", "罚款千元以下",
    "罚款金额万元以上",
])
def test_numbers_not_stated_for_a_figure_are_left_alone(root: Path, text: str) -> None:
    replace_text(root, R2025, WHITE_2025, f"全县白名单机构{{{{白名单机构数}}}}家。{text}。")
    assert found(root) == []


def test_the_sample_reports_state_their_figures_through_placeholders() -> None:
    root = Path(__file__).resolve().parents[2]
    for report in sorted((root / "content/reports").glob("*.md")):
        assert mentions(report.read_text(encoding="utf-8"), REGISTRY.figures) == [], report.name
        if report.stem.endswith("-xxgk"):  # 政府信息公开: the decisions of the year
            assert "{{全年作出的行政处罚决定}}" in report.read_text(encoding="utf-8")
        else:
            assert "{{学科类培训机构数}}" in report.read_text(encoding="utf-8")


# --- placeholders ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["白名单数", "whitelist", "白名单机构数（年末）", "学科类"])
def test_a_placeholder_naming_no_figure(root: Path, name: str) -> None:
    replace_text(root, R2025, WHITE_2025, f"全县白名单机构{{{{{name}}}}}家")
    assert found(root) == [(R2025, 16, 25, "unknown-figure")]
    [problem] = validate(root).problems
    assert "{{白名单机构数}}" in problem.message and "whitelisted" in problem.message


@pytest.mark.parametrize("name", ["whitelisted", "白名单机构", " 白名单机构数 ", "白名单上的机构"])
def test_a_placeholder_may_use_any_name_of_the_figure(root: Path, name: str) -> None:
    replace_text(root, R2025, WHITE_2025, f"全县白名单机构{{{{{name}}}}}家")
    assert found(root) == []


def test_a_year_the_data_does_not_cover(root: Path) -> None:
    """The sample's data starts on 2021-08-26: nothing can be said about 2020, in the header or the text."""
    (root / "content/reports/2020.md").write_text(
        "---\nyear: 2020\ntitle: 报告\nkind: 法治政府建设年度报告\npublished_on: 2021-03-01\nfigures:\n"
        "  whitelisted: 0\n---\n\n白名单机构0家，黑名单机构{{黑名单机构数}}家。\n", encoding="utf-8")
    assert found(root) == [("content/reports/2020.md", 7, 16, "figure-mismatch"),
                           ("content/reports/2020.md", 10, 6, "figure-mismatch"),
                           ("content/reports/2020.md", 10, 14, "figure-mismatch")]
    messages = [p.message for p in validate(root).problems]
    assert all("本站的数据从 2021-08-26 开始，没有 2020 年的记录" in m for m in messages)


def test_annual_reviews_of_a_year_not_recorded(root: Path) -> None:
    replace_text(root, R2025, WHITE_2025, f"{WHITE_2025}，参加年度检查的民办学校和幼儿园19所")
    assert found(root) == []
    rows = (root / "data/annual_reviews.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "data/annual_reviews.csv").write_text("".join(r for r in rows if not r.startswith("2025,")),
                                                  encoding="utf-8")
    assert found(root) == [(R2025, 16, 52, "figure-mismatch")]
    [problem] = validate(root).problems
    assert "本站还没有 2025 年度的年度检查记录" in problem.message
