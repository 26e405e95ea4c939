"""事前公开 in real Chromium at 390 and 1280 px: a matter's procedure reads as a list, its flow chart is drawn at
least 1:1 on a phone without sideways scrolling, and a decision's remedies are on its page (screenshots to
/tmp/shots-procedures/ for a person to look at)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browsing import Visit, shot

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
SHOTS = Path("/tmp/shots-procedures")
MATTER = "matters/141099-jy-cf-007/"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def _shot(page: Any, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_a_matter_page_lists_the_steps_and_draws_them_legibly_without_sideways_scroll(sized: Visit) -> None:
    page: Any = sized.go(MATTER)
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    steps = page.locator("ol.tp-steps").first.locator(":scope > li")
    assert steps.count() == 10 and steps.nth(0).inner_text().startswith("立案")
    chart = page.get_by_role("img", name="流程图：行政处罚普通程序，共 10 个环节，内容与上方「办理流程」列表相同")
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["width"] >= 320  # drawn 340 units wide: 13-unit text stays at least 12 px on a phone
    text = chart.locator("text").nth(1).bounding_box()
    assert text is not None and text["height"] >= 12
    _shot(page, "matter", width)


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_recording_list_and_a_simple_penalty_fit_and_say_what_matters(sized: Visit) -> None:
    page: Any = sized.go("recording/")
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert "全程录音录像（共 10 项）" in page.locator("article").inner_text()
    _shot(page, "recording", width)
    page = sized.go("penalties/2026-007/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    article = page.locator("article").inner_text()
    assert "本决定适用简易程序，由执法人员当场作出" in article and "60 日内向汾川县人民政府申请行政复议" in article
    _shot(page, "penalty-simple", width)


def test_a_matter_page_has_no_serious_accessibility_violations(visit: Visit) -> None:
    page: Any = visit.go(MATTER)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)
