"""Browser test helpers: serve a folder on 127.0.0.1, record what a page requests and logs."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = Path(__file__).parent / "browser" / "vendor" / "axe.min.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def screen(width: int = 390, **options: Any) -> dict[str, Any]:
    """Browser context options for a screen `width` px wide (390: a phone, 844 px high; wider: a desktop, 800 px high),
    in Chinese, and any other `options` of Playwright's new_context."""
    return {"viewport": {"width": width, "height": 844 if width < 500 else 800}, "locale": "zh-CN", **options}


class Tabs:
    """The pages of one test process's browser: a browser context for each set of options (viewport, JavaScript,
    scale, locale), made on first use and kept, and a new page in it for each test, which leaves nothing behind.

    A new renderer process costs Chromium about 0.7 CPU s to warm up once its first page has loaded. Measured over ten
    pages of the sample, the machine's CPU per page: a new context 1.24 s, a new page in a kept context whose pages
    were all closed 1.11 s, a new page beside a page kept open on the same host 0.41 s (the renderer is shared), the
    same page navigated 0.19 s. At two hundred browser tests that is about a third of the suite's CPU time, so each
    context keeps one page open on the served host. What one test could leave for the next is cleared when it ends:
    its pages are closed, with the storage of the site they were on, and the context's cookies. The HTTP cache
    stays: the sites served here do not change while they are served (a test whose site changes under it, or which
    counts the bytes a first visit downloads, makes its own context).
    """

    def __init__(self, browser: Any):
        self.browser = browser
        self.contexts: dict[str, Any] = {}

    @contextmanager
    def visit(self, base: str, **options: Any) -> Iterator[Visit]:
        """A new page at `base` in the kept context made with `options` (Playwright's new_context arguments)."""
        key = repr(sorted(options.items()))
        if key not in self.contexts:
            self.contexts[key] = context = self.browser.new_context(**options)
            # A page left open on the served host keeps its renderer process, which the tests' pages then share: once
            # a context's pages are all closed, the next one starts a new process (and pays its warming up again).
            context.new_page().goto(base + "/", wait_until="load")
        context = self.contexts[key]
        kept = list(context.pages)  # another test's page still open (a module's tour): not this visit's to close
        try:
            yield Visit(context.new_page(), base)
        finally:
            for page in [page for page in context.pages if page not in kept]:  # and any the test opened itself
                if options.get("java_script_enabled", True) and page.url.startswith("http"):
                    page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
                page.close()
            context.clear_cookies()

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()
        self.contexts.clear()


class Visit:
    """A page plus everything it asked for and complained about."""

    def __init__(self, page: object, base: str):
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.sizes: list[tuple[str, int]] = []
        """(URL, Content-Length) of every response: what a visitor downloaded."""
        page.on("response", lambda r: self.sizes.append((r.url, int(r.headers.get("content-length") or 0))))  # type: ignore[attr-defined]
        page.on("request", lambda r: self.requests.append(r.url))  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: self.errors.append(str(e)))  # type: ignore[attr-defined]

    def go(self, path: str) -> object:
        self.page.goto(self.base + "/" + path.lstrip("/"), wait_until="networkidle")  # type: ignore[attr-defined]
        return self.page

    def downloaded(self, part: str) -> int:
        """Bytes of the responses whose URL contains `part`."""
        return sum(size for url, size in self.sizes if part in url)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.base + "/") and not u.startswith("data:")]


def guide_section(visit: Visit, anchor: str, title: str) -> Any:
    """The staff guide opened at #anchor: the section's heading says `title`, is visible, and is where the link lands
    (within the first screen of a phone)."""
    page = visit.go(f"guide/#{anchor}")
    heading = page.locator(f"h2#{anchor}")  # type: ignore[attr-defined]
    assert heading.inner_text() == title and heading.is_visible()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 844
    return page


def within_width(page: Any, items: Any) -> None:
    """Each of `items` and the page itself fit the window's width: nothing is cut off or needs sideways scrolling."""
    width = page.viewport_size["width"]
    for item in items.all():
        edge = item.bounding_box()
        assert edge is not None and edge["x"] >= 0 and edge["x"] + edge["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
