"""Staff import, applying: the sheet's rows laid over the data file (names turned into codes, updates column by
column, repeats refused at their sheet rows), then the whole tree validated with the new file, or nothing."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from ..datasets import Dataset
from ..problems import ERROR, Problem
from ..read.files import unsafe_files
from ..read.sources import read_text
from ..validate import validate
from . import csvtext
from .codes import References
from .merge import NATURAL_PERSON, Change, merge
from .place import Place
from .plan import Plan, Row

_DATA_LINE = re.compile(r"第 ?(\d+) ?行")


class _Import:
    """One import's state: the data file, references, and what the rows have done so far."""

    def __init__(self, root: Path, ds: Dataset, doc: csvtext.CsvText, place: Place, update: bool, plan: Plan,
                 missing: list[str]):
        self.root, self.ds, self.doc, self.place, self.update, self.plan = root, ds, doc, place, update, plan
        self.missing = missing
        self.refs = References.load(root, ds)
        self.seen: dict[str, int] = {}
        self.updates: dict[str, tuple[Row, dict[str, str]]] = {}
        self.appended: list[Row] = []
        self.kept: list[tuple[int, int, str]] = []

    def error(self, code: str, row: Row, key: str, message: str) -> None:
        col = row.cols.get(key, 1)
        self.plan.problems.append(self.place.at(code, row.line, col, self.ds.model.label_of(key), message))

    def note(self, row: Row, key: str, message: str) -> None:
        self.plan.notes.append(f"{self.place.cell(row.line, row.cols.get(key, 1))}：{message}")

    def take(self, row: Row) -> None:
        self.resolve(row)
        if self.ds.import_assigns_key and not row.values.get(self.ds.key or ""):
            self.assign_key(row)
        for key in [key for key in row.values if key not in self.doc.header]:
            self.error("sheet-header", row, key, f"{self.ds.path} 没有「{self.ds.model.label_of(key)}」这一列："
                                                 f"请先在该文件表头中加上 {key}")
        value = row.values.get(self.ds.key or "", "")
        if self.ds.key and value:
            if value in self.seen:
                self.error("duplicate-id", row, self.ds.key, f"「{value}」在本表第 {self.seen[value]} 行已经出现："
                           "同一条记录只能有一行，请删除重复的一行，或把两行合并成一行")
                return
            self.seen[value] = row.line
        if self.ds.key and value in self.doc.spans:
            self.existing(row, value)
        elif self.missing:
            names = "、".join(self.ds.model.label_of(key) for key in self.missing)
            self.error("sheet-header", row, self.ds.key or "", f"「{value}」在 {self.ds.path} 中没有，是一条新记录；"
                       f"新记录要填写全部必填列，这张表缺少：{names}。只改已有记录时请核对文号；要新增请用完整的表格")
        else:
            self.link(row, row.values)
            self.appended.append(row)
            self.plan.changes.append(Change(value or f"第 {row.line} 行", row.line, True))

    def existing(self, row: Row, value: str) -> None:
        if not self.update:
            self.error("duplicate-id", row, self.ds.key or "", f"「{value}」在 {self.ds.path} 中已经存在（第 "
                       f"{self.doc.spans[value][0] + 1} 行）：如果要修改这条记录，请加参数 --update")
            return
        merged = merge(self.ds, value, row.line, csvtext.record(self.doc, value), row.values, set(row.cols))
        for key, message in merged.refused:
            self.error("legal-state", row, key, message)
        self.link(row, merged.values)
        self.kept += [(row.line, row.cols[key], self.ds.model.label_of(key)) for key in merged.kept]
        self.updates[value] = (row, merged.values)
        self.plan.changes.append(merged.change)

    def resolve(self, row: Row) -> None:
        """Referenced records (执法事项, 关联机构) by name, 「名称（代码）」 or credit code -> the code."""
        for key in list(row.values):
            named = self.refs.of(key)
            if named is None:
                continue
            code, why = named.resolve(row.values[key])
            if why:
                self.error("unknown-reference", row, key, why)
            elif code != row.values[key]:
                self.note(row, key, f"「{row.values[key]}」写作{named.code_title} {code}")
                row.values[key] = code

    def assign_key(self, row: Row) -> None:
        """A new row without its key (an institution without 机构编号): the record the data knows by its credit code,
        else the next free key."""
        own, key = self.refs.own, self.ds.key or ""
        if own is None or self.ds.offer is None:
            raise ValueError(f"{self.ds.name} assigns keys on import but declares no offer (Dataset.offer)")
        uscc = self.ds.offer.uscc
        known = own.by_uscc.get(row.values.get(uscc, "")) if uscc else None
        if known is None:
            taken = set(self.doc.spans) | {r.values.get(key, "") for r in self.appended}
            known = own.next_code(taken) or ""
            message = f"新{own.what}，编号为 {known}" if known else ""
        else:
            message = f"{self.ds.model.label_of(uscc)}与已有{own.what} {known} 相同，按这个{own.what}处理"
        if not known:
            self.error("missing-field", row, key,
                       f"没有{own.code_title}，数据中也没有可以接着编的编号：请填写{own.code_title}")
            return
        row.values[key] = known
        row.cols.setdefault(key, row.cols.get(uscc, 1))
        self.note(row, key, message)

    def link(self, row: Row, values: dict[str, str]) -> None:
        """A decision whose party the data knows as a referenced record (same credit code: an institution) is linked
        to it."""
        if not self.ds.parties or values.get("party_category") == NATURAL_PERSON:
            return
        for key, named in self.refs.fields.items():
            known = None if values.get(key) else named.by_uscc.get(values.get("party_uscc", ""))
            if known is not None:
                values[key] = known
                self.note(row, "party_uscc", f"相对人的统一社会信用代码与{named.what} "
                                             f"{known}（{named.names[known]}）"
                                             f"相同，已填写{self.ds.model.label_of(key)} {known}："
                                             f"这条决定会列在该{named.what}的页面上")


