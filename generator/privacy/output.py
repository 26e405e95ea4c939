"""Publish stage, the last gate: the built site itself holds no ID number, private mobile or masked party's name.

The input checks know the fields; this gate knows nothing about how a value got into the output (a template
override, a field nobody thought of, an attachment), only that it must not reach a reader. One regex pass per
file over what a reader or a search engine gets: pages, downloads, feeds, the record index and Pagefind's
fragments. Theme files copied unchanged from the installed Material package are not ours and are skipped.
The record pages (tens of thousands) are read as they are written, the very bytes, by whichever process pours them
(page_problems); everything else is read back from the disk (scan_site).
"""

from __future__ import annotations

import contextlib
import gzip
import multiprocessing
import os
import re
import threading
from collections.abc import Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import CatalogLike
from ..problems import Problem, Where, problem
from ..read.files import Tree
from ..read.sources import read_text
from . import attachments
from .documents import pdfs
from .inputs import declared_phones, staff_files
from .names import find, loose_pattern, masked_names, name_pattern, published_names
from .numbers import scan_text
from .shown import BLOCK_TAGS, DIGIT, NAME_SKIP, SKIP, read_digits, runs, strip, unify

#: Files a reader can open or a crawler can fetch as text.
TEXT = {".html", ".htm", ".json", ".csv", ".xml", ".js", ".txt", ".md", ".svg", ".webmanifest", ".tsv", ".yml"}
#: Compressed with gzip: Pagefind's page fragments (each page's full text) and the gzipped sitemap.
GZIPPED = {".pf_fragment", ".gz"}


def scan_site(out: Path, staff: Tree, catalog: CatalogLike, shown_as: str,
              shells: list[list[str | None]] | None = None,
              workers: int | None = None, scanned: Collection[str] = (),
              job: ScanJob | None = None) -> list[Problem]:
    """Problems for every personal value in the built tree `out`; `shown_as` names the tree for staff, `staff` is the
    listing of the files it was built from (a hit is traced back to one of them).

    `shells`: the record pages' shells cut at their placeholders, each placeholder None (publish/shells.py). A
    record page is then read as its shell's constant parts, each scanned once, and windows around what was poured
    between them, out to where no reading goes on (_windows), scanned per page; a page that does not split so, or
    whose windows hold a candidate, is scanned whole, as every other file is.

    `scanned`: files (relative to `out`) already read by `page_problems` as they were written (the record pages,
    scanned in memory while poured), with `job` the reading they got; they are not read again.

    The files are read by `workers` processes (default: one per core, at most WORKERS; GENERATOR_WORKERS=1 for
    one): each file is read on its own, and the problems come back in file order whatever the number.
    """
    job = replace(job or scan_job(staff, catalog, shown_as, shells), out=out)
    files = _files(out, frozenset(scanned))
    return [found for part in _each_part(job, files, worker_count(workers, len(files))) for found in part]


def scan_job(staff: Tree, catalog: CatalogLike, shown_as: str,
             shells: list[list[str | None]] | None = None) -> ScanJob:
    """What reading any built file needs: the names, numbers and patterns looked for, and the shells' cut (kept only
    when their constant parts, scanned here once, hold no hit; else every record page is read whole)."""
    names = masked_names(catalog)
    # A namesake shown in full by the site's own pages (an officer, a legal representative) is not the party's leak
    # here: staff text was already refused any such name (names.check), so only those fields can have put it here.
    pattern = name_pattern(set(names) - published_names(catalog))
    job = ScanJob(Path(), staff, shown_as, declared_phones(catalog.site), pattern, loose_pattern(pattern), names,
                  _theme_files(), [], Stops(frozenset("".join(names))))
    cut = [[part.encode("utf-8") if part is not None else None for part in shell] for shell in shells or []]
    # Each constant part on its own: what a page holds of it outside every window (_windows) lies between two cuts
    # inside one part, and is read there as in the page (joined, one shell's unclosed comment would hide the next).
    if cut and not any(next(job.hits(part.decode("utf-8", "replace")), None)
                       for shell in cut for part in shell if part is not None):
        job.cut = cut  # else a shell itself holds a hit: every page is scanned whole, and the hit located in each
    return job


