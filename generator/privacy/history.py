"""Privacy stage over git history: ID numbers and private mobiles in any past version of data/ and content/."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..git import repo as gitrepo
from ..read.load import read_site
from . import attachments
from .inputs import declared_phones
from .numbers import scan_text

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
            if len(parts) >= 5 and parts[3] != ZERO:
                found[parts[3]] = (commit.strip("\0\n "), path)  # log runs newest first: the last kept is the oldest
    return found, commits


def scan_history(root: Path) -> tuple[list[Leak], int, int]:
    """(leaks, commits read, distinct file versions read). Raises gitrepo.GitError outside a git checkout."""
    site, _ = read_site(root)
    allowed = declared_phones(site)
    found, commits = versions(root)
    leaks: list[Leak] = []
    with gitrepo.blobs(root) as read:
        for oid, (commit, path) in sorted(found.items(), key=lambda item: item[1]):
            blob = read(oid)
            if blob is None:
                continue
            for line, col, code, message in _findings(path, blob[1], allowed):
                leaks.append(Leak(commit, path, line, col, code, message.split("：", 1)[0]))
    return leaks, commits, len(found)


def _findings(path: str, data: bytes, allowed: set[str]) -> Iterator[tuple[int, int, str, str]]:
    """(line, column, code, message) of each number in one past version: attachments (documents, pictures, zips)
    by every piece of their text, as the current tree is read (their compressed bytes hold digit runs that are no
    numbers); a version that cannot be read whole yields what could be read (the current one is refused by
    validate)."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in attachments.READERS:
        pieces: list[attachments.Piece] = []
        try:
            pieces.extend(attachments.pieces_of(path, data) or ())
        except attachments.Unchecked:
            pass
        for line, col, _place, text in pieces:
            for offset, code, _label, message in scan_text(text, allowed):
                yield line, offset + 1 if col is None else col, code, message
        return
    text = _decode(data)
    for offset, code, _label, message in scan_text(text, allowed):
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        yield line, col, code, message


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # an old GBK version was committed once, perhaps
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


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
    """What `validate --history` prints, and whether the history is clean."""
    try:
        leaks, commits, files = scan_history(root)
    except gitrepo.GitError as exc:
        return f"error[git-history] 无法读取 git 历史：{exc}", False
    head = f"已检查 {commits} 个提交中 data/ 与 content/ 的 {files} 个不同文件版本"
    if not leaks:
        return f"{head}：历史中没有发现身份证号、个人手机号或银行卡号。", True
    lines = [leak.text() for leak in leaks]
    return "\n".join([*lines, f"{head}：发现 {len(leaks)} 处个人信息。", PURGE]), False
