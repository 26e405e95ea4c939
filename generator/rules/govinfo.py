"""Rules over the 政府信息公开工作年度报告: its State Council tables (schema/govinfo.py) add up, the numbers the data
holds agree with it, the applications carried over are the ones the previous report carried forward, and its text
has the sections the format asks for."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..model import CatalogLike
from ..problems import Problem, Where, problem
from ..schema.govinfo import (
    APPLICANTS,
    DATA_CELLS,
    DOCUMENT_COLUMNS,
    OUTCOMES,
    Appeals,
    Applications,
    Proactive,
    cell_name,
    row_values,
    rows,
)
from ..schema.reports import GOVINFO_FIELDS, GOVINFO_REPORT, Report
from . import figuretext

Found = Iterator[Problem]

#: The body's sections (the State Council's 一 to 六): staff write 一, 五 and 六; the site draws 二, 三 and 四.
SECTIONS = {"一": "总体情况", "二": "主动公开政府信息情况", "三": "收到和处理政府信息公开申请情况",
            "四": "政府信息公开行政复议、行政诉讼情况", "五": "存在的主要问题及改进情况", "六": "其他需要报告的事项"}
WRITTEN, DRAWN = ("一", "五", "六"), ("二", "三", "四")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?:\*\*)?([一二三四五六])、", re.M)
#: The rows of 三 that are 办理结果 (between 二、上年结转 and （七）总计): their sum per column is the total.
RESULT_GROUPS = ("disclosed", "partly_disclosed", "withheld", "unavailable", "not_processed", "other")
_TABLE_THREE = "表三"


def govinfo_reports(catalog: CatalogLike) -> list[Report]:
    return [r for r in catalog.reports if r.kind == GOVINFO_REPORT]


def sections(body: str) -> dict[str, int]:
    """The body's numbered sections (一 to 六) that are headings, with the offset of each (the first of a number)."""
    found: dict[str, int] = {}
    for match in _HEADING.finditer(body.replace("\r\n", "\n").replace("\r", "\n")):
        found.setdefault(match[1], match.start())
    return found


def report_kinds(catalog: CatalogLike) -> Found:
    """The tables belong to the 政府信息公开 report (which needs 表三); one report of a kind a year."""
    seen: dict[tuple[int, str], Report] = {}
    for report in catalog.reports:
        key = (report.year, report.kind)
        if key in seen:
            first = seen[key].where().path
            yield problem("duplicate-id", report.where("kind"), "kind", (
                f"{report.year} 年的{report.kind}已经有一份（{first}）：每年每种报告只写一份，请删除或合并其中一份"))
        seen.setdefault(key, report)
        if report.kind == GOVINFO_REPORT:
            if report.applications is None:
                yield problem("conditional-field", report.where("kind"), "applications", (
                    f"{GOVINFO_REPORT}必须填写 applications（收到和处理政府信息公开申请情况，表三）：没有收到申请时"
                    "写 applications: {} 表示各行全为 0"))
            continue
        for name in GOVINFO_FIELDS:
            if getattr(report, name) is not None:
                title = Report.label_of(name)
                yield problem("conditional-field", report.where(name), name, (
                    f"{name}（{title}）只属于{GOVINFO_REPORT}，{report.kind}中请删去这一项"))


def report_sections(catalog: CatalogLike) -> Found:
    """一, 五 and 六 are the staff's headings; 二, 三 and 四 are the site's (drawn from the front matter)."""
    for report in govinfo_reports(catalog):
        body = report.body.replace("\r\n", "\n").replace("\r", "\n")
        found = sections(body)
        first = report.where("body")
        for number in WRITTEN:
            if number not in found:
                yield problem("report-section", first, "正文", (
                    f"正文缺少「## {number}、{SECTIONS[number]}」一节：{GOVINFO_REPORT}按国务院办公厅规定的格式，"
                    f"正文依次写 一、{SECTIONS['一']}，五、{SECTIONS['五']}，六、{SECTIONS['六']}"
                    "（各以 ## 开头的标题），二、三、四 由网站按文首信息生成表格"))
        for number in DRAWN:
            if number in found:
                line, col = figuretext.line_col(body, found[number])
                where = Where(first.path, first.line + line, col + (first.col - 1 if line == 0 else 0))
                yield problem("report-section", where, "正文", (
                    f"正文中不要写「{number}、{SECTIONS[number]}」：这一节的表格由网站按文首信息生成，"
                    f"插在「五、{SECTIONS['五']}」之前。请删去这一节，数字写在文首信息中"))


def _cell(path: str, label: str, column: str) -> str:
    return f"{_TABLE_THREE}「{label}」一行「{column}」列（applications.{path}）"


def _result_rows(table: Applications) -> list[tuple[str, str, list[int]]]:
    """(path, label, numbers) of every 办理结果 row of 三 that holds numbers."""
    found = []
    for path, label, _level in rows(Applications):
        values = row_values(table, path)
        if values is not None and path.split(".", 1)[0] in RESULT_GROUPS:
            found.append((path, label, values))
    return found


