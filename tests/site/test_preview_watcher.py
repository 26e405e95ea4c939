"""`serve`: the preview watcher outlives files and folders vanishing while it looks and rebuilds; a failed rebuild
is reported, the last good preview keeps being served, and the next good change is rebuilt."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sitecheck import ROOT

from generator.serve import Watcher

TODAY = date(2026, 11, 27)
PATIENCE = 300.0  # seconds: generous, never a measure of speed


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for: {what}"
        time.sleep(0.05)


def burst(root: Path, round_: int) -> None:
    """One round of what a clerk's file manager does: folders made, filled, renamed and removed, files renamed
    away and back, data files moved out and in."""
    folder = root / "content" / f"临时{round_ % 3}"
    folder.mkdir(exist_ok=True)
    for n in range(20):
        (folder / f"第{n}页.md").write_text(f"# 第 {n} 页\n\n内容\n", encoding="utf-8")
    moved = folder.with_name(folder.name + "-改名")
    shutil.rmtree(moved, ignore_errors=True)
    folder.rename(moved)
    for page in list(moved.glob("*.md"))[:10]:
        page.unlink()
    shutil.rmtree(moved, ignore_errors=True)
    data = root / "data/institution_events.csv"
    aside = data.with_name("institution_events.csv.移走")
    if round_ % 2 == 0:
        data.rename(aside)  # away for a round: a rebuild in between finds it missing
    elif aside.exists():
        aside.rename(data)


def settle(root: Path) -> None:
    aside = root / "data/institution_events.csv.移走"
    if aside.exists():
        aside.rename(root / "data/institution_events.csv")


def test_the_watcher_outlives_files_vanishing_while_it_rebuilds(project: Path, capsys) -> None:
    watcher = Watcher(project, TODAY, interval=0.01)
    watcher.seen = watcher.snapshot()
    assert watcher.rebuild()
    shown = (project / ".preview/index.html").read_bytes()
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,))
    thread.start()
    try:
        started, rounds = watcher.rebuilds, 0
        while watcher.rebuilds < started + 4 and rounds < 100_000:  # churn until several rebuilds ran through it
            burst(project, rounds)
            rounds += 1
            assert thread.is_alive()
        settle(project)
        assert watcher.rebuilds >= started + 4
        assert thread.is_alive()
        assert (project / ".preview/index.html").is_file()  # a preview is there all along
        # a good change after the burst is rebuilt as usual
        good = watcher.good
        page = project / "content/about.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
        wait_for(lambda: watcher.good > good, "a good rebuild after the burst")
        assert thread.is_alive()
        assert (project / ".preview/index.html").read_bytes() and shown
    finally:
        stop.set()
        thread.join(PATIENCE)
    assert not thread.is_alive()
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:  # a local preview
        return response.status, response.read()


def test_the_preview_server_keeps_serving_the_last_good_preview(project: Path, tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(project), "--port",
                                   str(port), "--today", TODAY.isoformat()], cwd=ROOT, stdout=out,
                                  stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    text = lambda: log.read_text(encoding="utf-8")  # noqa: E731
    try:
        wait_for(lambda: "预览地址" in text() or server.poll() is not None, "the server to start")
        status, first = _get(f"http://127.0.0.1:{port}/")
        assert status == 200 and first
        # folders removed and data moved away while the watcher looks: the rebuild fails and says so
        shutil.move(project / "content/reports", tmp_path / "reports")
        (project / "data/institutions.csv").rename(project / "data/institutions.csv.移走")
        wait_for(lambda: "预览没有更新" in text() or server.poll() is not None, "a failed rebuild reported")
        assert server.poll() is None, text()
        assert _get(f"http://127.0.0.1:{port}/") == (200, first)  # the last good preview, unchanged
        # put the data back: the next rebuild succeeds and is served
        (project / "data/institutions.csv.移走").rename(project / "data/institutions.csv")
        shutil.move(tmp_path / "reports", project / "content/reports")
        built = text().count("网站已生成")
        wait_for(lambda: text().count("网站已生成") > built or server.poll() is not None, "a good rebuild")
        assert server.poll() is None, text()
        assert _get(f"http://127.0.0.1:{port}/")[0] == 200
        assert "Traceback" not in text()
    finally:
        server.terminate()
        server.wait(60)
