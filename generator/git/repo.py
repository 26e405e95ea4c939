"""Git access for the diff stage: resolve revisions, read files as they were at a revision."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from ..paths import tree_path_problem, write_inside

EXPORTED = ("data", "content")
"""Folders of a revision that the loader reads."""


class GitError(Exception):
    """A git command failed (bad revision, not a repository, no git): the message is for staff, in Chinese."""


def git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("没有找到 git 命令：请先安装 git") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(reason[-1] if reason else f"git {args[0]} 失败（退出码 {done.returncode}）")
    return done.stdout.decode("utf-8", "replace")


def resolve(root: Path, revision: str) -> str:
    """The full commit id a revision names, or a GitError saying it names none."""
    spec = f"{revision}^{{commit}}"
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", spec).strip()
    except GitError:
        pass
    try:
        git(root, "rev-parse", "--git-dir")
    except GitError as exc:
        raise GitError(f"{root} 不是 git 仓库，无法比较版本（{exc}）") from None
    raise GitError(f"找不到版本「{revision}」：请检查分支名、标签或提交号；"
                   "在 CI 中检出时需要完整历史（actions/checkout 的 fetch-depth: 0）")


@contextmanager
def blobs(root: Path) -> Iterator[Callable[[str], tuple[str, bytes] | None]]:
    """A reader of objects by name (`oid` or `commit:path`) from one `git cat-file --batch` process."""
    proc = subprocess.Popen(["git", "-C", str(root), "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdin: IO[bytes] = proc.stdin  # type: ignore[assignment]
    stdout: IO[bytes] = proc.stdout  # type: ignore[assignment]

    def read(name: str) -> tuple[str, bytes] | None:
        stdin.write(name.encode() + b"\n")
        stdin.flush()  # cat-file answers each request before the next one: memory stays at one file
        header = stdout.readline().decode().split()
        if len(header) != 3 or header[1] not in {"blob", "tree", "commit", "tag"}:
            return None
        data = stdout.read(int(header[2]))
        stdout.read(1)
        return (header[0], data) if header[1] == "blob" else None

    try:
        yield read
    finally:
        stdin.close()
        stdout.close()
        proc.wait()


def export(root: Path, commit: str, dest: Path) -> None:
    """Write data/ and content/ as they are at `commit` (relative to root) into the empty folder dest.

    A tree is data from anyone who can push: every path is checked before anything is written (no `..`, `.git`,
    absolute or Windows paths: a crafted tree could name ../../x), links in it are never made nor followed (a link
    entry `data -> /etc` is skipped like a submodule), and each file is created new, without following any link.
    """
    listing = git(root, "ls-tree", "-r", "-z", commit, "--", *EXPORTED)
    entries = [line.split("\t", 1) for line in listing.split("\0") if line]
    wanted = []
    for meta, rel in entries:
        mode, kind, oid = meta.split()
        if kind != "blob" or mode == "120000":  # symlinks and submodules are not data
            continue
        reason = tree_path_problem(rel)
        if reason is not None:
            raise GitError(f"版本 {commit[:8]} 中的路径「{rel}」{reason}，不是正常的数据文件（可能是特意构造的提交）："
                           "没有读取这个版本。请检查这个提交的来源")
        wanted.append((rel, oid))
    with blobs(root) as read:
        for rel, oid in wanted:
            found = read(oid)
            if found is not None:
                try:
                    write_inside(dest, rel, found[1])
                except OSError as exc:  # the same path twice, or a file where the tree has a folder
                    raise GitError(f"版本 {commit[:8]} 中的路径「{rel}」无法写出（{exc.strerror or exc}）："
                                   "这个版本的目录结构不正常，没有比较它") from None


# --- bounded reading of many objects (validate --history) ------------------------------------------------


def is_shallow(root: Path) -> bool:
    """Whether this clone holds only part of the history (`git clone --depth`, a CI checkout's default)."""
    return git(root, "rev-parse", "--is-shallow-repository").strip() == "true"


def sizes(root: Path, oids: list[str]) -> dict[str, int | None]:
    """Each object's size from `git cat-file --batch-check` (no content is read); None for one git cannot find or
    unpack (missing from a partial or shallow clone, or damaged)."""
    try:
        done = subprocess.run(["git", "-C", str(root), "cat-file", "--batch-check"], input="".join(
            f"{oid}\n" for oid in oids).encode(), capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("没有找到 git 命令：请先安装 git") from None
    found: dict[str, int | None] = dict.fromkeys(oids)
    for line in done.stdout.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in found and parts[1] == "blob" and parts[2].isdigit():
            found[parts[0]] = int(parts[2])
    return found


class ObjectError(Exception):
    """One object could not be read whole (damaged, or missing): the message says which, in Chinese."""


class BlobReader:
    """Blobs copied in pieces into a file, memory staying at one piece: `git cat-file --batch` is handed up to
    BATCH names at once, then its input is closed, so git always ends and a read never waits forever (a damaged
    object can make git answer shorter than it announced). Every answer is checked (the object named, its size,
    the newline after it); after a bad one the process is ended and the next object starts a fresh one."""

    PIECE = 1024 * 1024
    BATCH = 1000  # 41 bytes a name: all of them fit in a pipe's buffer before git reads any

    def __init__(self, root: Path, oids: list[str]):
        self.root, self.oids, self.next, self.left = root, oids, 0, 0
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.proc is not None:
            with suppress(OSError):
                self.proc.stdout.close()  # type: ignore[union-attr]
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def _start(self) -> None:
        self.close()
        names = self.oids[self.next : self.next + self.BATCH]
        self.proc = subprocess.Popen(["git", "-C", str(self.root), "cat-file", "--batch"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        stdin: IO[bytes] = self.proc.stdin  # type: ignore[assignment]
        stdin.write("".join(f"{oid}\n" for oid in names).encode())
        stdin.close()
        self.left = len(names)

    def copy(self, oid: str, out: IO[bytes]) -> int:
        """Write blob `oid` (the next of the names given) to `out`; its size. Raises ObjectError when git cannot
        give it whole."""
        if self.next >= len(self.oids) or self.oids[self.next] != oid:
            raise ValueError(f"{oid} is not the next object to read")
        if self.proc is None or not self.left:
            self._start()
        self.next, self.left = self.next + 1, self.left - 1
        stdout: IO[bytes] = self.proc.stdout  # type: ignore[union-attr,assignment]
        try:
            header = stdout.readline(200).split()
            if header[:1] != [oid.encode()] or len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
                raise ObjectError("git 找不到或无法解压这个对象" if header[1:2] == [b"missing"] else "git 的回答不完整")
            left = int(header[2])
            while left:
                piece = stdout.read(min(self.PIECE, left))
                if not piece:
                    raise ObjectError("内容比声明的短（对象已损坏）")
                out.write(piece)
                left -= len(piece)
            if stdout.read(1) != b"\n":
                raise ObjectError("内容与声明的长度不符（对象已损坏）")
            return int(header[2])
        except (ObjectError, OSError, ValueError) as exc:
            self.close()
            raise ObjectError(str(exc) if isinstance(exc, ObjectError) else f"读取失败（{exc}）") from None
