"""Build stage: read once and validate, render into a fresh build folder, run the site engine, pour the record pages,
index, scan, then swap site/ in atomically."""

from __future__ import annotations

import ctypes
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from . import paths
from .datasets import REGISTRY
from .datasets.institutions.posters import write_posters
from .datasets.views import PublicView
from .git import repo as gitrepo
from .git.history import record_history
from .model import Part, Registry
from .privacy.output import ScanJob, page_problems, scan_job, scan_site, worker_count
from .problems import Problem
from .publish import engine, search, workdirs
from .publish.aside import Aside, put_back, set_aside
from .publish.compress import precompress
from .publish.light import lighten
from .publish.pourers import Pourers
from .publish.shells import Unit, constant_parts, extend_sitemap, load_shells, pour, record_pourers, specimens
from .read.files import Tree
from .render.cards import label_site
from .render.pages import BUNDLE
from .render.recordindex import FOLDER as RECORD_INDEX
from .render.recordindex import RecordIndex
from .render.site import Rendered, render_site
from .rules import sanitiser
from .rules.markdown import markdown_files
from .validate import Outcome, validate

#: The copy of the theme folder (custom_dir) the engine reads, in the build's work folder.
THEME = "theme"
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
    workers: int = 1
    """Processes that rendered and poured the record pages."""


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


class _Stopped(Exception):
    """A stage refused to go on: the build stops, site/ is left as it was. `log`: what staff read; `problems`: found
    by the stage, reported beside validation's."""

    def __init__(self, log: list[str], problems: Sequence[Problem] = ()) -> None:
        super().__init__(log[0])
        self.log, self.problems = log, list(problems)


def build(root: Path, site_dir: Path | None, today: date, registry: Registry = REGISTRY) -> BuildResult:
    """The pipeline: read the tree once and validate it, render, run the engine, pass staff pages through the
    allow-list, pour the record pages, index, scan, swap. A stage that finds a problem stops the build before the
    swap, so site/ is replaced whole or not at all."""
    root = root.resolve()
    site_dir = paths.absolute(site_dir) if site_dir else root / "site"  # not resolved: a link on the way is refused
    refused = workdirs.site_dir_problem(root, site_dir)
    if refused:  # before anything is read or written
        return BuildResult(False, log=[f"生成已停止：{refused}。"
                                       "请用 --site-dir 指定一个单独的空目录（默认 <仓库>/site）。"])
    clock = _Clock()
    with clock.stage("validate"):
        outcome = validate(root, today, registry)  # the one listing of the tree: outcome.tree, for every stage
    try:
        _ready(root, outcome)
        with _work_folder(site_dir) as work, ExitStack() as running:  # running: Pagefind, while the records pour
            out = work / "site"
            with clock.stage("render"):
                view, rendered = _render(root, work / "docs", outcome, today, registry)
                config, engine_pages, aside = _write_docs(work, out, rendered, view, outcome.tree)
                units = record_units(view, registry)
                # each family's first page, for its shell's first paint; rendered here, before the processes below are
                # forked, what the families compute once for all their pages (memo) is inherited, not made in each
                looks = specimens(units)
                give_back_memory()  # what rendering left free, before the workers are forked (see there)
            # The processes that pour the record pages start now: they render pages while the engine runs (pourers.py)
            with _pourers(units) as pourers:
                with clock.stage("engine"):
                    _run_engine(config, today)
                    wrong = put_back(out, aside)
                    if wrong:
                        raise _Stopped(wrong)
                    engine.drop_source_maps(out)  # the theme's: the site is only the engine's pages yet
                _allow_list(out, outcome.tree)
                with clock.stage("render"):
                    records, poured, scan, indexing = _pour(out, work, view, outcome, site_dir.name, today,
                                                            registry, units, looks, pourers, running)
            base_url = _base_url(view)
            del view, rendered  # every page is written: the per-record views go, before the scan's workers fork
            give_back_memory()
            with clock.stage("search"):
                _index(out, records, indexing)
            del records
            with clock.stage("scan"):
                _scan(out, outcome, scan)
            _swap_in(out, site_dir, work, base_url)
    except _Stopped as stop:
        problems = sorted([*outcome.problems, *stop.problems]) if stop.problems else outcome.problems
        return BuildResult(False, problems, outcome.files, stop.log, clock.timings)
    pages = engine_pages + len(poured)
    return BuildResult(True, outcome.problems, outcome.files,
                       [f"网站已生成：{site_dir}（{pages} 个页面，按 {today} 计算公示期）"], clock.timings, pages,
                       len(poured), scan.workers)


