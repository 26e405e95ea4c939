"""Publish stage: the light pages paint at once from a small inlined stylesheet, and load the cut one after.

The pages a parent reaches first (home, the institution lookup, every record page) are dressed by the theme's light
template (site_overrides/light.html), which leaves a marker in their head. Here, on the engine's pages and before the
records are poured into the shells, the stylesheets such a page links become:

- one file, linked at the end of the page (it holds no paint back): the theme's sheets cut to the rules these pages
  can use (stylesheets.cut), the site's own sheets (those in the theme folder the build copied) kept whole, in the
  order the page linked them, named by its content so a browser never keeps a stale one;
- in the head, the rules of that file the page's first paint needs (stylesheets.critical: matched against the page,
  a shell with a record of its own poured into it), with the rules between FIRST_SCREEN markers of the site's own
  sheets whole (what differs from record to record: one verdict is white, the next black).

A page then paints after one request, not two (150 ms each on a slow phone line). Only HTML is read: any engine that
links stylesheets from a page's head will do.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from .. import memo
from ..render.templates import SHELL_BODY, shell_name
from . import stylesheets
from .css import Rule, parse, serialise, tidy
from .dom import Page, elements

MARKER = "<!--tp-light-->"
#: Around rules of the site's own stylesheets that every light page's first paint gets whole.
FIRST_SCREEN = re.compile(r"/\*\s*=== first screen\b.*?\*/(.*?)/\*\s*=== end of first screen ===\s*\*/", re.S)
#: Running text any record may hold, besides what its shell's first record shows: its first paint gets these rules.
TEXT = ("<h2>.</h2><h3>.</h3><h4>.</h4><p><a href>.</a><strong>.</strong><em>.</em></p>"
        "<ul><li>.</li></ul><ol><li>.</li></ol>")
_LINK = re.compile(r'[ \t]*<link\b[^>]*\brel="stylesheet"[^>]*>[ \t]*\n?')
_HREF = re.compile(r'\bhref="([^"]+)"')
_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
_CHARSET = re.compile(r'^@charset "[^"]*";')
#: Folders of the built site holding no engine page.
_SKIPPED = frozenset({"assets"})


@dataclass
class _Sheets:
    """The stylesheets a group of light pages links, combined and cut."""

    name: str
    """The combined file's path under the site."""
    parts: list[tuple[list[Rule], bool]]
    """The rules of the file in its order, in runs: (rules, whether a first paint gets them whole: those between
    FIRST_SCREEN markers)."""
    words: set[str]

    @cached_property
    def spelled(self) -> str:
        """Everything the first paint reads of these sheets, in full (the runs, whether whole, and the words): part
        of the key the rules a page's first paint needs are kept by (see _first_paint)."""
        runs = (f"{'whole' if whole else 'matched'} {len(rules)}\n{serialise(rules)}" for rules, whole in self.parts)
        return "\n".join([*runs, " ".join(sorted(self.words))])


class Light:
    """The light pages' stylesheets, once cut: dresses each shell before the records are poured into it."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.shells: dict[Path, _Sheets | None] = {}
        """Each shell page, with the stylesheets it links once combined (None: left as it is)."""
        self.pages: dict[Path, str] = {}
        """The other light pages' HTML (a section's list page: what a shell without a specimen shows)."""

    def dress(self, shell: Path, text: str, specimen: str) -> str:
        """A shell page (`text`) with the rules its first paint needs inlined, matched against the shell holding
        `specimen`, a record poured into it (the others of its shell are made alike). A shell without one is matched
        against its section's list page too, when that is light (the institutions' browse pages show the lookup's
        rows)."""
        sheets = self.shells.get(shell)
        if sheets is None:
            return _relink(self.site, shell, text, None, "")
        texts = [text.replace(f">{SHELL_BODY}<", f">{specimen}{TEXT}<")]
        if not specimen and shell.parent.parent / "index.html" in self.pages:
            texts.append(self.pages[shell.parent.parent / "index.html"])
        return _relink(self.site, shell, text, sheets, _first_paint(sheets, texts))


def lighten(site: Path, own: Path) -> Light:
    """Every light page of `site` but the shells inlines its first paint's rules and links one cut stylesheet at its
    end; the shells are dressed so as the records are poured (Light.dress). `own`: the theme folder the engine read,
    whose stylesheets are kept whole."""
    groups: dict[tuple[str, ...], list[tuple[Path, str]]] = {}
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        head = text.split("</head>", 1)[0]
        if MARKER in head:
            sheets = tuple(_resolve(site, page, href) for href in _HREF.findall("".join(_LINK.findall(head))))
            groups.setdefault(sheets, []).append((page, text))
    light = Light(site)
    shells = {shell_name(True), shell_name(False)}
    for sheets, pages in sorted(groups.items()):
        combined = _combine(site, own, sheets, pages) if sheets and "" not in sheets else None
        for page, text in pages:
            if page.parent.name in shells:
                light.shells[page] = combined
                continue
            light.pages[page] = text
            inline = _first_paint(combined, [text]) if combined else ""
            page.write_text(_relink(site, page, text, combined, inline), encoding="utf-8", newline="")
    return light


def _pages(site: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(site):
        if Path(folder) == site:
            dirs[:] = [d for d in dirs if d not in _SKIPPED]
        dirs.sort()
        found.extend(Path(folder) / name for name in sorted(files) if name.endswith(".html"))
    return found


def _resolve(site: Path, page: Path, href: str) -> str:
    """The site path a page's link leads to ("" when it leaves the site or is not a file of it)."""
    if "//" in href or href.startswith("/") or "?" in href or "#" in href:
        return ""
    parts: list[str] = list(page.parent.relative_to(site).parts)
    for part in PurePosixPath(href).parts:
        if part == "..":
            if not parts:
                return ""
            parts.pop()
        elif part != ".":
            parts.append(part)
    path = "/".join(parts)
    return path if (site / path).is_file() else ""


