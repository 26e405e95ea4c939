"""Staff import: a clerk's sheet -> canonical rows of one data CSV, validated with the whole tree, or nothing."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..datasets import BY_NAME, Dataset
from ..privacy.inputs import declared_phones, scan_text
from ..problems import Problem, Where, problem
from ..read.files import unsafe_problem
from ..read.load import read_site
from ..render.downloads import restore
from .apply import apply
from .fields import DATE, kinds, label_key
from .header import Header, find_header
from .normalise import CellError, canonical, clean_text
from .place import Place
from .plan import Plan, Row
from .read import Sheet, Unreadable, hidden_cells, read_sheet

#: A number in a date column that Excel would show as a date (1990-01-01 .. 2100-12-31): a date cell in 「常规」 format.
SERIAL_DAYS = (32874, 73415)
_EXCEL_EPOCH = date(1899, 12, 30)
#: A row that adds up the rows above it, not a record.
TOTALS = frozenset({"合计", "总计", "小计", "共计", "总合计"})


def plan_import(root: Path, source: Path, name: str, sheet_name: str | None = None, update: bool = False,
                ignore_column: bool = False, shown: str | None = None) -> Plan:
    ds = BY_NAME[name]
    plan = Plan(ds)
    shown = plan.shown = shown or source.name
    refused = unsafe_problem(root, root / ds.path)  # the data file is read and replaced: never through a link
    if refused is not None:
        plan.problems.append(refused)
        return plan
    try:
        sheet = read_sheet(source, sheet_name)  # an ordinary file only (a pipe named x.csv is never read)
    except Unreadable as exc:  # the file itself, or over a limit (too-large): located at the cell when one is named
        plan.problems.append(problem(exc.code, Where(shown, exc.line, exc.col), "文件", str(exc)))
        return plan
    except OSError as exc:
        plan.problems.append(problem("sheet-unreadable", Where(shown), "文件", str(exc)))
        return plan
    sheet, header, found = _data_sheet(ds, source, sheet, sheet_name is None, ignore_column, update, plan)
    place = Place(shown, sheet)
    plan.problems += found
    if header is None or found:
        return plan
    plan.problems += [place.at("sheet-hidden", line, col, "隐藏", message)
                      for line, col, message in hidden_cells(sheet) if line > header.line or col in header.columns]
    if sheet.hidden_sheets:
        plan.notes.append(f"文件中还有隐藏的工作表「{'」「'.join(sheet.hidden_sheets)}」，没有导入：需要导入时请取消隐藏，"
                          "把内容放到第一个工作表（命令行导入也可用 --sheet 指定）")
    plan.notes += [f"{place.cell(header.line, col)}：「{text}」"
                   f"列未导入（不是{ds.title}的字段）" for col, text in header.ignored]
    rows = _rows(ds, sheet, header, place, plan)
    plan.problems += _privacy(root, sheet, header.line, place)
    if plan.problems:
        return plan
    apply(root, ds, rows, place, update, plan, header.missing)
    return plan


def _data_sheet(ds: Dataset, source: Path, sheet: Sheet, free: bool, ignore: bool, update: bool,
                plan: Plan) -> tuple[Sheet, Header | None, list[Problem]]:
    """The sheet holding the data: the first visible one, or (when it has no header, e.g. 填表说明 put first and no
    --sheet given) the one other visible sheet that has; other sheets that look like data are mentioned."""
    header, found = find_header(ds, sheet, Place(plan.shown, sheet), ignore, update)
    if not free or not sheet.other_sheets:
        return sheet, header, found
    candidates = []
    for name in sheet.other_sheets:
        try:
            other = read_sheet(source, name)
        except (Unreadable, OSError):
            continue
        other_header, other_found = find_header(ds, other, Place(plan.shown, other), ignore, update)
        if other_header is not None:
            candidates.append((other, other_header, other_found))
    if header is not None:
        plan.notes += [f"工作表「{other.name}」也像是{ds.title}，没有导入：需要时请把它的内容放到第一个工作表，"
                       "或单独保存成一个文件（命令行导入也可用 --sheet 指定）" for other, _h, _f in candidates]
        return sheet, header, found
    if len(candidates) == 1:
        plan.notes.append(f"第一个工作表「{sheet.name}」中没有表头，导入的是工作表「{candidates[0][0].name}」")
        return candidates[0]
    if candidates:
        names = "」「".join(other.name for other, _h, _f in candidates)
        return sheet, None, [Place(plan.shown, sheet).at("sheet-header", 1, 1, "表头", (
            f"第一个工作表中没有表头，工作表「{names}」都像是{ds.title}：一个文件只放一张数据表，请把要导入的工作表移到最前面，"
            "其他的另存为文件（命令行导入也可用 --sheet 指定）"))]
    return sheet, header, found


def _rows(ds: Dataset, sheet: Sheet, header: Header, place: Place, plan: Plan) -> list[Row]:
    from .template import is_example

    types = kinds(ds.model)
    rows = []
    for line, cells in sheet.rows:
        if line <= header.line:
            continue
        total = next((col for col, cell in enumerate(cells, start=1)
                      if isinstance(cell, str) and label_key(cell) in TOTALS), None)
        if total is not None:
            plan.skipped.append(f"{place.cell(line, total)}：这一行是合计行，不是一条记录，未导入")
            continue
        values: dict[str, str] = {}
        for col, key in header.columns.items():
            raw = cells[col - 1] if col <= len(cells) else ""
            if types[key] == DATE:
                raw = _serial_date(raw, place.cell(line, col), plan)
            try:
                # '=x, as the downloads and the export write =x, imports as =x typed as text would
                text = canonical(restore(raw) if isinstance(raw, str) else raw, types[key])
            except CellError as exc:
                plan.problems.append(place.at("invalid-value", line, col, ds.model.label_of(key), str(exc)))
                continue
            if text:
                values[key] = text
        if not values:
            continue  # a row with content only in columns left out
        if is_example(ds, values):
            plan.skipped.append(f"第 {line} 行是模板自带的示例，未导入")
            continue
        rows.append(Row(line, values, {key: col for col, key in header.columns.items()}))
    return rows


def _serial_date(raw: Any, cell: str, plan: Plan) -> Any:
    """A date Excel stores as a number in a 「常规」 cell (46086) read as the date it stands for, with a notice."""
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not SERIAL_DAYS[0] <= raw <= SERIAL_DAYS[1]:
        return raw
    day = _EXCEL_EPOCH + timedelta(days=int(raw))
    plan.notes.append(f"{cell}：数字 {raw:g} 按 Excel 的日期序号读作 {day.isoformat()}（单元格格式是「常规」）；"
                      "如果不对，请把这一列设为日期格式后重新填写")
    return day


def _privacy(root: Path, sheet: Sheet, header_line: int, place: Place) -> list[Problem]:
    """The privacy gate over every cell below the header, imported column or not."""
    site, _found = read_site(root)
    allowed = declared_phones(site)
    problems = []
    for line, cells in sheet.rows:
        for col, cell in enumerate(cells, start=1):
            if line <= header_line or isinstance(cell, date) or cell == "":
                continue
            text = unicodedata.normalize("NFKC", clean_text(_plain(cell)))
            for _offset, code, label, message in scan_text(text, allowed):
                problems.append(place.at(code, line, col, label, message))
    return problems


def _plain(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