def application_tables(catalog: CatalogLike) -> Found:
    """表三: each row's 总计 is the sum of its six columns; （七）总计 is the sum of the result rows, column by column;
    新收 + 上年结转 = 总计 + 结转下年度; 上年结转 is what last year's report carried forward."""
    by_year = {r.year: r for r in govinfo_reports(catalog)}
    for report in govinfo_reports(catalog):
        table = report.applications
        if table is None:
            continue
        for path, label, _level in rows(Applications):
            values = row_values(table, path)
            if values is None:
                continue
            parts = sum(values[:-1])
            if values[-1] != parts:
                yield problem("report-table", report.where(f"applications.{path}[6]"), f"applications.{path}", (
                    f"{_TABLE_THREE}「{label}」一行的总计写的是 {values[-1]}，但前 6 列（自然人、商业企业、科研机构、"
                    f"社会公益组织、法律服务机构、其他）之和为 {parts}：请核对这一行"))
        results = _result_rows(table)
        for c, column in enumerate(APPLICANTS):
            added = sum(values[c] for _p, _l, values in results)
            if table.total[c] != added:
                yield problem("report-table", report.where(f"applications.total[{c}]"), "applications.total", (
                    f"{_cell('total', '（七）总计', column)}写的是 {table.total[c]}，但（一）至（六）各行该列之和为 "
                    f"{added}：请核对该列各行或总计"))
            came = table.received[c] + table.carried_over[c]
            went = table.total[c] + table.carried_forward[c]
            if came != went:
                yield problem("report-table", report.where(f"applications.carried_forward[{c}]"),
                              "applications.carried_forward", (
                    f"{_TABLE_THREE}「{column}」列：本年新收 {table.received[c]} + 上年结转 {table.carried_over[c]} = "
                    f"{came}，但办理结果总计 {table.total[c]} + 结转下年度继续办理 {table.carried_forward[c]} = "
                    f"{went}：每件申请要么在本年办结，要么结转下年度，两者应相等"))
        before = by_year.get(report.year - 1)
        if before is not None and before.applications is not None:
            for c, column in enumerate(APPLICANTS):
                was = before.applications.carried_forward[c]
                if table.carried_over[c] != was:
                    yield problem("report-table", report.where(f"applications.carried_over[{c}]"),
                                  "applications.carried_over", (
                        f"{_cell('carried_over', '二、上年结转政府信息公开申请数量', column)}写的是 "
                        f"{table.carried_over[c]}，但 {before.year} 年度报告（{before.where().path}）的"
                        f"「结转下年度继续办理」该列为 {was}：两份报告应一致，请核对其中一份"))


def appeal_tables(catalog: CatalogLike) -> Found:
    """表四: each row's 总计 is the sum of its four outcomes."""
    for report in govinfo_reports(catalog):
        if report.appeals is None:
            continue
        for name, info in Appeals.model_fields.items():
            values = getattr(report.appeals, name)
            if values[-1] != sum(values[:-1]):
                yield problem("report-table", report.where(f"appeals.{name}[4]"), f"appeals.{name}", (
                    f"表四「{info.title}」的总计写的是 {values[-1]}，但{'、'.join(OUTCOMES[:-1])}之和为 "
                    f"{sum(values[:-1])}：请核对这一行"))


def cell_figures(catalog: CatalogLike) -> dict[str, Any]:
    """The figure that computes each cell of 二 (by cell name), as the families declare them."""
    return {f.govinfo: f for f in catalog.registry.figures if f.govinfo}


def stated_cells(proactive: Proactive | None) -> dict[tuple[str, int | None], int | None]:
    """The numbers a report states for the cells of 二 the data holds (None: not stated)."""
    found: dict[tuple[str, int | None], int | None] = {}
    for (name, index) in DATA_CELLS:
        value = getattr(proactive, name) if proactive is not None else None
        found[(name, index)] = value[index] if isinstance(value, list) and index is not None else value
    return found


def cell_label(name: str, index: int | None) -> str:
    title = Proactive.model_fields[name].title or name
    return f"表二「{title}」" + (f"的{DOCUMENT_COLUMNS[index]}" if index is not None else "的本年处理决定数量")


def proactive_tables(catalog: CatalogLike) -> Found:
    """表二: a number the data holds is checked against it where the report states it (and computed where it does
    not: the page shows 「—」 and why for a number neither the data nor the report gives, as a 法治政府 report's
    table does for a figure the data cannot tell)."""
    for report in govinfo_reports(catalog):
        for (name, index), stated in stated_cells(report.proactive).items():
            figure = cell_figures(catalog).get(cell_name(name, index))
            untold = figure.untold(catalog, report.year) if figure is not None else "本站没有这项数据"
            path = f"proactive.{cell_name(name, index)}"
            if stated is None or figure is None or untold:
                continue  # the report's own number stands: nothing to check it against
            actual: Decimal = figure.compute(catalog, report.year)
            if Decimal(stated) != actual:
                yield problem("figure-mismatch", report.where(path), path, (
                    f"{cell_label(name, index)}写的是 {stated}，但按本站数据，{figure.label}"
                    f"（{figure.as_of(report.year)}）为 {actual:f}：请更正报告或数据；"
                    "也可以删去这一项，由网站按数据填入"))


def proactive_values(catalog: CatalogLike, report: Report) -> dict[tuple[str, int | None], tuple[Any, str]]:
    """Each cell of 二 the data holds: (the number shown, where it comes from: stated / computed / untold)."""
    shown: dict[tuple[str, int | None], tuple[Any, str]] = {}
    for cell, stated in stated_cells(report.proactive).items():
        figure = cell_figures(catalog).get(cell_name(*cell))
        value = figure.value(catalog, report.year) if figure is not None else None
        if stated is not None:
            shown[cell] = (stated, "checked" if value is not None else "stated")
        else:
            shown[cell] = (value, "computed" if value is not None else "untold")
    return shown


#: The 政府信息公开 report's rules across the catalogue.
GOVINFO_CHECKS = (report_kinds, report_sections, application_tables, appeal_tables, proactive_tables)
