"""Everything the site engine gets: pages, downloads, feed and staff content, as one mapping of files."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Publication, Registry, View
from ..problems import Problem, Where, problem
from ..read.files import Tree, content_files
from . import govinfo, pages
from .downloads import write_downloads
from .feed import feed_entries, render_feed
from .forked import Forked
from .gone import gone_numbers
from .jsonschemas import schema_files
from .pages import BUNDLE
from .recordindex import FOLDER as RECORD_INDEX
from .templates import RecordPage

#: Navigation groups of the pages that are no dataset's (the annual reports sit with the rule-of-law pages).
REPORTS_GROUP = "法治建设"

NavItem = tuple[str, str, str]
"""A page in the navigation: (title, path of its Markdown file, group; "" for a tab of its own)."""


def nav(registry: Registry) -> tuple[NavItem, ...]:
    """Navigation: the home and search pages, each dataset's list page (in the order of its home card), the rest."""
    return (
        ("首页", "index.md", ""),
        ("搜索", "search/index.md", ""),
        *((p.nav, f"{p.page}index.md", p.group) for p in registry.with_pages),
        ("年度报告", "reports/index.md", REPORTS_GROUP),
        ("信息公开", f"{govinfo.SECTION}index.md", ""),  # the 政府信息公开指南: a column of its own, as on every
        ("数据下载", "data/index.md", ""),               # government site
        ("更新记录", "changes/index.md", ""),
        ("关于本站", "about.md", ""),
        # Not the staff guide (guide/index.md): no tab for citizens; /data/ and every page's footer link to it.
    )


def nav_tree(items: tuple[NavItem, ...], present: Collection[str]) -> list[dict[str, Any]]:
    """The site engine's nav: one entry per page present, the pages of a group together under its title, at the
    place of the group's first page (a group none of whose pages is present is left out)."""
    tree: list[dict[str, Any]] = []
    groups: dict[str, list[dict[str, str]]] = {}
    for title, path, group in items:
        if path not in present:
            continue
        if not group:
            tree.append({title: path})
        elif group in groups:
            groups[group].append({title: path})
        else:
            groups[group] = [{title: path}]
            tree.append({group: groups[group]})
    return tree


def not_in_nav(registry: Registry) -> str:
    """Record pages are reached from the list pages and sitemap.xml, never from the navigation (it would grow with
    every record on every page): the site engine is told so for each section's page shells, and the reports."""
    return "".join(f"/{p.page}_shell*.md\n" for p in registry.publications if p.record_pages and p.page) + \
        "/reports/*.md\n/changes/*/index.md\n"


@dataclass(frozen=True)
class Rendered:
    files: dict[str, bytes | str]
    """Pages and files for the site engine, by path under its docs folder (but the downloads: `written`)."""
    nav: list[dict[str, Any]]
    view: View
    shells: tuple[str, ...]
    """Paths of the page shells among `files`."""
    written: tuple[str, ...] = ()
    """Paths of the files written into the docs folder already (the downloads, written as they were made)."""
    clashes: tuple[Problem, ...] = ()
    """Files under content/ that would replace a generated page or download (the build refuses them)."""

    def records(self) -> Iterator[RecordPage]:
        """One page per record, rendered lazily (memory stays flat) and poured into the shells."""
        for publication in self.view.catalog.registry.published(self.view.catalog):
            if publication.record_pages:
                yield from publication.record_pages(self.view)


def render_site(view: View, staff: Tree, git_dates: dict[str, str], docs: Path, apart: bool = False) -> Rendered:
    """Every page and file of the site for the engine: the downloads written into its docs folder `docs` as they are
    made, the rest in memory. `apart`: the downloads are made by a forked process meanwhile (the caller knows the
    process may fork), the same files, and the pages that tell of them made once they are written."""
    downloads = Forked(write_downloads, view, docs) if apart else None
    registry: Registry = view.catalog.registry
    kept = registry.published(view.catalog)
    try:
        files, shells, finder = _pages(view, kept)
    finally:  # the copy waited for whatever happens here: it never writes into a folder the build has removed
        found = downloads.result() if downloads is not None else None
    written, summary = found if found is not None else write_downloads(view, docs)  # (again, should the fork fail)
    files["data/index.md"] = pages.downloads_page(view, summary)
    files["guide/index.md"] = pages.guide_page(registry)
    files.update(schema_files(registry))  # JSON Schemas of the YAML files, for editors
    files["feed.xml"] = render_feed(view)
    files["index.md"] = pages.home_page(view, _cards(view, summary, git_dates), _latest(view), finder)
    later = _later(kept)
    made = {*files, *written}
    staff_files = content_files(staff)
    clashes = tuple(_clash(rel) for rel in staff_files if _generated(rel, made, later))
    files.update({rel: content for rel, content in staff_files.items() if not _generated(rel, made, later)})
    shown = nav_tree(nav(registry), files.keys())
    return Rendered(files, shown, view, tuple(shells), written, clashes)


