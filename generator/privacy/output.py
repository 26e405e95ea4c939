"""Publish stage, the last gate: the built site itself holds no ID number, private mobile or masked party's name.

The input checks know the fields; this gate knows nothing about how a value got into the output (a template
override, a field nobody thought of, an attachment), only that it must not reach a reader. One regex pass per
file over what a reader or a search engine gets: pages, downloads, feeds, the record index and Pagefind's
fragments. Theme files copied unchanged from the installed Material package are not ours and are skipped.
"""

from __future__ import annotations

import gzip
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..problems import Problem, Where, problem
from ..publish.shells import PLACEHOLDERS
from ..read.sources import data_files, read_text
from . import attachments
from .inputs import declared_phones
from .names import fold, masked_names, name_pattern, published_names
from .numbers import scan_text

#: Files a reader can open or a crawler can fetch as text.
TEXT = {".html", ".htm", ".json", ".csv", ".xml", ".js", ".txt", ".md", ".svg", ".webmanifest", ".tsv", ".yml"}
#: Compressed with gzip: Pagefind's page fragments (each page's full text) and the gzipped sitemap.
GZIPPED = {".pf_fragment", ".gz"}
#: Characters a site tool may put inside a name (Pagefind separates Chinese words with U+200B).
_GAP = r"[\s\u200b-\u200d\u2060\ufeff]{0,2}"
#: A superset, over UTF-8 bytes, of the runs numbers.scan_text reads: its separators are ASCII or start with one
#: of the lead bytes C2, E1-E3, EF (no CJK ideograph does), so one byte class stands for all of them and the
#: regex engine skips everything else. Each candidate (mostly the bureau's phone in every footer) is judged
#: once per build by scan_text, which decides.
_SEP = rb"[\s\-_/()\[\]\xc2\xe1\xe2\xe3\xef\x80-\xbf]"
_CANDIDATE = re.compile(rb"[0-9](?<![0-9][0-9])(?:" + _SEP + rb"{0,9}[0-9]){10,}(?:" + _SEP + rb"{0,9}[Xx])?")
#: Full-width digits (U+FF10-FF19): a file with them is read as text, character by character.
_FULL_WIDTH = re.compile(rb"\xef\xbc[\x90-\x99]")


def scan_site(out: Path, root: Path, catalog: Any, shown_as: str, shells: list[list[str]] | None = None
              ) -> list[Problem]:
    """Problems for every personal value in the built tree `out`; `shown_as` names the tree for staff.

    `shells`: the record pages' shells cut at their placeholders (shells.pour). A record page is then read as its
    shell's constant parts, scanned once, and what was poured between them, scanned per page; a page that does not
    split so, or whose poured parts hold a candidate, is scanned whole, as every other file is.
    """
    allowed = declared_phones(catalog.site)
    names = masked_names(catalog)
    pattern = name_pattern(set(names) - published_names(catalog), _GAP)  # over text: a trie by character
    theme = _theme_files()
    judged: dict[bytes, list[tuple[int, str, str, str]]] = {}
    problems: list[Problem] = []
    cut = [[part.encode("utf-8") if part not in PLACEHOLDERS else None for part in shell] for shell in shells or []]
    constant = b"\n\n".join(part for shell in cut for part in shell if part is not None)
    if cut and next(_hits(constant, constant.decode("utf-8", "replace"), allowed, pattern, names, judged), None):
        cut = []  # a shell itself holds a hit: every page is scanned whole, and the hit located in each
    for rel in _files(out):
        if os.path.splitext(rel)[1].lower() in attachments.READERS:  # published as it is: read as the input gate does
            if not (rel.startswith("assets/") and theme.get(rel.removeprefix("assets/")) == (out / rel).stat().st_size):
                problems += attachment_problems(out / rel, f"{shown_as}/{rel}", allowed, pattern)
            continue
        data = _readable(out / rel, rel, theme)
        if data is None:
            continue
        poured = _poured(data, cut) if cut and rel.endswith("/index.html") else None
        if poured is not None:
            text = poured.decode("utf-8", "replace")
            if next(_hits(poured, text, allowed, pattern, names, judged), None) is None:
                continue
        text = data.decode("utf-8", "replace")
        for offset, what, source in _hits(data, text, allowed, pattern, names, judged):
            line, col = text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
            origin = source if what[0] == "姓名" else _find_origin(root, source)
            problems.append(problem("published-personal-data", Where(f"{shown_as}/{rel}", line, col), "发布前检查", (
                f"生成的网站文件中有{what[1]}，网站未更新。来源：{origin}。"
                "请在来源处删除或改写后重新生成；如果来源是模板（site_overrides/）或 mkdocs.yml，请在那里修改")))
    return problems


#: Bytes of the shell kept on each side of what was poured: a value cut by a part boundary is still read whole.
_MARGIN = 64


def _poured(data: bytes, shells: list[list[bytes | None]]) -> bytes | None:
    """What was poured into a shell's placeholders (with a margin of the shell around each), or None when `data`
    is not one of `shells` filled in."""
    for shell in shells:
        spans: list[tuple[int, int]] = []
        pos, start = 0, None
        for part in shell:
            if part is None:
                start = pos if start is None else start
                continue
            at = pos if start is None else data.find(part, pos)
            if at < 0 or (start is None and not data.startswith(part, pos)):
                break
            if start is not None:
                spans.append((start, at))
            pos, start = at + len(part), None
        else:
            if start is not None:
                spans.append((start, len(data)))
            elif pos != len(data):
                continue
            return b"\n\n".join(data[max(a - _MARGIN, 0):b + _MARGIN] for a, b in spans)
    return None


