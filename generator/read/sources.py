"""Reading: the only code that opens files under data/ and content/; it keeps the line and column of every value."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..problems import Problem, Where, problem

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
    """One record as read: its values (strings, lists, mappings) and where each one stands."""

    path: str
    line: int
    col: int
    values: dict[str, Any]
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
#: breaks, DEL, bidirectional overrides and isolates, line/paragraph separators).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\u2028\u2029]")


def control_problem(value: str, where: Where, field_name: str) -> Problem | None:
    """A located `control-character` problem when `value` holds an invisible control or direction character."""
    found = CONTROL.search(value)
    if not found:
        return None
    return problem("control-character", where, field_name or "文字",
                   f"第 {found.start() + 1} 个字符是看不见的控制字符 U+{ord(found.group()):04X}"
                   "（常由网页或聊天软件复制粘贴带入）：请删除后重新输入这段文字")


def relpath(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


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
    except _TooLarge as exc:
        return None, [problem("too-large", Where(rel), "文件", f"文件有 {exc.size:,} 字节，超过上限 {MAX_FILE_BYTES:,}：请拆分")]
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


class _TooLarge(OSError):
    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


class NotRegular(OSError):
    """Not an ordinary file (a link, a pipe, a device, a folder): it is never read."""


#: Opened without following a link at the end and without waiting on a pipe; fstat then says what was opened.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an ordinary file; NotRegular for anything else (never opened for reading: a pipe or /dev/zero
    would wait or run forever), an OSError subclass with `size` above `limit`."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link
            raise NotRegular(errno.ELOOP, "是符号链接", str(path)) from None
        raise
    with os.fdopen(descriptor, "rb") as handle:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode):
            raise NotRegular(errno.EINVAL, "不是普通文件", str(path))
        if found.st_size > limit:
            raise _TooLarge(found.st_size)
        data = handle.read(limit + 1)
        if len(data) > limit:  # it grew while being read
            raise _TooLarge(len(data))
        return data


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
    return problem("csv-encoding", Where(rel, line, col), "文件编码", f"文件不是 UTF-8 编码，检测到{found}。{SAVE_AS_UTF8}。")


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
                                  f"含有看不见的控制字符 U+{exc.character:04X}（常由复制粘贴带入）：请删除后重新输入这段文字")]
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
        raise _YamlError(problem("yaml-syntax", where, path or "YAML", "不支持 YAML 锚点与别名（& 和 *），请直接写出内容"))
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
        if cells and any(cell.strip() for cell in cells):
            yield start, cells


def column_letter(col: int) -> str:
    """Spreadsheet column name (1 -> A, 27 -> AA), to help staff find a cell in Excel or WPS."""
    name = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


#: Where staff files live: every link and special file in them is refused (unsafe_files), and nothing in them is read
#: or published through a link. AREAS are folders, CONFIG files the build reads beside them (data/site.yml is in
#: data/); site_overrides/ is the theme folder MkDocs copies into the site.
AREAS = ("data", "content", "site_overrides")
CONFIG = ("mkdocs.yml",)
DATA_AREAS = ("data", "content")


def walk(root: Path, top: str) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry below root/top (folders too) with its lstat, links never followed; nothing when top itself is a
    link or not a folder (unsafe_files reports it)."""
    base = root / top
    try:
        if not stat.S_ISDIR(os.lstat(base).st_mode):
            return
    except OSError:
        return
    for folder, dirs, files in os.walk(base):  # os.walk lists links to folders, never enters them
        for name in sorted(dirs + files):
            path = Path(folder) / name
            try:
                yield path, os.lstat(path)
            except OSError:
                continue  # vanished meanwhile


def data_files(root: Path) -> list[str]:
    """Every ordinary file under data/ and content/, as sorted paths relative to root (hidden files included).

    Links, special files and names that are not UTF-8 are left out: see `unsafe_files`.
    """
    return sorted(relpath(root, path) for top in DATA_AREAS for path, found in walk(root, top)
                  if stat.S_ISREG(found.st_mode) and _utf8_name(path.name))


#: Folders under content/ rendered with their data, not published as they are (see content_files), and the data
#: file that claims each (None: always). Without data/policies.csv (an optional dataset) content/policies/ stays
#: ordinary staff content, as it was before the policy documents had a dataset.
RENDERED_WITH_DATA: dict[str, str | None] = {"reports/": None, "policies/": "data/policies.csv"}


