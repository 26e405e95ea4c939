"""Preview for staff: build into .preview/ and serve it on 127.0.0.1, rebuilding when data or content change.

Staff save, move and delete files while a rebuild runs: a file listed a moment ago may be gone when it is read.
Nothing of that stops the watcher. A rebuild that fails says why and leaves the last good preview in place (the
build swaps the folder only when it succeeds); the next change is rebuilt as usual.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from datetime import date
from pathlib import Path

from . import paths
from .build import build
from .problems import render
from .read.files import AREAS, CONFIG, walk

Snapshot = dict[str, tuple[int, int]]


class Watcher:
    """Looks at data/, content/, site_overrides/ and mkdocs.yml every `interval` seconds and rebuilds the preview
    when anything changed."""

    def __init__(self, root: Path, today: date, interval: float = 1.5):
        self.root, self.today, self.interval = root, today, interval
        self.preview = root / ".preview"
        self.seen: Snapshot = {}
        self.rebuilds = 0  # rebuilds finished, whatever their outcome
        self.good = 0  # rebuilds that replaced the preview

    def snapshot(self) -> Snapshot:
        """Every entry's (modification time, size) in the areas staff write; one that vanishes while it is looked at
        is simply not there. Links are never followed (a content/ that links to / is not walked every 1.5 s)."""
        found: Snapshot = {}
        for top in AREAS:
            for path, info in walk(self.root, top):  # entries gone meanwhile are skipped
                found[str(path)] = (info.st_mtime_ns, info.st_size)
        for name in CONFIG:
            try:
                info = os.lstat(self.root / name)
            except OSError:
                continue
            found[name] = (info.st_mtime_ns, info.st_size)
        return found

    def rebuild(self) -> bool:
        """Build the preview once; problems, or the error that stopped the build, are printed."""
        try:
            result = build(self.root, self.preview, self.today)
        except Exception as exc:  # files changing under the build: report, keep the old preview
            print(f"预览没有更新：生成时文件发生了变化或无法读取（{type(exc).__name__}: {exc}）。"
                  "仍显示上一次成功生成的预览；文件保存好后会自动重新生成。", flush=True)
            return False
        finally:
            self.rebuilds += 1
        if result.problems:
            print(render(result.problems, "text", result.files))
        print("\n".join(result.log), flush=True)
        if result.ok:
            self.good += 1
        else:
            print("预览没有更新：仍显示上一次成功生成的预览，改正上面的问题并保存后会自动重新生成。", flush=True)
        return result.ok

    def poll(self) -> bool:
        """One look: rebuild when something changed since the last look; whether a rebuild ran."""
        now = self.snapshot()
        if now == self.seen:
            return False
        self.seen = now
        self.rebuild()
        return True

    def run(self, stop: threading.Event) -> None:
        """Look and rebuild until `stop` is set; nothing that happens to the files ends this loop."""
        while not stop.wait(self.interval):
            try:
                self.poll()
            except Exception as exc:  # the watcher must outlive any single look
                print(f"检查文件变化时出错（{type(exc).__name__}: {exc}），稍后重试。", flush=True)


def serve(root: Path, today: date, port: int) -> int:
    """Build into a preview folder and serve it on 127.0.0.1, rebuilding when data/ or content/ change."""
    try:  # served as it is: a committed .preview link would serve (and the build replace) what it leads to
        paths.check_output(root.resolve() / ".preview", paths.FOLDER)
    except paths.Refused as exc:
        print(f"无法预览：{exc}")
        return 2
    watcher = Watcher(root, today)
    watcher.seen = watcher.snapshot()
    watcher.rebuild()
    stop = threading.Event()
    threading.Thread(target=watcher.run, args=(stop,), daemon=True).start()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(watcher.preview))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"预览地址：http://127.0.0.1:{port}/ （修改 data/ 或 content/ 后自动重新生成；Ctrl+C 退出）", flush=True)
        try:
            server.serve_forever()
        finally:
            stop.set()
    return 0
