"""Page rendering: the public view -> Markdown pages (front matter + escaped HTML) for the site engine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..datasets.decisions import kind as decision_kind
from ..figures import FIGURES
from ..history import EFFECTS
from ..problems import CODES
from ..publicity import EXPIRED, PUBLIC, REPAIRED, WITHDRAWN
from ..recordindex import FOLDER as RECORD_INDEX
from ..recordindex import Entry
from ..search import BUNDLE
from .posters import has_poster, page_address, qr_svg
from .revisions import CHANGES_LIMIT, change_rows, revisions_of
from .views import PublicView

# auto_reload off: templates do not change during a build, and checking their files costs a stat per page.
_ENV = Environment(loader=PackageLoader("generator", "templates"), autoescape=True, trim_blocks=True,
                   lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined, auto_reload=False)
_ENV.filters["qr_svg"] = qr_svg
_ENV.globals["has_poster"] = has_poster
_ENV.globals["page_address"] = page_address

SHELL_TITLE, SHELL_PUBDATE, SHELL_ROBOTS, SHELL_BODY = "TPSHELLTITLE", "TPSHELLPUBDATE", "TPSHELLROBOTS", "TPSHELLBODY"


@dataclass(frozen=True)
class RecordPage:
    """A record's page, rendered straight into the theme's page shell instead of going through Markdown."""

    url: str
    """Folder URL under the site root, e.g. institutions/fc-0001/."""
    title: str
    """Plain-text title (escaped when poured into the shell)."""
    body: str
    """Escaped HTML of the page content below the title (its ColumnName is its section's, set in the shell)."""
    pubdate: date | None = None
    indexable: bool = True
    """Whether crawlers may index it and sitemap.xml lists it."""
    entry: Entry | None = None
    """How site search finds and shows it (None: not searchable)."""
    shell: str = ""
    """Section whose page shell dresses it, when not the first part of its URL."""

    @property
    def searchable(self) -> bool:
        """Whether site search finds it (notices of withdrawn or expired decisions: no)."""
        return self.entry is not None

    @property
    def section(self) -> str:
        return self.url.split("/", 1)[0]

    @property
    def shell_section(self) -> str:
        return self.shell or self.section


def shell_name(searchable: bool) -> str:
    return "_shell" if searchable else "_shell-hidden"


def _record(template: str, **context: Any) -> str:
    return _ENV.get_template(f"records/{template}.html.j2").render(**context)


def safe_title(text: str) -> str:
    """Titles pass through theme templates unescaped: markup characters become their full-width forms."""
    return text.replace("&", "＆").replace("<", "＜").replace(">", "＞")


def _page(template: str, front: dict[str, Any], **context: Any) -> str:
    front = {**front, "title": safe_title(str(front["title"]))}
    return _ENV.get_template(f"pages/{template}.md.j2").render(front=front, **context)


def _root(url: str) -> str:
    """Relative prefix from a page at `url` (e.g. 'institutions/x/') back to the site root."""
    return "../" * url.count("/")


def _meta(column: str, pubdate: date | None = None, **extra: Any) -> dict[str, Any]:
    front: dict[str, Any] = {"column": column, **extra}
    if pubdate:
        front["pubdate"] = pubdate.isoformat()
    return front


def _display(view: PublicView, decision: Any, field: str) -> str | None:
    value = getattr(decision, field)
    if field == "party_name":
        return view.party_name(decision)
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return f"{value:,.2f} 元"
    if isinstance(value, list):
        return "、".join(value)
    return str(value)


def decision_pages(view: PublicView, kind: str) -> Iterator[RecordPage]:
    declared = decision_kind(kind)
    label, model, rows = declared.label, declared.dataset.model, declared.fields
    for d in view.decisions(kind):
        root = _root(d.url)
        if d.state == PUBLIC:
            shown = [(model.label_of(f), v) for f in rows if (v := _display(view, d.record, f)) is not None]
            shown.append(("决定机关", view.site.bureau.name))  # type: ignore[union-attr]
            shown.append(("决定机关统一社会信用代码", view.site.bureau.uscc))  # type: ignore[union-attr]
            institution = view.institutions_by_id.get(d.record.institution_id or "")
            body = _record("decision", view=d, rows=shown, kind_label=label, root=root, institution=institution,
                           matter=view.catalog.matters_by_code.get(d.record.matter_code),
                           revisions=revisions_of(view.histories, kind, d.record.decision_no))
            yield RecordPage(d.url, d.record.decision_no, body, d.record.published_on,
                             entry=_decision_entry(view, d))
        elif d.state == WITHDRAWN:
            body = _record("withdrawn", view=d, kind_label=label, root=root, ending=view.ending(d))
            yield RecordPage(d.url, d.record.decision_no, body)
        elif d.state in {EXPIRED, REPAIRED}:
            body = _record("gone", kind=kind, kind_label=label, root=root)
            yield RecordPage(d.url, "公示期已满", body, indexable=False)


def decision_list(view: PublicView, kind: str) -> str:
    listed = [d for d in view.decisions(kind) if d.listed]
    withdrawn = [d for d in view.decisions(kind) if d.state == WITHDRAWN]
    years = sorted({d.record.decision_date.year for d in listed}, reverse=True)
    declared = decision_kind(kind)
    label = declared.label
    return _page("decisions", _meta(f"{label}公示", title=f"{label}决定"), views=listed,
                 withdrawn=[(d, view.ending(d)) for d in withdrawn],
                 years=years, kind=declared, kind_label=label, intro=declared.intro, today=view.today, root="../")


def institution_pages(view: PublicView) -> Iterator[RecordPage]:
    """In lookup order (blacklist first): the order search results come in."""
    for inst in _lookup_order(view):
        latest = inst.timeline[-1][0].date if inst.timeline else None
        body = _record("institution", view=inst, site=view.site, root="../../", public=view,
                       revisions=revisions_of(view.histories, "institutions", inst.record.id))
        yield RecordPage(inst.url, inst.record.name, body, latest,
                         entry=institution_entry(inst))


#: Order of the lists on the lookup page and in search results: what a parent must not miss comes first.
LIST_ORDER = {"黑名单": 0, "白名单": 1, "未列入": 2}


def institution_entry(inst: Any) -> Entry:
    """Found by name, credit code, licence number or address; shown as a lookup table row (the browser writes
    the search result's line from the same cells)."""
    r, s = inst.record, inst.state
    return Entry(r.name, s.listed, "", texts=(r.uscc or "", r.school_license_no or "", r.address or ""),
                 facets=(s.listed, s.category), cells=(inst.verdict_note, inst.status, inst.category, r.uscc or "未登记"))


def _decision_entry(view: PublicView, d: Any) -> Entry:
    r, declared = d.record, d.declared
    matter = view.catalog.matters_by_code.get(r.matter_code)
    what = getattr(r, declared.what_field)
    texts = tuple(_text(getattr(r, f)) for f in declared.search_fields)
    line = " · ".join(p for p in (d.party, f"决定日期 {r.decision_date}", what) if p)
    return Entry(r.decision_no, declared.label, line,
                 texts=tuple(t or "" for t in (d.party, r.party_uscc, *texts, matter.name if matter else None)))


def _text(value: Any) -> str | None:
    """A field as search text: lists joined the way the site shows them."""
    return "、".join(value) if isinstance(value, list) else value


def record_shells(columns: dict[str, str]) -> Iterator[tuple[str, str]]:
    """One Markdown page per (section, searchable) for the site engine to dress; records are poured into it.

    `columns`: the sections that have record pages, with the government ColumnName of their pages.
    """
    for section, column in columns.items():
        for searchable in (True, False):
            front: dict[str, Any] = {"title": SHELL_TITLE, "column": column, "pubdate": SHELL_PUBDATE,
                                     "robots": SHELL_ROBOTS, "hide": ["navigation"]}
            if not searchable:
                front["search_exclude"] = True
            text = _ENV.get_template("pages/_base.md.j2").render(front=front)
            yield f"{section}/{shell_name(searchable)}.md", f"{text}\n<div class=\"tp-record\">{SHELL_BODY}</div>\n"


#: Above this many institutions the lookup page stops carrying the whole table (about 0.5 KB a row) and looks
#: names up in the record index instead; the full list is then browsed in pages of BROWSE_PAGE rows.
LOOKUP_TABLE_LIMIT = 2000
BROWSE_PAGE = 500
BROWSE_FOLDER = "institutions-list"


def _lookup_order(view: PublicView) -> list[Any]:
    return sorted(view.institutions, key=lambda v: (LIST_ORDER[v.state.listed], v.record.id))


def _browse_parts(views: list[Any]) -> list[list[Any]]:
    if len(views) <= LOOKUP_TABLE_LIMIT:
        return []
    return [views[n:n + BROWSE_PAGE] for n in range(0, len(views), BROWSE_PAGE)]


def lookup_page(view: PublicView) -> str:
    views = _lookup_order(view)
    totals = {name: sum(v.state.listed == name for v in views) for name in LIST_ORDER}
    parts = _browse_parts(views)
    browse = [{"url": f"../{BROWSE_FOLDER}/{n}/", "first": p[0].record.name, "last": p[-1].record.name,
               "lists": "、".join(dict.fromkeys(v.state.listed for v in p))} for n, p in enumerate(parts, 1)]
    return _page("lookup", _meta("校外培训机构查询", title="校外培训机构查询", hide=["toc"]),
                 views=[] if parts else views, total=len(views), totals=totals, today=view.today, browse=browse,
                 index=f"../{RECORD_INDEX}/", site=view.site)


def browse_pages(view: PublicView) -> Iterator[RecordPage]:
    """The full institution list in pages, for a large lookup page (readable without JavaScript)."""
    parts = _browse_parts(_lookup_order(view))
    for n, part in enumerate(parts, 1):
        title = f"校外培训机构名单（第 {n} 页，共 {len(parts)} 页）"
        body = _record("browse", views=part, number=n, count=len(parts), today=view.today, title=title,
                       first=(n - 1) * BROWSE_PAGE + 1)
        yield RecordPage(f"{BROWSE_FOLDER}/{n}/", title, body, view.today, shell="institutions")


def matters_page(view: PublicView) -> str:
    from ..schema.matters import CATEGORIES

    groups = [(c, [m for m in view.catalog.matters if m.category == c]) for c in CATEGORIES]
    groups = [(c, items) for c, items in groups if items]
    anchors = {c: f"category-{i + 1}" for i, c in enumerate(CATEGORIES)}
    return _page("matters", _meta("行政执法事项清单", title="行政执法事项清单"), groups=groups, anchors=anchors,
                 total=len(view.catalog.matters), site=view.site)


def officers_page(view: PublicView) -> str:
    officers = sorted(view.officers_on_duty.values(), key=lambda o: o.cert_no)
    return _page("officers", _meta("执法人员", title="执法人员名单"), officers=officers, site=view.site,
                 today=view.today)


def report_pages(view: PublicView) -> Iterator[tuple[str, str]]:
    reports = sorted(view.catalog.reports, key=lambda r: (r.year, r.kind), reverse=True)
    yield "reports/index.md", _page("reports", _meta("年度报告", title="年度报告"), reports=reports)
    for report in reports:
        rows = []
        for figure in FIGURES:
            value = figure.compute(view.catalog, report.year)
            stated = report.figures.get(figure.key)
            rows.append({"label": figure.label, "value": f"{value:,f}", "unit": figure.unit, "stated": stated,
                         "matches": stated is not None and Decimal(stated.replace(",", "")) == value})
        yield f"reports/{report.year}.md", _page(
            "report", _meta("年度报告", report.published_on, title=report.title), report=report, figures=rows)


def home_page(view: PublicView, cards: list[dict[str, Any]], latest: list[dict[str, Any]]) -> str:
    return _page("home", _meta("首页", title="首页", hide=["navigation", "toc"]), site=view.site, cards=cards,
                 latest=latest, counts={"institutions": len(view.institutions)})


def downloads_page(view: PublicView, downloads: list[dict[str, Any]]) -> str:
    return _page("downloads", _meta("数据下载", title="数据下载"), downloads=downloads, site=view.site,
                 today=view.today)


def changes_page(view: PublicView) -> str:
    return _page("changes", _meta("更新记录", title="更新记录"), rows=change_rows(view, view.histories),
                 limit=CHANGES_LIMIT, has_history=any(view.histories.values()))


def search_page() -> str:
    return _page("search", _meta("站内搜索", title="站内搜索", hide=["toc"]), bundle=BUNDLE, index=RECORD_INDEX)


def guide_page() -> str:
    from ..datasets import DATASETS
    from ..schema.reports import Report
    from ..schema.site import SiteConfig

    sections = [_guide_section("site", "网站与主办单位", "data/site.yml", "主办单位、网站名称、备案号和公示政策。",
                               SiteConfig)]
    sections += [_guide_section(ds.name, ds.title, ds.path, ds.description, ds.model) for ds in DATASETS]
    sections.append(_guide_section("reports", "年度报告", "content/reports/年份.md",
                                   "Markdown 文件开头 --- 之间的文首信息；正文写在其后。", Report))
    codes = [(code, severity, meaning) for code, (severity, meaning) in CODES.items()]
    return _page("guide", _meta("数据填报说明", title="数据填报说明"), sections=sections, codes=codes,
                 effects=EFFECTS)


def _guide_section(anchor: str, title: str, path: str, description: str, model: Any) -> dict[str, Any]:
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
            "fields": fields}
