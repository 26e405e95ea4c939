"""Browser fixtures: the built sample site served on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ARGS, CHROMIUM, Visit, serve


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run ./scripts/test, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def visit(browser: object, site_url: str) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # type: ignore[attr-defined]
    v = Visit(context.new_page(), site_url)
    yield v
    context.close()


@pytest.fixture
def unscripted(browser: object, site_url: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A visit at the width given by indirect parametrisation (390 or 1280 px), JavaScript off."""
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 500 else 800},  # type: ignore[attr-defined]
                                  locale="zh-CN", java_script_enabled=False)
    yield Visit(context.new_page(), site_url)
    context.close()


@pytest.fixture
def sized(browser: object, site_url: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A visit at the width given by indirect parametrisation (390 or 1280 px), JavaScript on."""
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 500 else 800},  # type: ignore[attr-defined]
                                  locale="zh-CN")
    yield Visit(context.new_page(), site_url)
    context.close()
