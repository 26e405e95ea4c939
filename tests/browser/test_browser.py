"""What a parent, a journalist and a screen-reader user do on the built site, in real headless Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from browsing import AXE, Tabs, Visit, screen

pytestmark = pytest.mark.browser

VISIBLE_ROWS = "table[data-lookup-table] tbody tr:not([hidden])"


def test_parent_finds_a_blacklisted_school_by_part_of_its_name(visit: Visit) -> None:
    page = visit.go("institutions/")
    page.fill("#lookup-q", "城东小区")
    rows = page.locator(VISIBLE_ROWS)
    assert rows.count() == 1
    text = rows.first.inner_text()
    assert "城东小区少儿美术班" in text and "黑名单" in text and "无证无照办学" in text
    assert page.locator("[data-lookup-count]").inner_text() == "找到 1 家机构"


def test_parent_finds_a_whitelisted_school_by_credit_code(visit: Visit) -> None:
    page = visit.go("institutions/")
    page.fill("#lookup-q", "91141099ma0n6751xq")  # typed in lower case, as phones often do
    rows = page.locator(VISIBLE_ROWS)
    assert rows.count() == 1
    assert "汾川县彩虹艺术培训中心" in rows.first.inner_text() and "白名单" in rows.first.inner_text()


def test_home_lookup_box_leads_to_filtered_results(visit: Visit) -> None:
    page = visit.go("")
    page.fill("#home-lookup", "美术")
    page.press("#home-lookup", "Enter")
    page.wait_for_url("**/institutions/?q=*")
    page.wait_for_load_state("networkidle")
    texts = page.locator(VISIBLE_ROWS).all_inner_texts()
    assert texts and all("美术" in t for t in texts)


def test_no_match_says_so(visit: Visit) -> None:
    page = visit.go("institutions/")
    page.fill("#lookup-q", "不存在的机构名")
    assert page.locator(VISIBLE_ROWS).count() == 0
    assert page.locator("[data-lookup-empty]").is_visible()


def test_list_and_type_filters(visit: Visit) -> None:
    page = visit.go("institutions/")
    page.check("input[name=list][value=黑名单]")
    rows = page.locator(VISIBLE_ROWS)
    assert rows.count() == 29 and all("黑名单" in t for t in rows.all_inner_texts())
    page.check("input[name=type][value=学科类]")
    assert page.locator(VISIBLE_ROWS).count() == 0
    assert page.locator("[data-lookup-count]").inner_text() == "找到 0 家机构"


def test_site_search_finds_a_penalty_by_a_two_character_word(visit: Visit) -> None:
    page = visit.go("search/")
    page.fill("#tp-search-input", "街舞")
    result = page.locator(".tp-result-link[href*='penalties/2026-011/']")
    result.first.wait_for(timeout=15000)
    assert result.first.inner_text() == "汾教科罚决字〔2026〕第11号"
    assert page.locator("[data-search-status]").inner_text().startswith("找到 ")


def test_search_link_with_query_runs_the_search(visit: Visit) -> None:
    page = visit.go("search/?q=%E5%90%AF%E6%98%8E")  # 启明
    page.locator(".tp-result-link[href*='institutions/fc-0001/']").first.wait_for(timeout=15000)
    assert page.input_value("#tp-search-input") == "启明"


def test_search_for_an_expired_decision_finds_nothing(visit: Visit) -> None:
    page = visit.go("search/")
    page.fill("#tp-search-input", "金色童年")  # its only penalty's publicity period is over; the institution remains
    page.locator(".tp-result").first.wait_for(timeout=15000)
    links = [a.get_attribute("href") for a in page.locator(".tp-result-link").all()]
    assert any("institutions/fc-0038/" in h for h in links)
    assert not any("penalties/" in h for h in links)


def test_penalty_list_filters_by_year(visit: Visit) -> None:
    page = visit.go("penalties/")
    all_rows = page.locator("table[data-filterable] tbody tr")
    total = all_rows.count()
    page.click("[data-year-filter] button[data-year='2025']")
    visible = page.locator("table[data-filterable] tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert {r.get_attribute("data-year") for r in visible.all()} == {"2025"}
    assert page.locator("[data-year-filter] button[data-year='2025']").get_attribute("aria-pressed") == "true"
    page.click("[data-year-filter] button[data-year='']")
    assert visible.count() == total


PAGES = ["", "search/", "institutions/", "institutions/fc-0043/", "institutions/fc-0011/", "penalties/",
         "penalties/2024-006/", "penalties/2022-006/", "penalties/2021-002/", "licenses/", "matters/", "officers/",
         "reports/2021/", "data/", "guide/", "about/", "no-such-page/", "reviews/", "reviews/52141099mj1177685l/",
         "responsibilities/", "policies/", "policies/2024-005/", "policies/2021-012/", "inspections/",
         "inspections/plan-2025-1/", "inspections/2025-1-02/", "matters/141099-jy-cf-007/", "recording/"]


@pytest.fixture(scope="module")
def phone_tour(tabs: Tabs, site_url: str) -> Iterator[tuple[Visit, dict[str, int]]]:
    """Every page of PAGES (and a report with a long title) visited once in one phone-sized context: the visit,
    with all it requested and logged, and each page's scroll width. Read by the tests below, changed by none."""
    with tabs.visit(site_url, **screen()) as visit:
        widths = {}
        for path in [*PAGES, "reports/2022/"]:  # a long title in the header once made reports 13 px too wide
            page: Any = visit.go(path)
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
        yield visit, widths