def _ready(root: Path, outcome: Outcome) -> None:
    """Validation found no error, and the engine's configuration is there."""
    if not outcome.ok:
        raise _Stopped(["生成已停止：数据有错误，网站保持原样未作改动。"])
    config = root / engine.ENGINE_CONFIG
    if not config.is_file() and not config.is_symlink():
        raise _Stopped([f"缺少网站引擎配置 {config}：请从本项目复制 mkdocs.yml 和 site_overrides/"])


def _render(root: Path, docs: Path, outcome: Outcome, today: date, registry: Registry
            ) -> tuple[PublicView, Rendered]:
    """Every page and staff file of the site, in memory, and the downloads, written into the engine's docs folder
    `docs` as they are made; a staff file in a generated one's place stops."""
    view = PublicView(outcome.catalog, today, read_histories(root, registry))
    # the downloads by a second process while this one renders the pages, where the build may use two
    rendered = render_site(view, outcome.tree, git_dates(root), docs, apart=worker_count(None, 2, 2) > 1)
    if rendered.clashes:
        raise _Stopped(["生成已停止：content/ 中有文件会替换自动生成的内容，网站保持原样未作改动。"], rendered.clashes)
    return view, rendered


@contextmanager
def _work_folder(site_dir: Path) -> Iterator[Path]:
    """A private folder beside site/ for this build (those left by builds that died are removed first), removed when
    the build ends, whatever its outcome."""
    paths.make_folders(site_dir.parent)
    workdirs.clean_stale(site_dir.parent, f".{site_dir.name}-build-", site_dir)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    workdirs.claim(work)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_docs(work: Path, out: Path, rendered: Rendered, view: PublicView, tree: Tree) -> tuple[Path, int, Aside]:
    """The rendered files written as the engine's docs folder, and its configuration; (the configuration, how many
    pages the engine builds, the generated pages' large blocks set aside from the engine: publish/aside.py)."""
    aside = set_aside(rendered.files, {rel.removeprefix("content/") for rel in markdown_files(tree)})
    write_tree(work / "docs", rendered.files)
    engine_pages = sum(1 for name in rendered.files if name.endswith(".md")) - len(rendered.shells)
    rendered.files.clear()  # written: the pages are tens of MB at a province's scale
    config = work / engine.ENGINE_CONFIG
    try:
        text = engine.engine_config(tree, work / "docs", out, rendered.nav, view, work / THEME)
    except engine.ConfigRefused as exc:
        raise _Stopped([f"生成已停止：{exc}。网站保持原样未作改动。"]) from None
    config.write_text(text, encoding="utf-8")
    return config, engine_pages, aside


def _run_engine(config: Path, today: date) -> None:
    ok, log = engine.run_engine(config, today)
    if not ok:
        raise _Stopped(["网站引擎 mkdocs 报告错误，网站保持原样未作改动：", *log])


def _allow_list(out: Path, tree: Tree) -> None:
    """Staff Markdown reaches readers only through the allow-list, whatever syntax carried the markup."""
    sanitiser.clean_site(out, (rel.removeprefix("content/") for rel in markdown_files(tree)))


@dataclass
class _Scan:
    """The publish scan's reading, and what it found in the record pages as they were poured."""

    job: ScanJob
    pages: set[str]
    problems: list[Problem]
    workers: int


def record_units(view: PublicView, registry: Registry) -> list[Unit]:
    """The families' record pages in units of work, taken in order: a family, or a share of one holding many pages
    (Publication.record_parts)."""
    return [partial(pages, view, *([Part(k, p.record_parts)] if p.record_parts > 1 else []))
            for p in registry.published(view.catalog) if (pages := p.record_pages) for k in range(p.record_parts)]


