"""A plan's proof and a result's status as a visitor reads them, at 390 px and 1280 px, in real Chromium.

The site is built from a git repository made here whose plans were announced (with their commitments) before their
draws, so the plan page may say the draw is proven; the sample's own history could not show that.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import Tabs, Visit, screen, serve, within_width
from once import made_once
from sitecheck import run_build
from validator.drawrepo import announced_then_drawn

pytestmark = pytest.mark.browser

PROVEN = "「种子承诺值」于 2023-04-01 录入本站记录（早于抽取日 2025-10-20）；种子与承诺值相符"


@pytest.fixture(scope="module")
def proven_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    def make(folder: Path) -> None:
        repo = announced_then_drawn(folder / "repo", project=True)
        result = run_build(repo.root, folder / "site")
        assert result.returncode == 0, result.stdout + result.stderr

    server, url = serve(made_once(tmp_path_factory, "proven", make) / "site")  # built once per run
    yield url
    server.shutdown()


@pytest.fixture(params=[390, 1280])
def at(request: pytest.FixtureRequest, tabs: Tabs, proven_url: str) -> Iterator[Visit]:
    with tabs.visit(proven_url, **screen(request.param)) as v:
        yield v


def _first_screen(page: object, selector: str) -> str:
    item = page.locator(selector).first  # type: ignore[attr-defined]
    box = item.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], selector  # type: ignore[attr-defined]
    return str(item.inner_text())


def test_the_plan_says_what_is_proven_on_the_first_screen_and_nothing_overflows(at: Visit) -> None:
    page = at.go("inspections/plan-2025-1/")
    assert _first_screen(page, ".tp-proof-line").startswith(PROVEN)
    proof = page.locator("ul.tp-proof li")  # type: ignore[attr-defined]
    proof.first.scroll_into_view_if_needed()
    assert proof.first.is_visible() and "早于抽取日 2025-10-20" in proof.first.inner_text()
    said = page.locator("ul.tp-proof").inner_text()  # type: ignore[attr-defined]
    assert "不能证明种子本身是随机产生的" in said and "提交的人可以改动它" in said
    # the 64-digit commitment and the seed wrap inside the window on a phone: no sideways scrolling
    within_width(page, page.locator("table.tp-fields td.tp-code"))
    page.locator("a[href='#proof']").click()  # type: ignore[attr-defined]
    assert _first_screen(page, "h2#proof") == "本站记录能证明什么"
    assert at.errors == []


def test_the_result_shows_the_penalty_decided_not_pending(at: Visit) -> None:
    page = at.go("inspections/2025-1-02/")
    assert _first_screen(page, "article .tp-badge") == "! 已作出行政处罚"
    badges = page.locator("article .tp-badge").all_inner_texts()  # type: ignore[attr-defined]
    assert badges and all("待后续处理" not in b for b in badges)
    row = page.locator("table.tp-fields tr", has_text="处理情况")  # type: ignore[attr-defined]
    row.scroll_into_view_if_needed()
    assert "汾教科罚决字〔2025〕第10号" in row.inner_text() and row.is_visible()
    row.get_by_role("link", name="汾教科罚决字〔2025〕第10号").click()
    page.wait_for_url("**/penalties/2025-010/")  # type: ignore[attr-defined]
    within_width(page, page.locator("article"))


def test_the_list_says_what_became_of_each_result(at: Visit) -> None:
    page = at.go("inspections/")
    rows = page.locator("table", has_text="结果与处理").locator("tbody tr")  # type: ignore[attr-defined]
    texts = rows.all_inner_texts()
    assert any("汾川县悦读口才培训中心" in t and "已作出行政处罚" in t for t in texts)
    assert any("汾川县乐动街舞培训中心" in t and "已整改" in t for t in texts)
    assert not any("待后续处理" in t for t in texts)
    assert PROVEN in page.locator("#plans ~ ul").first.inner_text()  # type: ignore[attr-defined]
