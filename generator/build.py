"""Build stage: validate, render into a fresh build folder, run the site engine, then swap site/ in atomically."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import paths
from .datasets import REGISTRY
from .datasets.institutions.posters import write_posters
from .datasets.views import PublicView
from .git import repo as gitrepo
from .git.history import record_history
from .model import Registry
from .privacy.output import scan_site
from .problems import Problem
from .publish import engine, search, workdirs
from .publish.shells import constant_parts, extend_sitemap, pour
from .render.cards import label_site
from .render.recordindex import RecordIndex
from .render.site import render_site
from .rules import sanitiser
from .rules.markdown import markdown_files
from .validate import validate

#: Stages of a build, as the benchmark reports them.
STAGES = ("validate", "render", "engine", "search", "scan")


@dataclass
class BuildResult:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    log: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds per stage (see STAGES)."""
    pages: int = 0
    records: int = 0


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] += time.perf_counter() - start


def build(root: Path, site_dir: Path | None, today: date, registry: Registry = REGISTRY) -> BuildResult:
    root = root.resolve()
    site_dir = paths.absolute(site_dir) if site_dir else root / "site"  # not resolved: a link on the way is refused
    refused = workdirs.site_dir_problem(root, site_dir)
    if refused:  # before anything is read or written
        return BuildResult(False, log=[f"生成已停止：{refused}。"
                                       "请用 --site-dir 指定一个单独的空目录（默认 <仓库>/site）。"])
    clock = _Clock()
    with clock.stage("validate"):
        outcome = validate(root, today, registry)
    if not outcome.ok:
        return BuildResult(False, outcome.problems, outcome.files, ["生成已停止：数据有错误，网站保持原样未作改动。"],
                           clock.timings)
    failed = BuildResult(False, outcome.problems, outcome.files, timings=clock.timings)
    if not (root / engine.ENGINE_CONFIG).is_file() and not (root / engine.ENGINE_CONFIG).is_symlink():
        failed.log = [f"缺少网站引擎配置 {root / engine.ENGINE_CONFIG}：请从本项目复制 mkdocs.yml 和 site_overrides/"]
        return failed
    with clock.stage("render"):
        view = PublicView(outcome.catalog, today, read_histories(root, registry))
        rendered = render_site(view, outcome.tree, git_dates(root))
    if rendered.clashes:
        failed.problems = sorted([*outcome.problems, *rendered.clashes])
        failed.log = ["生成已停止：content/ 中有文件会替换自动生成的内容，网站保持原样未作改动。"]
        return failed
    paths.make_folders(site_dir.parent)
    workdirs.clean_stale(site_dir.parent, f".{site_dir.name}-build-", site_dir)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    workdirs.claim(work)
    try:
        out = work / "site"
        base_url = view.site.site.base_url  # type: ignore[union-attr]
        with clock.stage("render"):
            write_tree(work / "docs", rendered.files)
            engine_pages = sum(1 for name in rendered.files if name.endswith(".md")) - len(rendered.shells)
            rendered.files.clear()  # written: the downloads alone are 100+ MB at a province's scale
            config = work / engine.ENGINE_CONFIG
            try:
                text = engine.engine_config(outcome.tree, work / "docs", out, rendered.nav, view, work / "theme")
            except engine.ConfigRefused as exc:
                failed.log = [f"生成已停止：{exc}。网站保持原样未作改动。"]
                return failed
            config.write_text(text, encoding="utf-8")
        with clock.stage("engine"):
            ok, log = engine.run_engine(config, today)
        if not ok:
            failed.log = ["网站引擎 mkdocs 报告错误，网站保持原样未作改动：", *log]
            return failed
        # Staff Markdown reaches readers only through the allow-list, whatever syntax carried the markup.
        sanitiser.clean_site(out, (rel.removeprefix("content/") for rel in markdown_files(outcome.tree)))
        with clock.stage("render"):  # after the allow-list, which keeps no label in staff pages; before the records
            label_site(out)
        records = RecordIndex(registry.record_cells())
        with clock.stage("render"):
            shells: dict[tuple[str, bool], list[str]] = {}
            poured = pour(out, rendered.records(), records, shells)
            write_posters(out, view, work)
            extend_sitemap(out, base_url, poured, today)
        with clock.stage("search"):
            records.write(out)
            search.collect_pages(out, work / "search-corpus", {url.split("/", 1)[0] for url, _ in poured})
            ok, log = search.index_pages(out, work / "search-corpus")
        if not ok:
            failed.log = ["站内搜索索引（Pagefind）生成失败，网站保持原样未作改动：", *log]
            return failed
        with clock.stage("scan"):  # the last gate: whatever path a value took, it must not reach a reader
            leaks = scan_site(out, outcome.tree, outcome.catalog, site_dir.name, constant_parts(shells.values()))
        if leaks:
            failed.problems = sorted([*outcome.problems, *leaks])
            failed.log = [f"发布前检查在生成的网站中发现 {len(leaks)} 处个人信息，网站保持原样未作改动。"]
            return failed
        engine.localise_theme_assets(out, base_url)
        swap(out, site_dir, work / workdirs.PREVIOUS)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    pages = engine_pages + len(poured)
    return BuildResult(True, outcome.problems, outcome.files,
                       [f"网站已生成：{site_dir}（{pages} 个页面，按 {today} 计算公示期）"], clock.timings, pages,
                       len(poured))


def write_tree(base: Path, files: dict[str, bytes | str]) -> None:
    for rel, content in sorted(files.items()):
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(content)


def swap(new: Path, target: Path, previous: Path) -> None:
    """Replace `target` by `new` in one atomic exchange (else two renames, the previous site moved to `previous` in
    the build's private work folder), so a reader never sees a half-written site; the previous site is removed with
    the work folder."""
    if workdirs.exchange(new, target):
        return
    if target.exists():
        target.rename(previous)
    new.rename(target)


def read_histories(root: Path, registry: Registry) -> dict[str, dict[str, list[Any]]]:
    """Per-record git history of the published datasets (empty without a git checkout, e.g. an archive)."""
    return {name: record_history(root, registry.by_name[name]) for name in registry.history_datasets}


def git_dates(root: Path) -> dict[str, str]:
    """Date of the last commit touching each data file (empty when the tree is not a git checkout)."""
    try:
        out = gitrepo.git(root, "log", "--format=%x00%cs", "--name-only", "--relative", "--", "data")
    except gitrepo.GitError:
        return {}
    dates: dict[str, str] = {}
    for block in out.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if lines:
            for name in filter(None, map(str.strip, lines[1:])):
                dates.setdefault(name, lines[0])
    return dates
