"""Page weight: what a parent's phone fetches to show a record page, the lookup or home, and how soon it shows it.

    python bench/pageweight.py SITE [--runs 3]    the table for one built site (bench/run.py calls measure())

Per page type (PAGE_TYPES), on the heaviest page of the type (the largest files weighed, the heaviest measured):
- first view KB: the page and everything it loads as it opens (stylesheets, scripts, icon, images, and the QR script
  a large site's institution page loads), each as a server sends it compressed: the .gz written beside it when
  there is one (nginx gzip_static), else gzip at level 6 (nginx gzip on, gzip_comp_level 6). From the files.
- blocking KB: the page and the stylesheets and scripts of its head its first paint waits for, compressed alike (a
  stylesheet linked from the body holds back only what follows it: at its end, nothing).
- wire KB: what Chromium received, headers included, for the page and everything it fetched until the network was
  idle (Resource Timing's transferSize; gzip server).
- LCP gzip / plain: largest contentful paint in Chromium (/usr/bin/chromium, Playwright) at 1.6 Mbit/s down,
  150 ms round trip and CPU 4x slower (CDP Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate), a
  390 x 844 phone, empty cache; the site served with compression as above, and by a plain static server; median of
  --runs loads.
Budgets (issue 22): first view <= 50 KB, blocking <= 30 KB, LCP <= 0.6 s with gzip and <= 1.5 s without.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import mimetypes
import re
import statistics
import sys
import threading
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BUDGET = {"first_view": 50 * 1024, "blocking": 30 * 1024, "lcp_gzip": 0.6, "lcp_plain": 1.5}
#: Page type -> how its pages are found: a glob under the site, and folders of that glob that are not such pages
#: (the institutions' browse pages: _b/, _white/ ...).
PAGE_TYPES = {
    "institution": ["institutions/*/index.html"],
    "decision": ["penalties/*/index.html", "licenses/*/index.html"],
    "lookup": ["institutions/index.html"],
    "home": ["index.html"],
}
#: Of each type, how many of the largest files are weighed compressed (the rest are smaller on disk).
WEIGHED = 20
LEVEL = 6
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

_TAG = re.compile(r"<(link|script|img)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'([\w-]+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+)))?')
_QR = re.compile(r'data-qr-script="([^"]+)"')


# --- from the files ----------------------------------------------------------------------------------------------

def sent(path: Path) -> int:
    """Bytes a compressing server sends for a file: its .gz when there is one, else gzip at LEVEL (text only)."""
    packed = path.with_name(path.name + ".gz")
    if packed.is_file():
        return packed.stat().st_size
    data = path.read_bytes()
    return len(gzip.compress(data, LEVEL, mtime=0)) if path.suffix in TEXT else len(data)


def resources(site: Path, page: Path) -> tuple[list[Path], list[Path]]:
    """(everything the page loads as it opens, what of it holds the first paint), as files of `site`."""
    text = page.read_text(encoding="utf-8")
    head_end = text.find("</head>")
    loads: list[Path] = []
    blocking: list[Path] = []
    for found in _TAG.finditer(text):
        tag, attrs = found.group(1).lower(), _attrs(found.group(2))
        in_head = found.start() < head_end
        rel = attrs.get("rel", "").lower().split()
        if tag == "link" and ("stylesheet" in rel or "icon" in rel or "preload" in rel):
            target = _file(site, page, attrs.get("href", ""))
            holds = ("stylesheet" in rel and in_head and attrs.get("media", "all") in ("all", "screen")
                     and "disabled" not in attrs)
        elif tag in ("script", "img") and attrs.get("src"):
            target = _file(site, page, attrs["src"])
            holds = tag == "script" and in_head and not ({"defer", "async"} & attrs.keys())
        else:
            continue
        if target and target not in loads:
            loads.append(target)
            if holds:
                blocking.append(target)
    for src in _QR.findall(text):  # page.js loads the QR script as the page opens (large sites)
        target = _file(site, page, src)
        if target and target not in loads:
            loads.append(target)
    return loads, blocking


def _attrs(text: str) -> dict[str, str]:
    return {m.group(1).lower(): next((v for v in m.groups()[1:] if v is not None), "") for m in _ATTR.finditer(text)}


def _file(site: Path, page: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = site if parts.path.startswith("/") else page.parent
    path = (base / unquote(parts.path).lstrip("/")).resolve()
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() and path.is_relative_to(site.resolve()) else None


def weigh(site: Path, page: Path) -> dict[str, Any]:
    """First view and blocking bytes of one page, compressed as a server sends them."""
    loads, blocking = resources(site, page)
    own = sent(page)
    return {"page": page.relative_to(site).as_posix(), "html": own,
            "first_view": own + sum(sent(p) for p in loads), "blocking": own + sum(sent(p) for p in blocking),
            "loads": [p.relative_to(site.resolve()).as_posix() for p in loads]}


def pages_of(site: Path, kind: str) -> list[Path]:
    found = {p for pattern in PAGE_TYPES[kind] for p in site.glob(pattern)
             if not any(part.startswith("_") for part in p.relative_to(site).parts)}
    return sorted(found)


def heaviest(site: Path, kind: str) -> dict[str, Any] | None:
    """The heaviest first view among the type's largest pages on disk."""
    largest = sorted(pages_of(site, kind), key=lambda p: (-p.stat().st_size, p))[:WEIGHED]
    weighed = [weigh(site, page) for page in largest]
    return max(weighed, key=lambda w: (w["first_view"], w["page"])) if weighed else None