def test_pages_request_nothing_from_other_hosts_and_log_no_errors(phone_tour: tuple[Visit, dict[str, int]]) -> None:
    visit, widths = phone_tour
    assert set(PAGES) <= set(widths)
    assert visit.foreign_requests() == []
    assert [e for e in visit.errors if "404" not in e] == []
    assert len(visit.requests) > len(PAGES)


@pytest.mark.parametrize("path", ["", "search/", "institutions/", "institutions/fc-0043/", "penalties/2024-006/",
                                  "policies/", "policies/2024-005/", "policies/2021-012/", "inspections/",
                                  "inspections/plan-2025-1/", "inspections/2025-1-02/", "reviews/",
                                  "reviews/52141099mj1177685l/", "responsibilities/", "institutions/fc-0028/"])
def test_no_serious_accessibility_violations(visit: Visit, path: str) -> None:
    page = visit.go(path)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)


def test_no_page_scrolls_sideways_on_a_phone(phone_tour: tuple[Visit, dict[str, int]]) -> None:
    widths = phone_tour[1]
    assert "reports/2022/" in widths
    assert {path: width for path, width in widths.items() if width > 390} == {}


def test_lookup_page_has_no_horizontal_scroll_on_a_phone(visit: Visit) -> None:
    page = visit.go("institutions/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#lookup-q", "培训")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_search_results_say_what_each_record_is(visit: Visit) -> None:
    page = visit.go("search/")
    page.fill("#tp-search-input", "乐动街舞")
    page.locator(".tp-result").nth(1).wait_for(timeout=15000)
    first, second = page.locator(".tp-result").nth(0), page.locator(".tp-result").nth(1)
    assert first.locator("a").get_attribute("href").endswith("/institutions/fc-0030/")
    line = first.locator(".tp-result-excerpt").inner_text()
    assert line.startswith("白名单") and "统一社会信用代码 91141099MA0MR71Q2N" in line
    assert second.locator("a").inner_text() == "汾教科罚决字〔2026〕第11号"
    assert second.locator(".tp-result-excerpt").inner_text().startswith("行政处罚 汾川县乐动街舞培训中心")


def test_a_one_character_query_asks_for_two(visit: Visit) -> None:
    page = visit.go("search/")
    page.fill("#tp-search-input", "舞")
    status = page.locator("[data-search-status]")
    page.wait_for_function("document.querySelector('[data-search-status]').textContent.includes('两个')")
    assert status.inner_text() == "请至少输入两个连在一起的字或数字，例如机构名称中的两个字。"
    assert page.locator(".tp-result").count() == 0
