"""Where a command may write: never through a link, never over a file of another kind, never inside a work tree for
files holding full names; every file replaced in one step from a fresh private folder; git tree paths checked.

Every command that writes a file outside its own temporary folders asks this module first, before it writes
anything: a refusal is a `Refused` whose message says, in Chinese, what is wrong and where to write instead.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath


class Refused(Exception):
    """A command may not write there; the message says why and what to do (nothing was written)."""


FILE, FOLDER = "file", "folder"
#: What a file a command replaces must start with: it never replaces a file of another kind.
XLSX, PDF = b"PK\x03\x04", b"%PDF"
#: What staff are told a file is, wherever a command or a check refuses one for its kind.
_KINDS = {stat.S_IFDIR: "文件夹", stat.S_IFREG: "文件", stat.S_IFLNK: "符号链接", stat.S_IFIFO: "命名管道（FIFO）",
          stat.S_IFCHR: "字符设备", stat.S_IFBLK: "块设备", stat.S_IFSOCK: "套接字"}


def kind_name(mode: int) -> str:
    """The kind of file an `st_mode` names, in Chinese: 文件夹, 符号链接, 命名管道（FIFO）, 字符设备 ..."""
    return _KINDS.get(stat.S_IFMT(mode), "特殊文件")


def absolute(path: Path) -> Path:
    """`path` made absolute without following links (`..` taken as written): the path that is checked is the path
    that is written."""
    return Path(os.path.abspath(path))


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def link_on_the_way(path: Path) -> Path | None:
    """The first component of absolute `path` (itself included) that is a symbolic link, or None."""
    current = Path(path.anchor)
    for part in path.parts[1:]:
        current = current / part
        found = _lstat(current)
        if found is None:
            return None  # the rest does not exist yet: nothing further can be a link
        if stat.S_ISLNK(found.st_mode):
            return current
    return None


def work_tree(path: Path) -> Path | None:
    """The git work tree holding absolute `path`: the nearest folder at or above it with a .git folder or file."""
    for folder in (path, *path.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _through_link(shown: str, link: Path) -> Refused:
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    return Refused(f"{shown} 经过符号链接 {link}（指向 {target}）：命令从不通过链接写入，以免改写链接另一端的文件。"
                   "请删除该链接，或直接指定一个真实的文件夹")


def check_output(path: Path, kind: str, magic: bytes | None = None, private: Path | None = None) -> Path:
    """The absolute path at which a command may write a `kind` (FILE or FOLDER), or Refused.

    Refused: any component is a link; an existing file of another kind is there (a folder over a file, a file over
    a folder or a special file, a file over one that does not start with `magic`); an existing component on the way
    is not a folder. With `private` (the data repository): the files hold full names, so the path may not be inside
    it nor inside any git work tree.
    """
    shown = str(path)
    target = absolute(path)
    link = link_on_the_way(target)
    if link is not None:
        raise _through_link(shown, link)
    for above in target.parents:
        found = _lstat(above)
        if found is not None:
            if not stat.S_ISDIR(found.st_mode):
                raise Refused(f"{shown} 所在的 {above} 是{kind_name(found.st_mode)}，不是文件夹：请指定别的位置")
            break
    found = _lstat(target)
    if found is not None:
        _same_kind(shown, target, found, kind, magic)
    if private is not None:
        _outside_repositories(shown, target, private)
    return target


def _same_kind(shown: str, target: Path, found: os.stat_result, kind: str, magic: bytes | None) -> None:
    wanted = stat.S_ISDIR if kind == FOLDER else stat.S_ISREG
    if not wanted(found.st_mode):
        raise Refused(f"{shown} 已存在，是{kind_name(found.st_mode)}，不是{'文件夹' if kind == FOLDER else '文件'}："
                      f"命令不会用{'文件夹' if kind == FOLDER else '文件'}替换它。请指定别的名称或位置")
    if magic is not None and found.st_size:
        with open(target, "rb") as existing:
            head = existing.read(len(magic))
        if head != magic:
            raise Refused(f"{shown} 已存在，但不是本命令生成的那种文件：命令不会覆盖它。请指定别的文件名，或先把它移走")


def _outside_repositories(shown: str, target: Path, root: Path) -> None:
    repository = absolute(root)
    places = [p for p in (repository, os.path.realpath(repository)) if target.is_relative_to(p)]
    tree = work_tree(target)
    if places or tree is not None:
        where = places[0] if places else tree
        raise Refused(f"不能写到 {shown}：它在数据仓库（或 git 工作目录）{where} 之内，而这些文件含自然人全名，"
                      "会被 git 提交或被网站发布（site_overrides/ 等目录的内容会原样上网）。请用 --out 指定仓库以外的"
                      "文件夹，例如 ~/信用平台报送")


def make_folders(folder: Path) -> None:
    """Create `folder` and its missing parents (checked with check_output: none of them can be a link)."""
    missing = []
    for above in (folder, *folder.parents):
        if _lstat(above) is not None:
            break
        missing.append(above)
    for each in reversed(missing):
        try:
            os.mkdir(each)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(each).st_mode):  # appeared meanwhile, as something else: never follow it
                raise


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A path to write the new `target` at, in a fresh private folder beside it; the file replaces `target` in one
    step when the block ends without an error (a link at `target` is replaced, never followed)."""
    make_folders(target.parent)
    folder = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))  # created with O_EXCL-like care, mode 0700
    try:
        yield folder / "new"
        os.replace(folder / "new", target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_file(target: Path, data: bytes) -> None:
    """Write `data` as the whole of `target` in one step (see staged)."""
    with staged(target) as temporary, open(temporary, "xb") as out:
        out.write(data)


# --- paths read from a git tree ---------------------------------------------------------------------------------

_DRIVE = re.compile(r"^[A-Za-z]:")


def tree_path_problem(rel: str) -> str | None:
    """Why a path listed in a git tree may not be written below a folder, or None: absolute, empty, `.` or `..`
    parts, a `.git` part, backslashes, drive letters or control characters."""
    parts = rel.split("/")
    if rel.startswith("/") or "\\" in rel or any(ord(c) < 32 for c in rel):
        return "是绝对路径或含反斜杠、控制字符"
    for part in parts:
        if part in ("", ".", "..") or part.lower() == ".git" or _DRIVE.match(part):
            return f"含有不允许的部分「{part}」"
    return None


def write_inside(base: Path, rel: str, data: bytes) -> None:
    """Write a file at `base`/`rel` (a path checked by tree_path_problem) without following any link: missing
    folders are created, an existing link or file of another kind on the way is an OSError, never followed."""
    folder = base
    for part in PurePosixPath(rel).parts[:-1]:
        folder = folder / part
        try:
            os.mkdir(folder)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                raise NotADirectoryError(f"{folder} 不是文件夹") from None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(folder / PurePosixPath(rel).name, flags, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
