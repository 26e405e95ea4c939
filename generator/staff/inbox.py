"""Staff inbox: each spreadsheet in inbox/ imported onto the data, one git commit per file, or nothing and a report.

All files are planned first, one after another on a private copy of data/ and content/ (file 2 sees what file 1
adds); only when every plan is clean are the data files written and committed, one commit per inbox file. A problem
anywhere (a sheet, the tree, git) writes nothing; a commit that fails midway is undone with the ones before it.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..git.repo import GitError, git
from ..problems import ERROR, Problem, Where, problem
from ..read.files import printable, unsafe_files, utf8_name
from .importer import Plan, plan_import
from .recognise import recognise

INBOX = "inbox"
SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")
#: What may sit in inbox/ besides the sheets (names compared in lower case): the folder's own note and placeholder.
LEFT_ALONE = frozenset({"readme.md", "readme.txt", "readme", ".gitkeep"})
EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


@dataclass
class Item:
    """One spreadsheet of the inbox: what it holds, what importing it does, and its commit once made."""

    rel: str
    dataset: str | None = None
    how: str = ""
    plan: Plan | None = None
    before: str = ""
    """The dataset's text before this file was imported (names of natural persons are masked from it)."""
    commit: str = ""

    @property
    def name(self) -> str:
        return self.rel.split("/", 1)[1]


@dataclass
class Outcome:
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def commit_message(item: Item) -> str:
    plan = item.plan
    assert plan is not None
    return f"导入 {item.name}：新增 {plan.added} 条，改写 {plan.updated} 条"


def run(root: Path) -> Outcome:
    """Import the inbox of the repository at `root`: every file committed, or nothing changed."""
    items, outcome = collect(root)
    if not items:
        return outcome
    # Every problem at once: the git state, links in the tree (the plans' copy leaves them out) and every sheet.
    outcome.problems += _git_ready(root) + unsafe_files(root) + plan_all(root, items)
    if outcome.ok:
        outcome.problems += _clean(root, items)
    if outcome.ok:
        outcome.problems += commit_all(root, items)
        outcome.committed = outcome.ok
    return outcome


def collect(root: Path) -> tuple[list[Item], Outcome]:
    """The spreadsheets in inbox/, by name; anything else there is a problem (a folder, a link, a .docx)."""
    outcome = Outcome()
    folder = root / INBOX
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return [], outcome
    if not stat.S_ISDIR(mode):
        outcome.problems.append(problem("inbox-file", Where(INBOX), INBOX, f"{INBOX} 是{paths.kind_name(mode)}，"
                                        "不是文件夹：收件箱必须是仓库中的普通文件夹"))
        return [], outcome
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        rel = f"{INBOX}/{printable(entry.name)}"
        if entry.name.lower() in LEFT_ALONE:
            continue
        reason = _refused(entry)
        if reason:
            outcome.problems.append(problem("inbox-file", Where(rel), "文件", reason))
        else:
            outcome.items.append(Item(rel))
    return outcome.items, outcome


def _refused(entry: os.DirEntry[str]) -> str:
    mode = entry.stat(follow_symlinks=False).st_mode
    if not utf8_name(entry.name):
        return "文件名不是 UTF-8 编码：请改名后重新上传"
    if not stat.S_ISREG(mode):
        return f"是{paths.kind_name(mode)}，不是表格文件：收件箱中只放表格文件本身"
    suffix = os.path.splitext(entry.name)[1].lower()
    if suffix not in SUFFIXES:
        return f"不是可以导入的表格（{suffix or '没有扩展名'}）：收件箱只接受 .xlsx、.xls、.ods、.csv 文件"
    return ""


def plan_all(root: Path, items: list[Item]) -> list[Problem]:
    """Recognise and plan every file, in order, on a private copy of the tree that takes each clean result."""
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="inbox-") as scratch:
        copy = Path(scratch)
        for top in ("data", "content"):
            if (root / top).is_dir() and not (root / top).is_symlink():
                shutil.copytree(root / top, copy / top, symlinks=True, ignore=_not_ordinary)
        for item in items:
            problems += _plan(copy, root / item.rel, item)
    return sorted(set(problems), key=lambda p: (_order(items, p), p))


def _order(items: list[Item], p: Problem) -> int:
    """Problems of the inbox files first, in the files' order; the tree's own problems after them."""
    return next((i for i, item in enumerate(items) if item.rel == p.path), len(items))


