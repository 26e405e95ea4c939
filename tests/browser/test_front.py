"""Issue 9, what the phone shows: filters that hide what they say, search that finds only real matches, queries kept
in the address, keyboard focus, 200 % text, printing, and the QR code at the door. Real Chromium, 390 px and desktop."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from browsing import AXE, Tabs, Visit, screen, shot

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BASE_URL = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))["site"]["base_url"]
WHITE = "fc-0011"  # 汾川县彩虹艺术培训中心, white list
WHITE_NAME = "汾川县彩虹艺术培训中心"
WHITE_CODE = "91141099MA0N6751XQ"
ROWS = "table[data-lookup-table] tbody tr"
WIDTHS = [390, 1280]


@pytest.fixture
def no_js(tabs: Tabs, site_url: str) -> Iterator[Visit]:
    with tabs.visit(site_url, **screen(java_script_enabled=False)) as v:
        yield v


def visible_rows(page: object, selector: str = ROWS) -> list[str]:
    """Texts of the rows a person actually sees (not what the DOM claims): `hidden` must win over any CSS."""
    return [r.inner_text() for r in page.locator(selector).all() if r.is_visible()]  # type: ignore[attr-defined]


def announced(page: object) -> int:
    text = page.locator("[data-lookup-count]").inner_text()  # type: ignore[attr-defined]
    found = re.fullmatch(r"(?:找到|共) (\d+) 家机构", text)
    assert found, text
    return int(found.group(1))


# Filters: the count said must be the rows seen, at phone width too.

@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_lookup_count_matches_the_rows_seen(sized: Visit) -> None:
    page = sized.go("institutions/")
    total = announced(page)
    assert len(visible_rows(page)) == total > 20
    page.fill("#lookup-q", "彩虹")
    seen = visible_rows(page)
    assert announced(page) == len(seen) == 1 and WHITE_NAME in seen[0]
    page.fill("#lookup-q", "")
    page.check("input[name=list][value=白名单]")
    seen = visible_rows(page)
    assert announced(page) == len(seen) and 0 < len(seen) < total
    assert all("白名单" in t for t in seen)


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_year_filter_hides_other_years(sized: Visit) -> None:
    page = sized.go("penalties/")
    rows = "table[data-filterable] tbody tr"
    total = len(visible_rows(page, rows))
    page.click("[data-year-filter] button[data-year='2025']")
    seen = [r for r in page.locator(rows).all() if r.is_visible()]
    assert 0 < len(seen) < total
    assert {r.get_attribute("data-year") for r in seen} == {"2025"}
    assert page.url.endswith("/penalties/?year=2025")
    page.reload(wait_until="networkidle")
    assert page.locator("[data-year-filter] button[data-year='2025']").get_attribute("aria-pressed") == "true"
    assert len([r for r in page.locator(rows).all() if r.is_visible()]) == len(seen)


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_first_badge_on_screen_after_a_query_is_the_answer(sized: Visit) -> None:
    """On a 390×844 phone the result's ✖ 黑名单 is on the first screen and no legend badge comes before it."""
    page = sized.go("institutions/")
    page.fill("#lookup-q", "思齐素养")
    seen = visible_rows(page)
    assert len(seen) == 1 and "汾川县思齐素养培训中心" in seen[0] and "黑名单" in seen[0]
    page.evaluate("window.scrollTo(0, 0)")
    badges = [b for b in page.locator("article .tp-badge").all() if b.is_visible()]
    tops = sorted((b.bounding_box()["y"], b.inner_text()) for b in badges)
    first_y, first = tops[0]
    assert "黑名单" in first and first_y < 844, tops[:3]
    answer = page.locator("table[data-lookup-table] tbody tr:visible .tp-badge").first.bounding_box()
    legend = page.locator(".tp-legend").bounding_box()
    assert answer is not None and legend is not None and answer["y"] < legend["y"]


