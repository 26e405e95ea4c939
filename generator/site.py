"""Build stage: validate, render into a fresh build folder, run the site engine, then swap site/ in atomically."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .render.files import render_site
from .shells import extend_sitemap, pour
from .render.views import PublicView
from .validate import validate

ENGINE_CONFIG = "mkdocs.yml"


@dataclass
class BuildResult:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    log: list[str] = field(default_factory=list)


def build(root: Path, site_dir: Path | None, today: date) -> BuildResult:
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    outcome = validate(root)
    if not outcome.ok:
        return BuildResult(False, outcome.problems, outcome.files,
                           ["生成已停止：数据有错误，网站保持原样未作改动。"])
    view = PublicView(outcome.catalog, today, read_histories(root))
    rendered = render_site(view, root, git_dates(root))
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        docs = work / "docs"
        write_tree(docs, rendered.files)
        config = work / ENGINE_CONFIG
        config.write_text(engine_config(root, docs, work / "site", rendered.nav, view), encoding="utf-8")
        ok, log = run_engine(config, today)
        if not ok:
            return BuildResult(False, outcome.problems, outcome.files,
                               ["网站引擎 mkdocs 报告错误，网站保持原样未作改动：", *log])
        out = work / "site"
        base_url = view.site.site.base_url  # type: ignore[union-attr]
        pour(out, rendered.records)
        extend_sitemap(out, base_url, rendered.records, today)
        ok, log = run_search_indexer(out)
        if not ok:
            return BuildResult(False, outcome.problems, outcome.files,
                               ["站内搜索索引（Pagefind）生成失败，网站保持原样未作改动：", *log])
        localise_theme_assets(out, base_url)
        swap(out, site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(1 for name in rendered.files if name.endswith(".md")) + len(rendered.records) - 6
    return BuildResult(True, outcome.problems, outcome.files, [f"网站已生成：{site_dir}（{pages} 个页面，按 {today} 计算公示期）"])


def write_tree(base: Path, files: dict[str, bytes | str]) -> None:
    for rel, content in sorted(files.items()):
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(content)


def engine_config(root: Path, docs: Path, out: Path, nav: list[dict[str, str]], view: PublicView) -> str:
    """The project's mkdocs.yml with this build's folders, navigation and the bureau's values from site.yml."""
    base = yaml.safe_load((root / ENGINE_CONFIG).read_text(encoding="utf-8")) or {}
    site = view.site
    assert site is not None
    base.update(docs_dir=str(docs), site_dir=str(out), site_name=site.site.title, site_url=site.site.base_url,
                nav=nav)
    theme = dict(base.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    base["theme"] = theme
    extra = dict(base.get("extra") or {})
    extra["tp"] = {
        "bureau": site.bureau.model_dump(), "site": site.site.model_dump(),
        "site_domain": site.site.base_url.split("//", 1)[-1].split("/", 1)[0],
    }
    base["extra"] = extra
    return yaml.safe_dump(base, allow_unicode=True, sort_keys=False)


def run_engine(config: Path, today: date) -> tuple[bool, list[str]]:
    epoch = int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                           str(config)], capture_output=True, text=True, env=env, check=False)
    noise = ("pkg_resources", "import pkg_resources", "Building prefix dict", "Loading model", "Prefix dict has been")
    lines = [line for line in (proc.stdout + proc.stderr).splitlines()
             if line.strip() and not any(n in line for n in noise)]
    return proc.returncode == 0, lines


def run_search_indexer(site: Path) -> tuple[bool, list[str]]:
    """Pagefind: a chunked index, so a search downloads only the parts its words need."""
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind",
                           "--silent"], capture_output=True, text=True, check=False)
    return proc.returncode == 0, [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]


#: Scripts the theme would fetch from a CDN in rare cases (old browsers, diagrams): served from this site instead.
CDN_FALLBACKS = {
    "https://unpkg.com/resize-observer-polyfill": "assets/javascripts/vendor/resize-observer-polyfill.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/javascripts/vendor/mermaid.min.js",
}


def localise_theme_assets(site: Path, base_url: str) -> None:
    """No request may leave the site's host: point the theme's CDN fallbacks at local files, drop source maps."""
    prefix = "/" + base_url.split("//", 1)[-1].partition("/")[2]
    for script in (site / "assets" / "javascripts").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        patched = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
        for cdn, local in CDN_FALLBACKS.items():
            patched = patched.replace(cdn, prefix.rstrip("/") + "/" + local)
        if patched != text:
            script.write_text(patched, encoding="utf-8")
    for source_map in site.rglob("*.map"):
        source_map.unlink()


def swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` with two renames, so a reader never sees a half-written site."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def read_histories(root: Path) -> dict[str, dict[str, list[Any]]]:
    """Per-record git history of the datasets with pages (empty without a git checkout, e.g. an archive)."""
    from .gitdiff import record_history
    from .render.revisions import HISTORY_DATASETS

    return {name: record_history(root, name) for name in HISTORY_DATASETS}


def git_dates(root: Path) -> dict[str, str]:
    """Date of the last commit touching each data file (empty when the tree is not a git checkout)."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--", "data"],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for block in out.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if lines:
            for name in lines[1:]:
                dates.setdefault(name.strip(), lines[0])
    return dates


def serve(root: Path, today: date, port: int) -> int:
    """Build into a preview folder and serve it on 127.0.0.1, rebuilding when data/ or content/ change."""
    import functools
    import http.server
    import threading
    import time

    preview = root / ".preview"

    def snapshot() -> dict[str, float]:
        return {str(p): p.stat().st_mtime for top in ("data", "content") for p in (root / top).rglob("*")
                if p.is_file()}

    def rebuild() -> None:
        result = build(root, preview, today)
        from .problems import render

        if result.problems:
            print(render(result.problems, "text", result.files))
        print("\n".join(result.log), flush=True)

    rebuild()
    state: dict[str, Any] = {"seen": snapshot()}

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
