"""Render stage: the site's own pages (home, search, changes, reports, downloads, guide) and the record page shells.

Each dataset's list and record pages are its family's, under generator/datasets/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from ..model import CatalogLike, Registry, View
from ..privacy.attachments import ALLOWED_TEXT
from ..problems import ERROR
from ..rules import figuretext
from ..rules.figures import AS_OF, STOCK, TOTAL, show
from ..schema.reports import DEADLINES, GOVINFO_REPORT, LAW_REPORT, Report
from ..schema.site import SiteConfig
from . import govinfo
from .changes import CHANGES_LIMIT, change_rows
from .changes import TYPES as CHANGE_TYPES
from .recordindex import FOLDER as RECORD_INDEX
from .templates import ENV as _ENV
from .templates import SHELL_BODY, SHELL_PUBDATE, SHELL_ROBOTS, SHELL_TITLE, light, meta, page_md, shell_name

#: Pagefind's bundle folder under the site (publish/search.py writes it after the engine runs).
BUNDLE = "pagefind"


def record_shells(columns: dict[str, str]) -> Iterator[tuple[str, str]]:
    """One Markdown page per (section, searchable) for the site engine to dress; records are poured into it.

    `columns`: the sections that have record pages, with the government ColumnName of their pages.
    """
    for section, column in columns.items():
        for searchable in (True, False):
            front: dict[str, Any] = {"title": SHELL_TITLE, "column": column, "pubdate": SHELL_PUBDATE,
                                     "robots": SHELL_ROBOTS, "hide": ["navigation"], **light()}
            if not searchable:
                front["search_exclude"] = True
            text = _ENV.get_template("pages/_base.md.j2").render(front=front)
            yield f"{section}/{shell_name(searchable)}.md", f"{text}\n<div class=\"tp-record\">{SHELL_BODY}</div>\n"


def report_pages(view: View) -> Iterator[tuple[str, str]]:
    reports = sorted(view.catalog.reports, key=lambda r: (r.year, r.kind), reverse=True)
    kinds = [(kind, [r for r in reports if r.kind == kind]) for kind in DEADLINES]
    yield "reports/index.md", page_md("reports", meta("年度报告", title="年度报告"), reports=reports,
                                      kinds=[(kind, listed) for kind, listed in kinds if listed],
                                      deadlines={k: f"次年 {m} 月 {d} 日" for k, (m, d) in DEADLINES.items()},
                                      law=LAW_REPORT)
    for report in reports:
        groups, values = report_figures(view.catalog, report)
        if report.kind == GOVINFO_REPORT:
            yield f"reports/{report.slug}.md", govinfo.report_page(view, report, values)
            continue
        yield f"reports/{report.slug}.md", page_md(
            "report", meta("年度报告", report.published_on, title=report.title), report=report, groups=groups,
            body=figuretext.fill(report.body, values, view.catalog.registry.figures),
            untold=[r for g in groups for r in g["rows"] if r["untold"]],
            example=next((r for g in groups for r in g["rows"] if not r["untold"]), None))


def report_figures(catalog: CatalogLike, report: Any) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The report page's figures, grouped by the day or period they are taken on, and their values by key."""
    year, figures = report.year, catalog.registry.figures
    filled = {p.figure.key for p in figuretext.placeholders(report.body, figures) if p.figure}
    written = {m.figure.key for m in figuretext.mentions(report.body, figures)}
    groups: dict[str, dict[str, Any]] = {}
    values: dict[str, str] = {}
    for figure in (f for f in figures if f.applies(catalog)):
        untold = figure.untold(catalog, year)
        value = None if untold else show(figure.compute(catalog, year))
        if value is not None:
            values[figure.key] = value
        source = ("filled" if figure.key in filled else "written" if figure.key in written
                  else "stated" if figure.key in report.figures else None)
        heading = figure.as_of(year) if figure.kind != TOTAL else AS_OF[STOCK].format(y=year)
        groups.setdefault(heading, {"heading": heading, "rows": []})["rows"].append({
            "label": figure.label, "value": value, "unit": figure.unit, "untold": untold, "source": source,
            "means": figure.meaning(year), "term": figure.terms[0] if figure.terms else figure.label})
    return list(groups.values()), values