def page_problems(job: ScanJob, rel: str, data: bytes, spans: list[tuple[int, int]]) -> list[Problem]:
    """Problems of one record page as it is written (`rel` under the site, its bytes, and the spans of `data` that
    were poured into its shell): read as `scan_site` reads a record page from the disk, without reading it back."""
    if job.cut and spans:
        poured = _windows(data, spans, job.stops)
        if poured is not None and next(job.hits(poured.decode("utf-8", "replace")), None) is None:
            return []
    return _scan_text(job, rel, data)


#: Processes that read the built site at most, and the fewest files worth a second one.
WORKERS, PARALLEL_FROM = 2, 2000


@dataclass
class ScanJob:
    """What every reading of one built file needs (inherited by forked workers, never pickled)."""

    out: Path
    staff: Tree
    shown_as: str
    allowed: set[str]
    pattern: re.Pattern[str] | None
    #: The pattern's loose form (names.loose_pattern), carried because a job sent to a pouring process is pickled:
    #: there the pattern is compiled anew, and without it every page would be folded for names in full.
    loose: re.Pattern[str] | None
    names: dict[str, Any]
    theme: dict[str, int]
    cut: list[list[bytes | None]]
    stops: Stops

    def hits(self, text: str, markup: bool | None = None) -> Iterator[Hit]:
        """_hits with this job's numbers, names and patterns."""
        return _hits(text, self.allowed, self.pattern, self.names, markup, self.loose)


_JOB: ScanJob | None = None


def worker_count(asked: int | None, items: int, least: int = PARALLEL_FROM) -> int:
    """How many processes share `items` pieces of work: `asked`, else GENERATOR_WORKERS, else one per core (at most
    WORKERS); one when there are fewer than `least` or a process cannot fork safely."""
    if asked is None:
        asked = int(os.environ.get("GENERATOR_WORKERS", "0")) or min(WORKERS, os.cpu_count() or 1)
    # Forking copies only the calling thread: never from a process with other threads (the preview's server).
    if items < least or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return max(1, asked)


def _each_part(job: ScanJob, files: list[str], workers: int) -> Iterator[list[Problem]]:
    """Problems of each slice of `files`, in order: read here, or by forked workers sharing `job`."""
    global _JOB
    slices = _slices(job.out, files) if workers > 1 else [files]
    if workers > 1 and any(rel.lower().endswith(".pdf") for rel in files):
        pdfs.library()  # imported once here, not by each worker (0.2 s each)
    _JOB = job
    try:
        if workers == 1:
            yield from map(_scan_slice, slices)
            return
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_scan_slice, slices)
    finally:
        _JOB = None


def _slices(out: Path, files: list[str], most: int = 256, weight: int = 1 << 20) -> list[list[str]]:
    """`files` cut in runs of at most `most` files or about `weight` bytes: the downloads (tens of MB, side by side
    under data/) are shared by the workers instead of falling to one."""
    slices: list[list[str]] = [[]]
    size = 0
    for rel in files:
        with contextlib.suppress(OSError):  # gone since the listing: read as missing, as before
            size += os.lstat(out / rel).st_size
        slices[-1].append(rel)
        if len(slices[-1]) >= most or size >= weight:
            slices.append([])
            size = 0
    return [piece for piece in slices if piece]


def _scan_slice(files: list[str]) -> list[Problem]:
    job = _JOB
    assert job is not None
    problems: list[Problem] = []
    for rel in files:
        problems += _scan_file(job, rel)
    return problems


def _scan_file(job: ScanJob, rel: str) -> list[Problem]:
    data = _readable(job.out / rel, rel, job.theme)
    if data is None:
        return _in_document(job, job.out / rel, f"{job.shown_as}/{rel}")
    if rel.endswith(".gz") and _same_as_original(job.out / rel[:-3], data):
        return []  # the very bytes of the file beside it, which is read on its own: the same findings, said there
    poured = _poured(data, job.cut, job.stops) if job.cut and rel.endswith("/index.html") else None
    if poured is not None:
        hits = job.hits(poured.decode("utf-8", "replace"))
        if next(hits, None) is None:
            return []
    return _scan_text(job, rel, data)