def test_without_javascript_the_lookup_says_what_to_do(no_js: Visit) -> None:
    page = no_js.go("institutions/?q=%E5%BD%A9%E8%99%B9")  # ?q=彩虹, from the home page's box
    assert not page.locator("[data-lookup-form]").is_visible()  # a box that would do nothing is not offered
    note = page.locator(".tp-noscript")
    assert note.is_visible() and "Ctrl+F" in note.inner_text()
    assert len(visible_rows(page)) > 20  # the whole list, to search in with the browser


def test_without_javascript_no_year_buttons(no_js: Visit) -> None:
    page = no_js.go("penalties/")
    assert not page.locator("[data-year-filter]").is_visible()
    assert not page.locator("[data-year-filter] button").first.is_visible()
    assert "按年份筛选需要" in page.locator(".tp-noscript").inner_text()


# Lookup: typed as people type, empty results that fit the case.

def test_lookup_normalises_full_width_and_several_words(visit: Visit) -> None:
    page = visit.go("institutions/")
    page.fill("#lookup-q", "９１１４１０９９ｍａ０ｎ６７５１ｘｑ")  # full-width, lower case
    seen = visible_rows(page)
    assert len(seen) == 1 and WHITE_NAME in seen[0]
    page.fill("#lookup-q", "彩虹　培训")  # two words, ideographic space: both must match
    seen = visible_rows(page)
    assert announced(page) == len(seen) == 1
    page.fill("#lookup-q", "彩虹 街舞")  # each word matches some institution, none matches both
    assert visible_rows(page) == [] and announced(page) == 0


def test_an_empty_filter_combination_is_not_called_a_typo(visit: Visit) -> None:
    page = visit.go("institutions/")
    page.check("input[name=list][value=黑名单]")
    page.check("input[name=type][value=学科类]")  # none in the sample county (as test_list_and_type_filters)
    assert visible_rows(page) == [] and announced(page) == 0
    empty = page.locator("[data-lookup-empty]")
    assert empty.is_visible()
    assert "错别字" not in empty.inner_text() and "全部" in empty.inner_text()
    page.fill("#lookup-q", "不存在的机构名")
    assert "错别字" in empty.inner_text()


# The query lives in the address.

def test_lookup_query_and_chips_survive_a_reload(visit: Visit) -> None:
    page = visit.go("institutions/")
    page.fill("#lookup-q", "彩虹")
    page.check("input[name=list][value=白名单]")
    assert "q=%E5%BD%A9%E8%99%B9" in page.url and "list=%E7%99%BD%E5%90%8D%E5%8D%95" in page.url
    page.reload(wait_until="networkidle")
    assert page.input_value("#lookup-q") == "彩虹"
    assert page.is_checked("input[name=list][value=白名单]")
    seen = visible_rows(page)
    assert announced(page) == len(seen) == 1


def test_shared_lookup_link_with_list_and_type(visit: Visit) -> None:
    page = visit.go("institutions/?list=%E9%BB%91%E5%90%8D%E5%8D%95&type=%E9%9D%9E%E5%AD%A6%E7%A7%91%E7%B1%BB")
    assert page.is_checked("input[name=list][value=黑名单]") and page.is_checked("input[name=type][value=非学科类]")
    seen = visible_rows(page)
    assert announced(page) == len(seen) > 0 and all("黑名单" in t for t in seen)


def test_search_query_survives_a_reload(visit: Visit) -> None:
    page = visit.go("search/")
    page.fill("#tp-search-input", "街舞")
    page.locator(".tp-result").first.wait_for(timeout=15000)
    assert "q=%E8%A1%97%E8%88%9E" in page.url
    page.reload(wait_until="networkidle")
    page.locator(".tp-result").first.wait_for(timeout=15000)
    assert page.input_value("#tp-search-input") == "街舞"


# Search: real matches only.

