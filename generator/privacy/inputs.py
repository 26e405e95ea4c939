"""Privacy gate: no citizen ID number, private mobile number or bank card number anywhere in data/ or content/."""

from __future__ import annotations

import bisect
import csv
import io
import os
import re
import stat
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path

from ..memo import Kept
from ..problems import Problem, Where, problem
from ..read.files import CONFIG, Tree, is_active
from ..read.sources import parse_csv, read_text
from . import attachments
from .names import Masked
from .numbers import scan_text

__all__ = ["declared_phones", "scan", "scan_file", "scan_text"]

_DIGITS = re.compile(r"\D")


def scan(tree: Tree, allowed_phones: set[str], names: Masked | None = None,
         read_by_field: frozenset[str] = frozenset(), scanned: Mapping[str, list[Problem]] | None = None
         ) -> list[Problem]:
    """Every file staff write: under data/ and content/, the theme overrides and the site configuration; CSV files
    cell by cell (row line, column), others by line and column, documents piece by piece. Each file is read once,
    for personal numbers and (`names`) masked parties' names, but those in `read_by_field` (the datasets, whose
    records names.check reads field by field). `scanned`: what scan_file found in files of `read_by_field` already
    (another process read them meanwhile); every other file is read here.

    Fails closed: a folder that cannot be listed or a file that cannot be read is an error, never skipped.
    """
    problems: list[Problem] = _unlistable(tree)
    for rel in staff_files(tree):
        if scanned is not None and rel in scanned and rel in read_by_field:
            problems += scanned[rel]
        else:
            problems += scan_file(tree.root, rel, allowed_phones, None if rel in read_by_field else names)
    return problems


def scan_file(root: Path, rel: str, allowed_phones: set[str], names: Masked | None = None) -> list[Problem]:
    """One staff file's personal numbers (in its name and its text) and, with `names`, masked parties' names."""
    problems = _scan_name(rel, allowed_phones)
    try:
        problems += _scan_file(root, rel, allowed_phones, names)
    except OSError as exc:
        problems.append(_unreadable(rel, exc))
    return problems


def _scan_file(root: Path, rel: str, allowed_phones: set[str], names: Masked | None) -> list[Problem]:
    suffix = Path(rel).suffix.lower()
    if rel.startswith("content/") and not Path(rel).name.startswith(".") and not is_active(rel):
        refused = attachments.unsupported(rel)  # published as it is, so only types the gate can read whole
        if refused is not None:
            return [refused]
    if suffix in attachments.READERS or suffix in attachments.LEGACY:
        return _scan_document(root, rel, allowed_phones, names)
    if suffix in attachments.UNREAD:  # outside content/: the theme's icons and fonts
        return []
    # A file the gate cannot read cannot be proved clean, so its encoding problem is reported here too
    # (a stray GBK notes.txt has no other reader); validate() drops the copies a dataset reader also made.
    text, problems = read_text(root, rel, csv_columns=rel.endswith(".csv"))
    if text is None:
        return problems
    allowed = frozenset(allowed_phones)
    key = (rel, text, allowed, names.key() if names is not None else None)
    return [*problems, *_TEXTS.get(key, len(text), partial(_read_text_file, rel, text, allowed, names))]


#: What a staff text file held, by its path, its text, the public phones and the masked names (all the reading
#: depends on), for the next validation in this process (memo.Kept).
_TEXTS: Kept[tuple[Problem, ...]] = Kept(8 << 20)


def _read_text_file(rel: str, text: str, allowed: frozenset[str], names: Masked | None) -> tuple[Problem, ...]:
    problems = names.in_text(rel, text) if names is not None else []
    if rel.endswith(".csv"):
        return (*problems, *_scan_csv(rel, text, allowed))
    problems += _scan_plain(rel, text, allowed)
    if Path(rel).suffix.lower() == ".svg":
        problems += attachments.svg_active(rel, text)
    return tuple(problems)