def apply(root: Path, ds: Dataset, rows: list[Row], place: Place, update: bool, plan: Plan,
          missing: list[str]) -> None:
    if not ds.is_csv:
        plan.problems.append(place.at("sheet-header", 1, 1, ds.name,
                                      f"{ds.path} 不是表格文件，不能从表格导入：请直接编辑"))
        return
    current, found = read_text(root, ds.path, csv_columns=True)
    if current is None:
        plan.problems += found
        return
    work = _Import(root, ds, csvtext.parse(current, ds.key), place, update, plan, missing)
    for row in rows:
        work.take(row)
    if plan.problems:
        return
    if work.kept:
        line, col, label = work.kept[0]
        plan.notes.append(f"{len(work.kept)} 个空白单元格没有清除数据中已有的内容（例如 "
                          f"{place.cell(line, col)}「{label}」）：导入只写入有内容的单元格")
    text, starts = csvtext.rewrite(work.doc, {k: values for k, (_row, values) in work.updates.items()},
                                   [r.values for r in work.appended])
    order = [row for row, _values in work.updates.values()] + work.appended
    plan.problems += _check(root, ds, text, dict(zip(starts, order, strict=True)), work.doc.header, place)
    plan.text, plan.added, plan.updated = text, len(work.appended), len(work.updates)


def _not_ordinary(folder: str, names: list[str]) -> set[str]:
    """What the scratch copy leaves out: links (a copy would read what they lead to) and special files."""
    left = set()
    for name in names:
        mode = os.lstat(os.path.join(folder, name)).st_mode
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            left.add(name)
    return left


def _check(root: Path, ds: Dataset, text: str, at_line: dict[int, Row], header: list[str],
           place: Place) -> list[Problem]:
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
        message = _sheet_lines(p.message, at_line, ds.path)
        problems.append(place.at(p.code, row.line, col, ds.model.label_of(key) if key else p.field, message))
    return sorted(set(problems))


def _sheet_lines(message: str, at_line: dict[int, Row], path: str) -> str:
    """「第 44 行」 in a data-file message said where the clerk looks: this sheet's row, or the data file's line."""
    def said(found: re.Match[str]) -> str:
        line = int(found.group(1))
        return f"本表第 {at_line[line].line} 行" if line in at_line else f"{path} 第 {line} 行"
    return message if path in message else _DATA_LINE.sub(said, message)
