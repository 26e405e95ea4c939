"""政府信息公开 in real Chromium at phone width and on a desktop: the State Council's wide tables scroll sideways
inside their own box (reachable by keyboard), never the page; the guide and the reports list read within the
window; no serious accessibility finding. Screenshots for a person to look at are written under /tmp/shots-govinfo/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browsing import AXE, Visit, within_width

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
SHOTS = Path("/tmp/shots-govinfo")
PAGES = ["reports/2021-xxgk/", "xxgk/", "reports/"]
#: (clientWidth, scrollWidth) of each table box.
_BOXES = "() => Array.from(document.querySelectorAll('article .gk-table')).map(b => [b.clientWidth, b.scrollWidth])"


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.viewport_size['width']}.png"), full_page=True)


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_wide_tables_scroll_inside_their_box_not_the_page(sized: Visit) -> None:
    page: Any = sized.go("reports/2021-xxgk/")
    width = page.viewport_size["width"]
    _shot(page, "report-2021-xxgk")
    boxes = page.evaluate(_BOXES)
    assert len(boxes) == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    within_width(page, page.locator("article .gk-table"))
    table_three = page.locator("article .gk-table").nth(1)
    client, scroll = boxes[1]
    if width < 500:  # 表三 and 表四 are wider than a phone: their box scrolls, the page does not
        assert scroll > client and boxes[2][1] > boxes[2][0]
        table_three.focus()  # a keyboard reaches the box (tabindex 0) and scrolls it with the arrow keys
        assert page.evaluate("document.activeElement.classList.contains('gk-table')")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("End")
        page.wait_for_function("document.activeElement.scrollLeft > 0")
        assert page.evaluate("window.scrollX") == 0
        table_three.evaluate("b => { b.scrollLeft = b.scrollWidth }")
        total = table_three.locator("tr", has_text="一、本年新收政府信息公开申请数量").locator("td").last
        box = total.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1  # the 总计 column reached
        _shot(page, "report-2021-xxgk-scrolled")
    else:  # on a desktop 表二 and 表三 fit; every cell a real table cell, no phone card
        assert scroll == client and boxes[0][1] == boxes[0][0]
    assert page.locator("article .gk-table table[data-cards]").count() == 0
    headers = table_three.locator("th")
    assert "申请人情况" in headers.all_inner_texts() and "法人或其他组织" in headers.all_inner_texts()
    assert sized.errors == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_guide_and_the_list_read_within_the_window(sized: Visit) -> None:
    for path in ("xxgk/", "reports/"):
        page: Any = sized.go(path)
        _shot(page, path.strip("/").replace("/", "-"))
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        within_width(page, page.locator("article p, article li"))
    page = sized.go("xxgk/")
    link = page.locator("article a", has_text="《政府信息公开申请表》（PDF）")
    assert link.is_visible()
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.body()[:5] == b"%PDF-"
    assert sized.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(visit: Visit, path: str) -> None:
    page: Any = visit.go(path)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)
