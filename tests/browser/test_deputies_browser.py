"""The 法治副校长 page and a school's /reviews/ line in real Chromium at 390 and 1280 px: the count first, the roster as
cards on a phone and a table on a desktop, the jump to the schools without one, no axe-core finding; screenshots
for a person to look at are written under /tmp/shots-deputies/."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from browsing import AXE, Visit, shot, within_width

WIDTHS = [390, 1280]
SHOTS = Path("/tmp/shots-deputies")

pytestmark = pytest.mark.browser


def _serious(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_roster_reads_on_a_phone_and_a_desktop(sized: Visit) -> None:
    page: Any = sized.go("deputies/")
    width = page.viewport_size["width"]
    summary = page.locator("article p").filter(has_text="所学校配备了在任的法治副校长").first
    assert summary.is_visible() and summary.bounding_box()["y"] < 844  # the count is on the first screen
    assert "10 所学校尚未配备法治副校长" in summary.inner_text()
    first = page.locator("table.tp-deputies tbody tr").first
    cells = first.locator("td")
    tops = {round(cells.nth(i).bounding_box()["y"]) for i in range(cells.count())}
    if width < 500:  # one card per deputy: each value under the one before, with its label
        assert len(tops) == cells.count()
        assert first.inner_text().splitlines()[:3] == ["学校：汾川县东关小学", "类型：公办小学",
                                                       "信用代码 12141099MB04123669"]
        assert "法治副校长：崔明杰" in first.inner_text()
    else:  # a table row; and the tab this family adds leaves every tab on the bar (关于本站 last)
        assert len(tops) == 1 and page.locator("table.tp-deputies thead").is_visible()
        wide, room = page.evaluate("[...['scrollWidth', 'clientWidth']].map("
                                   "k => document.querySelector('.md-tabs__list')[k])")
        assert wide <= room and page.get_by_role("link", name="关于本站").first.is_visible()
    within_width(page, page.locator("article table"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, path=str(SHOTS / f"deputies-{width}.png"), full_page=True)
    assert _serious(page) == []  # as loaded (a link just clicked wears the theme's hover colour: not this page's)
    page.get_by_role("link", name="尚未配备的学校").click()
    heading = page.locator("h2#missing")
    page.wait_for_function("location.hash === '#missing'")
    assert heading.is_visible() and 0 <= heading.bounding_box()["y"] < 300
    assert sized.errors == [] and sized.foreign_requests() == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_a_school_page_leads_to_its_deputy(sized: Visit) -> None:
    page: Any = sized.go("reviews/52141099mj59217138/")
    width = page.viewport_size["width"]
    row = page.locator("table.tp-fields tr").filter(has_text="法治副校长")
    assert "原晓慧（汾川县人民检察院检察官，聘期至 2027-08-31）" in row.inner_text()
    within_width(page, row)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, path=str(SHOTS / f"review-school-{width}.png"), full_page=True)
    row.get_by_role("link", name="本校的法治副校长").click()
    page.wait_for_url("**/deputies/52141099mj59217138/")
    head = page.locator("article .tp-verdict-head")
    assert head.inner_text() == "法治副校长：原晓慧" and 0 <= head.bounding_box()["y"] < 400
    within_width(page, page.locator("article"))
    shot(page, path=str(SHOTS / f"deputies-school-{width}.png"), full_page=True)
    assert _serious(page) == []
    assert sized.errors == [] and sized.foreign_requests() == []


@pytest.mark.parametrize("sized", [390], indirect=True)
def test_a_school_without_a_review_page_is_reached_from_the_roster_and_by_search(sized: Visit) -> None:
    page: Any = sized.go("deputies/")
    page.locator("table.tp-deputies").get_by_role("link", name="汾川县第一中学").first.click()
    page.wait_for_url("**/deputies/12141099mb04123076/")
    assert page.locator("article .tp-verdict-head").inner_text() == "法治副校长：韩振国、秦丽华"
    page = sized.go("search/?q=" + quote("秦丽华"))
    result = page.locator("a[href*='deputies/12141099mb04123076/']").first
    result.wait_for()
    assert "汾川县第一中学" in result.inner_text()
    assert sized.errors == [] and sized.foreign_requests() == []
