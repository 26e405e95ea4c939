"""The speed yardstick of a static site generator written in Go: a minimal Hugo site of the same page count.

Every page is a Markdown file with a title, a date and a body of the size of a record page's content, rendered by a
single small template (no theme, no search, no taxonomies): what the fastest generator does for pages that only
need to exist. The bench compares this tool's build with it (target: within 2×). Hugo comes from Debian's `hugo`
package (`apt install hugo`; scripts/bench installs it); without it the bench says so and gives no ratio.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

CONFIG = """baseURL = "https://example.org/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
SINGLE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}</main></body></html>
"""
LIST = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""
#: About a record page's content: a table of a dozen labelled fields in Chinese (~1.5 KB of Markdown).
BODY = "\n".join(f"| 项目{k} | 汾川县示范培训学校有限公司第{k}项登记内容，2024-03-{k % 28 + 1:02d} |"
                 for k in range(12))


def hugo() -> str | None:
    return shutil.which("hugo")


def version() -> str:
    exe = hugo()
    if exe is None:
        return ""
    return subprocess.run([exe, "version"], capture_output=True, text=True).stdout.split(" linux")[0].strip()


def make_site(folder: Path, pages: int) -> Path:
    """A Hugo site of `pages` pages in sections of 10,000 (made once per page count, then reused)."""
    site = folder / f"hugo-{pages}"
    done = site / ".made"
    if done.is_file():
        return site
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "config.toml").write_text(CONFIG, encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    for k in range(pages):
        section = site / "content" / f"s{k // 10000}"
        if k % 10000 == 0:
            section.mkdir(parents=True)
        (section / f"r{k:06d}.md").write_text(
            f'---\ntitle: "记录 {k}"\ndate: 2024-01-01\n---\n\n| 字段 | 内容 |\n|---|---|\n{BODY}\n', encoding="utf-8")
    done.write_text(str(pages))
    return site


def build(site: Path, out: Path) -> dict:
    """One measured Hugo build of `site` into `out` (wall seconds, pages written)."""
    exe = hugo()
    assert exe is not None
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # as for the other builds: the previous build's writes flushed first
    time.sleep(2)
    start = time.perf_counter()
    proc = subprocess.run([exe, "--quiet", "-s", str(site), "-d", str(out)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"hugo failed:\n{proc.stdout}\n{proc.stderr}")
    written = sum(1 for _ in out.rglob("index.html"))
    shutil.rmtree(out, ignore_errors=True)
    return {"wall": wall, "pages": written}