def rendered_with_data(root: Path) -> tuple[str, ...]:
    """The folders under content/ (as "name/") that this tree renders with its data."""
    return tuple(folder for folder, claim in RENDERED_WITH_DATA.items() if claim is None or (root / claim).is_file())


#: Files a browser runs as a page or a script at this site's address: staff content may not carry them (no text of
#: theirs passes the Markdown allow-list); SVG pictures are checked for scripts instead (active-svg).
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".xml", ".xsl", ".xslt"})


def is_active(rel: str) -> bool:
    return PurePosixPath(rel).suffix.lower() in ACTIVE_SUFFIXES


def content_files(root: Path) -> dict[str, bytes]:
    """Pages and files staff wrote under content/ (reports and policy texts excepted: they are rendered with their
    data, a policy's Markdown text inside its document's page, its PDF or DOCX beside that page). Ordinary files
    only: a link or a special file is never read, whatever validation said."""
    base = root / "content"
    found: dict[str, bytes] = {}
    claimed = rendered_with_data(root)
    for path, mode in walk(root, "content"):
        rel = path.relative_to(base).as_posix()
        if (stat.S_ISREG(mode.st_mode) and not rel.startswith(claimed) and not path.name.startswith(".")
                and not is_active(rel) and _utf8_name(path.name)):
            found[rel] = read_regular(path)
    return found


_SPECIAL = {stat.S_IFIFO: "命名管道（FIFO）", stat.S_IFCHR: "字符设备", stat.S_IFBLK: "块设备", stat.S_IFSOCK: "套接字"}
LINK_REASON = ("是符号链接（指向 {target}）：本程序不读取、不发布任何链接，无论它指向仓库内外（链接可能把 .git 中的"
               "凭据或本机的其他文件带上网站）。请删除该链接，把需要公开的文件本身复制到这里")


def unsafe_reason(root: Path, path: Path) -> str | None:
    """Why a path under root may not be read or published: it, or a folder on the way from root to it, is a link
    (wherever it points, dangling or not); it is a special file (reading a pipe would wait forever); its name is not
    UTF-8. None for ordinary files and folders, and for paths that do not exist."""
    found = _unsafe(root, path)
    return found[1] if found else None


def _unsafe(root: Path, path: Path) -> tuple[Path, str] | None:
    """(the path at fault: `path` or the link on the way to it, why), or None."""
    if not _utf8_name(path.name):
        return path, "的文件名不是 UTF-8 编码（常见于从旧版 Windows 压缩包解出的文件）：请重新命名该文件"
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return path, "不在数据仓库之内"
    current, mode = root, stat.S_IFDIR
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None  # absent: it reads as missing, nothing leaks
        if stat.S_ISLNK(mode):
            return current, _link_reason(current)
    kind = _SPECIAL.get(stat.S_IFMT(mode))
    return (path, f"是{kind}，不是普通文件：请删除它，换成普通文件") if kind else None


def _link_reason(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return LINK_REASON.format(target=printable(target))


def unsafe_problem(root: Path, path: Path) -> Problem | None:
    """The located problem of unsafe_reason, at the path at fault (as unsafe_files reports it), or None."""
    found = _unsafe(root, path)
    if found is None:
        return None
    at, reason = found
    rel = printable(relpath(root, at))
    code = "unsafe-file" if _utf8_name(at.name) else "unreadable-file"
    return problem(code, Where(rel), rel, f"{rel} {reason}")


def _utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.fsdecode kept the raw bytes as surrogates
        return False
    return True


def printable(rel: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as \ufffd."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def linked_area(root: Path) -> bool:
    """Whether data/ or content/ is itself a link or special file: nothing under it may then be listed or read."""
    return any(unsafe_reason(root, root / top) for top in DATA_AREAS)


def unsafe_files(root: Path) -> list[Problem]:
    """An `unsafe-file` error for every link (file or folder, wherever it points) and every special file in data/,
    content/, site_overrides/ and the configuration files, and for those folders and files themselves."""
    found = [p for name in (*AREAS, *CONFIG) if (p := unsafe_problem(root, root / name)) is not None]
    for top in AREAS:
        for path, entry in walk(root, top):
            mode = entry.st_mode
            if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)) or not _utf8_name(path.name):
                found.append(unsafe_problem(root, path) or _special(root, path))
    return found


def _special(root: Path, path: Path) -> Problem:
    rel = printable(relpath(root, path))
    return problem("unsafe-file", Where(rel), rel, f"{rel} 不是普通文件：请删除它，换成普通文件")