#: Bytes of a file read at once at most, when it can be read in pieces (a download is tens of MB at a province's
#: scale, and reading a text takes ten times its size: the copies the readings make, in every scanning process).
PIECE = 1 << 20
#: What opens markup (a tag, a comment, a character reference, a Markdown link's target): markup may hide or join
#: across a line end, so a file holding any is read whole.
_MARKUP_BYTES = (b"<", b"&", b"](", b"][")
#: ASCII a reader skips between two digits or two characters of a name (shown.SKIP, NAME_SKIP; XML's tags too).
_SKIPPED = frozenset(c for c in range(128) if re.fullmatch(f"{SKIP}|{NAME_SKIP}", chr(c)))
#: ASCII no number and no name is read across: neither a digit nor skipped (letters, but the X an ID number may end
#: with; a comma; NUL, which a CSV's line ends are read as). A line whose last character but skipped ones is one of
#: these ends a piece.
BREAKS = frozenset(c for c in b"abcdefghijklmnopqrstuvwyzABCDEFGHIJKLMNOPQRSTUVWYZ,\0" if c not in _SKIPPED)


def _scan_text(job: ScanJob, rel: str, data: bytes) -> list[Problem]:
    """Every hit of a text file, located by line and column."""
    if len(data) > PIECE and _clear_in_pieces(job, rel, data):
        return []
    text = data.decode("utf-8", "replace")
    rows = text.replace("\n", "\0") if rel.endswith(".csv") else text  # a CSV line ends a row: a break
    problems = []
    for offset, what, source in job.hits(rows, False if rel.endswith(".xml") else None):
        line, col = text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
        problems.append(_leak(Where(f"{job.shown_as}/{rel}", line, col), what, source, job.staff))
    return problems


def _clear_in_pieces(job: ScanJob, rel: str, data: bytes) -> bool:
    """Whether `data` can be read in pieces (_pieces) and no piece holds a hit: then the whole file holds none.
    False (read it whole, as any file) when it holds markup, when a name looked for holds a break, or when a
    piece holds a hit (located in the whole file, as before).

    Exact, not a sampling: without markup a reading is local (a number is digits with skipped characters between,
    a name its characters with skipped ones between), and a piece ends only where a break (BREAKS) stands before
    the line end with nothing but skipped characters after it: no number and no name reads across it, so the hits
    of the pieces are those of the whole."""
    markup = False if rel.endswith(".xml") else None  # as _scan_text reads it: in XML, tags are data
    if markup is None and any(mark in data for mark in _MARKUP_BYTES):
        return False
    if any(ord(ch) in BREAKS for name in job.names for ch in name if ch.isascii()):
        return False
    table = rel.endswith(".csv")
    for piece in _pieces(data, PIECE, table):
        text = piece.decode("utf-8", "replace")
        if table:
            text = text.replace("\n", "\0")  # as _scan_text reads a CSV: a line ends a row
        if next(job.hits(text, markup), None) is not None:
            return False
    return True


def _pieces(data: bytes, size: int, table: bool = False) -> Iterator[bytes]:
    """`data` in pieces of about `size` bytes, each cut just after a line end that follows a break, skipped
    characters aside (any line end in a table, read as NUL); one piece if there is none. A line end is never inside
    a UTF-8 character, so each piece decodes as its part of the whole does."""
    start = 0
    while start < len(data):
        stop = len(data)
        line_end = data.find(b"\n", start + size)
        while line_end >= 0:
            if table or _breaks(data, line_end, start):
                stop = line_end + 1
                break
            line_end = data.find(b"\n", line_end + 1)
        yield data[start:stop]
        start = stop


def _breaks(data: bytes, line_end: int, start: int) -> bool:
    """Whether the last character before `line_end` (back to `start`) that a reader does not skip is a break."""
    at = line_end - 1
    while at >= start and data[at] in _SKIPPED:
        at -= 1
    return at >= start and data[at] in BREAKS