@contextmanager
def _pourers(units: list[Unit]) -> Iterator[Pourers | None]:
    """A process per core (GENERATOR_WORKERS=1: none) to render and pour the record pages, from now on; stopped on
    leaving, should the build stop before they are done."""
    pourers = record_pourers(units, worker_count(None, len(units), 2))
    try:
        yield pourers
    finally:
        if pourers is not None:
            pourers.close()


def _pour(out: Path, work: Path, view: PublicView, outcome: Outcome, shown_as: str, today: date,
          registry: Registry, units: list[Unit], looks: dict[tuple[str, bool], str], pourers: Pourers | None,
          running: ExitStack) -> tuple[RecordIndex, list[tuple[str, bool]], _Scan, search.Indexing]:
    """The engine's pages labelled, then every record poured into its shell (and into the record index, and read by
    the publish scan as it is written: never read back), the posters and the sitemap; (the record index, (url,
    indexable) of each record page, the scan so far).

    The record pages of `units` are rendered and poured by `pourers` (forked before the engine ran), else here; the
    output is the same whatever the number of processes (tests/site/test_workers.py).
    """
    label_site(out)  # after the allow-list, which keeps no label in staff pages; before the records
    light = lighten(out, work / THEME)  # home and the lookup; the shells below, each with a record poured into it
    records = RecordIndex(registry.record_cells())
    shells = load_shells(out, light.dress, looks)
    # The engine's pages are final: Pagefind indexes them while the records are poured (it reads none of those)
    search.collect_pages(out, work / "search-corpus")
    indexing = running.enter_context(search.Indexing(out, work / "search-corpus"))
    job = scan_job(outcome.tree, outcome.catalog, shown_as, constant_parts(shells.values()))
    workers = pourers.count if pourers is not None else 1
    poured, problems = pour(out, units, records, shells, partial(page_problems, job), pourers)
    write_posters(out, view, work)
    extend_sitemap(out, _base_url(view), poured, today)
    scanned = {f"{url.rstrip('/')}/index.html" for url, _ in poured}
    return records, poured, _Scan(job, scanned, problems, workers), indexing


def _index(out: Path, records: RecordIndex, indexing: search.Indexing) -> None:
    """The record index written, and Pagefind's index of the pages (started before the records were poured) done."""
    records.write(out)
    ok, log = indexing.finish()
    if not ok:
        raise _Stopped(["站内搜索索引（Pagefind）生成失败，网站保持原样未作改动：", *log])


def _scan(out: Path, outcome: Outcome, scan: _Scan) -> None:
    """The last gate: whatever path a value took, it must not reach a reader. The record pages were read as they
    were poured; every other file is read here."""
    give_back_memory()  # what the index left free: each worker forks that much smaller
    leaks = scan.problems + scan_site(out, outcome.tree, outcome.catalog, scan.job.shown_as, scanned=scan.pages,
                                      job=scan.job)
    if leaks:
        raise _Stopped([f"发布前检查在生成的网站中发现 {len(leaks)} 处个人信息，网站保持原样未作改动。"], leaks)


def _swap_in(out: Path, site_dir: Path, work: Path, base_url: str) -> None:
    """The theme's assets made local and compressed, then the new site in site/'s place at once."""
    # source maps: the engine's were dropped after it ran; only the search bundles were written beside its pages since
    engine.localise_theme_assets(out, base_url, maps=[out / BUNDLE, out / RECORD_INDEX])
    precompress(out)  # after the assets' last change
    swap(out, site_dir, work / workdirs.PREVIOUS)


def _base_url(view: PublicView) -> str:
    assert view.site is not None  # validation refuses a tree without data/site.yml
    return view.site.site.base_url


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's; not on musl, macOS or Windows
    except (OSError, TypeError):
        return None


_TRIM = _malloc_trim()


def give_back_memory() -> None:
    """Hand the heap's free pages back to the system. The C allocator keeps what Python frees (rendering frees
    hundreds of MB of pages and rows at a province's scale) for reuse, and a forked worker starts with this
    process's resident memory: trimmed, every worker and this process stay that much smaller."""
    if _TRIM is not None:
        _TRIM(0)


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
