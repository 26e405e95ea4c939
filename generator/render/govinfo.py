"""Render stage: 政府信息公开 — the 政府信息公开指南 page (/xxgk/), its application form (a PDF to print, since the
static site collects nothing personal) and the 政府信息公开工作年度报告 pages in the State Council's format.

The guide lists what the bureau publishes proactively from the registry's publications (a new family appears by
itself) and the 依申请公开 channel from site.yml (gov_info, falling back to the bureau's own contacts).
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

from ..lazy import load
from ..memo import code_stamp, on_disk
from ..model import View
from ..rules import figuretext
from ..rules.govinfo import cell_figures, cell_label, proactive_values, sections
from ..schema import govinfo as tables  # the State Council's tables: rows, columns, cells
from ..schema.reports import DEADLINES, GOVINFO_REPORT, Report
from .pdffont import FONT_FILE, font_bytes, font_installed
from .templates import meta, page_md

#: The guide's folder, and the application form's file in it.
SECTION = "xxgk/"
FORM_NAME = "application-form.pdf"
FORM = SECTION + FORM_NAME
#: The form's fixed creation date (the day the 2019 条例 took effect): the same settings give the same bytes.
FORM_DATE = datetime(2019, 5, 15, tzinfo=UTC)


def contacts(site: Any) -> dict[str, str | None]:
    """Where and how to apply: gov_info's settings, the bureau's own where gov_info leaves one out; the bodies of
    复议 and 诉讼 are the decisions' (remedies) unless gov_info names others (one setting for one court)."""
    info, bureau = site.gov_info, site.bureau
    return {"office": info.office or bureau.name, "address": info.address or bureau.address,
            "post_code": info.post_code, "phone": info.phone or bureau.phone, "email": info.email or bureau.email,
            "hours": info.hours, "review_body": info.review_body or site.remedies.reconsideration,
            "court": info.court or site.remedies.court,
            "complaint_body": info.complaint_body}


# --- the guide -----------------------------------------------------------------------------------------------------


def guide_page(view: View, form: bool) -> str:
    """/xxgk/: the 政府信息公开指南. `form`: whether the application form was made (the font is installed)."""
    catalog = view.catalog
    registry = catalog.registry
    proactive = [{"title": registry.by_name[p.dataset].title, "url": p.page, "duty": p.duty,
                  "nav": p.nav or registry.by_name[p.dataset].title}
                 for p in sorted(registry.published(catalog), key=lambda p: p.card) if p.page]
    reports = sorted((r for r in catalog.reports if r.kind == GOVINFO_REPORT), key=lambda r: r.year, reverse=True)
    month, day = DEADLINES[GOVINFO_REPORT]
    return page_md("govinfo", meta("政府信息公开", title="政府信息公开指南"), site=view.site,
                   contact=contacts(view.site), proactive=proactive, reports=reports, form=FORM_NAME if form else None,
                   deadline=f"{month} 月 {day} 日", days=view.site.policy.disclosure_working_days)


def files(view: View) -> dict[str, bytes | str]:
    """The guide page and, where the font is installed, the application form beside it."""
    made: dict[str, bytes | str] = {}
    if font_installed():
        made[FORM] = application_form(view.site)
    made[f"{SECTION}index.md"] = guide_page(view, FORM in made)
    return made


def guide_rows() -> dict[str, Any]:
    """The staff guide's account of a 政府信息公开 report's front matter: every key of its three tables."""
    return {"proactive": [{"name": n, "title": i.title, "doc": (i.description or "").removesuffix("。")}
                          for n, i in tables.Proactive.model_fields.items()],
            "applications": [{"path": p, "label": label} for p, label, _lv in tables.rows(tables.Applications)],
            "appeals": [{"path": p, "label": label} for p, label, _lv in tables.rows(tables.Appeals)],
            "applicants": tables.APPLICANTS, "outcomes": tables.OUTCOMES}


# --- the application form ------------------------------------------------------------------------------------------

