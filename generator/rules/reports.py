"""Rules over the annual reports: their figures (front matter and text), their deadlines, the reports owed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation

from ..model import CatalogLike
from ..problems import Problem, Where, problem
from ..read.load import REPORTS_DIR
from ..schema.reports import DEADLINES, LAW_REPORT, default_slug
from . import figuretext
from .figures import first_data_day, show, year_end
from .govinfo import GOVINFO_CHECKS

Found = Iterator[Problem]


def report_figures(catalog: CatalogLike) -> Found:
    days = [year_end(r.year) for r in catalog.reports]
    for prepare in dict.fromkeys(f.prepare for f in catalog.registry.figures if f.prepare):
        prepare(catalog, days)
    for report in catalog.reports:
        for key, stated in report.figures.items():
            where = report.where(f"figures.{key}")
            figure = catalog.registry.figure_by_key.get(key)
            if figure is None:
                known = "、".join(catalog.registry.figure_by_key)
                yield problem("unknown-field", where, f"figures.{key}", f"不认识的数据项「{key}」，可用的有：{known}")
                continue
            try:
                value = Decimal(str(stated).replace(",", ""))
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite():  # NaN, Infinity, sNaN parse but are no figure
                yield problem("invalid-value", where, f"figures.{key}", f"「{stated}」不是数字")
                continue
            untold = figure.untold(catalog, report.year)
            if untold:
                yield problem("figure-mismatch", where, f"figures.{key}", (
                    f"报告写了{figure.label}，但{untold}，无法核对：请补齐数据，或删除这一项"))
                continue
            actual = figure.compute(catalog, report.year)
            if value != actual:
                yield problem("figure-mismatch", where, f"figures.{key}", (
                    f"报告写的是 {stated}，但按 {report.year}-12-31 的数据，"
                    f"{figure.label}（{figure.as_of(report.year)}）为 {actual:f}：请更正报告或数据"))


def report_text(catalog: CatalogLike) -> Found:
    """Numbers the text writes right after a figure's name equal the figure; every {{placeholder}} names one."""
    for report in catalog.reports:
        body = report.body.replace("\r\n", "\n").replace("\r", "\n")
        if not body:
            continue
        first = report.where("body")

        def at(offset: int, first: Where = first, body: str = body) -> Where:
            line, col = figuretext.line_col(body, offset)
            return Where(first.path, first.line + line, col + (first.col - 1 if line == 0 else 0))

        for mention in figuretext.mentions(body, catalog.registry.figures):
            yield from _check_mention(catalog, report.year, mention, at(mention.offset))
        for holder in figuretext.placeholders(body, catalog.registry.figures):
            yield from _check_placeholder(catalog, report.year, holder, at(holder.offset))


def _check_mention(catalog: CatalogLike, year: int, mention: figuretext.Mention, where: Where) -> Found:
    figure = mention.figure
    untold = figure.untold(catalog, year)
    if untold:
        yield problem("figure-mismatch", where, "正文", (
            f"正文写了「{mention.text}」，但{untold}，无法核对{figure.label}：请删去这个数字，或补齐数据"))
        return
    actual = figure.compute(catalog, year)
    if mention.value != actual:
        yield problem("figure-mismatch", where, "正文", (
            f"正文写的是「{mention.text}」，但按 {year}-12-31 的数据，{figure.label}（{figure.as_of(year)}）为 "
            f"{show(actual)} {figure.unit}：请改为 {show(actual)}，或写成 {{{{{figure.label}}}}} 由网站按数据填入；"
            f"如是数据漏录，请补录数据"))


def _check_placeholder(catalog: CatalogLike, year: int, holder: figuretext.Placeholder, where: Where) -> Found:
    if holder.figure is None:
        known = "、".join(f.key for f in catalog.registry.figures)
        yield problem("unknown-figure", where, "正文", (
            f"「{{{{{holder.name}}}}}」不是本站计算的数据项：请写数据表中的项目名称（例如 {{{{白名单机构数}}}}）"
            f"或以下英文名之一：{known}"))
        return
    untold = holder.figure.untold(catalog, year)
    if untold:
        yield problem("figure-mismatch", where, "正文", (
            f"「{{{{{holder.name}}}}}」无法填入：{untold}。请删去它，或补齐数据"))


def report_deadlines(catalog: CatalogLike) -> Found:
    for report in catalog.reports:
        month, day = DEADLINES[report.kind]
        deadline = date(report.year + 1, month, day)
        if report.published_on > deadline:
            yield problem("late-report", report.where("published_on"), "published_on",
                          f"{report.kind}应在 {deadline} 前发布，实际发布于 {report.published_on}")


def missing_reports(catalog: CatalogLike) -> Found:
    """Each year whose report deadline has passed without a report: from the first year the site has data (法治政府
    reports, which every bureau owes) or the first report of the kind (other kinds)."""
    if catalog.today is None:
        return
    first_day = first_data_day(catalog)
    first_data = first_day.year if first_day else None
    for kind, (month, day) in DEADLINES.items():
        years = {r.year for r in catalog.reports if r.kind == kind}
        starts = [*years, *([first_data] if kind == LAW_REPORT and first_data else [])]
        if not starts:
            continue
        last_due = (catalog.today.year - 1 if catalog.today > date(catalog.today.year, month, day)
                    else catalog.today.year - 2)
        for year in range(min(starts), last_due + 1):
            if year not in years:
                yield problem("missing-report", Where(REPORTS_DIR), "year", (
                    f"{year} 年的{kind}应在 {date(year + 1, month, day)} 前发布，截至 {catalog.today} 仍未见："
                    f"请添加 {REPORTS_DIR}/{default_slug(year, kind)}.md（kind: {kind}）"))


#: The reports' rules across the catalogue (the families declare theirs in their own CATALOG_CHECKS).
REPORT_CHECKS = (report_figures, report_text, report_deadlines, missing_reports, *GOVINFO_CHECKS)
