"""The built sample site, checked by what its pages say to a citizen."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from sitecheck import ROOT, TODAY, html_files, page, record_index_text, search_corpus

from generator.render import recordindex
from generator.validate import validate

BLACKLISTED = "fc-0043"  # 城东小区少儿米术班: unlicensed, blacklisted and banned on 2021-08-26
WHITELISTED = "fc-0011"  # 汾川县彩虹艺术培训中心: first white list, 2021-10-20
MOVED_TO_BLACK = "fc-0035"  # moved from the white list to the black list on 2022-08-16


def test_blacklisted_institution_shows_verdict_first_with_date_and_reason(built_site: Path) -> None:
    p = page(built_site, f"institutions/{BLACKLISTED}/")
    text = p.article_text()
    assert text.startswith("城东小区少儿美术班 ✖ 黑名单：请勿报名")
    # the blacklisting still stands although its decision's publicity is over: it cites the decision's number and
    # date (they may stay public), says why the content is gone, and does not link to it
    assert ("列入黑名单日期：2021-08-26，原因：无证无照办学；依据 汾教科罚决字〔2021〕第1号（2021-08-26 作出，"
            "公示期已满，内容不再公示）。当前状态：已取缔（2021-08-26）。") in text
    assert "公示期已满的处罚决定" not in text
    assert text.index("黑名单：请勿报名") < text.index("机构信息") < text.index("名单与状态变动")
    assert p.find("div", **{"class": "tp-verdict tp-verdict-black", "role": "note"})


def test_whitelisted_institution_verdict_and_licence(built_site: Path) -> None:
    text = page(built_site, f"institutions/{WHITELISTED}/").article_text()
    assert "✔ 白名单：经审核可以开展校外培训 列入白名单日期：2021-10-20；依据 汾教科发〔2021〕80号。" in text
    assert "教民141099070000111号" in text and "91141099MA0N6751XQ" in text


def test_history_shows_movement_from_white_to_black(built_site: Path) -> None:
    text = page(built_site, f"institutions/{MOVED_TO_BLACK}/").article_text()
    assert "黑名单：请勿报名" in text
    history = text[text.index("名单与状态变动"):]
    assert history.index("2022-08-16 列入黑名单") < history.index("2022-08-16 移出白名单")  # newest first
    assert "列入白名单" in history


def test_lookup_page_is_a_full_plain_table_without_javascript(built_site: Path) -> None:
    p = page(built_site, "institutions/")
    rows = p.find("tr")
    institutions = list(csv.DictReader(io.StringIO((Path("data/institutions.csv")).read_text(encoding="utf-8"))))
    body_rows = [r for r in rows if "data-list" in r]
    assert len(body_rows) == len(institutions) == 73
    assert {r["data-list"] for r in body_rows} == {"白名单", "黑名单", "未列入"}
    links = {a["href"] for a in p.find("a")}
    assert {f"{i['id']}/" for i in institutions} <= links
    assert p.find("th", scope="col") and p.find("caption") == [{}]
    assert p.find("form", **{"data-lookup-form": "", "hidden": ""}), "filters stay hidden until the script runs"


def test_withdrawn_penalty_keeps_only_its_notice(built_site: Path) -> None:
    text = page(built_site, "penalties/2022-006/").article_text()
    assert "汾教科罚决字〔2022〕第6号" in text and "本行政处罚决定已被撤销（撤销日期 2022-09-08）" in text
    # 撤销 is its own legal act: not labelled 撤回
    assert "撤销日期 2022-09-08" in text and "撤销理由 经行政复议审查" in text and "撤回" not in text
    assert "违法事实" not in text and "邢海涛" not in text and "鲲鹏游泳" not in text


def test_expired_penalty_is_gone_from_every_public_place(built_site: Path) -> None:
    slug, number = "2021-002", "汾教科罚决字〔2021〕第2号"
    notice = page(built_site, f"penalties/{slug}/")
    assert notice.article_text().startswith("公示期已满")
    assert number not in notice.text and notice.meta("robots") == "noindex"
    assert f"{slug}/" not in {a["href"] for a in page(built_site, "penalties/").find("a")}
    for name in ("feed.xml", "data/penalties.csv", "data/penalties.json"):
        assert number not in (built_site / name).read_text(encoding="utf-8-sig"), name
    assert number not in search_corpus(built_site) and number not in record_index_text(built_site)
    assert recordindex.search(built_site, number) == []
    assert recordindex.search(built_site, "汾教科罚决字〔2024〕第6号") == ["penalties/2024-006/"]
    assert "金色童年" not in page(built_site, "institutions/fc-0038/").article_text().split("行政处罚与行政许可")[1]


def test_repaired_penalty_is_gone_too(built_site: Path) -> None:
    assert page(built_site, "penalties/2024-008/").article_text().startswith("公示期已满")
    assert "〔2024〕第8号" not in (built_site / "data/penalties.csv").read_text(encoding="utf-8-sig")


def test_active_penalty_page_has_every_public_field_in_yuan(built_site: Path) -> None:
    p = page(built_site, "penalties/2024-006/")
    text = p.article_text()
    for label in ("决定文书号", "行政相对人名称", "统一社会信用代码", "违法事实", "处罚依据", "处罚类别",
                  "罚款金额（元）", "处罚决定日期", "公示日期", "决定机关"):
        assert label in text
    assert " 元" in text and "公示期至 2027-07-12" in text
    hrefs = {a["href"] for a in p.find("a")}
    assert any(h.startswith("../../matters/141099-jy-") for h in hrefs) and any("institutions/" in h for h in hrefs)


def test_natural_persons_are_masked_everywhere(built_site: Path) -> None:
    full_names = [row["party_name"] for name in ("penalties", "licenses")
                  for row in csv.DictReader(io.StringIO(Path(f"data/{name}.csv").read_text(encoding="utf-8")))
                  if row["party_category"] == "自然人"]
    assert len(full_names) >= 5
    corpus = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in built_site.rglob("*")
                       if p.is_file() and p.suffix in {".html", ".json", ".csv", ".xml"})
    for name in full_names:
        assert name not in corpus, name
    assert "高**" in page(built_site, "penalties/2026-009/").article_text()


def test_every_page_has_footer_and_government_metadata(built_site: Path) -> None:
    for path in html_files(built_site):
        p = page(built_site, str(path.relative_to(built_site)))
        assert p.meta("SiteName") == "汾川县教育科技局行政执法公示平台", path
        assert p.meta("SiteIDCode") == "1410990001" and p.meta("SiteDomain") == "jkj.fenchuan.gov.cn"
        assert p.meta("ColumnName") is not None and p.meta("ArticleTitle")
        assert "主办单位：汾川县教育科技局" in p.text and "晋ICP备2020000000号-1" in p.text, path
        assert p.find("html", lang="zh") or 'lang="zh"' in p.html


def test_decision_pages_carry_a_publication_date(built_site: Path) -> None:
    assert page(built_site, "penalties/2024-006/").meta("PubDate") == "2024-07-12"


def test_matters_grouped_by_category_with_legal_basis(built_site: Path) -> None:
    text = page(built_site, "matters/").article_text()
    assert "行政处罚（12 项）" in text and "行政许可（5 项）" in text
    assert "《中华人民共和国民办教育促进法》第六十四条" in text


def test_officers_and_reports(built_site: Path) -> None:
    assert len([r for r in page(built_site, "officers/").find("tr")]) == 8  # header + 7 officers
    report = page(built_site, "reports/2021/").article_text()
    assert "白名单机构数 29 家 由本站按数据填入" in report and "黑名单机构数 25 家 由本站按数据填入" in report


def test_home_states_duties_counts_and_latest(built_site: Path) -> None:
    text = page(built_site, "").article_text()
    assert "政务公开" in text and "双公示" in text and "行政执法公示" in text
    assert "校外培训机构 73 家" in text and "行政处罚决定 10 件" in text
    assert "最新公开 行政处罚 汾教科罚决字〔2026〕第11号（汾川县乐动街舞培训中心） 公示日期 2026-11-13" in text
    assert page(built_site, "").find("form", action="institutions/", method="get")


def test_every_date_in_latest_says_what_it_is_and_matches_the_record_page(built_site: Path) -> None:
    # the home's 最新公开 and the lists show different dates of the same records (公示日期 here, 决定日期 on
    # /penalties/): each date carries its label, and that label and date are on the record's own page
    html = page(built_site, "").html
    latest = html[html.index('<ul class="tp-latest">'):]
    items = re.findall(r'<li>.*?<a href="([^"]+)">.*?<span class="tp-date">(\S+) (\d{4}-\d{2}-\d{2})</span></li>',
                       latest[:latest.index("</ul>")])
    assert len(items) == 8
    for url, label, day in items:
        assert label.endswith("日期"), label
        if url.startswith(("penalties/", "licenses/")):
            assert f"{label} {day}" in page(built_site, url).article_text(), (url, label, day)


def _tabs(html: str) -> list[str]:
    return [re.sub(r"\s+", "", t) for t in re.findall(r'class="md-tabs__link"[^>]*>([^<]*)<', html)]


def test_the_tabs_group_the_list_pages_and_the_menu_reaches_every_one(built_site: Path) -> None:
    """A tab per group of list pages (the bar has room for about 16 at 1280 px, not one per dataset), the group's
    pages in its side menu (the drawer on a phone); every list page of the registry is reachable from the menu."""
    home = page(built_site, "")
    assert _tabs(home.html) == ["首页", "搜索", "机构查询", "执法公示", "法治建设", "信息公开", "数据下载", "更新记录",
                                "关于本站"]
    menu = {a["href"] for a in home.find("a") if "md-nav__link" in a.get("class", "")}
    registry = validate(ROOT, date.fromisoformat(TODAY)).catalog.registry
    assert {p.page for p in registry.with_pages} | {"reports/", "xxgk/", "data/", "changes/", "about/"} <= menu
    grouped = {p.group for p in registry.with_pages if p.group}
    for group in grouped:  # each group tab opens the first of its pages in card order
        first = next(p for p in registry.with_pages if p.group == group)
        assert re.search(rf'<a href="{first.page}" class="md-tabs__link">\s*{group}\s*</a>', home.html), group
    # on a grouped page, its group is the active tab
    penalties = page(built_site, "penalties/")
    side = penalties.html.split('md-tabs__item md-tabs__item--active">', 1)[1]
    assert re.match(r"\s*<a [^>]*>\s*执法公示\s*</a>", side)


def test_record_pages_stay_out_of_navigation_but_are_in_the_sitemap(built_site: Path) -> None:
    home_nav = page(built_site, "").find("a", **{"class": "md-nav__link"})
    assert len(home_nav) >= 9 and not [a for a in home_nav if "fc-" in a["href"] or "penalties/20" in a["href"]]
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "institutions/fc-0043/" in sitemap and "penalties/2024-006/" in sitemap
    nav_links = {a["href"] for a in page(built_site, "institutions/fc-0043/").find("a", **{"class": "md-nav__link"})}
    assert not any("fc-" in href for href in nav_links)


def test_chinese_404_page(built_site: Path) -> None:
    p = page(built_site, "404.html")
    assert "页面不存在" in p.text and p.find("a", href="/institutions/")


def test_guide_documents_every_field_of_every_dataset(built_site: Path) -> None:
    from generator.datasets import DATASETS

    text = page(built_site, "guide/").article_text()
    for ds in DATASETS:
        assert ds.path in text
        for name, info in ds.model.model_fields.items():
            assert f"{name} {info.title}" in text, (ds.name, name)


# --- one truth per institution: what the review found contradicting itself -----------------------


def test_white_listed_after_a_ban_shows_the_new_licence_not_the_ban(built_site: Path) -> None:
    # fc-0039: banned in 2021, off the black list in 2023, licensed again and white-listed in 2024
    text = page(built_site, "institutions/fc-0039/").article_text()
    assert "✔ 白名单" in text and "已取缔" not in text[:text.index("名单与状态变动")]
    assert "当前状态 正常（自 2024-03-12）" in text
    assert "2024-03-12 重新取得办学许可" in text


def test_revoked_licence_is_said_where_the_licence_number_stands(built_site: Path) -> None:
    # fc-0035: licence revoked by penalty 汾教科罚决字〔2022〕第9号, whose publicity (严重, 3 years) is over
    text = page(built_site, "institutions/fc-0035/").article_text()
    assert "当前状态：办学许可证已吊销（2022-08-16" in text
    assert ("教民141099070000135号（ 已被吊销 ：吊销日期 2022-08-16，依据 汾教科罚决字〔2022〕第9号"
            "（2022-08-16 作出，公示期已满，内容不再公示））") in text
    assert "当前状态 正常" not in text


def test_revoked_licence_decision_says_revoked_not_withdrawn(built_site: Path) -> None:
    text = page(built_site, "licenses/2021-015/").article_text()
    assert "本行政许可决定的许可证件已被吊销（吊销日期 2022-08-16）" in text
    assert "状态 无效（吊销） 吊销日期 2022-08-16 吊销理由" in text
    assert "撤销" not in text and "撤回" not in text
    listed = page(built_site, "licenses/").article_text()
    assert "汾教科许决字〔2021〕第15号 （许可证件已吊销，吊销日期 2022-08-16）" in listed


def test_transformed_institution_shows_its_current_category(built_site: Path) -> None:
    text = page(built_site, "institutions/fc-0009/").article_text()
    assert "培训类别 非学科类（2021-12-10 由学科类转型）" in text
    row = next(r for r in _lookup_rows(built_site) if 'href="fc-0009/"' in r)
    assert 'data-type="非学科类"' in row and "非学科类（2021-12-10 由学科类转型）" in row


def test_termination_decision_has_no_validity_of_long_standing(built_site: Path) -> None:
    text = page(built_site, "licenses/").article_text()
    line = text[text.index("汾教科许决字〔2022〕第3号"):][:120]
    assert "长期" not in line and "—" in line
    teacher = text[text.index("汾教科许决字〔2022〕第9号"):][:80]
    assert "长期" in teacher  # a teacher's qualification certificate does not expire


def test_unlisted_institution_row_does_not_reassure(built_site: Path) -> None:
    rows = [r for r in _lookup_rows(built_site) if 'data-list="未列入"' in r]
    assert len(rows) >= 5
    for r in rows:
        assert "未列入不代表已获准开展培训" in r and ">正常<" not in r


def test_white_listed_institution_with_a_penalty_shows_it_beside_the_verdict(built_site: Path) -> None:
    penalised = [r for r in _lookup_rows(built_site) if 'data-list="白名单"' in r and "行政处罚正在公示" in r]
    assert penalised, "the sample has a white-listed institution with a penalty under publicity"
    href = penalised[0].split('href="', 1)[1].split('"', 1)[0]
    text = page(built_site, f"institutions/{href}").article_text()
    assert text.index("✔ 白名单") < text.index("⚠ 该机构有 1 件行政处罚正在公示") < text.index("机构信息")


def _lookup_rows(site: Path) -> list[str]:
    html = page(site, "institutions/").html
    return ["<tr data-list=" + part.split("</tr>", 1)[0] for part in html.split("<tr data-list=")[1:]]


def test_lookup_page_explains_the_three_lists_after_the_results(built_site: Path) -> None:
    """The answer first: a legend's green ✔ above the results was the first badge a parent saw (issue 19)."""
    p = page(built_site, "institutions/")
    text = p.article_text()
    legend = text.index("✔ 白名单 经教育等主管部门审核，可以开展校外培训。")
    assert text.index("机构名称或统一社会信用代码") < text.index("校外培训机构名单（截至") < legend
    assert (legend < text.index("✖ 黑名单 有无证无照办学等违法违规行为")
            < text.index("– 未列入 不在白名单也不在黑名单上， 不代表已获准开展培训"))
    assert {"href": "tel:03575213360"} in p.find("a")