def _leak(where: Where, what: tuple[str, str], source: str, staff: Tree, place: str = "") -> Problem:
    origin = source if what[0] == "姓名" else _find_origin(staff, source)
    return problem("published-personal-data", where, "发布前检查", (
        f"生成的网站文件中{place}有{what[1]}，网站未更新。来源：{origin}。"
        "请在来源处删除或改写后重新生成；如果来源是模板（site_overrides/）或 mkdocs.yml，请在那里修改"))


def _in_document(job: ScanJob, path: Path, shown: str) -> list[Problem]:
    """A published document or picture (copied from content/), read in every part as the input gate reads it."""
    if path.is_symlink() or not path.is_file():
        return []
    try:
        found = attachments.pieces(path)
        if found is None:
            return []
        pieces = list(found)
    except attachments.Unchecked:
        return []  # the input gate refused or flagged this file already: nothing readable to add here
    problems = []
    for line, col, place, text in pieces:
        for offset, what, source in job.hits(text):
            problems.append(_leak(Where(shown, line, offset + 1 if col is None else col), what, source, job.staff,
                                  f"（{place}）"))
    return problems


def _poured(data: bytes, shells: list[list[bytes | None]], stops: Stops) -> bytes | None:
    """What was poured into a shell's placeholders, in its windows (_windows), or None when `data` is not one of
    `shells` filled in, or holds markup a window cannot be cut in."""
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
            return _windows(data, spans, stops) if spans else b""
    return None


class Stops:
    """Which characters every reading stops at, whatever stands around them: not a digit of any spelling (nor the X
    an ID number ends with), not skipped between digits or between a name's characters, not a form read as another
    letter, not markup, and in none of the names looked for (`in_names`: their characters). Asked per character,
    each answer kept."""

    def __init__(self, in_names: frozenset[str]) -> None:
        self.in_names = in_names
        self.known: dict[str, bool] = {}
        self.parts: dict[int, list[tuple[bytes, tuple[int | None, int | None] | None]]] = {}

    def __contains__(self, ch: str) -> bool:
        known = self.known.get(ch)
        if known is None:
            known = self.known[ch] = (len(ch) == 1 and ch not in self.in_names and unify(ch) == ch
                                      and _NOT_A_STOP.match(ch) is None)
        return known

    def cuts(self, data: bytes, lo: int, hi: int) -> tuple[int | None, int | None] | None:
        """Where in data[lo:hi], a constant part, a window that goes on into it ends, and where one that reaches back
        into it starts (_first_cut, _last_cut: offsets in the part); (None, None) when it holds no cut, None when it
        holds markup that can hide across one. A shell's part is the same bytes in every page poured into it: each
        is looked at once, then known by its bytes (compared in place, not copied)."""
        for part, found in self.parts.get(hi - lo, ()):
            if data.startswith(part, lo):
                return found
        part = data[lo:hi]
        found = None
        if not _across(part):
            first = _first_cut(part, 0, len(part), self)
            found = (first, None if first is None else _last_cut(part, 0, len(part), self))
        known = self.parts.setdefault(len(part), [])
        if len(known) < 16:
            known.append((part, found))
        return found


#: What no reading stops at: a digit (any spelling), the X an ID number ends with, a character skipped between digits
#: or between a name's characters, a character markup starts with, spacing.
_NOT_A_STOP = re.compile(rf"{DIGIT}|{SKIP}|{NAME_SKIP}|[XxＸｘⅩⅹ]|[<&\]>\s]")
#: A cut, one of two kinds. After a ">": ASCII spacing, then one character (ASCII, or three bytes of UTF-8: the CJK
#: ideographs among them) that must stop every reading (Stops); a tag holding the ">" ends there, and no tag or
#: reference starts before the stop. Before a "<" that opens or closes a block (shown.BLOCK_TAGS, as the readings
#: tell one: lower case, the whole name): the "<" is read as itself, skipped, then the name's first letter, which
#: must stop every reading; no tag or reference holds a "<" but where it starts.
_CUT = re.compile(rb">[ \t\r\n]*+([\x21-\x7e]|[\xe0-\xef][\x80-\xbf]{2})|<(/?)(?:"
                  + BLOCK_TAGS.encode("ascii") + rb")(?=[^A-Za-z0-9-])")