def _files(out: Path) -> list[str]:
    """Every file under `out`, relative, in a stable order (os.walk: tens of thousands of Path objects cost more
    than the scan)."""
    found = []
    for folder, _dirs, names in os.walk(out):
        base = os.path.relpath(folder, out).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        found.extend(prefix + name for name in names)
    return sorted(found)


def _readable(path: Path, rel: str, theme: dict[str, int]) -> bytes | None:
    """The bytes of an output file to scan, or None for what is not ours or not text."""
    suffix = os.path.splitext(rel)[1].lower()
    if (suffix not in TEXT and suffix not in GZIPPED) or not path.is_file():
        return None
    if rel.startswith("assets/") and theme.get(rel.removeprefix("assets/")) == path.stat().st_size:
        return None
    data = path.read_bytes()
    return gzip.decompress(data) if suffix in GZIPPED else data


Hit = tuple[int, tuple[str, str], str]


def _hits(data: bytes, text: str, allowed: set[str], pattern: re.Pattern[str] | None, names: dict[str, Any],
          judged: dict[bytes, list[tuple[int, str, str, str]]]) -> Iterator[Hit]:
    """(offset in text, (what, which), where it came from: a description, or the number to look up)."""
    if _FULL_WIDTH.search(data):
        for offset, code, label, message in scan_text(text, allowed):
            yield offset, (label, message.split("：", 1)[0].removeprefix("发现")), _number_origin(text, offset, code)
    else:
        for match in _CANDIDATE.finditer(data):
            found = judged.get(match.group())
            if found is None:
                found = judged[match.group()] = list(scan_text(match.group().decode("utf-8", "replace"), allowed))
            snippet = match.group().decode("utf-8", "replace") if found else ""
            for offset, code, label, message in found:
                at = len(data[:match.start()].decode("utf-8", "replace")) + offset  # only after a hit
                yield at, (label, message.split("：", 1)[0].removeprefix("发现")), _number_origin(snippet, offset, code)
    for match in pattern.finditer(text) if pattern is not None else ():
        name = fold(match.group())
        where = names[name].where("party_name")
        yield match.start(), ("姓名", f"自然人当事人的全名（{name[0]}{'*' * (len(name) - 1)}）"), (
            f"{where.path} 第 {where.line} 行的自然人当事人（网站只应显示打码后的姓名）；全名出现在其他字段、页面或模板中")


def _number_origin(text: str, offset: int, code: str) -> str:
    """Which input line holds the number (looked up only after a hit), else the likely places."""
    digits = _compact(text[offset:offset + 60])
    if code == "personal-id-number":
        key = digits[:18]
    elif code == "phone-number":
        key = digits[2:13] if digits.startswith("861") else digits[:11]
    else:
        key = digits[:16]
    return key


def _compact(text: str) -> str:
    return re.sub(r"[^0-9X]", "", unicodedata.normalize("NFKC", text).upper())


def _find_origin(root: Path, key: str) -> str:
    for rel in data_files(root):
        try:
            text, _ = read_text(root, rel)
        except OSError:
            continue
        if text is None or key not in _compact(text):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if key in _compact(line):
                return f"{rel} 第 {number} 行"
        return rel
    return "不在 data/ 或 content/ 的文字中（可能来自模板 site_overrides/、mkdocs.yml 或附件文件）"


def _theme_files() -> dict[str, int]:
    """Relative path -> size of the theme's static assets, as the engine copies them into assets/."""
    try:
        import material
    except ImportError:  # pragma: no cover - the engine itself needs it
        return {}
    base = Path(material.__file__).parent / "templates" / "assets"
    return {p.relative_to(base).as_posix(): p.stat().st_size for p in base.rglob("*") if p.is_file()}


def attachment_problems(path: Path, shown: str, allowed: set[str], pattern: re.Pattern[str] | None) -> list[Problem]:
    """A document, picture or zip in the built site (an attachment from content/, a poster): every piece of its
    text, read as the input gate reads it; one that cannot be read whole is not published either."""
    found: list[tuple[int, int, str, str]] = []
    try:
        for line, col, place, text in attachments.pieces(path) or ():
            for offset, _code, label, message in scan_text(text, allowed):
                found.append((line, offset + 1 if col is None else col, place, message.split("：", 1)[0]))
            for match in pattern.finditer(text) if pattern is not None else ():
                found.append((line, match.start() + 1 if col is None else col, place, "应打码的自然人全名"))
    except attachments.Unchecked as exc:
        refusals = [message for code, message in exc.reasons if code != "unchecked-file"]
        if refusals:
            return [problem("refused-file", Where(shown), "发布前检查", f"网站中的这个文件无法完整检查，网站未更新：{refusals[0]}")]
    return [problem("published-personal-data", Where(shown, line, col), "发布前检查", (
        f"生成的网站文件中有{what.removeprefix('发现')}（{place or '正文'}），网站未更新。来源：content/ 中的同名附件，"
        "或生成它的数据。请在来源处删除或改写后重新生成")) for line, col, place, what in found]