def home_page(view: View, cards: list[dict[str, Any]], latest: list[dict[str, Any]],
              finder: dict[str, Any] | None = None) -> str:
    """`finder`: the institution browse links and near-name words (None when the bureau publishes no list)."""
    return page_md("home", meta("首页", title="首页", hide=["navigation", "toc"], **light()), site=view.site,
                   cards=cards, latest=latest, finder=finder)


def downloads_page(view: View, downloads: list[dict[str, Any]]) -> str:
    return page_md("downloads", meta("数据下载", title="数据下载"), downloads=downloads, site=view.site,
                   today=view.today)


def changes_pages(view: View) -> Iterator[tuple[str, str]]:
    """/changes/ (every change) and one page per type of change, each linking to the others."""
    for kind, word in CHANGE_TYPES:
        title = "更新记录" if not kind else f"更新记录：{word}"
        rows = change_rows(view, view.histories, kind)
        yield f"changes/{kind + '/' if kind else ''}index.md", page_md(
            "changes", meta("更新记录", title=title), rows=rows, limit=CHANGES_LIMIT, kind=kind, word=word,
            types=CHANGE_TYPES, root="../../" if kind else "../", has_history=any(view.histories.values()))


def search_page(finder: dict[str, Any] | None = None) -> str:
    return page_md("search", meta("站内搜索", title="站内搜索", hide=["toc"]), bundle=BUNDLE, index=RECORD_INDEX,
                   finder=finder)


def guide_page(registry: Registry) -> str:
    """The staff guide: site.yml, every dataset of the registry (its fields from the model), the reports' front
    matter, every problem code, the attachments allowed and the report figures."""
    sections = [_guide_section("site", "网站与主办单位", "data/site.yml", "主办单位、网站名称、备案号和公示政策。",
                               SiteConfig)]
    sections += [_guide_section(ds.name, ds.title, ds.path, ds.description, ds.model,
                                ds.guide_notes() if ds.guide_notes else "") for ds in registry.datasets]
    sections.append(_guide_section("reports", "年度报告", "content/reports/年份.md",
                                   "Markdown 文件开头 --- 之间的文首信息；正文写在其后。", Report))
    # errors first, each in declaration order
    ordered = sorted(registry.codes.values(), key=lambda c: c.severity != ERROR)
    rows = [(c.code, c.severity, c.means, c.fix) for c in ordered]
    figures = [{"key": f.key, "label": f.label, "as_of": f.as_of("当"), "unit": f.unit, "means": f.meaning("当"),
                "names": "、".join(n for n in figuretext.names(f) if n not in (f.key, f.label))}
               for f in registry.figures]
    return page_md("guide", meta("数据填报说明", title="数据填报说明"), sections=sections, codes=rows,
                   attachment_types=ALLOWED_TEXT, figures=figures, govinfo=govinfo.guide_rows())


def _guide_section(anchor: str, title: str, path: str, description: str, model: Any,
                   notes: str = "") -> dict[str, Any]:
    fields = []
    for name, info in model.model_fields.items():
        if info.exclude:
            continue
        nested = getattr(info.annotation, "model_fields", None)
        doc = info.description or ""
        if nested:
            doc += " 包括：" + "；".join(f"{n}（{i.title}）" for n, i in nested.items())
        fields.append({"name": name, "title": info.title or name, "doc": doc,
                       "required": "必填" if info.is_required() else "选填"})
    return {"anchor": anchor.replace("_", "-"), "title": title, "path": path, "description": description,
            "fields": fields, "notes": Markup(notes)}
