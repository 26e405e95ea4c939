"""Staff inbox, reporting: the Markdown a clerk reads in the job summary or merge request (problems or changes),
and the `inbox` command that prints it."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from .. import paths
from ..datasets import REGISTRY
from ..problems import ERROR, Problem
from ..rules.publicity import mask_name
from .inbox import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, INBOX, Item, Outcome, run

#: A merge-request comment holds at most 65,536 characters (GitHub); the report stays well below.
BUDGET = 60_000
#: Records whose changes are listed per file, and characters shown of a value.
MAX_RECORDS, WIDTH = 100, 60
EMPTY = "（空）"


def render(outcome: Outcome) -> str:
    if not outcome.items and outcome.ok:
        return f"## 收件箱\n\n{INBOX}/ 中没有要导入的表格。\n"
    lines = _failure(outcome) if not outcome.ok else _success(outcome)
    return "\n".join(_fit(lines)) + "\n"


def _fit(lines: list[str]) -> list[str]:
    """The lines that fit the budget, and a last line saying that the rest was left out."""
    kept: list[str] = []
    size = 0
    for index, line in enumerate(lines):
        size += len(line) + 1
        if size > BUDGET:
            return [*kept, "", f"……报告太长，以下 {len(lines) - index} 行没有列出：请先处理上面的内容，"
                    "或在本机运行 `python -m generator inbox` 查看全部。"]
        kept.append(line)
    return kept


def _failure(outcome: Outcome) -> list[str]:
    errors = [p for p in outcome.problems if p.severity == ERROR]
    lines = [f"## 收件箱导入没有完成：发现 {len(errors)} 个问题", "",
             "**没有写入任何数据，也没有提交。** 请按下面每一条提示修改表格，再在网页上把改好的文件重新上传到 "
             f"`{INBOX}/`（文件名相同即替换原文件），系统会自动重新检查。所有文件都没有问题时才会一起导入。"]
    by_file = {item.rel: [p for p in outcome.problems if p.path == item.rel] for item in outcome.items}
    for item in outcome.items:
        lines += ["", f"### {_md(item.name)}", ""]
        found = by_file[item.rel]
        if found:
            lines += _listed(found, item.rel) if _what(item) == "" else [_what(item), "", *_listed(found, item.rel)]
        elif item.plan is not None:
            lines.append(f"没有问题：{_what(item)}；{_counts(item)}。等其他文件改好后一起导入。")
    others = [p for p in outcome.problems if p.path not in by_file]
    if others:
        lines += ["", "### 其他问题", "", *_listed(others, "")]
    return lines


def _what(item: Item) -> str:
    if item.plan is None:
        return ""
    ds = item.plan.dataset
    return f"导入到「{ds.title}」（`{ds.path}`，按{item.how}识别）"


def _counts(item: Item) -> str:
    plan = item.plan
    return f"新增 {plan.added} 条，改写 {plan.updated} 条" if plan is not None else ""


def _listed(problems: list[Problem], rel: str) -> list[str]:
    """Numbered problems, each with where, what and what to do (a fix said once per code, then referred to)."""
    lines: list[str] = []
    first: dict[str, int] = {}
    for number, p in enumerate(problems, start=1):
        where = "" if p.path == rel else f"`{_md(p.path)}`" + _at(p) + "："
        level = "" if p.severity == ERROR else "（提醒）"
        lines.append(f"{number}. {level}{where}{_md(p.message)}（{_md(p.field)}，`{p.code}`）")
        if p.code in first:
            lines.append(f"   - 怎么改：同第 {first[p.code]} 条")
        else:
            first[p.code] = number
            lines.append(f"   - 怎么改：{_md(REGISTRY.codes[p.code].fix)}")
    return lines


def _at(p: Problem) -> str:
    return "" if (p.line, p.col) == (1, 1) else f" 第 {p.line} 行第 {p.col} 列"


def _success(outcome: Outcome) -> list[str]:
    lines = [f"## 收件箱导入完成：{len(outcome.items)} 个文件，{len(outcome.items)} 个提交", "",
             f"每个文件一个提交，表格已从 `{INBOX}/` 移除。请核对下面的数据变更；合并这个合并请求后网站即更新。"]
    for item in outcome.items:
        plan = item.plan
        assert plan is not None
        lines += ["", f"### {_md(item.name)}", "", f"- {_what(item)}：{_counts(item)}"
                  + (f"（提交 `{item.commit[:8]}`）" if item.commit else "")]
        notes = [*plan.skipped, *plan.notes]
        lines += [f"- 说明：{_md(str(note))}" for note in notes]
        lines += [f"- 提醒：{_md(p.message)}（`{p.code}`）" for p in plan.problems if p.severity != ERROR]
        lines += _changes(item)
    return lines


def _changes(item: Item) -> list[str]:
    """Each changed record's fields, before → after (Plan.changes; added records are counted, not listed)."""
    plan = item.plan
    changes = [(change.key, change.fields) for change in plan.changes if change.fields] if plan is not None else []
    if not changes or plan is None:
        return []
    names = _natural_persons(item.before) | _natural_persons(plan.text or "")

    def masked(text: str) -> str:
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, mask_name(name))
        return text

    lines = ["", "| 记录 | 字段 | 原来 | 现在 |", "|---|---|---|---|"]
    for key, fields in changes[:MAX_RECORDS]:  # mask before cutting: a cut never leaves half a name
        for label, before, after in fields:
            lines.append(f"| {_md(masked(key))} | {_md(label)} | {_cell(masked(before))} | {_cell(masked(after))} |")
    if len(changes) > MAX_RECORDS:
        lines.append(f"\n……另有 {len(changes) - MAX_RECORDS} 条记录的变更没有列出。")
    return lines


def _cell(text: str) -> str:
    if not text:
        return EMPTY
    return _md(text[:WIDTH] + ("…" if len(text) > WIDTH else ""))


def _natural_persons(text: str) -> set[str]:
    """Party names of natural persons in a data file's text: the site shows them masked, so does the report."""
    if "自然人" not in text:
        return set()
    rows = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    return {row["party_name"] for row in rows if row.get("party_category") == "自然人" and row.get("party_name")}


def _md(text: str) -> str:
    """Clerks' text as inert Markdown: one line, no HTML, no emphasis, links or table breaks."""
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(f"\\{c}" if c in "\\`*_[]|~#!" else c for c in text)


def run_inbox(args: argparse.Namespace) -> int:
    """`python -m generator inbox`: the Markdown report or summary on stdout, and in --report PATH when given."""
    report = None
    if args.report:
        try:
            report = paths.check_output(Path(args.report), paths.FILE)
        except paths.Refused as exc:
            print(f"用法错误：{exc}", file=sys.stderr)
            return EXIT_USAGE
    outcome = run(Path(args.root).resolve())
    text = render(outcome)
    print(text, end="")
    if report is not None:
        paths.write_file(report, text.encode("utf-8"))
    return EXIT_OK if outcome.ok else EXIT_ERRORS
