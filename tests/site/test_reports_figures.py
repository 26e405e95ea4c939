"""The annual report pages: the text shows the figures the site computed, each year's table is complete, and the
footnote says exactly what was checked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sitecheck import page

FOOTNOTE = ("表中数字由本站按数据自动计算，口径见下。"
            "报告正文中紧跟在表中项目名称之后的数字（如「白名单机构{white}家」）已与表中数字逐项核对，"
            "不一致的报告不会发布；「报告正文」一栏为「由本站按数据填入」的，正文中的这个数字由本站按"
            "表中数字写入。正文中的其他数字未经本站核对。")
#: (year, whitelisted, blacklisted, subject institutions, penalties, fines) on 31 December / over the year.
YEARS = [(2021, 29, 25, 9, 7, "2,000"), (2022, 29, 26, 3, 4, "500"), (2023, 30, 26, 1, 4, "47,200"),
         (2024, 32, 27, 1, 5, "76,000"), (2025, 32, 28, 1, 4, "36,400")]


@pytest.mark.parametrize(("year", "white", "black", "subject", "penalties", "fines"), YEARS)
def test_every_year_shows_its_figures_in_the_text_and_the_table(built_site: Path, year: int, white: int, black: int,
                                                                  subject: int, penalties: int, fines: str) -> None:
    text = page(built_site, f"reports/{year}/").article_text()
    assert "{{" not in text and "}}" not in text
    assert f"白名单机构{white}家" in text and (f"黑名单机构{black}家" in text or f"黑名单机构增至{black}家" in text)
    assert f"学科类培训机构{subject}家" in text and f"罚款{fines}元" in text
    table = text[text.index(f"本站按数据计算的 {year} 年数字"):]
    assert f"截至{year}年12月31日 项目 数值 报告正文 白名单机构数 {white} 家 由本站按数据填入 " \
           f"黑名单机构数 {black} 家 由本站按数据填入" in table
    assert f"学科类培训机构数 {subject} 家 由本站按数据填入" in table
    assert f"{year}年全年 项目 数值 报告正文 全年作出的行政处罚决定 {penalties} 件 由本站按数据填入 " \
           f"全年罚款金额 {fines} 元 由本站按数据填入" in table
    assert f"{year}年度 项目 数值 报告正文 参加年度检查的民办学校和幼儿园" in table
    assert "—" not in table and "「—」表示" not in table  # the data tells every figure of these years
    assert FOOTNOTE.format(white=white) in table
    assert "报告正文引用的数字在发布前已与数据逐项核对" not in text


def test_the_list_of_reports_says_what_each_report_page_adds(built_site: Path) -> None:
    text = page(built_site, "reports/").article_text()
    assert ("每份报告页面末尾附本站按数据算出的当年数字（白名单、黑名单机构数等按当年 12 月 31 日，"
            "处罚、许可决定按全年）") in text


def test_the_definitions_say_on_which_day_each_figure_is_taken(built_site: Path) -> None:
    text = page(built_site, "reports/2025/").article_text()
    means = text[text.index("各项数字的口径"):]
    assert "白名单机构数 （截至2025年12月31日）：2025年12月31日当天结束时在白名单上的机构" in means
    assert ("全年作出的行政处罚决定 （2025年全年）：决定日期在2025年1月1日至12月31日之间的行政处罚决定，"
            "不含到2025年12月31日已被撤销、变更或确认违法、无效（已撤回）的。") in means
    assert "学科类培训机构数 （截至2025年12月31日）：2025年12月31日当天结束时培训类别为学科类" in means


def test_a_figure_the_data_cannot_tell_shows_a_dash_and_why(
        staff_edited: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    """Without the 2025 annual reviews the 2025 report cannot count them: 「—」 and the reason, nothing else (the
    shared edited copy leaves them out: tests/conftest.py)."""
    _result, site = staff_edited
    text = page(site, "reports/2025/").article_text()
    assert "2025年度 项目 数值 报告正文 参加年度检查的民办学校和幼儿园 — 未写" in text
    assert ("「—」表示本站数据算不出这个数字：参加年度检查的民办学校和幼儿园，"
            "本站还没有 2025 年度的年度检查记录（年检结果通常在次年公布）。") in text
    assert "白名单机构数 32 家" in page(site, "reports/2025/").article_text()