def search(page: object, query: str) -> tuple[str, list[str]]:
    page.fill("#tp-search-input", query)  # type: ignore[attr-defined]
    page.wait_for_function("(s => s && !s.includes('正在搜索'))(document.querySelector('[data-search-status]')"
                           ".textContent)")  # type: ignore[attr-defined]
    while page.locator("[data-search-more]").is_visible():  # type: ignore[attr-defined]
        page.click("[data-search-more]")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    return (page.inner_text("[data-search-status]"),  # type: ignore[attr-defined]
            page.locator(".tp-result-link").all_inner_texts())  # type: ignore[attr-defined]


def test_search_by_full_name_finds_only_that_institution(visit: Visit) -> None:
    status, links = search(visit.go("search/"), WHITE_NAME)
    assert links and all(WHITE_NAME in t for t in links[:1])
    assert status == f"找到 {len(links)} 条与「{WHITE_NAME}」相关的内容"
    assert len(links) <= 2, links  # the institution (and its penalty, if one is under publicity), no bigram noise


def test_search_by_decision_number_finds_the_decision_not_every_page(visit: Visit) -> None:
    status, links = search(visit.go("search/"), "汾教科罚决字〔2026〕第11号")
    assert links[0] == "汾教科罚决字〔2026〕第11号"
    assert status == f"找到 {len(links)} 条与「汾教科罚决字〔2026〕第11号」相关的内容"
    assert len(links) <= 3, links


