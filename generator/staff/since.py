"""Credit-platform export, `--since`: which decisions git says were added or changed on or after a day."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..datasets import BY_NAME
from ..git.compare import REMOVED, compare, dataset_section
from ..git.history import record_history
from ..git.repo import GitError, blobs, git, is_shallow
from ..read.load import read_table

#: A commit's day is its day in Beijing time, whatever clock the committer's computer (or the merge button) used.
BEIJING = timezone(timedelta(hours=8))
SITE_FILE = "data/site.yml"


class NoHistory(Exception):
    """`--since` cannot be judged from this folder's git history: the message says why and what to do instead."""


def check_history(root: Path) -> None:
    """NoHistory unless `root` is inside a git work tree with its whole history."""
    try:
        git(root, "rev-parse", "--git-dir")
    except GitError as exc:
        what = "本机没有安装 git" if "git 命令" in str(exc) else f" {root} 不在 git 仓库中"  # git's words are English
        raise NoHistory(f"--since 按 git 提交记录判断哪些决定是在那一天以后新增或改动的，但{what}，无法判断。"
                        "请在数据仓库的检出目录中运行，或去掉 --since 导出今天正在公示的全部决定。"
                        "没有导出任何文件。") from None
    if is_shallow(root):
        raise NoHistory(f"{root} 是浅克隆，只有最近一部分提交记录，无法判断哪些决定是在那一天以后新增或改动的："
                        "请先运行 `git fetch --unshallow` 取得完整历史，或去掉 --since 导出全部。没有导出任何文件。")


def day_of(moment: datetime) -> date:
    return moment.astimezone(BEIJING).date()


def changed_since(root: Path, dataset: str, records: list[Any], since: date) -> set[str]:
    """Keys of the records a first-parent commit dated on or after `since` added or changed, and those the work
    tree changed and nobody has committed yet (they change today)."""
    history = record_history(root, BY_NAME[dataset])
    keys = {key for key, changes in history.items()
            if any(c.kind != REMOVED and day_of(c.date) >= since for c in changes)}
    return keys | uncommitted(root, dataset, records)


def uncommitted(root: Path, dataset: str, records: list[Any]) -> set[str]:
    """Keys of the records added or changed in the work tree since the last commit (none when it is clean)."""
    ds = BY_NAME[dataset]
    if not dirty(root, ds.path):
        return set()
    prefix = git(root, "rev-parse", "--show-prefix").strip()
    old: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="export-") as tmp, blobs(root) as read:
        blob = read(f"HEAD:{prefix}{ds.path}")  # None: no commit yet, or the file was never committed
        if blob is not None:
            target = Path(tmp) / ds.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob[1])
            old = read_table(Path(tmp), ds)[0].records
    return {c.key for c in compare(dataset_section(ds), old, records) if c.kind != REMOVED}


def dirty(root: Path, *rel: str) -> bool:
    """Whether any of these files differs from the last commit (or is not committed); False outside git."""
    try:
        return bool(git(root, "status", "--porcelain", "--untracked-files=all", "--", *rel).strip())
    except GitError:
        return False


def site_changed_since(root: Path, since: date) -> bool:
    """Whether site.yml (bureau name, credit code, publicity periods: in every row) changed on or after `since`."""
    last = git(root, "log", "-1", "--first-parent", "--format=%cI", "--", SITE_FILE).strip()
    return dirty(root, SITE_FILE) or bool(last and day_of(datetime.fromisoformat(last)) >= since)
