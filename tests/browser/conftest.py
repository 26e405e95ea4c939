"""Browser fixtures: the built sample site served on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ARGS, CHROMIUM, Tabs, Visit, screen, serve


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


@pytest.fixture(scope="session")
def tabs(browser: object) -> Iterator[Tabs]:
    """Pages in kept browser contexts, one context per set of options (browsing.Tabs)."""
    kept = Tabs(browser)
    yield kept
    kept.close()


@pytest.fixture
def visit(tabs: Tabs, site_url: str) -> Iterator[Visit]:
    with tabs.visit(site_url, **screen()) as v:
        yield v


@pytest.fixture
def unscripted(tabs: Tabs, site_url: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A visit at the width given by indirect parametrisation (390 or 1280 px), JavaScript off."""
    with tabs.visit(site_url, **screen(request.param, java_script_enabled=False)) as v:
        yield v


@pytest.fixture
def sized(tabs: Tabs, site_url: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A visit at the width given by indirect parametrisation (390 or 1280 px), JavaScript on."""
    with tabs.visit(site_url, **screen(request.param)) as v:
        yield v
