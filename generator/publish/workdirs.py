"""Build stage, folders: where a site may be written, stale work folders, and an atomic exchange of site folders."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

from ..paths import FOLDER, Refused, check_output

#: Written into every work folder: the build that owns it, so a later build knows whether it is still running.
OWNER = ".build-pid"
_RENAME_EXCHANGE = 2  # renameat2(2) flag: swap two paths in one step (Linux 3.15+)
_AT_FDCWD = -100


#: Where the previous site waits, inside the build's own private work folder, while the fallback swap runs.
PREVIOUS = "previous"


def site_dir_problem(root: Path, site_dir: Path) -> str | None:
    """Why `site_dir` may not be replaced by a built site (root resolved, site_dir absolute: its links are refused,
    never followed), or None."""
    try:
        check_output(site_dir, FOLDER)
    except Refused as exc:
        return f"输出目录 {exc}"
    protected = [root / name for name in ("data", "content", ".git", "site_overrides")]
    if site_dir == Path(site_dir.anchor) or root.is_relative_to(site_dir):
        return f"输出目录 {site_dir} 是数据仓库本身或它的上级目录，生成网站会把整个仓库替换掉"
    for folder in protected:
        if site_dir.is_relative_to(folder):
            return f"输出目录 {site_dir} 在 {folder.name}/ 之内，生成网站会替换其中的内容"
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / "index.html").is_file():
        return f"输出目录 {site_dir} 已有其他内容（不是本程序生成的网站），生成网站会把它们全部删除"
    return None


def claim(work: Path) -> None:
    (work / OWNER).write_text(str(os.getpid()), encoding="ascii")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def clean_stale(parent: Path, prefix: str, target: Path) -> list[Path]:
    """Remove work folders of builds that were killed (their owner is gone); those of running builds stay, and so
    does a folder this program did not make (no owner file, not empty). A build killed between the two renames of
    the fallback swap left no site: its previous site goes back to `target` first."""
    removed = []
    for work in sorted(parent.glob(f"{prefix}*")) if parent.is_dir() else []:
        if not work.is_dir() or work.is_symlink():
            continue
        try:
            pid = int((work / OWNER).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            if any(work.iterdir()):
                continue  # not ours: a build claims its folder before it writes anything else there
            pid = 0  # killed before it could say whose it is
        if pid == os.getpid() or (pid and _running(pid)):
            continue
        previous = work / PREVIOUS
        if not os.path.lexists(target) and previous.is_dir() and not previous.is_symlink():
            previous.rename(target)
        shutil.rmtree(work, ignore_errors=True)
        removed.append(work)
    return removed


def exchange(new: Path, target: Path) -> bool:
    """Swap `new` and an existing `target` in one atomic step; False where the system cannot (then: two renames)."""
    if not target.is_dir() or target.is_symlink() or not hasattr(os, "fsencode"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE)
    return bool(result == 0)
