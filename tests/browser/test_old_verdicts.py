"""Issue 19, old verdicts that look current, as a parent sees them in real Chromium at 390 and 1280 px: a result past
its deadline says so in the first screen, a standing blacklisting names its decision, /changes/ shows each
withdrawal and end of publicity with its date and reason, and its types are plain links that work without scripts."""

from __future__ import annotations

import pytest
from browsing import Visit

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
FAILED_SCHOOL = "reviews/52141099mj1177685l/"  # 不合格 2025, deadline 2026-05-31, no recheck
BANNED = "institutions/fc-0043/"  # blacklisted on 汾教科罚决字〔2021〕第1号, whose publicity is over


def _in_first_screen(page: object, locator: object) -> bool:
    box = locator.bounding_box()  # type: ignore[attr-defined]
    height = page.viewport_size["height"]  # type: ignore[attr-defined]
    return box is not None and box["y"] + box["height"] <= height


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_a_result_past_its_deadline_says_so_in_the_first_screen(sized: Visit) -> None:
    page = sized.go(FAILED_SCHOOL)
    overdue = page.locator(".tp-verdict .tp-overdue")
    assert overdue.inner_text() == "⚠ 整改情况：已过整改期限（2026-05-31），尚未公布复查结果"
    assert _in_first_screen(page, overdue)


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_a_standing_blacklisting_names_its_decision_by_number_and_date(sized: Visit) -> None:
    page = sized.go(BANNED)
    verdict = page.locator(".tp-verdict")
    assert "依据 汾教科罚决字〔2021〕第1号（2021-08-26 作出，公示期已满，内容不再公示）" in verdict.inner_text()
    assert _in_first_screen(page, verdict)


@pytest.mark.parametrize("unscripted", WIDTHS, indirect=True)
def test_the_types_of_changes_are_links_that_work_without_scripts(unscripted: Visit) -> None:
    page = unscripted.go("changes/")
    page.get_by_role("link", name="撤销、撤回与撤下").click()
    page.wait_for_load_state()
    assert page.url.endswith("/changes/withdrawn/")
    rows = page.locator("table.tp-changes tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert any("汾教科罚决字〔2022〕第6号" in t and "2022-09-08" in t and "撤销理由：经行政复议审查" in t
               for t in texts)
    assert page.locator("[aria-current=page]").inner_text() == "撤销、撤回与撤下"
    page.get_by_role("link", name="公示期满与信用修复").click()
    page.wait_for_load_state()
    rows = page.locator("table.tp-changes tbody tr")
    assert rows.count() >= 10 and all("录入本站" not in rows.nth(i).inner_text() for i in range(rows.count()))
