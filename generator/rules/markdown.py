"""Validation of staff content under content/: Markdown limits, invisible characters, titles and unsafe markup,
and no file a browser would run as a page or script."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from functools import partial

import markdown

from ..memo import Kept
from ..problems import Problem, Where, problem
from ..read.files import Tree, relpath
from ..read.sources import CONTROL, is_active, parse_yaml, read_text, split_front_matter
from .sanitiser import Removal, sanitise

#: Declared limits: far above any report, far below what makes the engine run for minutes or overflow its stack.
MAX_MARKDOWN_CHARS = 1_000_000
MAX_BRACKETS_PER_BLOCK = 200  # the engine's link scanning is quadratic in a run of "["
MAX_NESTING = 16  # list levels (by indentation) or quote levels (">")
#: Front matter keys a content page may set (the engine reads others, e.g. a template, from the page).
PAGE_KEYS = frozenset({"title", "description", "hide"})
_TITLE_BAD = re.compile(r"[<>&\"'`{}\\]")
_EXTENSIONS = ["tables", "toc"]  # as in mkdocs.yml, so the check sees the HTML the site will get


def markdown_files(tree: Tree) -> list[str]:
    """The Markdown pages staff wrote under content/ (ordinary files, hidden ones left out), as paths from root."""
    return sorted(relpath(tree.root, path) for path, found in tree.walk("content")
                  if stat.S_ISREG(found.st_mode) and path.name.endswith(".md") and not path.name.startswith("."))


def check_markdown(tree: Tree) -> list[Problem]:
    problems: list[Problem] = []
    for rel in markdown_files(tree):
        text, _found = read_text(tree.root, rel)
        if text is None:
            continue  # the encoding is reported by the privacy scan, which reads every file
        problems += _PAGES.get((rel, text), len(text), partial(_checked, rel, text))
    return problems


#: What a page's check found, by its path and text (all it reads), for the next validation in this process.
_PAGES: Kept[tuple[Problem, ...]] = Kept(4 << 20)


def _checked(rel: str, text: str) -> tuple[Problem, ...]:
    return tuple(_check_text(rel, text))


def _check_text(rel: str, text: str) -> list[Problem]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    limits = list(_limits(rel, text))
    if limits:
        return limits
    front, body, start = split_front_matter(text)
    problems: list[Problem] = []
    body_line = 1
    if front is not None:
        body_line = start + front.count("\n") + 1
        if not rel.startswith("content/reports/"):  # report front matter has its own model
            problems += _front_matter(rel, front, start)
    hidden = list(_controls(rel, body, body_line))
    if hidden:
        return problems + hidden
    html = markdown.markdown(body, extensions=_EXTENSIONS)
    _, removed = sanitise(html)
    problems += _locate(rel, text, body_line, removed)
    return problems


def _limits(rel: str, text: str) -> Iterator[Problem]:
    if len(text) > MAX_MARKDOWN_CHARS:
        yield problem("too-large", Where(rel), "正文",
                      f"文件有 {len(text):,} 个字符，超过上限 {MAX_MARKDOWN_CHARS:,}：请拆分")
        return
    block_start, brackets = 1, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            block_start, brackets = number + 1, 0
            continue
        brackets += line.count("[")
        if brackets > MAX_BRACKETS_PER_BLOCK:
            yield problem("too-large", Where(rel, block_start, 1), "正文",
                          f"这一段有超过 {MAX_BRACKETS_PER_BLOCK} 个「[」：请删除多余的方括号，或用空行把段落分开")
            return
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        quotes = len(re.match(r"[> ]*", line).group().replace(" ", ""))  # type: ignore[union-attr]
        if indent > MAX_NESTING * 4 or quotes > MAX_NESTING:
            yield problem("too-large", Where(rel, number, 1), "正文",
                          f"列表或引用嵌套超过 {MAX_NESTING} 层：请减少缩进或「>」的层数")
            return


def _controls(rel: str, body: str, first_line: int) -> Iterator[Problem]:
    for number, line in enumerate(body.split("\n"), start=first_line):
        found = CONTROL.search(line)
        if found:
            yield problem("control-character", Where(rel, number, found.start() + 1), "正文",
                          f"含有看不见的控制字符 U+{ord(found.group()):04X}（常由复制粘贴带入）："
                          "请删除后重新输入这段文字")


def _front_matter(rel: str, front: str, start: int) -> Iterator[Problem]:
    data, marks, found = parse_yaml(front, rel, line_offset=start - 1)
    yield from found
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        where = Where(rel, *marks.get(key, (start, 1)))
        if key not in PAGE_KEYS:
            yield problem("unknown-field", where, key,
                          f"页面开头的文首信息只能写 {'、'.join(sorted(PAGE_KEYS))}：请删除「{key}」")
        elif key in {"title", "description"} and isinstance(value, str) and _TITLE_BAD.search(value):
            yield problem("invalid-value", where, key,
                          f"「{key}」只能是普通文字，不能含尖括号、引号、& 等标记符号："
                          f"请删除「{_TITLE_BAD.search(value).group()}」")  # type: ignore[union-attr]


def _locate(rel: str, text: str, body_line: int, removed: list[Removal]) -> list[Problem]:
    """Each removal placed at the first occurrence of what it was, after the previous one (else the body start)."""
    lower, at, found = text.lower(), 0, []
    body_at = sum(len(line) + 1 for line in text.split("\n")[:body_line - 1])
    for item in removed:
        index = lower.find(item.needle.lower(), max(at, body_at))
        if index < 0:
            index = lower.find(item.needle.lower(), body_at)
        if index < 0:
            where = Where(rel, body_line, 1)
        else:
            at = index + 1
            line = text.count("\n", 0, index) + 1
            where = Where(rel, line, index - (text.rfind("\n", 0, index) + 1) + 1)
        found.append(problem("unsafe-markup", where, "正文",
                             f"已删除{item.what}：网站不发布脚本、内嵌框架、事件属性、外部图片和不安全链接"))
    return found


def active_files(tree: Tree) -> list[Problem]:
    """An `active-file` error for every web page or script under content/ (or a link in its place): published as it
    is, its scripts would run at this site's address, and its text never passes the allow-list staff Markdown goes
    through."""
    found = []
    for path, entry in sorted(tree.walk("content"), key=lambda listed: listed[0]):
        rel = relpath(tree.root, path)
        if is_active(rel) and (stat.S_ISREG(entry.st_mode) or stat.S_ISLNK(entry.st_mode)):
            found.append(problem("active-file", Where(rel), rel, (
                f"这是网页或脚本文件（{path.suffix}），读者的浏览器会在本站地址下运行其中的脚本，不予发布："
                "请把内容改写成 Markdown（.md）页面；需要原样提供的文件请转成 PDF，或压缩成 .zip 作为附件")))
    return found
