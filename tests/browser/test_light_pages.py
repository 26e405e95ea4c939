"""Issue 22 in Chromium: the light pages (home, the lookup, record pages) without the theme's script bundle still
show the verdict first and keep their menu and header; their first screen is painted from the page alone, the same
as once the cut stylesheet has arrived."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from browsing import Tabs, Visit, screen, shot
from PIL import Image, ImageChops

pytestmark = pytest.mark.browser

WHITE = "institutions/fc-0011/"  # 汾川县彩虹艺术培训中心, white list
BLACK = "institutions/fc-0035/"  # 汾川县思齐素养培训中心, black list


@pytest.fixture
def unscripted_phone(tabs: Tabs, site_url: str) -> Iterator[Visit]:
    with tabs.visit(site_url, **screen(java_script_enabled=False)) as v:
        yield v


@pytest.mark.parametrize(("path", "verdict"), [(WHITE, "白名单"), (BLACK, "黑名单")])
def test_a_record_page_on_a_phone_shows_its_verdict_first_and_its_menu_leads_on(visit: Visit, path: str,
                                                                                verdict: str) -> None:
    page: Any = visit.go(path)
    banner = page.locator(".tp-verdict").first
    box = banner.bounding_box()
    assert verdict in banner.inner_text() and box is not None and box["y"] + box["height"] <= 844
    assert not [u for u in visit.requests if "/bundle." in u or "/site.js" in u]  # the theme's bundle: not here
    menu = page.get_by_role("button", name="菜单")
    menu.click()
    drawer = page.locator(".md-sidebar--primary")
    drawer.locator("label.md-nav__link", has_text="执法公示").first.click()
    target = drawer.get_by_role("link", name="行政处罚", exact=True)
    target.wait_for(state="visible")
    target.evaluate("""e => new Promise(done => { const check = () => { const r = e.getBoundingClientRect();
      if (r.left >= 0 && r.right <= window.innerWidth) done(); else requestAnimationFrame(check); }; check(); })""")
    target.click()
    page.wait_for_url("**/penalties/")
    assert visit.errors == [] and visit.foreign_requests() == []


def test_without_javascript_the_verdict_is_in_the_page_and_the_menu_opens(unscripted_phone: Visit) -> None:
    page: Any = unscripted_phone.go(BLACK)
    assert page.locator(".tp-verdict-black").first.is_visible()
    page.locator('.md-header label[for="__drawer"]').click()  # the theme's label: CSS alone opens the drawer
    link = page.locator(".md-sidebar--primary").get_by_role("link", name="首页", exact=True)
    link.wait_for(state="visible")
    for _ in range(50):  # the drawer slides in (a CSS transition): its first link ends up whole in the window
        box = link.bounding_box()
        if box and box["x"] >= 0 and box["x"] + box["width"] <= 390:
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail(f"the menu's first link stayed out of the window: {box}")


def test_the_header_moves_on_scroll_as_with_the_themes_script(visit: Visit) -> None:
    """The shadow under the header, and the page's title in it once its heading has scrolled away (page.js)."""
    page: Any = visit.go(WHITE)
    title = page.locator(".md-header__title")
    assert "md-header__title--active" not in (title.get_attribute("class") or "")
    page.evaluate("window.scrollTo(0, 600)")
    page.wait_for_function("document.querySelector('.md-header__title').classList.contains('md-header__title--active')")
    assert "md-header--shadow" in (page.locator(".md-header").get_attribute("class") or "")


def _screen(tabs: Tabs, site_url: str, path: str, width: int, blocked: bool) -> Image.Image:
    with tabs.visit(site_url, **screen(width, java_script_enabled=False)) as visit:
        page: Any = visit.page
        if blocked:  # a page that routes requests reads nothing from the HTTP cache (Playwright turns it off)
            page.route("**/assets/stylesheets/light.*.css", lambda route: route.abort())
        page.goto(f"{site_url}/{path}", wait_until="load")
        return Image.open(io.BytesIO(shot(page))).convert("RGB")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", [WHITE, BLACK, "penalties/2021-001/", "licenses/2024-001/", "institutions/",
                                  "institutions/_b/", ""])
def test_the_first_screen_is_painted_from_the_page_alone(tabs: Tabs, site_url: str, path: str, width: int) -> None:
    """With the cut stylesheet never arriving, the first screen looks as it does once it has: the page's inlined
    rules paint it, so a slow phone shows it after one request."""
    alone = _screen(tabs, site_url, path, width, blocked=True)
    loaded = _screen(tabs, site_url, path, width, blocked=False)
    assert ImageChops.difference(alone, loaded).getbbox() is None
