"""政府信息公开 in real Chromium at phone width and on a desktop: the State Council's wide tables scroll sideways
inside their own box (reachable by keyboard), never the page; the guide and the reports list read within the
window; no serious accessibility finding. Screenshots for a person to look at are written under /tmp/shots-govinfo/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browsing import AXE, Visit, shot, within_width

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
SHOTS = Path("/tmp/shots-govinfo")
PAGES = ["reports/2021-xxgk/", "xxgk/", "reports/"]
#: (clientWidth, scrollWidth) of each table box.
_BOXES = "() => Array.from(document.querySelectorAll('article .gk-table')).map(b => [b.clientWidth, b.scrollWidth])"


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, path=str(SHOTS / f"{name}-{page.viewport_size['width']}.png"), full_page=True)


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


#: 表三's row labels in its three label columns (an outer group, a group, an item) and a row spanning all three.
LABELS = ("一、本年新收政府信息公开申请数量", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
#: Where a point falls: the header cell's text painted there (a figure scrolled under a label must not be).
_AT = "([x, y]) => { const e = document.elementFromPoint(x, y); return e && e.closest('th, td').textContent; }"


def test_table_three_keeps_its_row_labels_in_view_while_its_figures_scroll(visit: Visit) -> None:
    page: Any = visit.go("reports/2021-xxgk/")
    box = page.locator("article .gk-table").nth(1)
    labels = {text: box.locator("th", has_text=text).first for text in LABELS}
    labels["1.属于国家秘密"].evaluate("e => e.scrollIntoView({block: 'center'})")
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(box, path=str(SHOTS / "table-three-390-start.png"))
    before = {text: label.bounding_box() for text, label in labels.items()}
    box.evaluate("b => { b.scrollLeft = b.scrollWidth }")
    page.wait_for_function("document.querySelectorAll('article .gk-table')[1].scrollLeft > 200")
    shot(box, path=str(SHOTS / "table-three-390-scrolled.png"))
    total = box.locator("tr", has_text=LABELS[0]).locator("td").last.bounding_box()
    assert total is not None and total["x"] + total["width"] <= 390 + 1  # the figures did scroll: 总计 reached
    after = {text: label.bounding_box() for text, label in labels.items()}
    for text, edge in after.items():  # each label stays where it stood, inside the phone's width
        assert edge is not None and before[text] is not None, text
        assert abs(edge["x"] - before[text]["x"]) < 1 and edge["x"] >= 0 and edge["x"] + edge["width"] <= 390, text
    outer, group, item = after["三、本年度办理结果"], after["（三）不予公开"], after["1.属于国家秘密"]
    assert outer["x"] + outer["width"] <= group["x"] + 0.5 and group["x"] + group["width"] <= item["x"] + 0.5
    assert item["x"] + item["width"] < total["x"]  # the figures still have room beside the labels
    # painted over the figures scrolled under it, on a background of its own
    middle = (item["x"] + item["width"] / 2, item["y"] + item["height"] / 2)
    assert page.evaluate(_AT, list(middle)) == "1.属于国家秘密"
    assert labels["1.属于国家秘密"].evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(242, 243, 248)"
    assert visit.errors == []
