"""Staff import, the header: which row names the columns, which field each column is, and what to tell a clerk whose
header is not one row of known names (two rows, a column that looks like a field under another name)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..datasets import Dataset
from ..problems import Problem
from .fields import header_labels, label_key
from .normalise import clean_text
from .place import Place
from .read import Sheet

#: How far down a sheet the header row is looked for (title rows, notes and blank rows come first).
HEADER_SEARCH_ROWS = 30
#: Columns that are never data: a row number. Left out with a notice, flag or not.
ROW_NUMBERS = frozenset({"序号", "序", "行号", "no", "no.", "编号序号"})
#: Words that say the same thing in a clerk's heading and a field's title, folded before headings are compared.
_SYNONYMS = (("撤销", "撤回"), ("原因", "理由"), ("时间", "日期"), ("当前", ""), ("目前", ""), ("最新", ""),
             ("（元）", ""), ("(元)", ""), ("名字", "名称"))


@dataclass
class Header:
    line: int
    columns: dict[int, str] = field(default_factory=dict)
    """Column number -> field key."""
    ignored: list[tuple[int, str]] = field(default_factory=list)
    """(column, heading) of each column left out."""
    missing: list[str] = field(default_factory=list)
    """Required fields without a column: an update may lack them, a new record may not."""


def find_header(ds: Dataset, sheet: Sheet, place: Place, ignore: bool,
                update: bool = False) -> tuple[Header | None, list[Problem]]:
    """The header row (the one with most known labels), its columns, and header problems."""
    labels = header_labels(ds)
    best, keys = header_row(ds, sheet)
    titles = "、".join(info.title or key for key, info in ds.model.model_fields.items())
    if best is None or len(keys) < min(2, len(ds.model.model_fields)):
        first = sheet.rows[0][0] if sheet.rows else 1
        return None, [place.at("sheet-header", first, 1, "表头", f"找不到表头行：表头应含{ds.title}的列名，"
                                                                 f"例如 {titles}")]
    cells = dict(sheet.rows)[best]
    header = Header(best)
    problems = _columns(ds, header, cells, labels, place, ignore)
    header.missing = [key for key, info in ds.model.model_fields.items()
                      if info.is_required() and key not in header.columns.values() and not _optional_in_sheet(ds, key)]
    if header.missing and (not update or ds.key not in header.columns.values()):
        problems.append(_missing(ds, sheet, header, header.missing, labels, len(cells), place))
    return header, problems


def header_row(ds: Dataset, sheet: Sheet) -> tuple[int | None, frozenset[str]]:
    """The row among the first HEADER_SEARCH_ROWS naming most of the dataset's fields (the first of equals), and
    the fields it names; (None, {}) for a sheet naming none. The import and the inbox's recognition both use it."""
    labels = header_labels(ds)
    best: tuple[int | None, frozenset[str]] = (None, frozenset())
    for line, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        keys = frozenset(labels[k] for k in map(_label, cells) if k in labels)
        if len(keys) > len(best[1]):
            best = (line, keys)
    return best


def _optional_in_sheet(ds: Dataset, key: str) -> bool:
    """A new institution's 机构编号 is given by the import (the next free one): the column may be left out."""
    return ds.import_assigns_key and key == ds.key


def _label(cell: Any) -> str:
    return label_key(str(cell)) if isinstance(cell, str) else ""


def _columns(ds: Dataset, header: Header, cells: list[Any], labels: dict[str, str], place: Place,
             ignore: bool) -> list[Problem]:
    problems = []
    accepted = "、".join(f"{info.title}（{key}）" for key, info in ds.model.model_fields.items())
    for col, cell in enumerate(cells, start=1):
        text = clean_text(str(cell))
        key = labels.get(_label(cell))
        if not text:
            continue
        if key is None:
            like = looks_like(ds, text)
            if like:
                names = "」或「".join(ds.model.label_of(k) for k in like)
                problems.append(place.at("sheet-header", header.line, col, text, (
                    f"列名「{text}」像是「{names}」，但写法不同，不能确定：如果是，请把列名改为「{names}」；"
                    "如果不是，请删除这一列（这一列不会被自动忽略，以免内容丢失）")))
            elif ignore or _label(cell) in ROW_NUMBERS:
                header.ignored.append((col, text))
            else:
                problems.append(place.at("sheet-header", header.line, col, text, (
                    f"列名「{text}」不是{ds.title}的字段。可用的列名：{accepted}；这一列不需要导入时请删除它"
                    "（命令行导入也可加参数 --ignore-column 忽略）")))
        elif key in header.columns.values():
            problems.append(place.at("sheet-header", header.line, col, text, f"「{ds.model.label_of(key)}」"
                                                                             "这一列出现了两次"))
        else:
            header.columns[col] = key
    return problems


def looks_like(ds: Dataset, heading: str) -> list[str]:
    """The fields a heading that is none of their labels still looks like: the same words in other order or with a
    synonym (撤销日期 ~ 撤回日期), one contained in the other (当前状态 ~ 状态), or mostly the same characters."""
    mine = _folded(heading)
    if len(mine) < 2:
        return []
    found = []
    for key, info in ds.model.model_fields.items():
        for label in {info.title or key, *header_labels_of(ds, key)}:
            theirs = _folded(label)
            if len(theirs) >= 2 and (mine == theirs or mine in theirs or theirs in mine or _alike(mine, theirs)):
                found.append(key)
                break
    return found


def header_labels_of(ds: Dataset, key: str) -> list[str]:
    return [label for label, k in header_labels(ds).items() if k == key and not label.isascii()]


def _folded(text: str) -> str:
    text = label_key(text)
    for word, same in _SYNONYMS:
        text = text.replace(label_key(word) if word else word, same)
    return text


def _alike(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 3:
        return False
    mine, theirs = set(a), set(b)
    return len(mine & theirs) / len(mine | theirs) >= 0.6


def _missing(ds: Dataset, sheet: Sheet, header: Header, missing: list[str], labels: dict[str, str], width: int,
             place: Place) -> Problem:
    """Missing required columns; a header written over two rows (group titles above, names below) said as such."""
    names = "、".join(ds.model.label_of(key) for key in missing)
    rows = dict(sheet.rows)
    for other in (header.line - 1, header.line + 1):
        cells = rows.get(other, [])
        if any(labels.get(_label(cell)) in missing for cell in cells):
            first, second = sorted((header.line, other))
            return place.at("sheet-header", first, 1, "表头", (
                f"表头占了两行（第 {first}、{second} 行）：请把两行合并成一行，每一列只写一个列名，"
                f"例如 {'、'.join(ds.model.label_of(k) for k in list(header.columns.values())[:2] + missing[:2])}"))
    return place.at("sheet-header", header.line, width + 1, "表头", f"缺少必填列：{names}")
