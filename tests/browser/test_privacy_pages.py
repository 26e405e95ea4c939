"""What issue 17 changed on pages, in real Chromium at phone width and on a desktop: the guide says what the
privacy checks read and which attachments may be published, and staff markup cannot take over the theme."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import Visit, guide_section, serve, within_width

from generator.privacy.attachments import ALLOWED

WIDTHS = [390, 1280]

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_guide_says_what_is_read_and_which_attachments_may_be_published(sized: Visit) -> None:
    page = guide_section(sized, "privacy", "个人信息检查：读什么，怎么读")
    items = page.locator("h2#privacy ~ ul").first.locator("> li")
    assert items.count() == 5
    within_width(page, items)
    attachments = page.locator("h2#attachments ~ p").nth(1).inner_text()
    assert all(suffix in attachments for suffix in ALLOWED)


@pytest.fixture
def hostile_site(staff_edited: tuple[subprocess.CompletedProcess[str], Path]) -> Iterator[str]:
    """The sample with staff markup that tries to take over the theme (TAKEOVER in tests/conftest.py), served."""
    _result, site = staff_edited
    server, url = serve(site)
    yield url
    server.shutdown()


def test_staff_markup_cannot_take_over_the_theme_on_a_phone(browser: object, hostile_site: str) -> None:
    """The theme reads its own configuration (its search and menu work, nothing is asked of evil.example), and the
    staff paragraph that dressed as the site's verdict badge shows as plain text."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # type: ignore[attr-defined]
    visit = Visit(context.new_page(), hostile_site)
    try:
        page = visit.go("about/")
        assert page.evaluate("document.querySelector('#__config').tagName") == "SCRIPT"
        assert page.evaluate("document.querySelectorAll('[id=\"__config\"]').length") == 1
        fake = page.locator("article p", has_text="可以开展校外培训")
        assert fake.is_visible() and fake.get_attribute("class") == "note" and fake.get_attribute("id") is None
        assert page.locator("article .tp-verdict, article .md-header").count() == 0
        page.get_by_role("button", name="菜单").click()  # the site's menu button (the theme's ☰) still opens
        assert page.locator(".md-nav--primary").first.is_visible()
        assert visit.foreign_requests() == []
    finally:
        context.close()
