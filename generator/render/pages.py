"""Page rendering: the public view -> Markdown pages (front matter + escaped HTML) for the site engine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..datasets import BY_NAME
from ..figures import FIGURES
from ..problems import CODES
from ..publicity import EXPIRED, PUBLIC, REPAIRED, WITHDRAWN
from .revisions import CHANGES_LIMIT, change_rows, revisions_of
from .views import DECISION_KINDS, PublicView

_ENV = Environment(loader=PackageLoader("generator", "templates"), autoescape=True, trim_blocks=True,
                   lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined)

#: Field order of the national 双公示 standard, with the value shown for each (None: leave the row out).
PENALTY_ROWS = ("decision_no", "party_name", "party_category", "party_uscc", "legal_rep_name", "violation_type",
                "violation_facts", "legal_basis", "penalty_types", "penalty_content", "fine_yuan",
                "confiscated_yuan", "license_affected", "procedure", "severity", "decision_date", "valid_until",
                "published_on", "remarks")
LICENSE_ROWS = ("decision_no", "doc_name", "party_name", "party_category", "party_uscc", "legal_rep_name",
                "license_category", "certificate_name", "license_no", "content", "decision_date", "valid_from",
                "valid_to", "published_on", "remarks")
DUTIES = {
    "institutions": "校外培训监管 · 政务公开",
    "penalties": "双公示 · 行政处罚",
    "licenses": "双公示 · 行政许可",
    "enforcement_matters": "行政执法公示 · 事前公开",
    "enforcement_officers": "行政执法公示 · 执法主体",
}
INTROS = {
    "penalties": "依据行政处罚信息“双公示”制度，作出行政处罚决定后 7 个工作日内在此公示；公示期满（轻微 3 个月、一般 1 年、"
                 "严重 3 年）或完成信用修复后撤下。",
    "licenses": "依据行政许可信息“双公示”制度，作出行政许可决定后 7 个工作日内在此公示；许可有效期届满后撤下。",
}


SHELL_TITLE, SHELL_PUBDATE, SHELL_ROBOTS, SHELL_BODY = "TPSHELLTITLE", "TPSHELLPUBDATE", "TPSHELLROBOTS", "TPSHELLBODY"


@dataclass(frozen=True)
class RecordPage:
    """A record's page, rendered straight into the theme's page shell instead of going through Markdown."""

    url: str
    """Folder URL under the site root, e.g. institutions/fc-0001/."""
    title: str
    """Plain-text title (escaped when poured into the shell)."""
    body: str
    """Escaped HTML of the page content below the title."""
    column: str
    """Government metadata ColumnName."""
    pubdate: date | None = None
    searchable: bool = True
    """Whether site search indexes it (notices of withdrawn or expired decisions are not)."""
    indexable: bool = True
    """Whether crawlers may index it and sitemap.xml lists it."""
    summary: str = ""
    """Plain text the site search indexes for it: the words a visitor would look it up by."""

    @property
    def section(self) -> str:
        return self.url.split("/", 1)[0]


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
    label = DECISION_KINDS[kind]
    model = BY_NAME[kind].model
    rows = PENALTY_ROWS if kind == "penalties" else LICENSE_ROWS
    column = f"{label}公示"
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
            yield RecordPage(d.url, d.record.decision_no, body, column, d.record.published_on,
                             summary=_decision_summary(view, d))
        elif d.state == WITHDRAWN:
            body = _record("withdrawn", view=d, kind_label=label, root=root)
            yield RecordPage(d.url, d.record.decision_no, body, column, searchable=False)
        elif d.state in {EXPIRED, REPAIRED}:
            body = _record("gone", kind=kind, kind_label=label, root=root)
            yield RecordPage(d.url, "公示期已满", body, column, searchable=False, indexable=False)


def decision_list(view: PublicView, kind: str) -> str:
    listed = [d for d in view.decisions(kind) if d.listed]
    withdrawn = [d for d in view.decisions(kind) if d.state == WITHDRAWN]
    years = sorted({d.record.decision_date.year for d in listed}, reverse=True)
    label = DECISION_KINDS[kind]
    return _page("decisions", _meta(f"{label}公示", title=f"{label}决定"), views=listed, withdrawn=withdrawn,
                 years=years, kind=kind, kind_label=label, intro=INTROS[kind], today=view.today, root="../")


def institution_pages(view: PublicView) -> Iterator[RecordPage]:
    for inst in view.institutions:
        latest = inst.timeline[-1][0].date if inst.timeline else None
        body = _record("institution", view=inst, site=view.site, root="../../", public=view,
                       revisions=revisions_of(view.histories, "institutions", inst.record.id))
        yield RecordPage(inst.url, inst.record.name, body, "校外培训机构查询", latest,
                         summary=_institution_summary(inst))


def _institution_summary(inst: Any) -> str:
    r, s = inst.record, inst.state
    parts = [s.listed, s.listed_reason, s.status, r.uscc, r.school_license_no, r.training_type, r.subcategory,
             r.competent_dept, r.registration_type, r.address]
    return " ".join(p for p in parts if p)


def _decision_summary(view: PublicView, d: Any) -> str:
    r = d.record
    matter = view.catalog.matters_by_code.get(r.matter_code)
    if d.kind == "penalties":
        parts = [d.party, r.party_uscc, r.violation_type, "、".join(r.penalty_types), r.violation_facts,
                 r.penalty_content]
    else:
        parts = [d.party, r.party_uscc, r.doc_name, r.certificate_name, r.license_no, r.content]
    return " ".join(p for p in [*parts, matter.name if matter else None, str(r.decision_date)] if p)


def record_shells() -> Iterator[tuple[str, str]]:
    """One Markdown page per (section, searchable) for the site engine to dress; records are poured into it."""
    columns = {"institutions": "校外培训机构查询", "penalties": "行政处罚公示", "licenses": "行政许可公示"}
    for section, column in columns.items():
        for searchable in (True, False):
            front: dict[str, Any] = {"title": SHELL_TITLE, "column": column, "pubdate": SHELL_PUBDATE,
                                     "robots": SHELL_ROBOTS, "hide": ["navigation"]}
            if not searchable:
                front["search_exclude"] = True
            text = _ENV.get_template("pages/_base.md.j2").render(front=front)
            yield f"{section}/{shell_name(searchable)}.md", f"{text}\n<div class=\"tp-record\">{SHELL_BODY}</div>\n"


def lookup_page(view: PublicView) -> str:
    order = {"黑名单": 0, "白名单": 1, "未列入": 2}
    views = sorted(view.institutions, key=lambda v: (order[v.state.listed], v.record.id))
    totals = {name: sum(v.state.listed == name for v in views) for name in order}
    return _page("lookup", _meta("校外培训机构查询", title="校外培训机构查询", hide=["toc"]), views=views,
                 totals=totals, today=view.today)


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


def search_page(bundles: list[str]) -> str:
    return _page("search", _meta("站内搜索", title="站内搜索", hide=["toc"]), bundles=bundles)


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
    return _page("guide", _meta("数据填报说明", title="数据填报说明"), sections=sections, codes=codes)


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