_CITIZEN = ("姓名", "工作单位", "证件名称", "证件号码", "联系电话", "电子邮箱", "通信地址", "邮政编码")
_ORGANISATION = ("名称", "统一社会信用代码", "法定代表人或负责人", "联系人姓名", "联系人电话", "电子邮箱", "通信地址",
                 "邮政编码")
_CARRIERS = ("纸质", "电子邮件", "光盘", "其他")
_DELIVERY = ("邮寄", "电子邮件", "当面领取", "其他")
#: Every field label of the form (a test reads them back from the PDF).
FORM_FIELDS = ("申请人信息", "公民", "法人或者其他组织", *_CITIZEN, *_ORGANISATION, "所需信息情况",
               "所需信息的名称、文号或者便于行政机关查询的其他特征性描述", "所需信息的指定提供载体形式",
               "获取信息的方式", "申请人签名或者盖章", "申请日期")
#: The form's own words besides its fields (the font is cut to the characters of every text drawn).
_TITLE, _NOTES, _DATE_LINE = "政府信息公开申请表", "填写说明", "         年      月      日"
_CHOICES = (("所需信息的指定提供载体形式（选填）", _CARRIERS), ("获取信息的方式（选填）", _DELIVERY))


def _form_lines(site: Any) -> list[str]:
    c = contacts(site)
    post = f"（邮政编码 {c['post_code']}）" if c["post_code"] else ""
    ways = [f"当面递交：{c['address']}，{c['hours']}", f"邮寄：{c['address']}{post}，信封上注明「政府信息公开申请」"]
    if c["email"]:
        ways.append(f"电子邮件：发送至 {c['email']}，附本表扫描件")
    return [
        "1. 本表可复印使用，请用黑色钢笔或签字笔填写；公民填写「公民」一栏，法人或者其他组织填写另一栏。",
        "2. 请随表提交身份证明复印件（公民：身份证件；法人或者其他组织：营业执照或登记证书）。",
        *(f"3. {way}" if i == 0 else f"    {way}" for i, way in enumerate(ways)),
        f"4. 咨询电话：{c['phone']}。本机关依法不收取费用。",
    ]


class FormSheet(NamedTuple):
    """What the application form draws from the settings, and nothing else (the rest of it is fixed): the drawing
    reads only this and the fixed words, so it is the form's key in the cache of PDFs (memo.on_disk)."""

    bureau: str
    site_title: str
    office_line: str
    footer: str
    lines: tuple[str, ...]


def application_form(site: Any) -> bytes:
    """The 政府信息公开申请表 as one A4 page (PDF): 申请人信息 (公民 / 法人或者其他组织), 所需信息情况, 获取方式,
    签名和日期, and how to hand it in. Deterministic: the same settings give the same bytes, kept on disk by what it
    draws, the libraries that draw it and the generator's code (the next build reads it instead of drawing it)."""
    return kept_form(FormSheet(site.bureau.name, site.site.title, _office_line(site), _footer(site),
                               tuple(_form_lines(site))))


def kept_form(drawn: FormSheet) -> bytes:
    """The form drawn from `drawn`, from the cache of PDFs when it was drawn before."""
    key = repr((drawn, code_stamp(), [version(lib) for lib in ("fpdf2", "fonttools")],
                FONT_FILE.stat().st_size, FONT_FILE.stat().st_mtime_ns))
    return on_disk("pdfs", key, lambda: _drawn_form(drawn))


def _drawn_form(drawn: FormSheet) -> bytes:
    import tempfile

    FPDF = load("fpdf").FPDF  # imported from a thread of its own (see generator/lazy.py)

    texts = [_TITLE, _NOTES, _DATE_LINE, drawn.office_line, drawn.footer, *FORM_FIELDS, *drawn.lines,
             *(title + _options(options) for title, options in _CHOICES)]
    with tempfile.TemporaryDirectory() as folder:
        font = Path(folder) / "form-font.ttf"
        font.write_bytes(font_bytes(texts, spaces=True))
        pdf = FPDF(format="A4", unit="mm")
        pdf.set_creation_date(FORM_DATE)
        pdf.set_title("政府信息公开申请表")
        pdf.set_author(drawn.bureau)
        pdf.set_creator(drawn.site_title)
        pdf.set_producer("fpdf2")
        pdf.set_auto_page_break(False)
        pdf.add_font("noto", fname=str(font))
        pdf.add_page()
        _draw_form(pdf, drawn)
        return bytes(pdf.output())