def test_unlisted_verdict_gives_the_bureau_phone_as_a_link(built_site: Path) -> None:
    unlisted = next(r for r in _lookup_rows(built_site) if r.startswith('<tr data-list="未列入"'))
    href = unlisted.split('href="', 1)[1].split('"', 1)[0]
    p = page(built_site, f"institutions/{href}")
    assert "未列入白名单不代表已获准开展校外培训，报名前请向教育局核实（电话 0357-5213360 ）。" in p.article_text()
    assert {"href": "tel:03575213360"} in p.find("a")


def test_guide_lists_every_problem_code_with_what_it_means_and_how_to_fix_it(built_site: Path) -> None:
    from generator.datasets import REGISTRY
    from generator.problems import CORE

    assert all(c.means and c.fix for c in REGISTRY.codes.values()), "every code says what it means and what to do"
    assert REGISTRY.family_codes and set(CORE) < set(REGISTRY.codes), "the core codes and the families' own"
    text = page(built_site, "guide/").article_text()
    for code, c in REGISTRY.codes.items():
        assert f"{code} " in text and c.means in text and c.fix.replace(" ", "") in text.replace(" ", ""), code
    order = [c.code for c in REGISTRY.codes.values()]
    table = text[text.rindex("问题代码"):]  # the table under the last heading
    shown = sorted(order, key=lambda code: table.index(f"{code} "))
    assert [REGISTRY.codes[c].severity for c in shown] == sorted(REGISTRY.codes[c].severity for c in shown), \
        "errors first, then warnings"
