"""政府信息公开 on the built sample site: the guide (/xxgk/) lists what is published where and how to apply, the
application form is a PDF that holds the standard fields, the reports list shows both kinds, and a 政府信息公开
report page draws the State Council's tables between its sections."""

from __future__ import annotations

import io
from pathlib import Path

from sitecheck import page, search_corpus

from generator.datasets import REGISTRY
from generator.render.govinfo import FORM, FORM_FIELDS, application_form
from generator.validate import validate

ROOT = Path(__file__).resolve().parents[2]


def test_the_guide_lists_every_published_list_page_from_the_registry(built_site: Path) -> None:
    guide = page(built_site, "xxgk/")
    links = {a.get("href") for a in guide.find("a")}
    for publication in REGISTRY.with_pages:
        assert f"../{publication.page}" in links, publication.page
    assert {"../reports/", "../data/", "../changes/"} <= links
    text = guide.article_text()
    for publication in REGISTRY.with_pages:
        assert REGISTRY.by_name[publication.dataset].title in text


def test_the_guide_says_how_to_apply_and_what_follows(built_site: Path) -> None:
    text = page(built_site, "xxgk/").article_text()
    for said in ("受理机构 汾川县教育科技局办公室", "邮政编码 041900", "咨询电话 0357-5213360",
                 "电子邮箱 jkjbgs@fenchuan.gov.cn", "办公时间 法定工作日 上午 8:00—12:00，下午 14:30—17:30",
                 "自收到申请之日起 20 个工作日 内予以答复", "最长不超过 20 个工作日",
                 "征求意见所需时间不计算在答复期限内",
                 "不收取费用 （《条例》第四十二条）", "向汾川县人民政府申请行政复议", "向汾川县人民法院提起行政诉讼",
                 "60 日内", "6 个月内", "向汾川县人民政府办公室投诉、举报", "不在网上收集申请人的任何个人信息"):
        assert said in text, said
    assert "1 月 31 日前公布上一年度的政府信息公开工作年度报告" in text
    assert [a for a in page(built_site, "xxgk/").find("a") if a.get("href") == "application-form.pdf"]
    assert [a for a in page(built_site, "xxgk/").find("a") if a.get("href") == "../reports/2025-xxgk/"]


def test_the_application_form_holds_the_standard_fields_and_never_changes(built_site: Path) -> None:
    from pypdf import PdfReader

    data = (built_site / FORM).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = "".join(reader.pages[0].extract_text().split())
    for label in (*FORM_FIELDS, "政府信息公开申请表", "受理机关：汾川县教育科技局办公室", "0357-5213360",
                  "邮政编码041900", "jkjbgs@fenchuan.gov.cn", "本机关依法不收取费用"):
        assert "".join(label.split()) in text, label
    assert reader.metadata is not None and reader.metadata.title == "政府信息公开申请表"
    assert str(reader.metadata.get("/CreationDate", "")).startswith("D:20190515")
    assert application_form(validate(ROOT).catalog.site) == data  # the same settings, the same bytes


def test_the_reports_list_shows_both_kinds(built_site: Path) -> None:
    listing = page(built_site, "reports/")
    text = listing.article_text()
    assert text.index("法治政府建设年度报告") < text.index("政府信息公开工作年度报告")
    assert "本机关每年发布两种年度报告：法治政府建设年度报告（次年 4 月 1 日前发布）和政府信息公开工作年度报告" \
           "（次年 1 月 31 日前发布）。" in text
    links = [a.get("href") for a in listing.find("a")]
    for year in range(2021, 2026):
        assert f"{year}/" in links and f"{year}-xxgk/" in links
    law = text.split("政府信息公开工作年度报告 按国务院办公厅")[0]
    assert "汾川县教育科技局2021年政府信息公开工作年度报告" not in law.split("法治政府建设年度报告 每份报告")[1]


def test_a_govinfo_report_draws_the_state_council_tables_between_its_sections(built_site: Path) -> None:
    text = page(built_site, "reports/2021-xxgk/").article_text()
    order = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    assert "全年作出行政处罚决定7件、行政许可决定3件" in text  # placeholders filled
    assert "规章 0 0 0 行政规范性文件 3 0 3" in text
    assert "行政许可 3" in text and "行政处罚 7 行政强制 0" in text and "行政事业性收费 0" in text
    assert "一、本年新收政府信息公开申请数量 5 1 0 0 0 0 6" in text
    assert "三、本年度办理结果 （一）予以公开 3 0 0 0 0 0 3" in text
    assert "（四）无法提供 1.本机关不掌握相关政府信息 1 0 0 0 0 0 1" in text
    assert "（七）总计 5 0 0 0 0 0 5 四、结转下年度继续办理 0 1 0 0 0 0 1" in text
    assert "以下数字由本站按数据计算：" in text and "「行政规范性文件」的现行有效件数 3 件" in text
    assert ("以下数字为报告所写，已与本站数据核对一致：「行政许可」的本年处理决定数量 3 件；"
            "「行政处罚」的本年处理决定数量 7 件") in text
    assert "本站按数据计算的 2021 年数字" not in text  # the 法治 report's table is not this report's
    assert "白名单机构数" in page(built_site, "reports/2021/").article_text()  # the 法治 report stays at /reports/2021/


def test_the_wide_tables_scroll_in_their_own_box_and_are_not_cards(built_site: Path) -> None:
    html = (built_site / "reports/2021-xxgk/index.html").read_text(encoding="utf-8")
    assert html.count('<div class="gk-table" tabindex="0">') == 1
    assert html.count('<div class="gk-table gk-wide" tabindex="0">') == 2
    assert "data-cards" not in html.split('class="gk-table', 1)[1]
    css = (built_site / "assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert ".md-typeset .gk-table { overflow-x: auto;" in css


def test_search_and_the_sitemap_find_the_new_pages(built_site: Path) -> None:
    corpus = search_corpus(built_site)
    assert "政府信息公开指南" in corpus and "依申请公开" in corpus
    assert "汾川县教育科技局2021年政府信息公开工作年度报告" in corpus
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/xxgk/</loc>" in sitemap and "/reports/2021-xxgk/</loc>" in sitemap


def test_the_navigation_has_the_guide(built_site: Path) -> None:
    home = page(built_site, "")
    tabs = [(a.get("href", ""), a) for a in home.find("a") if "md-tabs__link" in a.get("class", "")]
    assert any(href.rstrip("/").endswith("xxgk") for href, _ in tabs)
