"""Issue 9, what a parent reads first: one verdict per institution that its status, category, licence and
penalties do not contradict, on the first screen at 390 px and at desktop width. Real Chromium."""

from __future__ import annotations

import pytest
from browsing import Visit

pytestmark = pytest.mark.browser


WIDTHS = [390, 1280]


def _first_screen(page: object) -> str:
    """Text of the verdict and notices, which must sit within the first screen."""
    verdict = page.locator(".tp-verdict")  # type: ignore[attr-defined]
    box = verdict.bounding_box()
    assert box and box["y"] + box["height"] <= page.viewport_size["height"], "the verdict is on the first screen"  # type: ignore[attr-defined]
    return str(verdict.inner_text())


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_relicensed_institution_reads_white_and_normal(sized: Visit) -> None:
    page = sized.go("institutions/fc-0039/")  # banned 2021, new licence and white list 2024
    verdict = _first_screen(page)
    assert "白名单：经审核可以开展校外培训" in verdict and "取缔" not in verdict
    status = page.locator("table.tp-fields tr", has_text="当前状态").inner_text()
    assert "正常" in status and "取缔" not in status


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_revoked_licence_reads_black_with_the_revocation(sized: Visit) -> None:
    page = sized.go("institutions/fc-0035/")
    verdict = _first_screen(page)
    assert "黑名单：请勿报名" in verdict and "办学许可证已吊销" in verdict
    licence = page.locator("table.tp-fields tr", has_text="办学许可证号").inner_text()
    assert "已被吊销" in licence and "吊销日期 2022-08-16" in licence


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_white_listed_institution_with_a_penalty_shows_it_next_to_the_verdict(sized: Visit) -> None:
    page = sized.go("institutions/fc-0019/")  # white list, fined under 汾教科罚决字〔2026〕第7号
    _first_screen(page)
    notice = page.locator(".tp-penalty-notice")
    assert notice.is_visible() and "该机构有 1 件行政处罚正在公示" in notice.inner_text()
    assert notice.locator("a").first.get_attribute("href").endswith("penalties/2026-007/")


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_unlisted_rows_on_the_phone_do_not_say_normal(sized: Visit) -> None:
    page = sized.go("institutions/")
    page.locator("input[name=list][value=未列入]").check()
    rows = [r.inner_text() for r in page.locator("table[data-lookup-table] tbody tr").all() if r.is_visible()]
    assert rows and all("未列入不代表已获准开展培训" in r and "正常" not in r for r in rows)
