"""Read and type: every file of the data contract into records, every problem located, nothing raised."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..memo import Kept
from ..model import Dataset
from ..problems import CORE, Problem, Where, problem
from ..schema.reports import GOVINFO_REPORT, GOVINFO_SUFFIX, Report, default_slug
from ..schema.site import SiteConfig
from ..schema.types import SOURCE, Record
from .files import Tree, relpath, utf8_name
from .sources import (
    CONTROL,
    MAX_CELL_CHARS,
    MAX_ROWS,
    Located,
    Marks,
    column_letter,
    control_problem,
    parse_csv,
    parse_yaml,
    read_text,
    split_front_matter,
    unsafe_reason,
)

SITE_FILE = "data/site.yml"
REPORTS_DIR = "content/reports"
_QUOTED = re.compile(r"'([^']*)'")


@dataclass
class Table:
    """One dataset as read: valid records, and every key value seen (valid rows or not)."""

    records: list[Record]
    keys: set[str]
    failed: bool = False
    """The file could not be read at all: references into it are not reported as unknown (no cascade)."""
    kept: bool = True
    """False for an optional dataset whose file the bureau does not keep (yet)."""


def field_path(loc: Iterable[Any]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _first_sentence(text: str | None) -> str:
    return (text or "").split("。", 1)[0].strip()


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, str]:
    """(Chinese label, first sentence of the docstring) of the field a pydantic error points at."""
    current: Any = model
    label, doc = str(loc[0]) if loc else "", ""
    for part in loc:
        fields = getattr(current, "model_fields", None)
        if not isinstance(part, str) or not fields or part not in fields:
            continue
        info = fields[part]
        label, doc = info.title or part, _first_sentence(info.description)
        current = _nested_model(info.annotation)
    return label, doc


def _nested_model(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in getattr(candidate, "__args__", ()):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _describe(error: Any, model: type[BaseModel]) -> tuple[str, str]:
    """Map one pydantic error to (problem code, Chinese message)."""
    kind, loc = error["type"], tuple(error["loc"])
    label, doc = _field_info(model, loc)
    if kind in CORE:
        return kind, f"「{label}」：{error['msg']}"
    if kind in {"missing", "too_short"}:
        hint = f"（{doc}）" if doc else ""
        return "missing-field", f"必填项「{label}」没有填写，请补上{hint}"
    if kind == "extra_forbidden":
        return "unknown-field", f"数据规范中没有「{loc[-1]}」这一项：请检查拼写，或删除这一项"
    if kind in {"literal_error", "enum"}:
        allowed = "、".join(_QUOTED.findall(error.get("ctx", {}).get("expected", "")))
        value = error.get("input", "")
        return "invalid-enum", f"「{label}」只能填以下之一：{allowed}；现为「{value}」"
    shapes = {"dict_type": "一组「键: 值」", "list_type": "一个列表（每项以「- 」开头）", "string_type": "一段文字",
              "model_type": "一组「键: 值」", "model_attributes_type": "一组「键: 值」"}
    if kind in shapes:
        return "invalid-value", f"「{label}」应为{shapes[kind]}"
    return "invalid-value", f"「{label}」的值不符合要求（{error['msg']}）"


def validate_record(model: type[Record], values: dict[str, Any], src: Located,
                    absent_columns: frozenset[str] = frozenset()) -> tuple[Record | None, list[Problem]]:
    """A typed record, or the located problems that kept it from being one."""
    try:
        record = model.model_validate(values)
    except ValidationError as exc:
        found = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            if error["type"] == "missing" and loc and loc[0] in absent_columns:
                continue  # the missing column was already reported on the header line
            code, message = _describe(error, model)
            path = field_path(loc)
            found.append(problem(code, src.where(path), path or model.__name__, message))
        return None, found
    object.__setattr__(record, SOURCE, src)  # outside the fields: see Record.where
    # Pydantic keeps a set of the fields given in every record: 728 bytes, 2,264 past 18 fields, more than the
    # record's values. Records are frozen and never copied with updates, so the rows that gave the same fields share
    # one frozen set (a write to it would fail loudly): about 230 MB less at 50k institutions.
    given = frozenset(record.__pydantic_fields_set__)
    object.__setattr__(record, "__pydantic_fields_set__", _GIVEN.setdefault(given, given)
                       if len(_GIVEN) < _GIVEN_MOST or given in _GIVEN else given)
    return record, []


#: A CSV row is located by its columns: its Located shares this mapping of marks, never read nor written.
_NO_MARKS: Marks = {}
#: The sets of given fields seen so far, each kept once (a handful per dataset; bounded, whatever the input).
_GIVEN: dict[frozenset[str], frozenset[str]] = {}
_GIVEN_MOST = 4096


# --- datasets -----------------------------------------------------------------------------------


def read_table(root: Path, ds: Dataset) -> tuple[Table, list[Problem]]:
    if unsafe_reason(root, root / ds.path):
        return Table([], set(), failed=True), []  # reported once, by unsafe_files
    if not (root / ds.path).is_file():
        if ds.optional and not (root / ds.path).exists():
            return Table([], set(), kept=False), []  # not kept yet: no records
        return Table([], set(), failed=True), [problem("missing-field", Where(ds.path), ds.path,
                                          f"缺少数据文件 {ds.path}（{ds.title}）：请按数据规范建立该文件")]
    if ds.is_csv:
        return _read_csv_table(root, ds)
    return _read_yaml_table(root, ds)


#: Tables as read from their text, for the next validation in this process (memo.Kept): a dataset's records are a
#: function of its file's text and the dataset's declaration alone. 8 Mi characters in all: the sample's tables many
#: times over; a province's tables (tens of MB) are read afresh each time.
_TABLES: Kept[tuple[tuple[Record, ...], frozenset[str], bool, tuple[Problem, ...]]] = Kept(8 << 20)


def _kept_table(ds: Dataset, text: str, read: Any) -> tuple[Table, list[Problem]]:
    """`read(ds, text)`, or what it gave for the same declaration and the same text before (a new Table each time:
    the records, frozen, are shared)."""
    def make() -> tuple[tuple[Record, ...], frozenset[str], bool, tuple[Problem, ...]]:
        table, problems = read(ds, text)
        return tuple(table.records), frozenset(table.keys), table.failed, tuple(problems)

    key = (read, ds.path, ds.title, ds.model, ds.key, ds.list_key, text)
    records, keys, failed, problems = _TABLES.get(key, len(text), make)
    return Table(list(records), set(keys), failed=failed), list(problems)


def _read_csv_table(root: Path, ds: Dataset) -> tuple[Table, list[Problem]]:
    text, problems = read_text(root, ds.path, csv_columns=True)
    if text is None:
        return Table([], set(), failed=True), problems
    return _kept_table(ds, text, _csv_table)


def _csv_table(ds: Dataset, text: str) -> tuple[Table, list[Problem]]:
    problems: list[Problem] = []
    table = Table([], set())
    rows = parse_csv(text)
    first = next(rows, None)
    if first is None:
        table.failed = True
        expected = ",".join(ds.model.columns())
        return table, [problem("csv-header", Where(ds.path), "表头", f"文件是空的：第一行应为表头 {expected}")]
    header_line, raw_header = first
    header = [cell.strip() for cell in raw_header]
    columns, absent, header_problems = _check_header(ds, header_line, header)
    problems += header_problems
    seen: dict[str, int] = {}
    # Every cell is a piece of the file's text: in a file without a control character no cell holds one, and only a
    # row with a cell over the limit needs its cells measured (most files have neither: no row is searched).
    may_hide = CONTROL.search(text) is not None
    every_column = len(columns) == len(header)  # each header name is a field, given once: every cell is read
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(_ragged(ds, line, len(cells), len(header)))
            key_col = columns.get(ds.key or "", 0)
            if 0 < key_col <= len(cells) and cells[key_col - 1].strip():
                table.keys.add(cells[key_col - 1].strip())  # known, so references to it do not fail as well
            continue
        if every_column:
            values = {name: value for name, cell in zip(header, cells, strict=True) if (value := cell.strip())}
        else:
            values = {name: value for name, cell in zip(header, cells, strict=True)
                      if (value := cell.strip()) and name in columns}
        src = Located(ds.path, line, 1, columns=columns, marks=_NO_MARKS)
        hidden: list[Problem] = []
        if may_hide or max(map(len, cells)) > MAX_CELL_CHARS:
            joined = "\n".join(values.values())  # line breaks are no control: fields stay apart
            if CONTROL.search(joined):
                hidden = [p for name, value in values.items() if (p := control_problem(value, src.where(name), name))]
            if len(joined) > MAX_CELL_CHARS:  # no cell can be over the limit when all of them together are not
                hidden += [problem("too-large", src.where(name), name, f"单元格有 {len(value):,} 个字符，超过上限 "
                                   f"{MAX_CELL_CHARS:,}：请精简，或把全文放在附件中")
                           for name, value in values.items() if len(value) > MAX_CELL_CHARS]
        if len(seen) >= MAX_ROWS:
            problems.append(problem("too-large", src.where(), "行", f"超过 {MAX_ROWS:,} 行的上限：请拆分文件"))
            break
        if hidden:  # refused outright: a reversed or hidden text must not reach the checks or a page
            problems += hidden
            if ds.key and values.get(ds.key):
                table.keys.add(values[ds.key])  # known, so references to it do not fail as well
            continue
        _collect(ds, values, src, absent, table, seen, problems)
    return table, problems


def _check_header(ds: Dataset, line: int, header: list[str]) -> tuple[dict[str, int], frozenset[str], list[Problem]]:
    known = ds.model.model_fields
    problems = []
    columns: dict[str, int] = {}
    for col, name in enumerate(header, start=1):
        where = Where(ds.path, line, col)
        if name not in known:
            problems.append(problem("csv-header", where, name or f"第{col}列",
                                    f"表头第 {col} 列（{column_letter(col)} 列）「{name}」不是本表的字段："
                                    f"请检查拼写或删除该列。本表的列为 {','.join(ds.model.columns())}"))
        elif name in columns:
            problems.append(problem("csv-header", where, name, f"表头中「{name}」出现了两次：请删除重复的一列"))
        else:
            columns[name] = col
    required = [name for name, info in known.items() if info.is_required()]
    absent = [name for name in required if name not in columns]
    if absent:
        where = Where(ds.path, line, len(header) + 1)
        labels = "、".join(f"{name}（{known[name].title}）" for name in absent)
        problems.append(problem("csv-header", where, absent[0], f"表头缺少必填列：{labels}"))
    return columns, frozenset(absent), problems


def _ragged(ds: Dataset, line: int, got: int, want: int) -> Problem:
    col = want + 1 if got > want else got + 1
    hint = "多出的单元格" if got > want else "缺少的单元格"
    return problem("csv-header", Where(ds.path, line, col), "行", (
        f"这一行有 {got} 个单元格，表头有 {want} 列（{hint}从第 {col} 列开始）："
        "单元格内容含英文逗号或换行时，须用英文双引号把整个单元格括起来"))


def _collect(ds: Dataset, values: dict[str, Any], src: Located, absent: frozenset[str], table: Table,
             seen: dict[str, int], problems: list[Problem]) -> None:
    key = values.get(ds.key) if ds.key else None
    duplicate = isinstance(key, str) and key in seen
    if duplicate:
        problems.append(problem("duplicate-id", src.where(ds.key or ""), ds.key or "",
                                f"「{key}」与第 {seen[key]} 行重复：{ds.model.label_of(ds.key or '')}必须唯一"))  # type: ignore[index]
    elif isinstance(key, str):
        seen[key] = src.line
        table.keys.add(key)
    record, found = validate_record(ds.model, values, src, absent)
    problems += found
    if record is not None and not duplicate:
        table.records.append(record)


def _read_yaml_table(root: Path, ds: Dataset) -> tuple[Table, list[Problem]]:
    text, problems = read_text(root, ds.path)
    if text is None:
        return Table([], set(), failed=True), problems
    return _kept_table(ds, text, _yaml_table)


def _yaml_table(ds: Dataset, text: str) -> tuple[Table, list[Problem]]:
    table = Table([], set(), failed=True)
    data, marks, found = parse_yaml(text, ds.path)
    problems = list(found)
    if data is None and found:
        return table, problems
    table.failed = False
    top = Located(ds.path, 1, 1, marks=marks)
    key = ds.list_key or ""
    if not isinstance(data, dict) or key not in data:
        problems.append(problem("missing-field", top.where(), key, f"文件应以「{key}:」开头，下面逐条列出{ds.title}"))
        return table, problems
    for extra in data.keys() - {key}:
        problems.append(problem("unknown-field", top.where(extra), extra, f"数据规范中没有「{extra}」这一项，请删除"))
    items = data[key]
    if not isinstance(items, list):
        problems.append(problem("invalid-value", top.where(key), key, f"「{key}」下应为列表，每条以「- 」开头"))
        return table, problems
    per_item = _split_marks(marks, key)
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        line, col = marks[f"{key}[{i}]"]
        src = Located(ds.path, line, col, marks=per_item.get(i, {}))
        if not isinstance(item, dict):
            problems.append(problem("invalid-value", src.where(), f"{key}[{i}]", "每一条应为一组「键: 值」"))
            continue
        _collect(ds, _blank_is_absent(item), src, frozenset(), table, seen, problems)
    return table, problems


def _blank_is_absent(item: dict[str, Any]) -> dict[str, Any]:
    """A YAML item's values read as a CSV row's cells are: text stripped (as the records keep it, so a key pasted with
    a trailing full-width space is still the key others refer to), and a value left empty or blank (「office:」,
    「code: ""」, 「name: "　"」) is not given, so a required field says it must be filled instead of taking ''."""
    values: dict[str, Any] = {}
    for name, value in item.items():
        if isinstance(value, str):
            value = value.strip()
        if value is not None and value != "":
            values[name] = value
    return values


def _split_marks(marks: dict[str, tuple[int, int]], key: str) -> dict[int, dict[str, tuple[int, int]]]:
    pattern = re.compile(rf"{re.escape(key)}\[(\d+)\]\.?(.*)")
    per_item: dict[int, dict[str, tuple[int, int]]] = {}
    for path, mark in marks.items():
        match = pattern.fullmatch(path)
        if match:
            per_item.setdefault(int(match.group(1)), {})[match.group(2)] = mark
    return per_item


# --- site.yml and reports -----------------------------------------------------------------------


def read_site(root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    if unsafe_reason(root, root / SITE_FILE):
        return None, []  # reported once, by unsafe_files
    if not (root / SITE_FILE).is_file():
        return None, [problem("missing-field", Where(SITE_FILE), SITE_FILE,
                              "缺少 data/site.yml：请填写主办单位和网站信息")]
    text, problems = read_text(root, SITE_FILE)
    if text is None:
        return None, problems
    data, marks, found = parse_yaml(text, SITE_FILE)
    problems += found
    if data is None and found:
        return None, problems
    src = Located(SITE_FILE, 1, 1, marks=marks)
    record, found = validate_record(SiteConfig, data if isinstance(data, dict) else {}, src)  # type: ignore[arg-type]
    return record, problems + found  # type: ignore[return-value]


def read_reports(tree: Tree) -> tuple[list[Report], list[Problem]]:
    """The annual reports, one content/reports/<year>.md each (ordinary files: a link is refused by unsafe_files)."""
    reports: list[Report] = []
    problems: list[Problem] = []
    folder = tree.root / REPORTS_DIR
    for path in sorted(path for path, entry in tree.walk(REPORTS_DIR) if path.parent == folder
                       and path.name.endswith(".md") and stat.S_ISREG(entry.st_mode) and utf8_name(path.name)):
        report, found = _read_report(tree.root, relpath(tree.root, path))
        problems += found
        if report is not None:
            reports.append(report)
    return reports, problems


def _body_start(text: str, body: str) -> tuple[int, int]:
    """(line, column) of the body's first character as the record keeps it (stripped), so that the figures named
    in the text are located in the file."""
    before = text[:len(text) - len(body.lstrip())]
    breaks = list(re.finditer(r"\r\n|\r|\n", before))
    return len(breaks) + 1, len(before) - (breaks[-1].end() if breaks else 0) + 1


def _read_report(root: Path, rel: str) -> tuple[Report | None, list[Problem]]:
    text, problems = read_text(root, rel)
    if text is None:
        return None, problems
    front, body, start = split_front_matter(text)
    if front is None:
        return None, [problem("missing-field", Where(rel), "year",
                              "报告开头缺少 --- 包围的文首信息（year、title、kind、published_on）")]
    data, marks, parsed = parse_yaml(front, rel, line_offset=start - 1)
    if data is None and parsed:
        return None, parsed
    src = Located(rel, start, 1, marks=marks)
    values = dict(data) if isinstance(data, dict) else {}
    if "body" in values:
        return None, [*parsed, problem("unknown-field", src.where("body"), "body",
                                       "文首信息中没有「body」这一项，正文写在 --- 之后")]
    src.marks["body"] = _body_start(text, body)
    values["body"] = body
    report, found = validate_record(Report, values, src)
    found = parsed + found  # a duplicate key is an error even when the rest of the front matter is fine
    if isinstance(report, Report):
        stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
        named = _report_name_problem(report, stem)
        if named:
            found.append(named)
            report = None
    return report, found  # type: ignore[return-value]


def _report_name_problem(report: Report, stem: str) -> Problem | None:
    """A report's file is named by its year (2021.md), a 政府信息公开 report's by its year and -xxgk (2021-xxgk.md,
    so that both reports of a year have pages: /reports/2021/ and /reports/2021-xxgk/). A 政府信息公开 report named
    2021.md, as the data contract always allowed, keeps working."""
    if stem == str(report.year):
        return None
    if stem == f"{report.year}{GOVINFO_SUFFIX}":
        if report.kind == GOVINFO_REPORT:
            return None
        return problem("invalid-value", report.where("kind"), "kind",
                       f"文件名 {stem}.md 表示{GOVINFO_REPORT}，但 kind 是「{report.kind}」：请把 kind 改为 "
                       f"{GOVINFO_REPORT}，或把文件改名为 {report.year}.md")
    right = default_slug(report.year, report.kind)
    return problem("invalid-value", report.where("year"), "year",
                   f"年度 {report.year} 与文件名 {stem}.md 不一致：文件应命名为 {right}.md"
                   f"（法治政府建设年度报告为 年份.md，政府信息公开工作年度报告为 年份{GOVINFO_SUFFIX}.md）")
