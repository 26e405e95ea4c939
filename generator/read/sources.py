"""Reading: the only code that opens files under data/ and content/; it keeps the line and column of every value."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem, Where, problem
from .files import (  # noqa: F401 (theirs)
    RENDERED_WITH_DATA,
    TooLarge,
    content_files,
    data_files,
    is_active,
    read_regular,
    unsafe_problem,
    unsafe_reason,
)

try:  # the C composer is several times faster; both treat every scalar as a string
    from yaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import BaseLoader as _Loader  # type: ignore[assignment]

SAVE_AS_UTF8 = (
    "请用 WPS 或 Excel 打开该文件，选择「文件 → 另存为」，文件类型选「CSV UTF-8（逗号分隔）(*.csv)」后重新提交"
    "（文本文件可用记事本「另存为」并选择 UTF-8 编码）"
)

#: A value's position inside a record: dotted field path -> (line, col), both 1-based.
Marks = dict[str, tuple[int, int]]


@dataclass(slots=True)
class Located:
    """Where one record was read and where each of its values stands. Every record keeps its own (Record.where), for
    as long as the catalogue lives: nothing else (the values as read are the record's now)."""

    path: str
    line: int
    col: int
    columns: dict[str, int] | None = None  # CSV: column name -> column number (shared by all rows)
    marks: Marks = field(default_factory=dict)  # YAML: field path -> position of the value

    def where(self, field_path: str = "") -> Where:
        """Position of a field's value; falls back to the nearest enclosing value, then the record."""
        if self.columns is not None:
            name = field_path.split(".", 1)[0].split("[", 1)[0]
            return Where(self.path, self.line, self.columns.get(name, self.col))
        probe = field_path
        while probe:
            if probe in self.marks:
                line, col = self.marks[probe]
                return Where(self.path, line, col)
            shorter = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", probe)
            if shorter == probe:  # "bureau", or a dict-key error "x.重大.[key]": step anyway, never loop
                shorter = probe.rsplit(".", 1)[0] if "." in probe else ""
            probe = shorter
        return Where(self.path, self.line, self.col)


#: Invisible characters that make text show differently from what it is (C0/C1 controls except tab and line
#: breaks, DEL, bidirectional overrides and isolates, line/paragraph separators), and the zero-width ones (space,
#: joiners, word joiner, a byte-order mark inside the text): 「汾川县\u200b阳光」 looks like a key or a name it is not,
#: so a reference to it fails with a message showing two identical names and a name split by one escapes the checks.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
                     "\u2028\u2029\ufeff]")


def control_problem(value: str, where: Where, field_name: str) -> Problem | None:
    """A located `control-character` problem when `value` holds an invisible control or direction character."""
    found = CONTROL.search(value)
    if not found:
        return None
    return problem("control-character", where, field_name or "文字",
                   f"第 {found.start() + 1} 个字符是看不见的控制字符 U+{ord(found.group()):04X}"
                   "（常由网页或聊天软件复制粘贴带入）：请删除后重新输入这段文字")


#: Declared limits: far above a province's files, far below what exhausts memory or time.
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_CELL_CHARS = 20_000
MAX_ROWS = 2_000_000
csv.field_size_limit(MAX_FILE_BYTES)  # the cell limit is checked (and located) by the reader, not the csv module


def read_text(root: Path, rel: str, csv_columns: bool = False) -> tuple[str | None, list[Problem]]:
    """The file as text (a UTF-8 BOM dropped), or a located problem saying why it cannot be."""
    refused = unsafe_problem(root, root / rel)
    if refused is not None:
        return None, [refused]
    try:
        data = read_regular(root / rel, MAX_FILE_BYTES)
    except TooLarge as exc:
        return None, [problem("too-large", Where(rel), "文件", f"文件有 {exc.size:,} 字节，"
                                                               f"超过上限 {MAX_FILE_BYTES:,}：请拆分")]
    except OSError as exc:
        return None, [problem("unreadable-file", Where(rel), "文件",
                              f"无法读取该文件（{exc.strerror or exc}）：请检查文件权限，或重新复制该文件后提交")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_encoding_problem(rel, data, exc.start, csv_columns)]
    if "\x00" in text:
        return None, [_encoding_problem(rel, data, data.index(b"\x00"), csv_columns)]
    return text, []


def _encoding_problem(rel: str, data: bytes, start: int, csv_columns: bool) -> Problem:
    line = data.count(b"\n", 0, start) + 1
    before = data[data.rfind(b"\n", 0, start) + 1 : start]
    col = before.count(b",") + 1 if csv_columns else len(before.decode("utf-8", "replace")) + 1
    if b"\x00" in data[:4096]:
        found = "UTF-16 或二进制文件"
    else:
        try:
            data.decode("gb18030")
            found = "GBK/GB18030 编码（Excel、WPS 或记事本在中文 Windows 上的默认格式）"
        except UnicodeDecodeError:
            found = "无法识别的编码"
    return problem("csv-encoding", Where(rel, line, col), "文件编码", f"文件不是 UTF-8 编码，检测到{found}。"
                                                                      f"{SAVE_AS_UTF8}。")