_LEFT, _WIDTH = 15.0, 180.0


def _box(pdf: Any, x: float, y: float, w: float, h: float, text: str = "", size: float = 10.5,
         align: str = "L") -> None:
    pdf.rect(x, y, w, h)
    if text:
        pdf.set_font("noto", size=size)
        pdf.set_xy(x + 1, y + 0.8)
        pdf.multi_cell(w - 2, size * 0.42, text, align=align, wrapmode="CHAR")


def _office_line(site: Any) -> str:
    return f"受理机关：{contacts(site)['office']}"


def _footer(site: Any) -> str:
    return f"{site.bureau.name} · {site.site.title}"


def _options(options: tuple[str, ...]) -> str:
    return "   ".join(f"□ {o}" for o in options)


def _draw_form(pdf: Any, drawn: FormSheet) -> None:
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.3)
    pdf.set_font("noto", size=18)
    pdf.set_xy(_LEFT, 14)
    pdf.cell(_WIDTH, 10, _TITLE, align="C")
    pdf.set_font("noto", size=10.5)
    pdf.set_xy(_LEFT, 25)
    pdf.cell(_WIDTH, 6, drawn.office_line)

    y, row = 32.0, 8.5
    side, label, value = 12.0, 28.0, 52.0  # 8 + 12 + 2 * (28 + 52) = the page's 180 mm
    # 申请人信息: two columns of four label-value pairs for each kind of applicant
    part = row * 4
    _box(pdf, _LEFT, y, 8, part * 2, "申请人信息", align="C")
    for k, (kind, fields) in enumerate((("公民", _CITIZEN), ("法人或者其他组织", _ORGANISATION))):
        top = y + k * part
        _box(pdf, _LEFT + 8, top, side, part, kind, size=9.5, align="C")
        for i, name in enumerate(fields):
            x = _LEFT + 8 + side + (i % 2) * (label + value)
            at = top + (i // 2) * row
            _box(pdf, x, at, label, row, name, size=9 if len(name) > 6 else 10)
            _box(pdf, x + label, at, value, row)
    y += part * 2
    # 所需信息情况
    _box(pdf, _LEFT, y, 8, 78, "所需信息情况", align="C")
    inner = _LEFT + 8
    _box(pdf, inner, y, _WIDTH - 8, 8, "所需信息的名称、文号或者便于行政机关查询的其他特征性描述")
    _box(pdf, inner, y + 8, _WIDTH - 8, 46)
    y2 = y + 54
    for title, options in _CHOICES:
        _box(pdf, inner, y2, 64, 12, title, size=10)
        _box(pdf, inner + 64, y2, _WIDTH - 72, 12, _options(options), size=10.5)
        y2 += 12
    y += 78
    _box(pdf, _LEFT, y, 50, 14, "申请人签名或者盖章", align="C")
    _box(pdf, _LEFT + 50, y, 50, 14)
    _box(pdf, _LEFT + 100, y, 30, 14, "申请日期", align="C")
    _box(pdf, _LEFT + 130, y, 50, 14, _DATE_LINE, size=11)
    y += 20
    pdf.set_font("noto", size=10)
    pdf.set_xy(_LEFT, y)
    pdf.cell(_WIDTH, 6, _NOTES)
    y += 7
    for line in drawn.lines:
        pdf.set_xy(_LEFT, y)
        pdf.multi_cell(_WIDTH, 5.2, line, wrapmode="CHAR")
        y = pdf.get_y() + 0.8
    pdf.set_xy(_LEFT, 280)
    pdf.set_font("noto", size=9)
    pdf.cell(_WIDTH, 5, drawn.footer, align="C")


# --- the annual report ---------------------------------------------------------------------------------------------


def _application_rows(table: tables.Applications) -> list[dict[str, Any]]:
    """表三's rows as the State Council draws them: the two top rows, the 办理结果 block (its groups spanning their
    items), and 结转下年度."""
    layout = tables.rows(tables.Applications)
    spans = {path: sum(1 for p, _l, lv in layout if lv == 1 and p.startswith(path + ".")) for path, _l, _lv in layout}
    drawn: list[dict[str, Any]] = []
    group: str | None = None
    for path, label, level in layout:
        values = tables.row_values(table, path)
        if values is None:
            group = path
            drawn.append({"kind": "group", "label": label, "span": spans[path], "pending": True})
            continue
        if path in ("received", "carried_over", "carried_forward"):
            drawn.append({"kind": "top", "label": label, "values": values})
        elif level == 1 and group and path.startswith(group + "."):
            drawn.append({"kind": "item", "label": label, "values": values})
        else:
            drawn.append({"kind": "single", "label": label, "values": values})
    # a group's heading spans its items: it is drawn in its first item's row
    merged: list[dict[str, Any]] = []
    heading: dict[str, Any] | None = None
    for row in drawn:
        if row["kind"] == "group":
            heading = row
            continue
        if row["kind"] == "item" and heading is not None:
            row["group"], row["span"] = heading["label"], heading["span"]
            heading = None
        merged.append({"first_result": 0, "group": None, "span": 0, **row})
    results = [r for r in merged if r["kind"] in ("item", "single")]
    if results:
        results[0]["first_result"] = len(results)
    return merged


def _proactive(catalog: Any, report: Report) -> dict[str, Any]:
    """表二's cells, and the sentences saying which numbers the site computed or checked against the data."""
    shown = proactive_values(catalog, report)
    p = report.proactive or tables.Proactive()
    normative = [shown[("normative", i)][0] for i in range(3)]
    computed: list[str] = []
    checked: list[str] = []
    untold: list[str] = []
    figures = cell_figures(catalog)
    for (name, index), (value, source) in shown.items():
        figure = figures.get(tables.cell_name(name, index))
        words = f"{cell_label(name, index).removeprefix('表二')} {'—' if value is None else value} 件"
        if source == "computed" and figure is not None:
            computed.append(f"{words}：{figure.meaning(report.year).removesuffix('。')}")
        elif source == "checked":
            checked.append(words)
        elif source == "untold":
            why = figure.untold(catalog, report.year) if figure is not None else "本站没有这项数据"
            untold.append(f"{cell_label(name, index).removeprefix('表二')}：{why}")
    return {"regulations": p.regulations, "normative": normative, "licensing": shown[("licensing", None)][0],
            "penalising": shown[("penalising", None)][0], "coercing": p.coercing, "fees": f"{p.fees_wan_yuan:f}",
            "computed": computed, "checked": checked, "untold": untold}


def report_page(view: View, report: Report, values: dict[str, str]) -> str:
    """A 政府信息公开工作年度报告 page: the staff's 一 (and any preface), the site's tables 二 to 四, then 五 and 六."""
    figures = view.catalog.registry.figures
    body = figuretext.fill(report.body, values, figures).replace("\r\n", "\n").replace("\r", "\n")
    cut = sections(body).get("五", len(body))
    before, after = body[:cut], body[cut:]
    appeals = report.appeals or tables.Appeals()
    return page_md("report_govinfo", meta("年度报告", report.published_on, title=report.title), report=report,
                   before=before, after=after, proactive=_proactive(view.catalog, report),
                   applications=_application_rows(report.applications or tables.Applications()),
                   appeals=[*appeals.review, *appeals.suit_direct, *appeals.suit_after_review],
                   applicants=tables.APPLICANTS, organisations=tables.ORGANISATIONS, outcomes=tables.OUTCOMES,
                   documents=tables.DOCUMENT_COLUMNS)


__all__ = ["FONT_FILE", "FORM", "application_form", "contacts", "files", "guide_page", "report_page"]
