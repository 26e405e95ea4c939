"""Privacy stage over git history: ID numbers and private mobiles in any past version of data/ and content/."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..git import repo as gitrepo
from ..read.load import read_site
from ..read.sources import MAX_FILE_BYTES
from . import attachments
from .inputs import declared_phones
from .numbers import scan_text
from .shown import DIGIT, HIDDEN, LABEL_MOST, LINK_GROUP, LINK_PARTS, LINK_TITLE, SKIP, TAG_MOST

ZERO = "0" * 40


@dataclass(frozen=True)
class Leak:
    commit: str
    path: str
    line: int
    col: int
    code: str
    message: str

    def text(self) -> str:
        return f"{self.commit[:12]} {self.path}:{self.line}:{self.col}: error[{self.code}] {self.message}"


ENV_BLOB_BYTES, ENV_BLOBS, ENV_TOTAL_BYTES = ("GENERATOR_HISTORY_MAX_BLOB_BYTES", "GENERATOR_HISTORY_MAX_BLOBS",
                                              "GENERATOR_HISTORY_MAX_TOTAL_BYTES")
#: Text read into memory at once; a larger version is copied to a temporary file and scanned window by window.
WINDOW = 8 * 1024 * 1024
#: Characters a window may grow to while no seam (_seam) stands in it; a version that has none so far is reported
#: unchecked, not cut where a number could go on.
MOST = 4 * WINDOW
#: Findings listed one by one; beyond that they are counted (a crafted history must not print forever).
MAX_LISTED = 1000


@dataclass(frozen=True)
class HistoryLimits:
    """What one run reads at most; each can be raised through its environment variable."""

    blob_bytes: int = MAX_FILE_BYTES  # one version: what the current tree may hold (the repository reader's limit)
    blobs: int = 500_000  # distinct versions
    total_bytes: int = 64 * 1024**3  # all versions together

    @classmethod
    def from_env(cls) -> HistoryLimits:
        def number(name: str, default: int) -> int:
            value = os.environ.get(name, "").replace("_", "").strip()
            return int(value) if value.isdigit() else default

        return cls(number(ENV_BLOB_BYTES, cls.blob_bytes), number(ENV_BLOBS, cls.blobs),
                   number(ENV_TOTAL_BYTES, cls.total_bytes))


@dataclass
class Scan:
    """What `validate --history` found: leaks, versions it could not check (each a line saying why), notes."""

    leaks: list[Leak] = field(default_factory=list)
    hidden: int = 0  # leaks found beyond MAX_LISTED
    commits: int = 0
    files: int = 0
    unchecked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    shallow: bool = False
    read_bytes: int = 0


def versions(root: Path) -> tuple[dict[str, tuple[str, str]], int]:
    """Every blob that was ever data/ or content/ in any branch or tag: id -> (oldest commit, path); commits."""
    out = gitrepo.git(root, "log", "--all", "--format=%x01%H", "--raw", "--no-abbrev", "--no-renames",
                      "--relative", "-z", "--", "data", "content")
    found: dict[str, tuple[str, str]] = {}
    commits = 0
    for block in out.split("\x01")[1:]:
        commit, _, raw = block.partition("\n")
        commits += 1
        fields = raw.strip("\n\0").split("\0")
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            parts = meta.split()
            if len(parts) >= 5 and parts[3] != ZERO and not parts[1].startswith("160"):  # not a submodule's commit
                found[parts[3]] = (commit.strip("\0\n "), path)  # log runs newest first: the last kept is the oldest
    return found, commits


def scan_history(root: Path) -> tuple[list[Leak], int, int]:
    """(leaks, commits read, distinct file versions read). Raises gitrepo.GitError outside a git checkout."""
    found = scan(root)
    return found.leaks, found.commits, found.files


def scan(root: Path, limits: HistoryLimits | None = None) -> Scan:
    """Every version within `limits`, read in pieces; what could not be read is listed, never silently passed."""
    limits = limits or HistoryLimits.from_env()
    site, _ = read_site(root)
    allowed = declared_phones(site)
    result = Scan(shallow=gitrepo.is_shallow(root))
    found, result.commits = versions(root)
    result.files = len(found)
    items = sorted(found.items(), key=lambda item: item[1])
    if len(items) > limits.blobs:
        result.unchecked.append(f"历史中有 {len(items):,} 个不同文件版本，超过一次检查的上限 {limits.blobs:,}：后 "
                                f"{len(items) - limits.blobs:,} 个没有检查（设置环境变量 {ENV_BLOBS} 可提高上限）")
        items = items[: limits.blobs]
    sizes = gitrepo.sizes(root, [oid for oid, _ in items])
    wanted = [(oid, commit, path) for oid, (commit, path) in items if _wanted(result, limits, oid, commit, path, sizes)]
    with gitrepo.BlobReader(root, [oid for oid, _commit, _path in wanted]) as reader:
        for oid, commit, path in wanted:
            try:
                _record(result, commit, path, _findings(reader, oid, path, sizes[oid] or 0, allowed))
            except gitrepo.ObjectError as exc:
                result.unchecked.append(_unreadable(commit, path, oid, str(exc)))
            except Unseamed as exc:
                result.unchecked.append(
                    f"{commit[:12]} {path}: 未检查完：这个版本很大，前 {exc.args[0]:,} 个字符中找不到可以分段读取的位置"
                    f"（注释、Markdown 链接可能跨段隐藏文字，或没有能截断号码的字）。{_by_hand(oid)}")
    return result


def _wanted(result: Scan, limits: HistoryLimits, oid: str, commit: str, path: str,
            sizes: dict[str, int | None]) -> bool:
    """Whether one version is read; one that is not (and is no picture) gets its line in `result.unchecked`."""
    if "\ufffd" in path:
        result.notes.append(f"{commit[:12]} {path}: 文件名不是 UTF-8 编码（无法辨认的字节显示为 \ufffd），内容照常检查")
    size = sizes[oid]
    if PurePosixPath(path).suffix.lower() in attachments.UNREAD:
        return False  # the theme's icons and fonts carry no text a person typed: not read
    if size is None:
        result.unchecked.append(_unreadable(commit, path, oid, "git 找不到或无法解压这个对象"))
        return False
    if size > limits.blob_bytes:
        result.unchecked.append(f"{commit[:12]} {path}: 未检查：这个版本有 {size:,} 字节，超过历史检查的单个文件上限 "
                                f"{limits.blob_bytes:,} 字节。{_by_hand(oid)}；或设置环境变量 {ENV_BLOB_BYTES} "
                                "提高上限后重新检查")
        return False
    if _is_attachment(path) and size > attachments.MAX_BYTES:  # never read whole here, nor allowed in the tree
        result.unchecked.append(f"{commit[:12]} {path}: 未检查：这个版本有 {size:,} 字节，超过附件的读取上限 "
                                f"{attachments.MAX_BYTES:,} 字节。请手工检查：git cat-file -p {oid} > 副本"
                                f"{PurePosixPath(path).suffix}，用原来的软件打开它，查看其中是否有身份证号、手机号")
        return False
    result.read_bytes += size
    if result.read_bytes > limits.total_bytes:
        result.unchecked.append(f"{commit[:12]} {path}: 未检查：所有版本合计超过一次检查的总量上限 "
                                f"{limits.total_bytes:,} 字节（设置环境变量 {ENV_TOTAL_BYTES} 可提高上限）")
        result.read_bytes -= size
        return False
    return True


def _record(result: Scan, commit: str, path: str, findings: Iterator[tuple[int, int, str, str]]) -> None:
    for line, col, code, message in findings:
        if len(result.leaks) < MAX_LISTED:
            result.leaks.append(Leak(commit, path, line, col, code, message.split("：", 1)[0]))
        else:
            result.hidden += 1


def _by_hand(oid: str) -> str:
    return (f"请手工检查：git cat-file -p {oid} | grep -nE '[0-9]{{6}}(19|20)[0-9]{{9}}[0-9Xx]|1[3-9][0-9]{{9}}'"
            "（列出疑似身份证号、手机号的行）")


def _unreadable(commit: str, path: str, oid: str, reason: str) -> str:
    return (f"{commit[:12]} {path}: 未检查：对象 {oid[:12]} 无法读取（{reason}）。请运行 git fsck --full 检查仓库；"
            "对象缺失时先 git fetch --unshallow（或重新完整克隆）")


def _findings(reader: gitrepo.BlobReader, oid: str, path: str, size: int,
              allowed: set[str]) -> Iterator[tuple[int, int, str, str]]:
    """(line, column, code, message) of each number in one past version: attachments (documents, pictures, zips) by
    every piece of their text, as the current tree is read (their compressed bytes hold digit runs that are no
    numbers); text in memory when small, else from a temporary copy, window by window."""
    if _is_attachment(path) or size <= WINDOW:
        buffer = io.BytesIO()
        reader.copy(oid, buffer)
        if _is_attachment(path):
            yield from _document_findings(path, buffer.getvalue(), allowed)
        else:
            yield from _text_findings(_decode(buffer.getvalue()), allowed)
        return
    with tempfile.TemporaryFile() as copy:
        reader.copy(oid, copy)
        yield from _windowed(copy, allowed)


def _is_attachment(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in attachments.READERS


def _document_findings(path: str, data: bytes, allowed: set[str]) -> Iterator[tuple[int, int, str, str]]:
    """An attachment by every piece of its text; one that cannot be read whole yields what could be read (the
    current version is refused by validate)."""
    pieces: list[attachments.Piece] = []
    with contextlib.suppress(attachments.Unchecked):
        pieces.extend(attachments.pieces_of(path, data) or ())
    for line, col, _place, text in pieces:
        for offset, code, _label, message in scan_text(text, allowed):
            yield line, offset + 1 if col is None else col, code, message


def _text_findings(text: str, allowed: set[str]) -> Iterator[tuple[int, int, str, str]]:
    for offset, code, _label, message in scan_text(text, allowed):
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        yield line, col, code, message


def _windowed(handle: BinaryIO, allowed: set[str]) -> Iterator[tuple[int, int, str, str]]:
    """A large text version scanned window by window (_windows), each on its own: every number is found whole, once,
    by the window that holds it, where a whole read finds it."""
    for base, lines_before, line_start, window in _windows(handle):
        for offset, code, _label, message in scan_text(window, allowed):
            last = window.rfind("\n", 0, offset)
            line = lines_before + window.count("\n", 0, offset) + 1
            yield line, offset - last if last >= 0 else base + offset - line_start + 1, code, message


def _windows(handle: BinaryIO) -> Iterator[tuple[int, int, int, str]]:
    """The text of a large version in windows, each cut at a seam (_seam): where no reading of a number goes on
    across, whatever stands on either side, so each reads on its own as the whole text reads it there. A window with
    no seam grows until one comes (Unseamed past MOST characters). (offset of the window in the text, lines before
    it, offset where its first line starts, the window)."""
    decoder = codecs.getincrementaldecoder(_encoding(handle))("replace")
    handle.seek(0)
    carry, base, lines_before, line_start = "", 0, 0, 0
    while True:
        raw = handle.read(WINDOW)
        text = carry + decoder.decode(raw, final=not raw)
        seam = _seam(text) if raw else len(text)
        if seam is None:
            if len(text) > MOST:
                raise Unseamed(len(text))
            carry = text
            continue
        window = text[:seam]
        yield base, lines_before, line_start, window
        if not raw:
            return
        lines_before += window.count("\n")
        last = window.rfind("\n")
        line_start = base + last + 1 if last >= 0 else line_start
        carry, base = text[seam:], base + seam


class Unseamed(Exception):
    """A large text version that could not be cut into windows a number cannot cross (markup that may hide across
    every place, or no character that stops a number) within MOST characters: reported unchecked."""


#: A character no number reads across, whatever stands around it (stopping the raw and the shown readings alike):
#: not a digit of any spelling, not skipped between digits, not the X an ID number ends with; and none that a tag's
#: name or a character reference is made of (ASCII letters and digits, ";", "#", "&"), nor "<" or ">".
_STOP = re.compile(rf"(?!{DIGIT}|{SKIP}|[XxＸｘⅩⅹ]|[A-Za-z0-9;#&<>])[^\n]")
#: Where a Markdown link's target or reference label may start (shown.HIDDEN): such an attempt reads at most this many
#: characters that are not spacing (its target's parts, each a bracketed group at most; its title with its quotes;
#: the brackets around; a label is shorter), with room to spare.
_LINK = re.compile(r"\][(\[]")
_LINK_READS = LINK_PARTS * (LINK_GROUP + 2) + LINK_TITLE + 2 + max(LABEL_MOST + 2, 3) + 5_000
#: A tag is read at most this many characters from its "<" (the "<", the name's first character, the rest, ">").
_TAG_READS = TAG_MOST + 3


def _seam(text: str) -> int | None:
    """Where `text` (a window: nothing is open where it starts) may be cut, as late as may be: before a character
    that stops every reading of a number (_STOP), which no markup hides (no comment, tag or link target of the shown
    reading spans it). Cut there, no reading goes on across, and each side reads as the whole text reads it.

    The window's own reading of its markup (shown.HIDDEN, left to right from its clean start) is the whole text's
    wherever every attempt before was decided within the window: a tag's within _TAG_READS characters, a link's
    within _LINK_READS characters that are not spacing (spacing runs are unbounded in it: where one may reach the
    window's end, seams stop before it); a comment never closed in the window runs to its end, so covers every later
    place (tests/gitdiff/test_history_bounds.py)."""
    limit = len(text) - _TAG_READS
    reach = _reach(text)
    late_link = _LINK.search(text, reach)
    if late_link is not None:
        limit = min(limit, late_link.start())
    if limit <= 0:
        return None
    gaps: list[tuple[int, int]] = []
    at = 0
    for hidden in _HIDDEN.finditer(text):
        if hidden.start() >= limit:
            break
        gaps.append((at, hidden.start()))
        at = hidden.end()
    gaps.append((at, limit))
    for lo, hi in reversed(gaps):
        while hi > lo:  # the last stop in the gap, looked for from its end a piece at a time
            start = max(hi - (1 << 14), lo)
            at = max((found.start() for found in _STOP.finditer(text, start, hi)), default=0)
            if at > 0:
                return at
            hi = start
    return None


def _reach(text: str) -> int:
    """The first place from which the rest of `text` holds fewer than _LINK_READS characters that are not spacing:
    a link target starting there or later may read past its end."""
    count, at = 0, len(text)
    while at > 0 and count < _LINK_READS:
        start = max(at - (1 << 16), 0)
        piece = text[start:at]
        count += len(piece) - len(_SPACE.findall(piece))
        at = start
    if count < _LINK_READS:
        return 0
    while True:  # count is what text[at:] holds: move on while text[at + 1:] still holds enough
        rest = count - (0 if text[at].isspace() else 1)
        if rest < _LINK_READS:
            return at + 1
        count, at = rest, at + 1


_SPACE = re.compile(r"\s")
_HIDDEN = re.compile(HIDDEN)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # an old GBK version was committed once, perhaps
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def _encoding(handle: BinaryIO) -> str:
    """UTF-8 (BOM or not) when the whole version decodes so, else GB18030 when it does, else UTF-8 with the odd
    bytes replaced: the same choice as for a small version, made in pieces."""
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        handle.seek(0)
        try:
            while piece := handle.read(WINDOW):
                decoder.decode(piece)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "utf-8"


PURGE = """\
这些号码仍在 git 历史中：即使当前文件已删除，任何人克隆仓库都能看到。清除步骤（需要仓库管理员）：
  1. 先在当前文件中删除或改写这些号码并提交（python -m generator validate 应当通过）。
  2. 写一个替换清单 replacements.txt（不要提交它），每行一个完整号码，例如：
       110105199003071239==>***
     上面只显示打码后的号码；完整号码用 git show <提交号>:<文件> 查看。
  3. 在仓库的全新镜像克隆中运行：
       git clone --mirror <仓库地址> repo.git && cd repo.git
       git filter-repo --sensitive-data-removal --replace-text ../replacements.txt
  4. 强制推送全部分支和标签：git push --force --mirror
  5. 副本可能仍在这些地方，须逐一清除或重新建立：每位同事和服务器上的克隆（删除后重新克隆）、
     代码托管平台上的 Fork 与合并请求、平台对旧提交的缓存（联系平台管理员清除）、CI 的缓存与构建产物、
     已发布网站的旧部署、备份与镜像。之后再运行 python -m generator validate --history 确认。"""


def report(root: Path) -> tuple[str, bool]:
    """What `validate --history` prints, and whether the history is clean: every version read and none leaking."""
    try:
        found = scan(root)
    except gitrepo.GitError as exc:
        return f"error[git-history] 无法读取 git 历史：{exc}", False
    lines = [leak.text() for leak in found.leaks]
    if found.hidden:
        lines.append(f"……另有 {found.hidden:,} 处没有逐条列出")
    lines += [*found.notes[:MAX_LISTED], *(f"error[history-unchecked] {line}" for line in found.unchecked[:MAX_LISTED])]
    if len(found.unchecked) > MAX_LISTED:
        lines.append(f"……另有 {len(found.unchecked) - MAX_LISTED:,} 个版本未检查，没有逐条列出")
    head = f"已检查 {found.commits} 个提交中 data/ 与 content/ 的 {found.files} 个不同文件版本"
    if found.shallow:
        lines.append(f"error[history-incomplete] 这是浅克隆（shallow clone），只有最近的 {found.commits} 个提交："
                     "更早的历史不在本地，无法检查。请先运行 git fetch --unshallow 取回完整历史后重新检查"
                     "（GitHub Actions 的 actions/checkout 设 fetch-depth: 0；GitLab CI 设变量 GIT_DEPTH: \"0\"）")
    count = len(found.leaks) + found.hidden
    if count:
        lines += [f"{head}：发现 {count} 处个人信息。", PURGE]
    elif found.shallow or found.unchecked:
        lines.append(f"{head}：没有发现身份证号、个人手机号或银行卡号，但历史没有全部检查（见上），不能确认历史干净。")
    else:
        lines.append(f"{head}：历史中没有发现身份证号、个人手机号或银行卡号。")
    return "\n".join(lines), not (count or found.shallow or found.unchecked)