# --- YAML -------------------------------------------------------------------------------------


#: Deeper than any file of the contract needs; Python's own recursion limit would be hit near 500.
MAX_YAML_DEPTH = 50


class _YamlError(Exception):
    def __init__(self, found: Problem):
        super().__init__(found.message)
        self.problem = found


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[Any, Marks, list[Problem]]:
    """Parse one YAML document: every scalar a string, duplicate keys and aliases refused.

    Returns the value, the marks of every value by field path, and problems (the value is None when
    the document cannot be read at all).
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses outright (DEL, ESC, other controls)
        at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        at = at if at >= 0 else 0  # the C reader counts bytes, not characters: find the character itself
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        return None, {}, [problem("control-character", Where(rel, line + line_offset, col), "YAML",
                                  f"含有看不见的控制字符 U+{exc.character:04X}（常由复制粘贴带入）："
                                  "请删除后重新输入这段文字")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = _yaml_reason(exc)
        return None, {}, [problem("yaml-syntax", Where(rel, line + line_offset, col), "YAML", what)]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, {}, [problem("yaml-syntax", Where(rel, 1 + line_offset, 1), "YAML", f"无法解析：{exc}")]
    if node is None:
        return None, {}, []
    marks: Marks = {}
    problems: list[Problem] = []
    try:
        value = _to_python(node, "", marks, problems, rel, line_offset, set())
    except _YamlError as exc:
        return None, {}, [exc.problem]
    return value, marks, problems


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    raw = f"{exc.context or ''} {exc.problem or ''}".strip()
    hints = {
        "mapping values are not allowed": "此处不能再出现冒号：值里含英文冒号时请用引号括起整段文字",
        "could not find expected ':'": "缺少冒号：每个键后面应为「键: 值」（冒号后加空格）",
        "found character '\\t'": "不能用 Tab 缩进，请改用空格",
        "expected <block end>": "缩进层级不一致：同一层的键应左对齐",
        "found unexpected end of stream": "引号没有配对：请检查这一段的引号",
        "while scanning a quoted scalar": "引号没有配对：请检查这一段的引号",
    }
    for needle, hint in hints.items():
        if needle in raw:
            return f"{hint}（{raw}）"
    return f"YAML 语法错误，请检查这一行及上一行的缩进、冒号和引号（{raw}）"


def _to_python(node: yaml.Node, path: str, marks: Marks, problems: list[Problem], rel: str, off: int,
               seen: set[int], depth: int = 0) -> Any:
    if id(node) in seen:
        where = Where(rel, node.start_mark.line + 1 + off, node.start_mark.column + 1)
        raise _YamlError(problem("yaml-syntax", where, path or "YAML", "不支持 YAML 锚点与别名（& 和 *），"
                                                                       "请直接写出内容"))
    if depth > MAX_YAML_DEPTH:
        where = Where(rel, node.start_mark.line + 1 + off, node.start_mark.column + 1)
        raise _YamlError(problem("yaml-syntax", where, "YAML",
                                 f"嵌套层级超过 {MAX_YAML_DEPTH} 层：请检查缩进和括号是否配对"))
    seen.add(id(node))
    marks[path] = (node.start_mark.line + 1 + off, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        found = control_problem(node.value, Where(rel, *marks[path]), path)
        if found:
            problems.append(found)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, f"{path}[{i}]", marks, problems, rel, off, seen, depth + 1)
                for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            where = Where(rel, key_node.start_mark.line + 1 + off, key_node.start_mark.column + 1)
            raise _YamlError(problem("yaml-syntax", where, path or "YAML", "键必须是简单文字"))
        key = key_node.value
        child = f"{path}.{key}" if path else key
        if key in result:
            where = Where(rel, key_node.start_mark.line + 1 + off, key_node.start_mark.column + 1)
            first = marks.get(child, (0, 0))[0]
            problems.append(problem("yaml-duplicate-key", where, child,
                                    f"键「{key}」在第 {first} 行已经出现过，请删除或合并重复的一项"))
            continue
        result[key] = _to_python(value_node, child, marks, problems, rel, off, seen, depth + 1)
    return result


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, line number where the front matter YAML starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1), text[match.end():], 2


# --- CSV --------------------------------------------------------------------------------------


def parse_csv(text: str) -> Iterator[tuple[int, list[str]]]:
    """Rows as (physical line where the row starts, cells); blank lines skipped, quoted newlines counted."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    previous = 0
    for cells in reader:
        start = previous + 1
        previous = reader.line_num
        # a row is blank when all its cells are: their text joined is (the first cell usually says at once)
        if cells and (cells[0].strip() or "".join(cells).strip()):
            yield start, cells


def column_letter(col: int) -> str:
    """Spreadsheet column name (1 -> A, 27 -> AA), to help staff find a cell in Excel or WPS."""
    name = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def column_number(letters: str) -> int:
    """The column a spreadsheet column name stands for (A -> 1, aa -> 27): column_letter read back."""
    col = 0
    for letter in letters.upper():
        col = col * 26 + ord(letter) - 64
    return col
