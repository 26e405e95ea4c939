"""Everything the site engine gets: pages, downloads, feed and staff content, as one mapping of files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..datasets import BY_NAME
from ..sources import content_files
from . import pages
from .downloads import render_downloads
from .feed import feed_entries, render_feed
from .publications import PUBLICATIONS
from .views import PublicView

NAV = (
    ("首页", "index.md"),
    ("搜索", "search/index.md"),
    ("机构查询", "institutions/index.md"),
    ("行政处罚", "penalties/index.md"),
    ("行政许可", "licenses/index.md"),
    ("执法事项", "matters/index.md"),
    ("执法人员", "officers/index.md"),
    ("年度报告", "reports/index.md"),
    ("数据下载", "data/index.md"),
    ("更新记录", "changes/index.md"),
    ("关于本站", "about.md"),
    ("填报说明", "guide/index.md"),
)


@dataclass(frozen=True)
class Rendered:
    files: dict[str, bytes | str]
    """Pages and files for the site engine, by path under its docs folder."""
    nav: list[dict[str, str]]
    view: PublicView
    shells: tuple[str, ...]
    """Paths of the page shells among `files`."""

    def records(self) -> Iterator[pages.RecordPage]:
        """One page per record, rendered lazily (memory stays flat) and poured into the shells."""
        yield from pages.institution_pages(self.view)
        for kind in ("penalties", "licenses"):
            yield from pages.decision_pages(self.view, kind)
        yield from pages.browse_pages(self.view)


def render_site(view: PublicView, root: Path, git_dates: dict[str, str]) -> Rendered:
    shells = dict(pages.record_shells())
    files: dict[str, bytes | str] = dict(shells)
    for kind in ("penalties", "licenses"):
        files[f"{kind}/index.md"] = pages.decision_list(view, kind)
    files["institutions/index.md"] = pages.lookup_page(view)
    files["search/index.md"] = pages.search_page()
    files["changes/index.md"] = pages.changes_page(view)
    files["matters/index.md"] = pages.matters_page(view)
    files["officers/index.md"] = pages.officers_page(view)
    files.update(pages.report_pages(view))
    downloads, summary = render_downloads(view)
    files.update(downloads)
    files["data/index.md"] = pages.downloads_page(view, summary)
    files["guide/index.md"] = pages.guide_page()
    files["feed.xml"] = render_feed(view)
    files.update(content_files(root))
    files["index.md"] = pages.home_page(view, _cards(view, summary, git_dates), _latest(view))
    nav = [{title: path} for title, path in NAV if path in files]
    return Rendered(files, nav, view, tuple(shells))


def _cards(view: PublicView, summary: list[dict[str, Any]], git_dates: dict[str, str]) -> list[dict[str, Any]]:
    counts = {row["name"]: row["count"] for row in summary}
    cards = []
    for pub in sorted((p for p in PUBLICATIONS.values() if p.page), key=lambda p: p.card):
        ds = BY_NAME[pub.dataset]
        updated = (pub.last_change(view) if pub.last_change else None) or git_dates.get(ds.path)
        cards.append({"title": ds.title, "url": pub.page, "count": counts[pub.dataset], "unit": pub.unit,
                      "duty": pub.duty, "updated": updated})
    reports = sorted(view.catalog.reports, key=lambda r: r.published_on)
    cards.append({"title": "年度报告", "url": "reports/", "count": len(reports), "unit": "份",
                  "duty": "政务公开 · 法治政府建设", "updated": reports[-1].published_on if reports else None})
    return cards


def _latest(view: PublicView) -> list[dict[str, Any]]:
    return [{"date": e["date"], "kind": e["title"].split("：", 1)[0], "title": e["title"].split("：", 1)[-1],
             "url": e["url"]} for e in feed_entries(view)[:8]]
