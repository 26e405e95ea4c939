"""Privacy gate: no citizen ID number, private mobile number or bank card number anywhere in data/ or content/."""

from __future__ import annotations

import bisect
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..identifiers import BANK_CARD, ID_NUMBER, MOBILE, id_number_is_valid, luhn_is_valid, uscc_problem
from ..problems import Problem, Where, problem
from ..sources import data_files, parse_csv, read_text
from . import attachments

_DIGITS = re.compile(r"\D")


def _masked(text: str) -> str:
    return text[:3] + "*" * (len(text) - 5) + text[-2:]


def scan_text(text: str, allowed_phones: set[str]) -> Iterator[tuple[int, str, str, str]]:
    """(offset, code, field label, message) for every personal identifier in `text`."""
    for match in ID_NUMBER.finditer(text):
        if id_number_is_valid(match.group()):
            yield match.start(), "personal-id-number", "身份证号", (
                f"发现公民身份号码 {_masked(match.group())}：自然人的身份证号不得公开，请删除")
    for match in MOBILE.finditer(text):
        number = "".join(match.groups())
        if number not in allowed_phones:
            yield match.start(), "phone-number", "手机号", (
                f"发现手机号码 {_masked(number)}：个人手机号不得公开，请删除；如果是公开的办公号码，"
                "请登记在 data/site.yml 的 policy.public_phones 中")
    for match in BANK_CARD.finditer(text):
        digits = match.group()
        if luhn_is_valid(digits) and uscc_problem(digits) is not None and not id_number_is_valid(digits):
            yield match.start(), "bank-card-number", "银行卡号", f"发现疑似银行卡号 {_masked(digits)}：不得公开，请删除"


def scan(root: Path, allowed_phones: set[str]) -> list[Problem]:
    """Every file under data/ and content/: CSV files cell by cell (row line, column), others by line and column."""
    problems: list[Problem] = []
    for rel in data_files(root):
        suffix = Path(rel).suffix.lower()
        if suffix in attachments.PICTURES:
            continue
        if suffix in attachments.READERS or suffix in attachments.LEGACY:
            problems += _scan_document(root, rel, allowed_phones)
            continue
        # A file the gate cannot read cannot be proved clean, so its encoding problem is reported here too
        # (a stray GBK notes.txt has no other reader); validate() drops the copies a dataset reader also made.
        text, unreadable = read_text(root, rel, csv_columns=rel.endswith(".csv"))
        problems += unreadable
        if text is None:
            continue
        if rel.endswith(".csv"):
            problems += _scan_csv(rel, text, allowed_phones)
        else:
            problems += _scan_plain(rel, text, allowed_phones)
    return problems


def _scan_document(root: Path, rel: str, allowed: set[str]) -> list[Problem]:
    """A spreadsheet, Word file or PDF: every cell, paragraph or page; one that cannot be read is a warning."""
    try:
        found = list(attachments.pieces(root / rel) or ())
    except attachments.Unchecked as exc:
        return [problem("unchecked-file", Where(rel), "文件", f"{exc}。此文件会原样发布到网站上：请人工核对其中没有身份证号、"
                        "手机号、银行卡号等个人信息；能用文字发布的内容，最好改写为 Markdown 页面")]
    problems = []
    for line, col, place, text in found:
        for offset, code, label, message in scan_text(text, allowed):
            problems.append(problem(code, Where(rel, line, offset + 1 if col is None else col), label,
                                    f"{place}：{message}"))
    return problems


def _scan_plain(rel: str, text: str, allowed: set[str]) -> Iterator[Problem]:
    for offset, code, label, message in scan_text(text, allowed):
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        yield problem(code, Where(rel, line, col), label, message)


def _scan_csv(rel: str, text: str, allowed: set[str]) -> Iterator[Problem]:
    """Scan the whole text at once (fast), then place each rare match at its row's line and its column."""
    found = list(scan_text(text, allowed))
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
    """Numbers staff declared public in site.yml (the bureau's phone and policy.public_phones)."""
    if site is None:
        return set()
    numbers = [getattr(site.bureau, "phone", ""), *site.policy.public_phones]  # type: ignore[attr-defined]
    return {_DIGITS.sub("", n) for n in numbers if n}