def _scan_name(rel: str, allowed: set[str]) -> list[Problem]:
    """A file name is published in the address of the file: "张三110105….pdf" leaks as surely as its text."""
    return [problem(code, Where(rel), "文件名", f"文件名中{message}（请重命名文件）")
            for _offset, code, _label, message in scan_text(rel, allowed)]


def _unlistable(tree: Tree) -> list[Problem]:
    """Folders the listing could not open: their files would silently go unchecked (and unpublished or
    half-published). A missing folder is not one: the readers report it, as missing data."""
    root = tree.root.resolve()
    return [_unreadable(Path(exc.filename).resolve().relative_to(root).as_posix() if exc.filename else "data", exc)
            for exc in tree.unlisted]


def _unreadable(rel: str, exc: OSError) -> Problem:
    return problem("unreadable-path", Where(rel), "文件", (
        f"无法读取（{exc.strerror or type(exc).__name__}），因此无法检查其中是否有身份证号、手机号等个人信息，"
        "网站不会生成。请检查文件或文件夹的权限（应对所有人可读），或删除损坏的文件后重新提交"))


def _scan_document(root: Path, rel: str, allowed: set[str], names: Masked | None) -> list[Problem]:
    """An attachment (Word, Excel, PowerPoint, OpenDocument, PDF, picture, zip): every piece of text in every part,
    located; a file that cannot be read whole is refused (the reasons name the part), a scanned PDF is a warning."""
    problems = []
    try:
        for line, col, place, text in attachments.pieces(root / rel) or ():
            for offset, code, label, message in scan_text(text, allowed):
                problems.append(problem(code, Where(rel, line, offset + 1 if col is None else col), label,
                                        f"{place}：{message}" if place else message))
            problems += names.in_text(rel, text, Where(rel, line, col or 1), place) if names is not None else []
    except attachments.Unchecked as exc:
        problems += [problem(code, Where(rel), "文件", message) for code, message in exc.reasons]
    return problems


def _scan_plain(rel: str, text: str, allowed: set[str] | frozenset[str]) -> Iterator[Problem]:
    for offset, code, label, message in scan_text(text, allowed):
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        yield problem(code, Where(rel, line, col), label, message)


def _scan_csv(rel: str, text: str, allowed: set[str] | frozenset[str]) -> Iterator[Problem]:
    """Scan the whole text at once (fast), then place each rare match at its row's line and its column."""
    found = list(scan_text(text.replace("\n", "\0"), allowed))  # a CSV line ends a row: a break, not a gap
    if not found:
        return
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    row_lines = [line for line, _cells in parse_csv(text)]
    for offset, code, label, message in found:
        physical = bisect.bisect_right(line_starts, offset)
        row_line = row_lines[max(bisect.bisect_right(row_lines, physical) - 1, 0)]
        prefix = text[line_starts[row_line - 1]:offset]
        col = max(len(next(csv.reader(io.StringIO(prefix + "\n", newline="")), [""])), 1)
        yield problem(code, Where(rel, row_line, col), label, message)


def declared_phones(site: object | None) -> set[str]:
    """Numbers staff declared public in site.yml (the bureau's phone, gov_info.phone, policy.public_phones and the
    supervision phone of remedies)."""
    if site is None:
        return set()
    numbers = [getattr(site.bureau, "phone", ""), *site.policy.public_phones]  # type: ignore[attr-defined]
    numbers.append(getattr(getattr(site, "gov_info", None), "phone", None) or "")  # the 依申请公开 phone is public too
    numbers.append(getattr(getattr(site, "remedies", None), "supervision_phone", None) or "")
    return {_DIGITS.sub("", n) for n in numbers if n}


def staff_files(tree: Tree) -> list[str]:
    """Every ordinary file staff write that reaches a reader: data/, content/, site_overrides/ and the configuration.

    Links and special files are never followed or listed (read.files.unsafe_files refuses them where they stand).
    """
    found = tree.files()  # links, special files and names that are not UTF-8 left out: unsafe_files says
    found += [name for name in CONFIG if _regular(tree.root / name)]
    return sorted(found)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