def _plan(copy: Path, source: Path, item: Item) -> list[Problem]:
    found = recognise(source, item.rel)
    if found.name is None:
        return found.problems
    item.dataset, item.how = found.name, found.how
    plan = plan_import(copy, source, found.name, update=True, shown=item.rel)
    item.plan = plan
    if plan.ok and plan.text is not None:
        target = copy / plan.dataset.path
        item.before = target.read_text(encoding="utf-8") if target.is_file() else ""
        target.write_text(plan.text, encoding="utf-8")  # the next file is planned on this result
    return plan.problems


def _not_ordinary(folder: str, names: list[str]) -> set[str]:
    """What the private copy leaves out: links and special files (refused in the tree itself by unsafe_files)."""
    return {name for name in names
            if not (stat.S_ISDIR(mode := os.lstat(os.path.join(folder, name)).st_mode) or stat.S_ISREG(mode))}


# --- git ----------------------------------------------------------------------------------------------------------


def _git_problem(message: str, rel: str = INBOX) -> Problem:
    return problem("inbox-git", Where(rel), "git", message)


def _git_ready(root: Path) -> list[Problem]:
    """A work tree with a first commit and a committer: checked before any plan, so a commit cannot fail for these."""
    try:
        git(root, "rev-parse", "--show-toplevel")
    except GitError as exc:
        return [_git_problem(f"{root} 不是 git 仓库，无法提交导入结果（{exc}）：请在数据仓库中运行")]
    checks = ((("rev-parse", "--verify", "--quiet", "HEAD"), "仓库还没有任何提交：请先提交一次再导入"),
              (("var", "GIT_COMMITTER_IDENT"),
               "没有设置提交人：请先运行 git config user.name 和 git config user.email"))
    found = []
    for args, message in checks:
        try:
            git(root, *args)
        except GitError:
            found.append(_git_problem(message))
    return found


def _clean(root: Path, items: list[Item]) -> list[Problem]:
    """The data files to be rewritten hold no uncommitted change: each commit holds exactly one import."""
    found = []
    for rel in sorted({item.plan.dataset.path for item in items if item.plan is not None}):
        if git(root, "status", "--porcelain", "--", rel).strip():
            found.append(_git_problem(f"{rel} 有尚未提交的修改：导入会把它们一起提交。"
                                      "请先提交或撤销这些修改，再导入", rel))
    return found


def _tracked(root: Path, rel: str) -> bool:
    try:
        git(root, "ls-files", "--error-unmatch", "--", rel)
    except GitError:
        return False
    return True


def commit_all(root: Path, items: list[Item]) -> list[Problem]:
    """Write each file's result and commit it with the file's removal; on a failure, undo every commit made."""
    start = git(root, "rev-parse", "HEAD").strip()
    saved: dict[str, bytes | None] = {}
    for item in items:
        plan = item.plan
        assert plan is not None and plan.text is not None
        data_rel = plan.dataset.path
        try:
            for rel in (data_rel, item.rel):
                saved.setdefault(rel, _bytes(root / rel))
            paths.write_file(paths.check_output(root / data_rel, paths.FILE), plan.text.encode("utf-8"))
            removed = [item.rel] if _tracked(root, item.rel) else []
            os.unlink(root / item.rel)
            # Only these paths: whatever else is staged stays staged, out of the import's commit.
            git(root, "commit", "--quiet", "--allow-empty", "--no-edit", "-m", commit_message(item), "--only", "--",
                data_rel, *removed)
            item.commit = git(root, "rev-parse", "HEAD").strip()
        except (GitError, OSError, paths.Refused) as exc:
            undone = _undo(root, start, saved)
            for each in items:
                each.commit = ""
            return [_git_problem(f"提交「{item.name}」时出错（{exc}）：{undone}", item.rel)]
    return []


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _undo(root: Path, start: str, saved: dict[str, bytes | None]) -> str:
    """Back to `start`: the branch, the index entries and the files this run touched; what else was there stays."""
    try:
        git(root, "reset", "--quiet", "--soft", start)
        known = [rel for rel in saved if _in_commit(root, start, rel) or _tracked(root, rel)]
        if known:
            git(root, "reset", "--quiet", start, "--", *known)
        for rel, data in saved.items():
            if data is None:
                (root / rel).unlink(missing_ok=True)
            else:
                paths.write_file(root / rel, data)
    except (GitError, OSError) as exc:
        return f"撤销时也出错（{exc}）：请联系管理员检查仓库（导入前的提交是 {start[:12]}）"
    return "已撤销本次导入的全部修改和提交，数据和收件箱都没有改变"


def _in_commit(root: Path, commit: str, rel: str) -> bool:
    try:
        git(root, "cat-file", "-e", f"{commit}:./{rel}")
    except GitError:
        return False
    return True