#: Markup that can hide across a cut: a comment (it hides up to its end, or the rest), a Markdown link's target or
#: reference label (they may hold "<", ">" and spacing). A page holding any is read whole. Each with a byte of it that
#: is rare in a page, looked for first (a search for one byte is ten times faster than for two).
_ACROSS = ((b"!", b"<!--"), (b"]", b"]("), (b"]", b"]["))


def _windows(data: bytes, spans: list[tuple[int, int]], stops: Stops) -> bytes | None:
    """What of a record page must be read beside its shell's constant parts (each read once, on its own, by
    scan_job): each poured span with the shell around it out to a cut on either side (or the page's edge), spans
    with no cut between them in one window; the windows joined by an empty block ("<p>"). None when the page holds
    markup that can hide across a cut (_ACROSS), or no block's first letter is a stop: then it is read whole.

    Exact, not a margin: at a cut (_CUT, Stops) no tag, reference, number or name reads across, and its stop is
    shown (nothing that could hide it spans the cut). So every reading of the page is the readings of the pieces
    between its cuts, each as if on its own: every piece that holds a poured byte lies whole in a window, and every
    other piece inside one constant part, between two of its cuts. A window starts at its cut's ">" or "<" and ends
    just after the stop or just before the "<": with the "<p>" between two, each reads as it does in the page
    (tests/validator/test_privacy_windows.py)."""
    # A mark lies inside a constant part (Stops.cuts says so, once per part) or within 3 bytes of a poured span.
    if "p" not in stops or any(_across(data, max(a - 3, 0), b + 3) for a, b in spans):
        return None
    windows: list[bytes] = []
    cuts = stops.cuts(data, 0, spans[0][0])
    if cuts is None:
        return None
    start = cuts[1] or 0
    for i, (_, end) in enumerate(spans):
        following = spans[i + 1][0] if i + 1 < len(spans) else len(data)
        cuts = stops.cuts(data, end, following)
        if cuts is None:
            return None
        first, last = cuts
        if first is None:
            if i + 1 == len(spans):
                windows.append(data[start:])
            continue  # no cut before the next span: one window holds both
        windows.append(data[start:end + first])
        start = end + (last or 0)
    return b"<p>".join(windows)


def _across(data: bytes, lo: int = 0, hi: int | None = None) -> bool:
    """Whether data[lo:hi] holds a mark of _ACROSS."""
    hi = len(data) if hi is None else hi
    return any(data.find(rare, lo, hi) >= 0 and data.find(mark, lo, hi) >= 0 for rare, mark in _ACROSS)


def _stopping(found: re.Match[bytes], stops: Stops) -> bool:
    """Whether a cut's character stops every reading: the one after the ">", or the block name's first letter."""
    after = found.group(1)
    if after is not None:
        return after.decode("utf-8", "replace") in stops
    return chr(found.string[found.end(2)]) in stops


def _first_cut(data: bytes, lo: int, hi: int, stops: Stops) -> int | None:
    """Where a window that goes on past `lo` ends: after the stop of the first cut standing whole in data[lo:hi], or
    before its "<"; None when there is none."""
    found = _CUT.search(data, lo, hi)
    while found is not None:
        if _stopping(found, stops):
            return found.end() if found.group(1) is not None else found.start()
        found = _CUT.search(data, found.start() + 1, hi)
    return None


def _last_cut(data: bytes, lo: int, hi: int, stops: Stops) -> int:
    """Where a window that reaches back from `hi` starts: at the ">" or "<" of the last cut standing whole in
    data[lo:hi]; `lo` when there is none (the page's start, or a cut _first_cut found)."""
    at = hi
    while at > lo:
        at = max(data.rfind(b">", lo, at), data.rfind(b"<", lo, at))
        if at < 0:
            break
        found = _CUT.match(data, at, hi)
        if found is not None and _stopping(found, stops):
            return at
    return lo


