"""The /deputies/ page (法治副校长 and the bureau's 法律顾问), checked by what it says to a parent or a citizen, and
against the data files themselves: who serves where, how many schools have none, the downloads, a school's
/reviews/ page, search, the guide and the 2021 report."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from sitecheck import ROOT, TODAY, copy_project, page

from generator.datasets.deputies import pages
from generator.datasets.reviews import pages as reviews_pages
from generator.datasets.views import PublicView
from generator.render import recordindex
from generator.validate import validate

DAY = date.fromisoformat(TODAY)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _in_office(root: Path) -> list[dict[str, str]]:
    return [r for r in _rows(root / "data" / "legal_deputies.csv") if r["appointed_on"] <= TODAY <= r["term_end"]]


def _without(root: Path) -> set[str]:
    """Schools the site knows (reviewed ones that are schools, and the roster's) with no deputy in office, by the
    data files read here, not by the generator."""
    reviewed = {r["school_uscc"] for r in _rows(root / "data" / "annual_reviews.csv")
                if r["school_type"] != "校外培训机构" and r["published_on"] <= TODAY}
    rostered = {r["school_uscc"] for r in _rows(root / "data" / "legal_deputies.csv")}
    return (reviewed | rostered) - {r["school_uscc"] for r in _in_office(root)}


def test_the_page_counts_schools_with_and_without_a_deputy(built_site: Path) -> None:
    p = page(built_site, "deputies/")
    text = p.article_text()
    serving = _in_office(ROOT)
    missing = _without(ROOT)
    assert len(missing) == 10 and len({r["school_uscc"] for r in serving}) == 15 and len(serving) == 16
    assert text.startswith("法治副校长和法律顾问 法治副校长由人民法院、人民检察院、公安机关、司法行政部门推荐或者委派")
    assert f"截至 {TODAY}，15 所学校配备了在任的法治副校长，共 16 人。" in text
    assert "10 所学校尚未配备法治副校长 ，都不是中小学" in text
    assert "尚未配备法治副校长的学校（10 所）" in text
    listed = [row["id"].removeprefix("school-").upper() for row in p.find("tr") if row.get("id")]
    assert set(listed) == {r["school_uscc"] for r in serving} | missing and len(listed) == 25


def test_each_school_shows_its_deputies_unit_and_term(built_site: Path) -> None:
    text = page(built_site, "deputies/").article_text()
    roster = text[text.index("在任的法治副校长 学校"):text.index("尚未配备法治副校长的学校（")]
    # 中小学 first (by type, then name): a public primary school opens the list, a kindergarten closes it
    assert roster.startswith("在任的法治副校长 学校 类型 法治副校长 派出单位及职务 聘期 "
                             "汾川县东关小学 公办小学 信用代码 12141099MB04123669 崔明杰 汾川县公安局东关派出所民警 "
                             "2024-09-01 至 2027-08-31")
    # a school with two deputies at once (the police and the procuratorate) lists both
    assert ("汾川县第一中学 公办高中 信用代码 12141099MB04123076 韩振国 汾川县公安局城关派出所副所长 "
            "2024-09-01 至 2027-08-31 备注：续聘 "
            "汾川县第一中学 公办高中 信用代码 12141099MB04123076 秦丽华 汾川县人民检察院检察官") in roster
    # the deputies whose terms ended are not listed as serving; their successors are
    assert "武建军 汾川县" not in roster and "景海波 汾川县公安局东关派出所副所长" in roster
    assert "常玉洁 汾川县" not in roster and "温雅琴" in roster


def test_schools_without_a_deputy_link_their_review_page(built_site: Path) -> None:
    p = page(built_site, "deputies/")
    text = p.article_text()
    missing = text[text.index("尚未配备法治副校长的学校（"):text.index("法律顾问 汾川县教育科技局聘请")]
    assert "汾川县七色花幼儿园 民办幼儿园 信用代码 52141099MJ1177685L 名单中没有这所学校的法治副校长" in missing
    assert "启航机器人" not in text  # a training institution is reviewed, but no school
    assert p.find("a", href="../reviews/52141099mj1177685l/")  # a reviewed school the roster does not name
    assert p.find("a", href="../deputies/52141099mj59217138/")  # a school on the roster: its own page
    assert p.find("a", href="../deputies/12141099mb04123076/")
    assert not p.find("a", href="../reviews/12141099mb04123076/")  # public schools have no review page


def test_each_school_on_the_roster_has_its_own_page(built_site: Path) -> None:
    folders = {f.name for f in (built_site / "deputies").iterdir() if f.is_dir()}
    assert folders == {r["school_uscc"].lower() for r in _rows(ROOT / "data" / "legal_deputies.csv")}
    p = page(built_site, "deputies/12141099mb04123076/")
    assert p.article_text().startswith(
        f"汾川县第一中学的法治副校长 法治副校长：韩振国、秦丽华 截至 {TODAY}，本校有 2 名在聘期内的法治副校长。 "
        "在任的法治副校长 姓名 派出单位及职务 聘期 韩振国 汾川县公安局城关派出所副所长 "
        "2024-09-01 至 2027-08-31 备注：续聘 秦丽华 汾川县人民检察院检察官")
    assert "统一社会信用代码 12141099MB04123076 学校类型 公办高中" in p.article_text()
    second = page(built_site, "deputies/12141099mb04123151/").article_text()
    assert "聘期 景海波 汾川县" in second and "武建军 汾川县" not in second  # his term ended (a remark names him)
    private = page(built_site, "deputies/52141099mj59217138/")
    assert private.find("a", href="../../reviews/52141099mj59217138/")  # its annual reviews
    assert private.find("a", href="../")


def test_the_advisers_section_lists_contracts_in_force(built_site: Path) -> None:
    p = page(built_site, "deputies/")
    text = p.article_text()
    section = text[text.index("法律顾问 汾川县教育科技局聘请执业律师担任法律顾问"):]
    assert ("山西汾河律师事务所 李静怡 涉校矛盾纠纷化解；合同审查；校园法治讲座和法治副校长培训 "
            "2025-03-01 至 2027-02-28") in section
    assert section.count("王明远") == 1  # his contract in force only, not the ended ones
    assert p.find("h2", id="advisers") and p.find("a", href="#advisers")


def test_a_school_page_on_reviews_names_its_deputy_and_links_the_roster(built_site: Path) -> None:
    p = page(built_site, "reviews/52141099mj59217138/")
    assert "法治副校长 原晓慧（汾川县人民检察院检察官，聘期至 2027-08-31）。 本校的法治副校长" in p.article_text()
    assert p.find("a", href="../../deputies/52141099mj59217138/")
    none = page(built_site, "reviews/52141099mj1177685l/")
    assert "法治副校长 暂无在任的法治副校长。 法治副校长名单" in none.article_text()
    assert none.find("a", href="../../deputies/#school-52141099mj1177685l")  # not on the roster: its row
    training = page(built_site, "reviews/52141099mj29545528/").article_text()  # 启航机器人科技培训中心
    assert "法治副校长" not in training


def test_downloads_hold_the_deputies_and_advisers_in_office(built_site: Path) -> None:
    rows = _rows(built_site / "data" / "legal_deputies.csv")
    document = json.loads((built_site / "data" / "legal_deputies.json").read_text(encoding="utf-8"))
    assert len(rows) == document["count"] == len(_in_office(ROOT)) == 16
    assert {r["deputy_name"] for r in rows} == {r["deputy_name"] for r in _in_office(ROOT)}
    assert list(rows[0]) == ["school_name", "school_uscc", "school_type", "deputy_name", "deputy_unit", "post",
                             "appointed_on", "term_end", "remarks"]
    advisers = _rows(built_site / "data" / "legal_advisers.csv")
    assert [(a["lawyer_name"], a["start"]) for a in advisers] == [("李静怡", "2025-03-01"), ("王明远", "2025-03-01")]
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert {"legal_deputies.csv", "legal_advisers.csv"} <= {r["path"] for r in package["resources"]}


def test_home_card_tab_guide_and_search(built_site: Path) -> None:
    home = page(built_site, "")
    assert home.find("a", **{"class": "tp-card", "href": "deputies/"})
    assert "法治副校长名单 15 所 法治校园 · 法治副校长和法律顾问" in home.article_text()
    assert [a for a in home.find("a") if a.get("href") == "deputies/" and "md-nav__link" in a.get("class", "")]
    tab = page(built_site, "deputies/").html.split('md-tabs__item md-tabs__item--active">', 1)[1]
    assert re.match(r"\s*<a [^>]*>\s*法治建设\s*</a>", tab)  # under the rule-of-law tab
    guide = page(built_site, "guide/")
    assert 'id="legal-deputies"' in guide.html and 'id="legal-advisers"' in guide.html
    for words in ("data/legal_deputies.csv", "data/legal_advisers.csv", "deputy-term-ended", "deputy-overlap",
                  "推荐或者委派的单位全称", "配备法治副校长的学校数", "一次聘任一行"):
        assert words in guide.html, words
    # search: the record index finds a school by its name, credit code, deputy and unit (Pagefind skips the list
    # page's tables, whose fragment a visitor would download whole with each result), the advisers by Pagefind
    school = "deputies/12141099mb04123076/"
    for words in ("汾川县第一中学", "12141099MB04123076", "韩振国", "城关派出所 秦丽华"):
        assert recordindex.search(built_site, words)[:1] == [school], words
    assert "秦丽华" not in recordindex.search(built_site, "武建军")  # an ended term is not searched
    assert recordindex.search(built_site, "武建军") == []
    fragments = [json.loads(gzip.decompress(f.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd"))
                 for f in sorted(built_site.glob("pagefind*/fragment/*.pf_fragment"))]
    (roster,) = [f for f in fragments if f["url"].endswith("/deputies/")]
    content = roster["content"].replace("\u200b", "")
    assert "山西汾河律师事务所" in content and "韩振国" not in content


def test_the_2021_report_states_both_figures(built_site: Path) -> None:
    text = page(built_site, "reports/2021/").article_text()
    assert "年末在聘的法律顾问1名" in text and "年末配备法治副校长的学校12所" in text
    assert "配备法治副校长的学校数" in text and "在聘的法律顾问" in text


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """The sample with 汾川县实验小学's deputy gone at the end of October (nothing follows) and 汾川县城关小学's
    successor only appointed from next year."""
    root = copy_project(tmp_path / "project")
    path = root / "data" / "legal_deputies.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("汾川县实验小学,12141099MB0412331N,公办小学,梁春生,汾川县公安局城关派出所,民警,2024-09-01,"
                        "2027-08-31", "汾川县实验小学,12141099MB0412331N,公办小学,梁春生,汾川县公安局城关派出所,民警,"
                        "2024-09-01,2026-10-31")
    text = text.replace("冯晓伟,汾川县司法局,城关司法所所长,2024-09-01,2027-08-31,续聘",
                        "冯晓伟,汾川县司法局,城关司法所所长,2024-09-01,2026-10-31,\n汾川县城关小学,12141099MB0412358E,"
                        "公办小学,贺新民,汾川县司法局,城关司法所所长,2027-01-01,2029-12-31,")
    path.write_text(text, encoding="utf-8")
    return root


def test_a_primary_school_left_without_one_is_counted_and_says_why(changed: Path) -> None:
    outcome = validate(changed, DAY)
    view = PublicView(outcome.catalog, DAY)
    roster = pages.roster_of(view)
    assert {s.uscc for s in roster.missing} == _without(changed)
    assert roster.missing_required == 2
    markdown = pages.deputies_page(view)
    assert "<strong>12 所学校尚未配备法治副校长</strong>，其中中小学 2 所" in markdown
    assert "原法治副校长聘期已于 2026-10-31 届满" in markdown and "新聘的法治副校长 2027-01-01 起任职" in markdown
    assert markdown.index("汾川县城关小学") < markdown.index("汾川县七色花幼儿园")  # 中小学 first
    assert [(p.line, p.code) for p in outcome.problems if p.path == "data/legal_deputies.csv"] == [
        (21, "deputy-term-ended")]  # 城关小学's successor follows: no warning for it
    # each school's own page says why it has none, and is still found by its name
    bodies = {p.url: p for p in pages.school_pages(view)}
    ended, coming = bodies["deputies/12141099mb0412331n/"], bodies["deputies/12141099mb0412358e/"]
    assert "暂无在任的法治副校长</p>\n<p>截至 2026-11-27：原法治副校长聘期已于 2026-10-31 届满。按照" in ended.body
    assert "新聘的法治副校长 2027-01-01 起任职" in coming.body and "梁春生" not in ended.body
    assert ended.entry is not None and ended.entry.line == "原法治副校长聘期已于 2026-10-31 届满"


def test_without_the_roster_a_school_page_says_nothing_of_deputies(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (root / "data" / "legal_deputies.csv").unlink()
    view = PublicView(validate(root, DAY).catalog, DAY)
    school = next(p for p in reviews_pages.school_pages(view) if p.url == "reviews/52141099mj59217138/")
    assert "原晓慧" not in school.body and "法治副校长" not in school.body
