"""The 重大执法决定法制审核目录清单 and a reviewed penalty in real Chromium at phone width and on a desktop: every entry
and the year table readable without sideways scrolling, the penalty's mark linking to its entry, no serious axe-core
finding; screenshots for a person to look at (written under /tmp/shots-lawreview/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browsing import AXE, Visit, shot, within_width

WIDTHS = [390, 1280]
SHOTS = Path("/tmp/shots-lawreview")

pytestmark = pytest.mark.browser


def _no_serious_findings(page: Any) -> None:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
            if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_catalogue_reads_on_a_phone_and_a_desktop(sized: Visit) -> None:
    page: Any = sized.go("legal-review/")
    width = page.viewport_size["width"]
    assert page.locator("h1").inner_text() == "重大执法决定法制审核目录清单"
    sections = page.locator("section.tp-matter")
    assert sections.count() == 7
    within_width(page, sections)
    within_width(page, page.locator("table.tp-table"))
    rows = page.locator("table.tp-table tbody tr")
    assert rows.count() == 6 and "2021" in rows.last.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, path=str(SHOTS / f"legal-review-{width}.png"), full_page=True)
    _no_serious_findings(page)
    assert sized.errors == [] and sized.foreign_requests() == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_a_reviewed_penalty_links_to_its_catalogue_entry(sized: Visit) -> None:
    page: Any = sized.go("penalties/2026-009/")
    width = page.viewport_size["width"]
    row = page.locator("tr", has_text="重大执法决定法制审核")
    assert "经法制审核（审核日期：2026-10-16，审核机构：汾川县教育科技局法制股）" in row.inner_text()
    within_width(page, row)
    SHOTS.mkdir(parents=True, exist_ok=True)
    row.scroll_into_view_if_needed()
    shot(page, path=str(SHOTS / f"penalty-{width}.png"), full_page=True)
    _no_serious_findings(page)
    row.locator("a", has_text="ZD-03").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/legal-review/#entry-zd-03")
    assert page.locator("#entry-zd-03-title").is_visible()
