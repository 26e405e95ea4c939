"""Staff import: a clerk's sheet -> canonical rows of one data CSV, validated with the whole tree, or nothing."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..datasets import BY_NAME, Dataset
from ..privacy.inputs import declared_phones, scan_text
from ..problems import ERROR, Problem, Where, problem
from ..read.load import read_site
from ..read.files import unsafe_files, unsafe_problem
from ..read.sources import column_letter, read_text
from ..render.downloads import restore
from ..validate import validate
from . import csvtext
from .fields import header_labels, kinds, label_key
from .normalise import CellError, canonical, clean_text
from .read import Sheet, Unreadable, read_sheet

#: How far down a sheet the header row is looked for (title rows, notes and blank rows come first).
HEADER_SEARCH_ROWS = 30


@dataclass
class Row:
    line: int
    values: dict[str, str]
    cols: dict[str, int]


@dataclass
class Plan:
    """What an import would do: problems (none: safe to write), the new file text, and counts."""

    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None
    added: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None and not any(p.severity == ERROR for p in self.problems)


class _Place:
    """Problems at the spreadsheet's own cells: `FILE:row:col` and the cell's name in the message."""

    def __init__(self, shown: str, sheet: Sheet):
        self.shown, self.sheet = shown, sheet

    def at(self, code: str, line: int, col: int, label: str, message: str) -> Problem:
        cell = f"{column_letter(col)}{line}"
        where = f"第 {line} 行第 {col} 列（{cell}）" if self.sheet.is_csv else f"工作表「{self.sheet.name}」{cell}"
        return Problem(self.shown, line, col, code, label, f"{where}：{message}")


def plan_import(root: Path, source: Path, name: str, sheet_name: str | None = None, update: bool = False,
                ignore_column: bool = False, shown: str | None = None) -> Plan:
    ds = BY_NAME[name]
    plan = Plan(ds)
    shown = shown or source.name
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
    place = _Place(shown, sheet)
    header_line, columns, found = _header(ds, sheet, place, ignore_column)
    plan.problems += found
    if header_line is None or found:
        return plan
    rows = _rows(ds, sheet, header_line, columns, place, plan)
    plan.problems += _privacy(root, sheet, header_line, place)
    if plan.problems:
        return plan
    _apply(root, ds, rows, place, update, plan)
    return plan


def _header(ds: Dataset, sheet: Sheet, place: _Place, ignore: bool) -> tuple[int | None, dict[int, str], list[Problem]]:
    """The header row (the one with most known labels), its column -> field key, and header problems."""
    labels = header_labels(ds)
    best: tuple[int, int, list[Any]] | None = None
    for line, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        hits = sum(1 for cell in cells if _label(cell) in labels)
        if hits and (best is None or hits > best[0]):
            best = (hits, line, cells)
    titles = "、".join(info.title or key for key, info in ds.model.model_fields.items())
    if best is None or best[0] < min(2, len(ds.model.model_fields)):
        return None, {}, [place.at("sheet-header", sheet.rows[0][0] if sheet.rows else 1, 1, "表头",
                                   f"找不到表头行：表头应含{ds.title}的列名，例如 {titles}")]
    _hits, line, cells = best
    return line, *_columns(ds, line, cells, labels, place, ignore)


def _label(cell: Any) -> str:
    return label_key(str(cell)) if isinstance(cell, str) else ""


def _columns(ds: Dataset, line: int, cells: list[Any], labels: dict[str, str], place: _Place,
             ignore: bool) -> tuple[dict[int, str], list[Problem]]:
    columns: dict[int, str] = {}
    problems = []
    accepted = "、".join(f"{info.title}（{key}）" for key, info in ds.model.model_fields.items())
    for col, cell in enumerate(cells, start=1):
        text = clean_text(str(cell))
        key = labels.get(_label(cell))
        if not text:
            continue
        if key is None:
            if not ignore:
                problems.append(place.at("sheet-header", line, col, text, f"列名「{text}」不是{ds.title}的字段。"
                                         f"可用的列名：{accepted}；不需要导入这一列时加参数 --ignore-column"))
        elif key in columns.values():
            problems.append(place.at("sheet-header", line, col, text, f"「{ds.model.label_of(key)}」这一列出现了两次"))
        else:
            columns[col] = key
    missing = [key for key, info in ds.model.model_fields.items() if info.is_required() and key not in columns.values()]
    if missing:
        names = "、".join(ds.model.label_of(key) for key in missing)
        problems.append(place.at("sheet-header", line, len(cells) + 1, "表头", f"缺少必填列：{names}"))
    return columns, problems


def _rows(ds: Dataset, sheet: Sheet, header_line: int, columns: dict[int, str], place: _Place, plan: Plan) -> list[Row]:
    from .template import example_values

    types = kinds(ds.model)
    example = example_values(ds)
    rows = []
    for line, cells in sheet.rows:
        if line <= header_line:
            continue
        values: dict[str, str] = {}
        for col, key in columns.items():
            raw = cells[col - 1] if col <= len(cells) else ""
            try:
                # '=x, as the downloads and the export write =x, imports as =x typed as text would
                text = canonical(restore(raw) if isinstance(raw, str) else raw, types[key])
            except CellError as exc:
                plan.problems.append(place.at("invalid-value", line, col, ds.model.label_of(key), str(exc)))
                continue
            if text:
                values[key] = text
        if not values:
            continue  # a row with content only in ignored columns
        if values == example:
            plan.skipped.append(f"第 {line} 行是模板自带的示例，未导入")
            continue
        rows.append(Row(line, values, {key: col for col, key in columns.items()}))
    return rows


def _privacy(root: Path, sheet: Sheet, header_line: int, place: _Place) -> list[Problem]:
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


def _apply(root: Path, ds: Dataset, rows: list[Row], place: _Place, update: bool, plan: Plan) -> None:
    if not ds.is_csv:
        plan.problems.append(place.at("sheet-header", 1, 1, ds.name, f"{ds.path} 不是表格文件，不能从表格导入：请直接编辑"))
        return
    current, found = read_text(root, ds.path, csv_columns=True)
    if current is None:
        plan.problems += found
        return
    doc = csvtext.parse(current, ds.key)
    updates: dict[str, Row] = {}
    appended: list[Row] = []
    for row in rows:
        for key in [key for key in row.values if key not in doc.header]:
            plan.problems.append(place.at("sheet-header", row.line, row.cols[key], ds.model.label_of(key),
                                          f"{ds.path} 没有「{ds.model.label_of(key)}」这一列：请先在该文件表头中加上 {key}"))
        key_value = row.values.get(ds.key or "")
        if ds.key and key_value in doc.spans:
            if not update:
                plan.problems.append(place.at("duplicate-id", row.line, row.cols[ds.key], ds.model.label_of(ds.key),
                                              f"「{key_value}」在 {ds.path} 中已经存在：如果要修改这条记录，请加参数 --update"))
                continue
            updates[key_value] = row
        else:
            appended.append(row)
    if plan.problems:
        return
    text, starts = csvtext.rewrite(doc, {k: r.values for k, r in updates.items()}, [r.values for r in appended])
    order = [*updates.values(), *appended]
    plan.problems += _check(root, ds, text, dict(zip(starts, order, strict=True)), doc.header, place)
    plan.text, plan.added, plan.updated = text, len(appended), len(updates)


def _not_ordinary(folder: str, names: list[str]) -> set[str]:
    """What the scratch copy leaves out: links (a copy would read what they lead to) and special files."""
    left = set()
    for name in names:
        mode = os.lstat(os.path.join(folder, name)).st_mode
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            left.add(name)
    return left


def _check(root: Path, ds: Dataset, text: str, at_line: dict[int, Row], header: list[str],
           place: _Place) -> list[Problem]:
    """Validate the whole tree with the new file (in a scratch copy); problems of imported rows go to their cells."""
    with tempfile.TemporaryDirectory(prefix="import-") as scratch:
        copy = Path(scratch)
        for top in ("data", "content"):
            if (root / top).is_dir() and not (root / top).is_symlink():
                shutil.copytree(root / top, copy / top, symlinks=True, ignore=_not_ordinary)
        (copy / ds.path).write_text(text, encoding="utf-8")
        found = validate(copy).problems + unsafe_files(root)  # links and pipes are not copied: found in the tree
    problems = []
    for p in found:
        row = at_line.get(p.line) if p.path == ds.path else None
        if row is None:
            if p.severity == ERROR:
                problems.append(p)  # the tree must be clean: an error elsewhere blocks the import as well
            continue
        key = header[p.col - 1] if 0 < p.col <= len(header) else ""
        col = row.cols.get(key, 1)
        problems.append(place.at(p.code, row.line, col, ds.model.label_of(key) if key else p.field, p.message))
    return sorted(set(problems))
