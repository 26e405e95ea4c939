"""Reading, which files: the areas staff write, walked without following a link; only ordinary files are opened,
never through a link nor by waiting on a pipe; every link and special file is refused where it stands."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..paths import kind_name
from ..problems import Problem, Where, problem


def relpath(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


class TooLarge(OSError):
    """Larger than the reader's limit (`size`: what was found)."""

    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


class NotRegular(OSError):
    """Not an ordinary file (a link, a pipe, a device, a folder): it is never read. `mode`: what was found."""

    def __init__(self, path: Path, mode: int):
        super().__init__(errno.EINVAL, f"是{kind_name(mode)}，不是普通文件", str(path))
        self.mode = mode


#: Opened without following a link at the end, without waiting on a pipe and without taking a terminal as the
#: process's own; fstat then says what was opened.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of an ordinary file; NotRegular for anything else (never opened for reading: a pipe or /dev/zero
    would wait or run forever), TooLarge above `limit` bytes (None: no limit)."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:
        try:  # O_NOFOLLOW met a link, or a socket cannot be opened: say what is there (only on this rare path)
            mode = os.lstat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise NotRegular(path, mode) from None
        raise
    found = os.fstat(descriptor)
    if not stat.S_ISREG(found.st_mode):  # before fdopen, which refuses a folder with an error of its own
        os.close(descriptor)
        raise NotRegular(path, found.st_mode)
    with os.fdopen(descriptor, "rb") as handle:
        if limit is None:
            return handle.read()
        if found.st_size > limit:
            raise TooLarge(found.st_size)
        # Read what fstat announced (plus one byte, to see growth) and on while more comes: never a buffer of the
        # limit's size (512 MB of address space for a 1 KB file), never past the limit.
        chunks, size = [], 0
        while chunk := handle.read(min(max(found.st_size - size, 0) + 1, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise TooLarge(size)
        return b"".join(chunks)


#: Where staff files live: every link and special file in them is refused (unsafe_files), and nothing in them is read
#: or published through a link. AREAS are folders, CONFIG files the build reads beside them (data/site.yml is in
#: data/); site_overrides/ is the theme folder MkDocs copies into the site.
AREAS = ("data", "content", "site_overrides")
CONFIG = ("mkdocs.yml",)
DATA_AREAS = ("data", "content")


def walk(root: Path, top: str) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry below root/top (folders too) with its lstat, links never followed; nothing when top itself is a
    link or not a folder (unsafe_files reports it)."""
    yield from _listed(root / top, None)


def _listed(base: Path, failed: Callable[[OSError], None] | None) -> Iterator[tuple[Path, os.stat_result]]:
    """walk's entries below `base`, in its order (each folder's entries sorted, a folder before what it holds);
    `failed` hears of every folder os.walk could not list."""
    try:
        if not stat.S_ISDIR(os.lstat(base).st_mode):
            return
    except OSError:
        return
    for folder, dirs, files in os.walk(base, onerror=failed):  # os.walk lists links to folders, never enters them
        for name in sorted(dirs + files):
            path = Path(folder) / name
            try:
                yield path, os.lstat(path)
            except OSError:
                continue  # vanished meanwhile


@dataclass(frozen=True, eq=False)
class Tree:
    """The areas staff write (AREAS), listed once at the start of a validation: every entry with its lstat, links
    never followed. Every reader of the tree takes its files from here, so that what was checked is what is
    published: a file added while a build runs is neither (one listing, not one per check)."""

    root: Path
    entries: dict[str, tuple[tuple[Path, os.stat_result], ...]]
    """Area -> its entries in walk's order (folders too); empty when the area is a link, a file or absent."""
    unlisted: tuple[OSError, ...] = ()
    """Folders under data/ or content/ that could not be listed (or either one itself, when it is not a folder):
    their files would go unchecked, so the privacy gate refuses them."""

    @classmethod
    def take(cls, root: Path) -> Tree:
        entries: dict[str, tuple[tuple[Path, os.stat_result], ...]] = {}
        unlisted: list[OSError] = []
        for top in AREAS:
            base = root / top
            entries[top] = tuple(_listed(base, unlisted.append if top in DATA_AREAS else None))
            if top in DATA_AREAS and base.exists() and not base.is_dir():  # as os.walk reports it
                unlisted.append(NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(base)))
        return cls(root, entries, tuple(unlisted))

    def walk(self, top: str) -> Iterator[tuple[Path, os.stat_result]]:
        """As walk(root, top), from the listing when top is an area or a folder in one (else listed now: a theme
        folder kept elsewhere)."""
        top = PurePosixPath(top).as_posix()
        area = top.split("/", 1)[0]
        if area not in self.entries:
            yield from walk(self.root, top)
            return
        if top == area:
            yield from self.entries[area]
            return
        folder = self.root / top
        if not any(path == folder and stat.S_ISDIR(found.st_mode) for path, found in self.entries[area]):
            return  # absent, a link or not a folder: walk lists nothing there either
        below = f"{folder}{os.sep}"
        yield from ((path, found) for path, found in self.entries[area] if str(path).startswith(below))

    def files(self, *tops: str) -> list[str]:
        """Every ordinary file below these folders (default: every area), as sorted paths relative to root; links,
        special files and names that are not UTF-8 are left out (unsafe_files refuses them)."""
        return sorted(relpath(self.root, path) for top in tops or AREAS for path, found in self.walk(top)
                      if stat.S_ISREG(found.st_mode) and utf8_name(path.name))


def data_files(tree: Tree) -> list[str]:
    """Every ordinary file under data/ and content/, as sorted paths relative to root (hidden files included).

    Links, special files and names that are not UTF-8 are left out: see `unsafe_files`.
    """
    return tree.files(*DATA_AREAS)


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


def content_files(tree: Tree) -> dict[str, bytes]:
    """Pages and files staff wrote under content/ (reports and policy texts excepted: they are rendered with their
    data, a policy's Markdown text inside its document's page, its PDF or DOCX beside that page). Ordinary files
    only: a link or a special file is never read, whatever validation said."""
    base = tree.root / "content"
    found: dict[str, bytes] = {}
    claimed = rendered_with_data(tree.root)
    for path, mode in tree.walk("content"):
        rel = path.relative_to(base).as_posix()
        if (stat.S_ISREG(mode.st_mode) and not rel.startswith(claimed) and not path.name.startswith(".")
                and not is_active(rel) and utf8_name(path.name)):
            found[rel] = read_regular(path)
    return found


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
    if not utf8_name(path.name):
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
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return path, f"是{kind_name(mode)}，不是普通文件：请删除它，换成普通文件"


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
    code = "unsafe-file" if utf8_name(at.name) else "unreadable-file"
    return problem(code, Where(rel), rel, f"{rel} {reason}")


def utf8_name(name: str) -> bool:
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


def unsafe_files(root: Path, tree: Tree | None = None) -> list[Problem]:
    """An `unsafe-file` error for every link (file or folder, wherever it points) and every special file in data/,
    content/, site_overrides/ and the configuration files, and for those folders and files themselves. `tree`: the
    listing of root already taken (else one is taken here)."""
    tree = tree or Tree.take(root)
    found = [p for name in (*AREAS, *CONFIG) if (p := unsafe_problem(root, root / name)) is not None]
    for top in AREAS:
        for path, entry in tree.walk(top):
            mode = entry.st_mode
            if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)) or not utf8_name(path.name):
                refused = unsafe_problem(root, path)  # None only when it vanished meanwhile: nothing left to refuse
                if refused is not None:
                    found.append(refused)
    return found
