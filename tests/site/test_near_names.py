"""Near names on the sample county: a heard name finds its institution, a query sharing nothing finds none, and the
full list is browsable without JavaScript by list and by pinyin initial."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nearcases import Published, heard, noise, published, site_words, unheard
from pypinyin import Style, pinyin
from sitecheck import ROOT

from generator.render import nearnames, recordindex
from generator.render.nearnames import Query, rank, title_terms

WORDS = site_words(ROOT)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def everyone(built_site: Path) -> list[Published]:
    return published(built_site)


@pytest.fixture(scope="module")
def rows(built_site: Path, everyone: list[Published]) -> list[Published]:
    """The lookup page's rows, in its order (blacklist first): what a small county's page ranks near names from."""
    html = (built_site / "institutions" / "index.html").read_text(encoding="utf-8")
    body = html.split("data-lookup-table", 1)[1]
    by_id = {i.id: i for i in everyone}
    order = re.findall(r'<tr data-list="[^"]+"[^>]*><td>(?:<span class="tp-label"[^>]*>[^<]*</span>)?<a '
                       r'href="([a-z0-9-]+)/"', body)
    assert sorted(order) == sorted(by_id)
    return [by_id[i] for i in order]


def on_the_page(rows: list[Published], query: str) -> list[str]:
    names = {n: title_terms(i.name, WORDS) for n, i in enumerate(rows)}
    return [rows[n].url for n in rank(Query.of(query, WORDS), names)]


def test_the_issues_queries_find_their_institution(built_site: Path, everyone: list[Published]) -> None:
    by_name = {i.name: i.url for i in everyone}
    assert nearnames.near(built_site, "思齐培训中心", WORDS, "institutions") == [by_name["汾川县思齐素养培训中心"]]
    assert nearnames.near(built_site, "彩虹培训", WORDS, "institutions") == [by_name["汾川县彩虹艺术培训中心"]]
    assert nearnames.near(built_site, "乐思科技", WORDS, "institutions")[0] == by_name["汾川县乐思科学探究有限公司"]


def test_a_name_whose_own_part_is_a_doubled_character_is_found(built_site: Path, everyone: list[Published]) -> None:
    """贝贝: one distinct character, matched by its pair (hypothesis found 「川县贝贝托管服务部」 showing nothing)."""
    by_name = {i.name: i.url for i in everyone}
    want = [by_name["汾川县贝贝乐托管服务部"]]
    for query in ("川县贝贝托管服务部", "贝贝托管服务部", "贝贝托管"):
        assert nearnames.near(built_site, query, WORDS, "institutions") == want, query
        assert on_the_page(everyone, query) == want, query
    assert nearnames.near(built_site, "托管服务部", WORDS, "institutions") == []  # a category and a kind: no match


def test_county_kind_and_category_words_alone_are_no_match(built_site: Path) -> None:
    for query in ("汾川县培训中心", "舞蹈培训", "少儿美术班", "山西省临汾市", "艺术学校", "91141099MA0N6751XQ",
                  "星培训"):
        assert nearnames.near(built_site, query, WORDS, "institutions") == [], query


def test_the_sample_leaves_room_for_the_properties(everyone: list[Published]) -> None:
    assert len(noise(everyone, WORDS)) >= 10
    assert WORDS.places[:2] == ("汾川县", "汾川")


@SETTINGS
@given(data=st.data())
def test_a_heard_name_finds_its_institution(built_site: Path, everyone: list[Published], rows: list[Published],
                                            data: st.DataObject) -> None:
    """County left out, characters misheard or dropped, parts in another order: while the query keeps a pair only
    this name has, the institution is among the near names, from the index (large counties) and from the page's
    rows (small ones) alike."""
    inst, query = data.draw(heard(everyone, WORDS))
    found = nearnames.near(built_site, query, WORDS, "institutions")
    assert inst.url in found, (query, inst.name, found)
    assert on_the_page(rows, query) == found


@SETTINGS
@given(data=st.data())
def test_a_query_sharing_nothing_finds_no_near_name(built_site: Path, everyone: list[Published], rows: list[Published],
                                                    data: st.DataObject) -> None:
    query = data.draw(unheard(everyone, WORDS))
    assert nearnames.near(built_site, query, WORDS, "institutions") == [] == on_the_page(rows, query)


def test_near_characters_do_not_make_one_character_searchable(built_site: Path) -> None:
    assert recordindex.search(built_site, "思") == [] and recordindex.search(built_site, "思齐")


# Without JavaScript: the full list by list and by pinyin initial.

def _shelf_ids(site: Path, key: str) -> list[str]:
    ids: list[str] = []
    for page in sorted((site / "institutions").glob(f"_{key}*/index.html")):
        if re.fullmatch(rf"_{key}(-\d+)?", page.parent.name):
            ids += re.findall(r'<td>(?:<span class="tp-label"[^>]*>[^<]*</span>)?<a '
                              r'href="\.\./\.\./institutions/([a-z0-9-]+)/"', page.read_text(encoding="utf-8"))
    return ids


def test_every_institution_is_on_its_list_and_under_its_initial(built_site: Path, everyone: list[Published]) -> None:
    keys = {"黑名单": "black", "白名单": "white", "未列入": "unlisted"}
    for listed, key in keys.items():
        assert sorted(_shelf_ids(built_site, key)) == sorted(i.id for i in everyone if i.listed == listed)
    for inst in everyone:
        rest = inst.name.removeprefix("汾川县")
        letter = pinyin(rest[0], style=Style.FIRST_LETTER)[0][0].lower()
        assert inst.id in _shelf_ids(built_site, letter), (inst.name, letter)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="institutions/_s/"' in home and 'href="institutions/_black/"' in home


def test_the_site_shows_no_query_box_that_needs_javascript_unhidden(built_site: Path) -> None:
    """Without a script every box that filters is hidden (site.js shows it); the browse links are not."""
    for page in ("index.html", "search/index.html", "institutions/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        for form in re.findall(r"<form[^>]*>", html):
            assert " hidden" in form, (page, form)
        assert 'class="tp-browse-nav"' in html, page
