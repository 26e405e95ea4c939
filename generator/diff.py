"""The pull-request diff: the records added, changed and removed between two git revisions, as Markdown.

Each revision is exported and validated with the project's loader (a command: it takes the registry and validates
both sides), then compared record by record (git/compare.py).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from .datasets import REGISTRY
from .git.compare import (
    ADDED,
    CHANGED,
    KIND_LABELS,
    REMOVED,
    DatasetDiff,
    FieldChange,
    RecordChange,
    compare,
    sections,
    show,
)
from .git.repo import GitError, export, resolve
from .model import Registry
from .problems import ERROR
from .rules.publicity import mask_name
from .validate import validate

__all__ = ["ADDED", "CHANGED", "REMOVED", "DatasetDiff", "DiffResult", "FieldChange", "GitError",
           "RecordChange", "Revision", "diff_revisions", "render_markdown"]


# --- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    name: str
    """As given on the command line, e.g. origin/main."""
    commit: str
    errors: int
    """Error-level problems the validator found in that revision's data."""
    missing: tuple[str, ...]
    """Dataset files absent in that revision."""


@dataclass
class DiffResult:
    base: Revision
    head: Revision
    datasets: list[DatasetDiff]

    def total(self, kind: str) -> int:
        return sum(ds.count(kind) for ds in self.datasets)


def diff_revisions(root: Path, base: str, head: str = "HEAD", registry: Registry = REGISTRY) -> DiffResult:
    """Load data/ and content/ at both revisions with the project's loader; compare them record by record."""
    root = Path(root)
    commits = resolve(root, base), resolve(root, head)
    catalogs, revisions = [], []
    for name, commit in zip((base, head), commits, strict=True):
        with tempfile.TemporaryDirectory(prefix="gitdiff-") as tmp:
            export(root, commit, Path(tmp))
            missing = tuple(ds.path for ds in registry.datasets
                            if not ds.optional and not (Path(tmp) / ds.path).is_file())
            outcome = validate(Path(tmp), registry=registry)
        errors = sum(1 for p in outcome.problems if p.severity == ERROR)
        catalogs.append(outcome.catalog)
        revisions.append(Revision(name, commit, errors, missing))
    old, new = catalogs
    datasets = [DatasetDiff(s.name, s.title, compare(s, s.records(old), s.records(new))) for s in sections(registry)]
    return DiffResult(revisions[0], revisions[1], datasets)


# --- Markdown -------------------------------------------------------------------------------------

MAX_LINES = 50
WIDTH = 40
"""Characters of a long value shown around the first difference."""


def _excerpts(old: str, new: str) -> tuple[str, str]:
    """Both values cut to a window around where they first differ, so a long text's edit stays visible."""
    if len(old) <= WIDTH and len(new) <= WIDTH:
        return old, new
    pairs = enumerate(zip(old, new, strict=False))
    same = next((i for i, (a, b) in pairs if a != b), min(len(old), len(new)))
    start = max(0, same - 10)

    def cut(text: str) -> str:
        part = text[start:start + WIDTH]
        return ("…" if start else "") + part + ("…" if start + WIDTH < len(text) else "")

    return cut(old), cut(new)


def _md(text: str) -> str:
    """Data as inert Markdown text: one line, no HTML, no emphasis, links or table breaks."""
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(f"\\{c}" if c in "\\`*_[]|~#!" else c for c in text)


def _code(text: str) -> str:
    return f"`{text}`" if text.isprintable() and "`" not in text else _md(text)


def _line(change: RecordChange) -> str:
    names = [n for n in (change.name, *_party_names(change)) if n] if change.natural_person else []

    def masked(text: str) -> str:
        for name in sorted(set(names), key=len, reverse=True):
            text = text.replace(name, mask_name(name))
        return text

    label = _md(masked(change.key)) + (f"（{_md(masked(change.name))}）" if change.name else "")
    parts = []
    for fc in change.fields:  # mask before cutting, so a cut never leaves half a name unmasked
        old, new = _excerpts(masked(show(fc.old)), masked(show(fc.new)))
        parts.append(f"{_md(fc.title)}「{_md(old)}」→「{_md(new)}」")
    return f"- {KIND_LABELS[change.kind]} {label}" + ("：" + "；".join(parts) if parts else "")


def _party_names(change: RecordChange) -> list[str]:
    return [str(v) for fc in change.fields if fc.field == "party_name" for v in (fc.old, fc.new) if v]


def _notes(result: DiffResult) -> list[str]:
    notes = []
    for rev, role, fate in ((result.base, "基准版本", "新增"), (result.head, "对比版本", "删除")):
        for path in rev.missing:
            notes.append(f"{role} `{rev.commit[:8]}` 中没有 {_md(path)}，其中的记录全部计为{fate}。")
        if rev.errors:
            notes.append(f"{role} `{rev.commit[:8]}` 的数据未通过检查（{rev.errors} 个错误）："
                         "只比较了能读出的记录，出错的记录可能显示为删除或新增。"
                         "请运行 `python -m generator validate` 查看。")
    return notes


def render_markdown(result: DiffResult, limit: int = MAX_LINES) -> str:
    """Markdown for a pull request or a CI job summary; natural persons' names masked."""
    base, head = result.base, result.head
    lines = [f"## 数据变更：{_code(base.name)} → {_code(head.name)}", "",
             f"基准版本 `{base.commit[:8]}`，对比版本 `{head.commit[:8]}`：共新增 {result.total(ADDED)} 条、"
             f"修改 {result.total(CHANGED)} 条、删除 {result.total(REMOVED)} 条记录。", ""]
    notes = _notes(result)
    lines += [f"> **注意**：{note}" for note in notes] + ([""] if notes else [])
    lines += ["| 数据集 | 新增 | 修改 | 删除 |", "|---|---:|---:|---:|"]
    lines += [f"| {ds.title} | {ds.count(ADDED)} | {ds.count(CHANGED)} | {ds.count(REMOVED)} |"
              for ds in result.datasets]
    for ds in result.datasets:
        if ds.changes:
            lines += ["", f"### {ds.title}", "", *(_line(c) for c in ds.changes[:limit])]
            if len(ds.changes) > limit:
                lines.append(f"- …还有 {len(ds.changes) - limit} 条")
    if not any(ds.changes for ds in result.datasets):
        lines += ["", "两个版本之间没有数据变更。"]
    return "\n".join(lines) + "\n"
