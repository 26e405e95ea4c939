"""The naive baseline: every record a Markdown page run through MkDocs with the theme's built-in search.

Same data, same pages and templates as the real build; only the two known fixes are undone: record pages go
through the Markdown pipeline (out of the navigation), and search is the single JSON index of the engine.
"""

from __future__ import annotations

import html
import json
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from generator.build import BuildResult, read_histories, write_tree
from generator.datasets import PUBLICATIONS, REGISTRY
from generator.publish import engine
from generator.render.pages import _ENV
from generator.render.site import render_site
from generator.validate import validate


def build(root: Path, site_dir: Path, today: date) -> BuildResult:
    from generator.datasets.views import PublicView

    timings = dict.fromkeys(("validate", "render", "engine", "search"), 0.0)
    start = time.perf_counter()
    outcome = validate(root)
    timings["validate"] = time.perf_counter() - start
    start = time.perf_counter()
    view = PublicView(outcome.catalog, today, read_histories(root, REGISTRY))
    work = Path(tempfile.mkdtemp(prefix="baseline-", dir=site_dir.parent))
    rendered = render_site(view, outcome.tree, {}, work / "docs")  # the downloads written there as they are made
    columns = {p.page.rstrip("/"): p.column for p in PUBLICATIONS.values() if p.page}
    files = {k: v for k, v in rendered.files.items() if k not in rendered.shells}
    records = 0
    for record in rendered.records():
        front = {"title": html.escape(record.title), "column": columns[record.shell_section]}
        if not record.searchable:
            front["search"] = {"exclude": True}
        body = _ENV.from_string("{{ b | safe }}").render(b=record.body)
        files[record.url.rstrip("/") + ".md"] = (f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n\n"
                                                  f"<h1>{front['title']}</h1>\n\n{body}\n")
        records += 1
    try:
        write_tree(work / "docs", files)
        config = yaml.safe_load(engine.engine_config(outcome.tree, work / "docs", site_dir, rendered.nav, view,
                                                    work / "theme"))
        config["plugins"] = [{"search": {"lang": "zh"}}]
        config["not_in_nav"] = "".join(f"/{p.page}*.md\n" for p in PUBLICATIONS.values() if p.record_pages and p.page)
        config["not_in_nav"] += "/reports/*.md\n/changes/*/index.md\n"
        (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        timings["render"] = time.perf_counter() - start
        start = time.perf_counter()
        ok, log = engine.run_engine(work / "mkdocs.yml", today)
        timings["engine"] = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(1 for name in files if name.endswith(".md"))
    return BuildResult(ok, [], outcome.files, log, timings, pages, records)
