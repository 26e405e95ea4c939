"""The annual review (年度检查) pages and the 「谁执法谁普法」 list, checked by what they say to a parent or a
citizen."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sitecheck import page

from generator.render import recordindex

FAILED = "52141099mj1177685l"  # 汾川县七色花幼儿园: 合格 2021-2024, 不合格 2025
RENAMED = "52141099mj0012068e"  # 汾川县童心幼儿园, 汾川县童心艺术幼儿园 from 2023
TRAINING = "fc-0012"  # 汾川县启航机器人科技培训中心: reviewed 2022-2025, 基本合格 in 2024


def test_review_list_groups_years_newest_first_with_counts_and_marked_results(built_site: Path) -> None:
    p = page(built_site, "reviews/")
    text = p.article_text()
    assert text.startswith("民办学校年度检查结果 年度检查（年检）是汾川县教育科技局每年")
    assert "结论不是「合格」的学校必须在规定期限内按整改要求完成整改" in text
    years = [text.index(f"{y} 年度（") for y in (2025, 2024, 2023, 2022, 2021)]
    assert years == sorted(years)
    assert "2025 年度（19 所） 合格 17 所，基本合格 1 所，不合格 1 所。2026-03-17 公布。" in text
    assert "2021 年度（17 所） 合格 17 所。2022-03-10 公布。" in text
    # the worst result of a year comes first, in words with a mark (not colour alone)
    first_row = text[text.index("2025 年度（19 所）"):].split("问题与整改要求", 1)[1]
    assert first_row.startswith(" 汾川县七色花幼儿园 民办幼儿园 ✖ 不合格 擅自扩大招生规模")
    assert p.find("a", href=f"../reviews/{FAILED}/")
    assert '<div class="tp-scroll">' in p.html


def test_school_page_shows_the_latest_result_first(built_site: Path) -> None:
    p = page(built_site, f"reviews/{FAILED}/")
    text = p.article_text()
    assert text.startswith("汾川县七色花幼儿园 ✖ 2025 年度年检：不合格 民办幼儿园 · 2026-03-17 公布。须按要求整改。"
                           " 发现的主要问题：擅自扩大招生规模")
    assert "整改要求及期限：2026年5月31日前压减班额至核定规模" in text
    assert p.find("div", **{"class": "tp-verdict tp-verdict-black", "role": "note"})
    history = text[text.index("历年年检结果"):text.index("学校信息")]
    assert [history.index(str(y)) for y in range(2025, 2020, -1)] == sorted(history.index(str(y))
                                                                          for y in range(2025, 2020, -1))
    assert history.count("✔ 合格") == 4 and history.count("✖ 不合格") == 1
    assert "52141099MJ1177685L" in text and "教民141099100000009号" in text


def test_a_renamed_school_shows_its_latest_name_and_former_names(built_site: Path) -> None:
    text = page(built_site, f"reviews/{RENAMED}/").article_text()
    assert text.startswith("汾川县童心艺术幼儿园 ✔ 2025 年度年检：合格")
    assert "曾用名 汾川县童心幼儿园" in text


def test_search_finds_a_school_by_name_former_name_and_credit_code(built_site: Path) -> None:
    url = f"reviews/{FAILED}/"
    assert url in recordindex.search(built_site, "七色花幼儿园")
    assert url in recordindex.search(built_site, "52141099MJ1177685L")
    assert f"reviews/{RENAMED}/" in recordindex.search(built_site, "童心幼儿园", "reviews")
    manifest = json.loads((built_site / "search-index" / "index.json").read_text(encoding="utf-8"))
    assert manifest["cells"]["reviews"][0] == {"label": "最近一次年检", "prefix": "最近一次年检："}
    docs = "".join(p.read_text(encoding="utf-8") for p in (built_site / "search-index").glob("*/d/*.json"))
    assert '"汾川县七色花幼儿园","年度检查","",["2025 年度不合格","民办幼儿园","52141099MJ1177685L"]' in docs


def test_institution_page_lists_its_reviews(built_site: Path) -> None:
    p = page(built_site, f"institutions/{TRAINING}/")
    text = p.article_text()
    block = text[text.index("年度检查"):]
    assert block.startswith("年度检查 2025 年度年检：合格 2024 年度年检：基本合格 ：部分培训人员未在监管平台备案")
    assert p.find("h2", id="reviews")
    assert p.find("a", href="../../reviews/52141099mj29545528/")
    assert not page(built_site, "institutions/fc-0011/").find("h2", id="reviews")  # not reviewed: no block


def test_responsibility_list_has_a_section_per_office_linking_enforced_laws_to_matters(built_site: Path) -> None:
    p = page(built_site, "responsibilities/")
    text = p.article_text()
    assert text.startswith("「谁执法谁普法」普法责任清单 按照「谁执法谁普法」普法责任制")
    assert "列出 6 个股室的普法内容、普法对象和普法方式" in text
    sections = [s for s in p.find("section") if s.get("id", "").startswith("office-")]
    assert len(sections) == 6
    assert p.find("a", href="../matters/#141099-jy-xk-001")  # 民办教育股's 《中华人民共和国民办教育促进法》
    private = text[text.index("民办教育股 普法内容"):text.index("行政执法股 普法内容")]
    assert "普法对象 民办学校举办者、校外培训机构举办者、学生家长" in private
    assert "普法方式 年检培训会集中宣讲、以案释法、新媒体普法" in private
    assert "承办执法事项 8 项" in private


def test_downloads_parse_and_hold_the_rows(built_site: Path) -> None:
    data = built_site / "data"
    rows = list(csv.DictReader(io.StringIO((data / "annual_reviews.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 93 and rows[0]["year"] == "2025"
    failed = [r for r in rows if r["result"] == "不合格"]
    assert [(r["school_name"], r["year"]) for r in failed] == [("汾川县七色花幼儿园", "2025")]
    document = json.loads((data / "annual_reviews.json").read_text(encoding="utf-8"))
    assert document["count"] == 93 and isinstance(document["records"][0]["year"], int)
    duties = list(csv.DictReader(io.StringIO((data / "law_education.csv").read_text(encoding="utf-8-sig"))))
    assert [d["office"] for d in duties][:2] == ["民办教育股", "行政执法股"]
    assert duties[2]["laws"] == "《中华人民共和国教师法》;《教师资格条例》"
    listed = json.loads((data / "law_education.json").read_text(encoding="utf-8"))["records"]
    assert listed[2]["laws"] == ["《中华人民共和国教师法》", "《教师资格条例》"]
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    reviews = next(r for r in package["resources"] if r["path"] == "annual_reviews.csv")
    assert "primaryKey" not in reviews["schema"]  # one row per school per year: no single-field key


def test_feed_and_home_announce_the_results(built_site: Path) -> None:
    feed = (built_site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>年度检查：2025 年度民办学校年检结果</title>" in feed
    assert "共 19 所：合格 17 所、基本合格 1 所、不合格 1 所。" in feed
    assert "https://jkj.fenchuan.gov.cn/reviews/#year-2025" in feed
    home = page(built_site, "").article_text()
    assert "民办学校年度检查 19 所" in home and "普法责任清单 6 项" in home


# --- what became of a result that was not a pass (issue 19: an old verdict must not look current) ---------------

RECHECKED = "52141099mj3155596h"  # 汾川县星星幼儿园: 基本合格 2025, rechecked 2026-04-28
SUPERSEDED = "52141099mj56605166"  # 汾川县凤鸣初级中学: 基本合格 2023 without a recheck, 合格 2024


def test_a_failed_school_past_its_deadline_without_a_recheck_says_so_first(built_site: Path) -> None:
    # the build's day is 2026-11-27; the deadline was 2026-05-31 and no recheck is recorded
    text = page(built_site, f"reviews/{FAILED}/").article_text()
    verdict = text[:text.index("历年年检结果")]
    assert "⚠ 整改情况：已过整改期限（2026-05-31），尚未公布复查结果" in verdict
    assert "2025 ✖ 不合格 2026-03-17" in text and "⚠ 已过整改期限（2026-05-31），尚未公布复查结果 2024 ✔ 合格" in text
    listed = page(built_site, "reviews/").article_text()
    assert "（已过整改期限（2026-05-31），尚未公布复查结果）" in listed


def test_a_rechecked_school_shows_its_recheck_and_is_not_told_to_put_things_right(built_site: Path) -> None:
    text = page(built_site, f"reviews/{RECHECKED}/").article_text()
    assert "整改情况：复查（2026-04-28）：已建立台账，整改到位" in text
    assert "须按要求整改" not in text and "已过整改期限" not in text


def test_an_older_result_without_a_recheck_points_to_the_later_year_not_to_a_deadline(built_site: Path) -> None:
    text = page(built_site, f"reviews/{SUPERSEDED}/").article_text()
    assert "未公布复查结果；2024 年度年检结论为「合格」" in text
    assert "已过整改期限" not in text


def test_the_institution_page_carries_the_follow_up_of_its_reviews(built_site: Path) -> None:
    text = page(built_site, f"institutions/{TRAINING}/").article_text()
    assert "2024 年度年检：基本合格" in text and "复查（2025-05-27）：已整改到位" in text