def _combine(site: Path, own: Path, sheets: tuple[str, ...], pages: list[tuple[Path, str]]) -> _Sheets | None:
    """The pages' stylesheets as one cut file beside the first (None when they sit in different folders: their
    relative url()s would break)."""
    folder = PurePosixPath(sheets[0]).parent
    if any(PurePosixPath(sheet).parent != folder for sheet in sheets):
        return None
    scripts = {_resolve(site, page, src) for page, text in pages for src in _SCRIPT.findall(text)} - {""}
    texts = {sheet: _CHARSET.sub("", (site / sheet).read_text(encoding="utf-8").lstrip("\ufeff")) for sheet in sheets}
    mine = {sheet for sheet in sheets if (own / sheet).is_file()}
    words = stylesheets.words_of([*(text for _, text in pages), *(texts[sheet] for sheet in sorted(mine)),
                                  *((site / s).read_text(encoding="utf-8") for s in sorted(scripts))])
    by_sheet = [_runs(texts[sheet]) if sheet in mine else [(parse(stylesheets.cut(texts[sheet], words)),
                                                            False)] for sheet in sheets]
    css = "\n".join(serialise([rule for rules, _ in runs for rule in rules]) for runs in by_sheet) + "\n"
    css = css if css.isascii() else '@charset "UTF-8";\n' + css  # whatever type the server sends it with
    name = str(folder / f"light.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.css")
    (site / name).write_text(css, encoding="utf-8", newline="")
    return _Sheets(name, [run for runs in by_sheet for run in runs], words)


def _runs(css: str) -> list[tuple[list[Rule], bool]]:
    """An own sheet's rules, written tight, in runs: outside FIRST_SCREEN markers (False), between them (True)."""
    runs, at = [], 0
    for found in FIRST_SCREEN.finditer(css):
        runs += [(css[at:found.start()], False), (found.group(1), True)]
        at = found.end()
    return [(tidy(parse(text)), whole) for text, whole in [*runs, (css[at:], False)]]


def _first_paint(sheets: _Sheets, texts: list[str]) -> str:
    """The rules of `sheets` the first paint of a page holding the elements of `texts` (HTML) needs. Matching them
    takes a build about 0.4 s for the sample county's 18 pages, and the answer depends on nothing but the sheets, the
    pages and this code: it is kept on disk by all three, spelled in full (memo.on_disk), so another build of the
    same pages and stylesheets (the preview's after an edit elsewhere, the tests') reads it back. The pages carry
    the day, so each day's first build matches afresh."""
    def match() -> bytes:
        page = Page([element for text in texts for element in elements(text)])
        rules = [rule for run, whole in sheets.parts
                 for rule in (stylesheets.screen(run) if whole else stylesheets.critical(run, page))]
        return serialise(stylesheets.prune(rules, sheets.words)).encode("utf-8")

    pages = "".join(f"\n{len(text)}\n{text}" for text in texts)
    key = f"first paint\n{memo.code_stamp()}\n{len(texts)} pages{pages}\n{len(sheets.spelled)}\n{sheets.spelled}"
    return memo.on_disk("first-paint", key, match).decode("utf-8")


def _relink(site: Path, page: Path, text: str, sheets: _Sheets | None, inline: str) -> str:
    """The page without the marker and, given `sheets`, with its first paint's rules (`inline`) where its first
    stylesheet link was and one link to the cut file before </body>."""
    head, sep, rest = text.partition("</head>")
    head = re.sub(r"[ \t]*" + re.escape(MARKER) + r"[ \t]*\n?", "", head)
    if sheets is None:
        return head + sep + rest
    up = "../" * len(page.parent.relative_to(site).parts)
    link = f'<link rel="stylesheet" href="{up}{sheets.name}">\n'
    if "</style" in inline.lower():
        inline = ""  # never the case with the theme's CSS; if it were, the page would wait for the file instead
    first = f"<style>{inline}</style>\n" if inline else link
    links = iter(range(len(_LINK.findall(head))))
    head = _LINK.sub(lambda m: first if next(links) == 0 else "", head)
    if inline:
        body, end, tail = rest.rpartition("</body>")
        rest = body + link + end + tail if end else rest + link
    return head + sep + rest