def _pages(view: View, kept: list[Publication]) -> tuple[dict[str, bytes | str], dict[str, str], Any]:
    """The pages that do not tell of the downloads: (files, the record pages' shells among them, the lookup)."""
    registry: Registry = view.catalog.registry
    columns = {p.page.rstrip("/"): p.column for p in kept if p.record_pages and p.page}
    shells = dict(pages.record_shells(columns))
    files: dict[str, bytes | str] = dict(shells)
    for publication in registry.with_pages:
        if publication in kept:
            files[f"{publication.page}index.md"] = publication.list_page(view)  # type: ignore[misc]
    for publication in kept:
        if publication.files:
            files.update(publication.files(view))
    finder = next((p.finder(view) for p in kept if p.finder), None)
    files["search/index.md"] = pages.search_page(finder)
    files.update(gone_numbers(view))
    files.update(pages.changes_pages(view))
    files.update(pages.report_pages(view))
    files.update(govinfo.files(view))  # the 政府信息公开指南 and its application form
    return files, shells, finder


def _later(kept: list[Publication]) -> tuple[str, ...]:
    """Written after the engine, beside its pages: the record pages' sections, search and the sitemap."""
    return (*(f"{p.page}" for p in kept if p.record_pages and p.page), f"{RECORD_INDEX}/", f"{BUNDLE}/",
            "sitemap.xml", "sitemap.xml.gz", "404.html")


def _generated(rel: str, made: Collection[str], later: tuple[str, ...]) -> bool:
    """Whether a staff file would replace (or sit inside the folder of) something the generator writes.

    A page x.md and x/index.md are the same URL; a folder holding generated files (data/, penalties/) is the
    generator's, whatever the name inside it.
    """
    stem = rel.removesuffix(".md").removesuffix("/index")
    same_page = {f"{stem}.md", f"{stem}/index.md"} if rel.endswith(".md") else {rel}
    folders = {name.split("/", 1)[0] + "/" for name in made if "/" in name}
    return not same_page.isdisjoint(made) or rel.startswith((*later, *folders)) or rel in later


def _clash(rel: str) -> Problem:
    return problem("generated-path", Where(f"content/{rel}"), rel,
                   f"content/{rel} 与网站自动生成的页面或下载文件同名（或在其文件夹中），会替换掉它："
                   "请改名或移到其他文件夹")


def _cards(view: View, summary: list[dict[str, Any]], git_dates: dict[str, str]) -> list[dict[str, Any]]:
    counts = {row["name"]: row["count"] for row in summary}
    cards = []
    registry = view.catalog.registry
    for pub in sorted((p for p in registry.published(view.catalog) if p.page), key=lambda p: p.card):
        ds = registry.by_name[pub.dataset]
        updated = (pub.last_change(view) if pub.last_change else None) or git_dates.get(ds.path)
        count = pub.count(view) if pub.count else counts[pub.dataset]
        cards.append({"title": ds.title, "url": pub.page, "count": count, "unit": pub.unit,
                      "duty": pub.duty, "updated": updated})
    reports = sorted(view.catalog.reports, key=lambda r: r.published_on)
    cards.append({"title": "年度报告", "url": "reports/", "count": len(reports), "unit": "份",
                  "duty": "政务公开 · 法治政府建设", "updated": reports[-1].published_on if reports else None})
    return cards


def _latest(view: View) -> list[dict[str, Any]]:
    return [{"date": e["date"], "date_label": e.get("date_label", "公示日期"), "kind": e["title"].split("：", 1)[0],
             "title": e["title"].split("：", 1)[-1], "url": e["url"]} for e in feed_entries(view)[:8]]