def _files(out: Path, scanned: frozenset[str] = frozenset()) -> list[str]:
    """Every file under `out` but those `scanned` already, relative, in a stable order (os.walk: tens of thousands
    of Path objects cost more than the scan)."""
    found: list[str] = []
    for folder, _dirs, names in os.walk(out):
        base = os.path.relpath(folder, out).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        found.extend(rel for name in names if (rel := prefix + name) not in scanned)
    return sorted(found)


def _readable(path: Path, rel: str, theme: dict[str, int]) -> bytes | None:
    """The bytes of an output file to scan, or None for what is not ours or not text. A .gz beside its original
    (publish/compress.py writes one for each text asset, for servers that send it) is read as the original is."""
    if rel.endswith(".gz") and os.path.isfile(str(path)[:-3]):
        skipped = _skipped(Path(str(path)[:-3]), rel[:-3], theme)
    else:
        skipped = _skipped(path, rel, theme)
    if skipped:
        return None
    data = path.read_bytes()
    return gzip.decompress(data) if os.path.splitext(rel)[1].lower() in GZIPPED else data


def _same_as_original(original: Path, data: bytes) -> bool:
    """Whether `data` (a .gz file, decompressed) is byte for byte the file `original` it was compressed from."""
    try:
        return original.is_file() and original.stat().st_size == len(data) and original.read_bytes() == data
    except OSError:
        return False


def _skipped(path: Path, rel: str, theme: dict[str, int]) -> bool:
    suffix = os.path.splitext(rel)[1].lower()
    if (suffix not in TEXT and suffix not in GZIPPED) or not path.is_file():
        return True
    return rel.startswith("assets/") and theme.get(rel.removeprefix("assets/")) == path.stat().st_size


Hit = tuple[int, tuple[str, str], str]


def _hits(text: str, allowed: set[str], pattern: re.Pattern[str] | None, names: dict[str, Any],
          markup: bool | None = None, loose: re.Pattern[str] | None = None) -> Iterator[Hit]:
    """(offset in text, (what, which), where it came from: a description, or the number to look up), read as a
    reader reads the text (shown: markup, spacing and look-alike characters see-through; `markup` False for XML
    data, whose elements are separate values)."""
    stripped = strip(text) if markup is not False else text  # one stripping for numbers and names
    for offset, code, label, message in scan_text(text, allowed, markup, stripped):
        yield offset, (label, message.split("：", 1)[0].removeprefix("发现")), _number_origin(text, offset, code)
    for offset, name in find(text, pattern, stripped, markup, loose) if pattern is not None else ():
        where = names[name].where("party_name")
        yield offset, ("姓名", f"自然人当事人的全名（{name[0]}{'*' * (len(name) - 1)}）"), (
            f"{where.path} 第 {where.line} 行的自然人当事人（网站只应显示打码后的姓名）；全名出现在其他字段、"
            "页面或模板中")


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
    """The digits of a text as a reader reads them (markup, spacing and look-alike digits see-through)."""
    return re.sub(r"[^0-9X]", "", read_digits(text)[0].upper())


@lru_cache(maxsize=256)
def _find_origin(staff: Tree, key: str) -> str:
    """Which file and line staff wrote the number in (read as a reader reads it), for the message; looked up once
    per number (a template's number is on every page)."""
    for rel in staff_files(staff):
        try:
            text, _ = read_text(staff.root, rel)
        except OSError:
            continue
        if text is None:
            continue
        for match in runs(text):
            if key in _compact(match.group()):
                return f"{rel} 第 {text.count(chr(10), 0, match.start()) + 1} 行"
    return "不在 data/、content/、site_overrides/ 或 mkdocs.yml 的文字中（可能来自附件文件或程序自带的模板）"


def _theme_files() -> dict[str, int]:
    """Relative path -> size of the theme's static assets, as the engine copies them into assets/."""
    try:
        import material
    except ImportError:  # pragma: no cover - the engine itself needs it
        return {}
    base = Path(material.__file__).parent / "templates" / "assets"
    return {p.relative_to(base).as_posix(): p.stat().st_size for p in base.rglob("*") if p.is_file()}