# --- in the browser ----------------------------------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    """A static server over HTTP/1.1 (kept-alive connections, as nginx), compressing or not (the server's `gzip`)."""

    protocol_version = "HTTP/1.1"
    root = Path()
    """The site served (set on a subclass per server, see serve)."""
    gzip = False

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        root = self.root
        path = (root / unquote(urlsplit(self.path).path).lstrip("/")).resolve()
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or not path.is_relative_to(root):
            self.send_error(404)
            return
        body, encoded = path.read_bytes(), False
        if self.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            packed = path.with_name(path.name + ".gz")
            if packed.is_file():
                body, encoded = packed.read_bytes(), True
            elif path.suffix in TEXT:
                body, encoded = gzip.compress(body, LEVEL, mtime=0), True
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser left before it had it all
            self.wfile.write(body)


def serve(site: Path, compress: bool) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (_Handler,), {"root": site.resolve(), "gzip": compress})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


#: The largest contentful paint of the page so far (ms from the navigation's start) and its element's tag, from the
#: buffered entries (asked for after the load: an observer set up before may not have been called back yet).
_LCP = """() => new Promise(done => {
    new PerformanceObserver(list => { const e = list.getEntries().pop();
        done([e.renderTime || e.startTime, e.element ? e.element.tagName.toLowerCase() : ""]); })
        .observe({type: "largest-contentful-paint", buffered: true});
    setTimeout(() => done([0, ""]), 10000); })"""


def load(browser: Any, url: str) -> tuple[float, int, str]:
    """(LCP in seconds, bytes received, the LCP element's tag) of one load with an empty cache, throttled."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        page.goto(url, wait_until="networkidle", timeout=120_000)
        lcp, tag = page.evaluate(_LCP)
        received = page.evaluate("""() => performance.getEntriesByType("navigation").concat(
            performance.getEntriesByType("resource")).reduce((sum, e) => sum + e.transferSize, 0)""")
    finally:
        context.close()
    if not lcp:
        raise RuntimeError(f"no largest contentful paint reported for {url}")
    return lcp / 1000, int(received), tag


def measure(site: Path, runs: int = 3) -> dict[str, dict[str, Any]]:
    """Per page type: the static weights of its heaviest page, and that page's LCP and bytes on the wire."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browsing import ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright

    found = {kind: w for kind in PAGE_TYPES if (w := heaviest(site, kind))}
    servers = {mode: serve(site, mode == "gzip") for mode in ("gzip", "plain")}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for weights in found.values():
                path = "/" + weights["page"].removesuffix("index.html")
                for mode, (_, base) in servers.items():
                    loads = [load(browser, base + path) for _ in range(runs)]
                    weights[f"lcp_{mode}"] = statistics.median(lcp for lcp, _, _ in loads)
                    weights[f"lcps_{mode}"] = [round(lcp, 3) for lcp, _, _ in loads]
                    weights[f"wire_{mode}"] = max(size for _, size, _ in loads)
                    weights["lcp_element"] = loads[0][2]
            browser.close()
    finally:
        for server, _ in servers.values():
            server.shutdown()
    return found


def budgeted(weights: dict[str, Any]) -> dict[str, float]:
    """The figures the budgets apply to: the first view is the larger of the files' and the wire's (a large site's
    lookup fetches the record index's first rows as it opens: the wire sees them, the HTML does not name them)."""
    return {"first_view": max(weights["first_view"], weights.get("wire_gzip", 0)), "blocking": weights["blocking"],
            "lcp_gzip": weights.get("lcp_gzip", 0), "lcp_plain": weights.get("lcp_plain", 0)}


def within(weights: dict[str, Any]) -> bool:
    figures = budgeted(weights)
    return all(figures[key] <= limit for key, limit in BUDGET.items())


def verdict(found: dict[str, dict[str, Any]]) -> str:
    """One line: which page types meet every budget, and what the others miss."""
    missed = {kind: [key for key, limit in BUDGET.items() if budgeted(w)[key] > limit] for kind, w in found.items()}
    if not any(missed.values()):
        return f"every page type ({', '.join(found)}) within the budgets (first view ≤ 50 KB, blocking ≤ 30 KB, " \
               "LCP ≤ 0.6 s gzip, ≤ 1.5 s plain)."
    return "; ".join(f"{kind} over on {', '.join(keys)}" for kind, keys in missed.items() if keys) + \
        f"; within every budget: {', '.join(k for k, keys in missed.items() if not keys) or 'none'}."


def table(rows: list[tuple[str, dict[str, dict[str, Any]]]]) -> str:
    """One row per (size, page type): the budgets' figures and the page measured."""
    lines = ["| site | page type | first view KB | blocking KB | wire KB (gzip) | LCP gzip s | LCP plain s | "
             "within budget | page measured |",
             "|---|---|---:|---:|---:|---:|---:|---|---|"]
    for label, found in rows:
        for kind, w in found.items():
            lines.append(f"| {label} | {kind} | {w['first_view'] / 1024:.1f} | {w['blocking'] / 1024:.1f} | "
                         f"{w.get('wire_gzip', 0) / 1024:.1f} | {w.get('lcp_gzip', 0):.2f} | "
                         f"{w.get('lcp_plain', 0):.2f} | {'yes' if within(w) else '**no**'} | "
                         f"{PurePosixPath(w['page']).parent}/ |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3, help="loads per page and server; the median counts")
    parser.add_argument("--label", default="", help="the site's name in the table")
    args = parser.parse_args()
    found = measure(args.site, args.runs)
    print(table([(args.label or args.site.name, found)]))
    for kind, w in found.items():
        print(f"{kind}: {w['page']} loads {', '.join(w['loads'])}; LCP runs gzip {w['lcps_gzip']} plain "
              f"{w['lcps_plain']}; LCP element <{w['lcp_element']}>")
    return 0 if all(within(w) for w in found.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