def test_a_number_that_left_the_site_is_explained_without_its_party(visit: Visit, built_site: Path) -> None:
    gone = {k: v for f in sorted((built_site / "search-index" / "gone").glob("*.json"))
            for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
    key, (url, _) = next((k, v) for k, v in gone.items() if "公示期已满" in v[1])
    page = visit.go("search/")
    status, links = search(page, key)
    notice = page.locator("[data-search-gone]")
    assert notice.is_visible() and "公示期已满" in notice.inner_text()
    assert notice.locator("a").get_attribute("href").endswith("/" + url)
    assert links == [] and "错别字" not in status
    assert all(len(v) == 2 for v in gone.values())  # number → (page, why): no party name travels with it


# Keyboard, 200 % text, contrast, print.

def test_every_focus_stop_is_visible_and_the_closed_drawer_is_skipped(visit: Visit) -> None:
    page = visit.go("institutions/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "跳到正文"
    stops = []
    for _ in range(40):
        info = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, name: e.name || e.textContent.trim().slice(0, 12), style: s.outlineStyle,
                    width: parseFloat(s.outlineWidth), drawer: !!e.closest('.md-sidebar--primary')}; }""")
        stops.append(info)
        page.keyboard.press("Tab")
    assert not [s for s in stops if s["drawer"]], "links of the closed drawer are in the Tab order"
    unseen = [s for s in stops if s["tag"] != "BODY" and (s["style"] == "none" or s["width"] < 2)]
    assert unseen == [], unseen
    tags = {s["tag"] for s in stops}
    assert {"INPUT", "A"} <= tags


def test_skip_link_moves_to_the_content(visit: Visit) -> None:
    page = visit.go("penalties/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "tp-main"


@pytest.mark.parametrize("path", ["", "search/", "institutions/", f"institutions/{WHITE}/", "institutions/fc-0043/",
                                  "penalties/", "penalties/2026-011/", "licenses/", "changes/", "data/", "guide/",
                                  "reports/2022/", "matters/", "officers/"])
def test_200_percent_text_does_not_scroll_sideways(visit: Visit, path: str) -> None:
    page = visit.go(path)
    page.evaluate("document.documentElement.style.fontSize = '250%'")  # the theme's 125 %, doubled
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


TEXT_HEIGHT = """e => { const r = document.createRange(); r.selectNodeContents(e);
    return r.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight); }"""


def test_dates_and_decision_numbers_do_not_break_on_a_phone(visit: Visit) -> None:
    page = visit.go("penalties/")
    first = page.locator("table.tp-decisions tbody tr").first.locator("td")
    assert first.nth(0).evaluate(TEXT_HEIGHT) < 1.5  # 2026-11-10 on one line
    assert first.nth(1).evaluate(TEXT_HEIGHT) < 1.5  # 汾教科罚决字〔2026〕第11号 on one line
    page = visit.go("changes/")
    assert page.locator("table.tp-changes tbody td").first.evaluate(TEXT_HEIGHT) < 1.5
    page = visit.go(f"institutions/{WHITE}/")
    assert page.locator("table.tp-timeline tbody td").first.evaluate(TEXT_HEIGHT) < 1.5


@pytest.mark.parametrize("sized", [1280], indirect=True)
def test_credit_codes_and_dates_stay_whole_on_desktop(sized: Visit) -> None:
    page = sized.go("institutions/")
    row = page.locator(ROWS).first.locator("td")
    assert row.last.evaluate(TEXT_HEIGHT) < 1.5  # 18-character credit code on one line
    page = sized.go("penalties/")
    first = page.locator("table.tp-decisions tbody tr").first.locator("td")
    assert first.nth(0).evaluate(TEXT_HEIGHT) < 1.5 and first.nth(1).evaluate(TEXT_HEIGHT) < 1.5


@pytest.mark.parametrize("sized", [1280], indirect=True)
@pytest.mark.parametrize("path", ["", f"institutions/{WHITE}/"])
def test_no_contrast_or_serious_violations_at_desktop_width(sized: Visit, path: str) -> None:
    page = sized.go(path)
    assert page.locator(".md-tabs__link").first.is_visible()
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
               for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)


def test_staff_guide_is_not_a_citizen_tab_but_stays_reachable(visit: Visit) -> None:
    page = visit.go("")
    tabs = page.locator(".md-tabs__link").all_text_contents()
    assert tabs and not any("填报" in t for t in tabs)
    assert page.locator(".md-footer a[href$='guide/']").count() == 1
    assert visit.go("data/").locator("article a[href='../guide/']").count() >= 1


def test_footer_phone_is_a_tel_link(visit: Visit) -> None:
    link = visit.go("").locator(".md-footer a[href^='tel:']")
    assert link.count() == 1 and re.fullmatch(r"tel:[0-9+\-]+", link.get_attribute("href"))


def test_printed_institution_page_says_where_and_when(visit: Visit) -> None:
    page = visit.go(f"institutions/{WHITE}/")
    block = page.locator(".tp-print-only")
    assert not block.is_visible()
    page.emulate_media(media="print")
    assert block.is_visible() and not page.locator(".md-header").is_visible()
    text = block.inner_text()
    assert f"{BASE_URL.rstrip('/')}/institutions/{WHITE}/" in text
    assert "汾川县教育科技局" in text and re.search(r"信息截至 \d{4}-\d{2}-\d{2}", text)


# The code at the door.

@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_qr_code_decodes_to_the_pages_permanent_address(sized: Visit) -> None:
    import zxingcpp
    from PIL import Image

    page = sized.go(f"institutions/{WHITE}/")
    code = page.locator(".tp-qr-code")
    code.scroll_into_view_if_needed()
    image = Image.open(io.BytesIO(shot(code)))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [f"{BASE_URL.rstrip('/')}/institutions/{WHITE}/"]
    poster = page.locator("a.tp-poster")
    assert poster.is_visible() and poster.get_attribute("href") == "poster.pdf"
    poster_file = page.request.get(sized.base + f"/institutions/{WHITE}/poster.pdf")
    assert poster_file.headers["content-type"] == "application/pdf"


def test_only_white_listed_institutions_offer_a_poster(visit: Visit) -> None:
    page = visit.go("institutions/fc-0043/")  # black list
    assert page.locator(".tp-qr-code").is_visible()
    assert page.locator("a.tp-poster").count() == 0
