"""The four new disclosures as a visitor reads them, at 390 px (phone-only card layout) and at desktop width.

Real Chromium on the built sample: what is visible, not only what the HTML holds (a phone-only rule once hid
rows while the count said otherwise).
"""

from __future__ import annotations

import pytest
from browsing import Visit

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]


def _visible_rows(page: object, selector: str) -> list[str]:
    rows = page.locator(selector)  # type: ignore[attr-defined]
    return [rows.nth(i).inner_text() for i in range(rows.count()) if rows.nth(i).is_visible()]


def _on_first_screen(page: object, selector: str) -> str:
    box = page.locator(selector).first.bounding_box()  # type: ignore[attr-defined]
    assert box and box["y"] + box["height"] <= page.viewport_size["height"], f"{selector} on the first screen"  # type: ignore[attr-defined]
    return str(page.locator(selector).first.inner_text())  # type: ignore[attr-defined]


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_every_policy_document_is_a_visible_row_with_its_number_and_status(sized: Visit) -> None:
    page = sized.go("policies/")
    rows = _visible_rows(page, "table.tp-policies tbody tr")
    assert len(rows) == 11  # the sample's documents: 8 in force, 1 revised, 2 expired
    assert all("〔" in row and ("有效" in row or "已修订" in row or "失效" in row) for row in rows)
    if page.viewport_size["width"] < 500:  # type: ignore[attr-defined]
        # one card per document: the header row is hidden, each cell says what it is
        assert not page.locator("table.tp-policies thead").first.is_visible() or \
            page.locator("table.tp-policies thead").first.bounding_box()["height"] <= 1  # type: ignore[attr-defined]
        label = page.locator("table.tp-policies tbody td:nth-child(2) .tp-label").first  # type: ignore[attr-defined]
        assert label.is_visible() and label.inner_text() == "文号："


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_a_revised_policy_says_so_first_and_leads_to_its_replacement(sized: Visit) -> None:
    page = sized.go("policies/2021-012/")
    banner = _on_first_screen(page, ".tp-notice")
    assert "已被" in banner and "汾教科发〔2024〕5号" in banner
    page.locator(".tp-notice a").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/policies/2024-005/")  # type: ignore[attr-defined]
    assert "修订了" in page.locator("article").inner_text()  # type: ignore[attr-defined]


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_links_inside_a_full_text_open_the_annex_and_the_document_they_name(sized: Visit) -> None:
    page = sized.go("policies/2024-005/")
    annex = page.get_by_role("link", name="附件：督学年度考核评分表")  # type: ignore[attr-defined]
    annex.scroll_into_view_if_needed()
    assert annex.is_visible()
    response = page.request.get(page.url + annex.get_attribute("href"))  # type: ignore[attr-defined]
    assert response.status == 200 and response.body().decode("utf-8-sig").startswith("考核项目,考核内容,分值")
    # the last such link is the one in the text (the first is the page's own 「修订了」 line)
    page.get_by_role("link", name="《汾川县督学聘任与管理办法》（汾教科发〔2021〕12号）").last.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/policies/2021-012/")  # type: ignore[attr-defined]
    assert "已被" in page.locator(".tp-notice").first.inner_text()  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_a_failed_school_shows_its_result_on_the_first_screen(sized: Visit) -> None:
    page = sized.go("reviews/52141099mj1177685l/")
    verdict = _on_first_screen(page, ".tp-verdict")
    assert "不合格" in verdict and "2025" in verdict


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_an_institution_leads_to_its_inspection_result(sized: Visit) -> None:
    page = sized.go("institutions/fc-0028/")
    block = page.locator("#inspections + ul a").first  # type: ignore[attr-defined]
    assert block.is_visible()
    block.click()
    page.wait_for_url("**/inspections/2025-1-02/")  # type: ignore[attr-defined]
    heading = _on_first_screen(page, "article h1")
    assert "汾川县悦读口才培训中心" in heading
    assert "发现问题待后续处理" in page.locator("article").inner_text()  # type: ignore[attr-defined]
