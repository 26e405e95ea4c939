"""Preview for staff: build into .preview/ and serve it on 127.0.0.1, rebuilding when data or content change."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from datetime import date
from pathlib import Path

from . import paths
from .build import build
from .problems import render


def serve(root: Path, today: date, port: int) -> int:
    """Build into a preview folder and serve it on 127.0.0.1, rebuilding when data/ or content/ change."""
    preview = root.resolve() / ".preview"
    try:  # served as it is: a committed .preview link would serve (and the build replace) what it leads to
        paths.check_output(preview, paths.FOLDER)
    except paths.Refused as exc:
        print(f"无法预览：{exc}")
        return 2

    def snapshot() -> dict[str, float]:
        return {str(p): p.stat().st_mtime for top in ("data", "content") for p in (root / top).rglob("*")
                if p.is_file()}

    def rebuild() -> None:
        result = build(root, preview, today)
        if result.problems:
            print(render(result.problems, "text", result.files))
        print("\n".join(result.log), flush=True)

    rebuild()
    state = {"seen": snapshot()}

    def watch() -> None:
        while True:
            time.sleep(1.5)
            now = snapshot()
            if now != state["seen"]:
                state["seen"] = now
                rebuild()

    threading.Thread(target=watch, daemon=True).start()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(preview))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"预览地址：http://127.0.0.1:{port}/ （修改 data/ 或 content/ 后自动重新生成；Ctrl+C 退出）", flush=True)
        server.serve_forever()
    return 0
