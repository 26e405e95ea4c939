"""Issue 19, finding what people mean: a heard name shows its institution under 「您要找的是不是」 on the lookup and on
/search/ (never beside "not on the list"), a query sharing nothing says so honestly, and without JavaScript no box
takes a query to do nothing while the list is browsable by list and by pinyin initial. Real Chromium, 390 and 1280 px.
Queries are made from the built site's published names (tests/nearcases.py), not from a list of examples."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from browsing import AXE, Visit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nearcases import NOT_LISTED, Published, heard, published, site_words, unheard
from pypinyin import Style, pinyin
from sitecheck import ROOT

from generator.render import nearnames

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
WORDS = site_words(ROOT)
FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ROWS = "table[data-lookup-table] tbody tr"


@pytest.fixture(scope="module")
def everyone(built_site: Path) -> list[Published]:
    return published(built_site)


def shown_near(page: object, box: str) -> list[tuple[str, str, str]]:
    """(name, link, badge) of each near name a person sees."""
    near = page.locator(box)  # type: ignore[attr-defined]
    if not near.is_visible():
        return []
    assert near.locator(".tp-near-title").inner_text().startswith("您要找的是不是")
    return [(li.locator("a").inner_text(), li.locator("a").get_attribute("href") or "",
             li.locator(".tp-badge").inner_text())
            for li in near.locator("li").all()]


def seen_text(page: object) -> str:
    return page.locator("article").inner_text()  # type: ignore[attr-defined]  # hidden parts are not read


def serious_violations(page: object) -> list[object]:
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    return [(v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


def badge_of(inst: Published) -> str:
    return {"白名单": "✔ 白名单", "黑名单": "✖ 黑名单"}.get(inst.listed, "– 未列入")


def search_for(page: object, query: str) -> None:
    """Type into /search/ and wait for this query's answer (not the previous one's)."""
    page.evaluate("document.querySelector('[data-search-status]').textContent = ''")  # type: ignore[attr-defined]
    page.fill("#tp-search-input", query)  # type: ignore[attr-defined]
    page.wait_for_function("(() => { const t = document.querySelector('[data-search-status]').textContent;"  # type: ignore[attr-defined]
                           " return t && t !== '正在搜索…'; })()", timeout=20000)
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]


# The lookup and /search/: near names from the data.

@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
@pytest.mark.parametrize("query", ["川县贝贝托管服务部", "贝贝托管"])
def test_a_doubled_character_name_is_offered_on_the_lookup_and_search(sized: Visit, query: str) -> None:
    """贝贝 is one distinct character: the browser finds the name by its pair, on the page and through the index."""
    page = sized.go("institutions/")
    page.fill("#lookup-q", query)
    assert [n for n, _, _ in shown_near(page, "[data-lookup-near]")] == ["汾川县贝贝乐托管服务部"]
    assert NOT_LISTED not in seen_text(page)
    box = page.locator("[data-lookup-near] li").first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= page.viewport_size["width"]
    search = sized.go("search/")
    search_for(search, query)
    assert "汾川县贝贝乐托管服务部" in [n for n, _, _ in shown_near(search, "[data-search-near]")]
    assert sized.errors == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_issues_query_shows_the_blacklisted_institution_first_on_screen(sized: Visit) -> None:
    page = sized.go("institutions/")
    page.fill("#lookup-q", "思齐培训中心")
    assert [(n, b) for n, _, b in shown_near(page, "[data-lookup-near]")] == [("汾川县思齐素养培训中心", "✖ 黑名单")]
    assert NOT_LISTED not in seen_text(page)
    box = page.locator("[data-lookup-near] li").first.bounding_box()
    legend = page.locator(".tp-legend").bounding_box()
    assert box is not None and legend is not None and box["y"] < legend["y"]
    if sized.page.viewport_size["width"] == 390:  # type: ignore[attr-defined]
        assert box["y"] + box["height"] <= 844, "the answer is on the first screen of a phone"
    assert serious_violations(page) == []
    assert sized.errors == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_heard_names_show_their_institution_on_the_lookup(sized: Visit, everyone: list[Published]) -> None:
    page = sized.go("institutions/")
    near: list[str] = []  # queries answered by near names (a run answered only by rows as typed proves nothing)

    @FEW
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        inst, query = data.draw(heard(everyone, WORDS))
        page.fill("#lookup-q", query)
        rows = [r.inner_text() for r in page.locator(ROWS).all() if r.is_visible()]
        if rows:  # the query as typed is in some name: the rows answer, as before
            return
        near.append(query)
        names = shown_near(page, "[data-lookup-near]")
        assert (inst.name, badge_of(inst)) in [(n, b) for n, _, b in names], (query, names)
        assert NOT_LISTED not in seen_text(page)

    check()
    assert near, "no generated query reached the near names"
    assert sized.errors == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_heard_names_show_their_institution_on_search(sized: Visit, everyone: list[Published]) -> None:
    page = sized.go("search/")

    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        inst, query = data.draw(heard(everyone, WORDS))
        search_for(page, query)
        results = [a.get_attribute("href") or "" for a in page.locator(".tp-result-link").all()]
        names = shown_near(page, "[data-search-near]")
        assert (inst.name, badge_of(inst)) in [(n, b) for n, _, b in names] or \
            any(h.endswith(inst.url) for h in results), (query, names, results)
        assert NOT_LISTED not in seen_text(page)

    check()
    assert sized.errors == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_a_query_sharing_nothing_is_honestly_not_found(sized: Visit, everyone: list[Published]) -> None:
    lookup = sized.go("institutions/")

    @FEW
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        query = data.draw(unheard(everyone, WORDS))
        lookup.fill("#lookup-q", query)
        if any(r.is_visible() for r in lookup.locator(ROWS).all()):
            return  # a county or kind word alone is in some names: found as typed
        assert shown_near(lookup, "[data-lookup-near]") == []
        assert NOT_LISTED in lookup.locator("[data-lookup-empty]").inner_text()

    check()
    search = sized.go("search/")
    search_for(search, "甲乙丙丁培训中心")
    assert shown_near(search, "[data-search-near]") == []
    assert "没有找到" in search.locator("[data-search-status]").inner_text()


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
@pytest.mark.parametrize("path", ["", "institutions/_white/", "institutions/_s/"])
def test_browse_links_are_accessible_and_fit(sized: Visit, path: str) -> None:
    page = sized.go(path)
    assert page.locator(".tp-browse-nav").is_visible()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_browser_ranks_near_names_as_the_generator_does(visit: Visit, built_site: Path,
                                                            everyone: list[Published]) -> None:
    """site.js (tpNear and the index's near) against generator/render/nearnames.py, on generated queries."""
    lookup = visit.go("institutions/")
    names = lookup.evaluate("Array.from(document.querySelectorAll('table[data-lookup-table] tbody tr'))"
                            ".map(r => [r.cells[0].textContent, r.cells[0].querySelector('a').getAttribute('href')])")
    search = visit.page.context.new_page()  # type: ignore[attr-defined]
    search.goto(visit.base + "/search/", wait_until="networkidle")

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        query = data.draw(st.one_of(heard(everyone, WORDS).map(lambda x: x[1]), unheard(everyone, WORDS),
                                    st.text(alphabet="思齐彩虹乐科技培训中心汾川县 星空0９ａ", max_size=10)))
        q = nearnames.Query.of(query, WORDS)
        got = lookup.evaluate("([q, w]) => { const x = tpNear.query(q, w);"
                              " return [x.chars, x.pairs, x.strong.sort()]; }",
                              [query, {"places": WORDS.places, "kinds": WORDS.kinds, "categories": WORDS.categories}])
        assert got == [q.chars, q.pairs, sorted(q.strong)], query
        ranked = lookup.evaluate("([q, names]) => tpNear.rank(q, "
                                 "tpNear.words(document.querySelector('[data-lookup-form]')),"
                                 " names.map(n => n[0]))", [query, names])
        table = [names[i][1] for i in ranked]
        indexed = search.evaluate("async q => { const f = document.querySelector('[data-search-form]');"
                                  " const r = tpRecords.open("
                                  "new URL(f.getAttribute('data-index'), location.href).href);"
                                  " return (await r.near(q, tpNear.words(f))).map(d => d.url); }", query)
        want = nearnames.near(built_site, query, WORDS, "institutions")
        assert [u.rstrip("/").rsplit("/", 1)[1] for u in indexed] == [u.rstrip("/").rsplit("/", 1)[1] for u in want]
        assert [t.rstrip("/") for t in table] == [u.rstrip("/").rsplit("/", 1)[1] for u in want], query

    check()
    search.close()


# Without JavaScript: nothing that does nothing, and links that lead to the institution.

def _controls(page: object) -> list[str]:
    return [c.evaluate("e => e.outerHTML.slice(0, 80)") for c in page.locator("input, button, select, textarea").all()  # type: ignore[attr-defined]
            if c.is_visible()]


@pytest.mark.parametrize("unscripted", WIDTHS, indirect=True)
@pytest.mark.parametrize("path", ["", "search/", "institutions/", "institutions/_black/", "institutions/_s/"])
def test_without_javascript_no_query_box_is_shown(unscripted: Visit, path: str) -> None:
    page = unscripted.go(path)
    assert _controls(page) == []
    nav = page.locator(".tp-browse-nav")
    assert nav.is_visible() and nav.locator("a.tp-browse-initial").count() > 5
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("unscripted", WIDTHS, indirect=True)
def test_without_javascript_the_links_lead_to_the_institution(unscripted: Visit, everyone: list[Published]) -> None:
    """One institution of each list, drawn from the data: its list's link and its initial's link both list it."""
    rng = random.Random(19)
    for listed in ("黑名单", "白名单", "未列入"):
        inst = rng.choice([i for i in everyone if i.listed == listed])
        letter = pinyin(inst.name.removeprefix("汾川县")[0], style=Style.FIRST_LETTER)[0][0].upper()
        for link in (f".tp-browse-nav a.tp-browse-list:has-text('{listed}')",
                     f".tp-browse-nav a.tp-browse-initial >> text='{letter}'"):
            page = unscripted.go("")
            page.locator(link).first.click()
            page.wait_for_load_state()
            row = page.locator(f"table tbody tr:has(a:text-is('{inst.name}'))")
            assert row.count() == 1 and row.is_visible(), (inst.name, link, page.url)
            assert badge_of(inst) in row.inner_text()
            row.locator("a").first.click()
            page.wait_for_load_state()
            assert page.url.rstrip("/").endswith(inst.id)
