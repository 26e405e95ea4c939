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
    scale, locale), made on first use and kept, with one page in it that each test is handed in turn.

    A new renderer process costs Chromium about 0.7 CPU s to warm up once its first page has loaded. Measured over ten
    pages of the sample, the machine's CPU per page: a new context 1.24 s, a new page in a kept context whose pages
    were all closed 1.11 s, a new page beside a page kept open on the same host 0.41 s (the renderer is shared), the
    same page navigated 0.19 s (twenty pages of the sample: 0.47 s a new page, 0.28 s the same page left on
    about:blank between them). At two hundred browser tests that is about a third of the suite's CPU time, so each
    context keeps its page and hands it to the next test. What one test could leave for the next is cleared when it
    ends: the listeners its visit put on the page, the storage of the site it was on, the context's cookies, any
    requests it intercepted and any media it emulated; the page is then left on about:blank, so the next test's first
    address is a new navigation (never a reload that would restore the last test's scroll position). Any other page
    the test opened is closed. The HTTP cache stays: the sites served here do not change while they are served (a
    test whose site changes under it, or which counts the bytes a first visit downloads, makes its own context).
    """

    def __init__(self, browser: Any):
        self.browser = browser
        self.contexts: dict[str, Any] = {}
        self.spare: dict[str, Any] = {}

    @contextmanager
    def visit(self, base: str, **options: Any) -> Iterator[Visit]:
        """The kept page of the context made with `options` (Playwright's new_context arguments), for a visit of
        `base`; a new page in it while another visit holds that one (a module's tour)."""
        key = repr(sorted(options.items()))
        if key not in self.contexts:
            self.contexts[key] = context = self.browser.new_context(**options)
            self.spare[key] = context.new_page()
        context = self.contexts[key]
        page = self.spare.pop(key, None)
        if page is None or page.is_closed():
            page = context.new_page()
        held = [other for other in context.pages if other is not page]  # another visit's page: not this one's
        visit = Visit(page, base)
        try:
            yield visit
        finally:
            visit.stop()
            for opened in [other for other in context.pages if other not in held]:  # its own, and any it opened
                if options.get("java_script_enabled", True) and opened.url.startswith("http"):
                    opened.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
                if opened is not page:
                    opened.close()
            context.clear_cookies()
            if not page.is_closed():
                page.unroute_all()
                page.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null")
                page.goto("about:blank")
                self.spare[key] = page

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()
        self.contexts.clear()
        self.spare.clear()


class Visit:
    """A page plus everything it asked for and complained about (while the visit lasts: see stop)."""

    def __init__(self, page: object, base: str):
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.sizes: list[tuple[str, int]] = []
        """(URL, Content-Length) of every response: what a visitor downloaded."""
        self._listening = {
            "response": lambda r: self.sizes.append((r.url, int(r.headers.get("content-length") or 0))),
            "request": lambda r: self.requests.append(r.url),
            "console": lambda m: m.type == "error" and self.errors.append(m.text),
            "pageerror": lambda e: self.errors.append(str(e)),
        }
        for event, listener in self._listening.items():
            page.on(event, listener)  # type: ignore[attr-defined]

    def stop(self) -> None:
        """Stop recording: the page goes on to the next test."""
        for event, listener in self._listening.items():
            self.page.remove_listener(event, listener)  # type: ignore[attr-defined]

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


def shot(target: Any, **options: Any) -> bytes:
    """target.screenshot(**options) (a page or a locator), asked a second time when Chromium refuses the capture with
    its transient 'Unable to capture screenshot' (a known hiccup of a loaded machine: the same capture succeeds a
    moment later). Any other error, or a second refusal, fails the test."""
    try:
        return target.screenshot(**options)  # type: ignore[no-any-return]
    except Exception as exc:  # playwright's Error
        if "Unable to capture screenshot" not in str(exc):
            raise
        return target.screenshot(**options)  # type: ignore[no-any-return]
