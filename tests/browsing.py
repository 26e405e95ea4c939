"""Browser test helpers: serve a folder on 127.0.0.1, record what a page requests and logs."""

from __future__ import annotations

import functools
import http.server
import threading
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
