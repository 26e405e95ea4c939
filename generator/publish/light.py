"""Publish stage: the light pages link one small stylesheet instead of the theme's whole one.

The pages a parent reaches first (home, the institution lookup, every record page) are dressed by the theme's light
template (site_overrides/light.html), which leaves a marker in their head. Here, on the engine's pages and before the
records are poured into the shells, the stylesheets such a page links become one file: the theme's cut to the rules
these pages can match (stylesheets.cut), the site's own (those in the theme folder the build copied) kept whole, in
the order the page linked them, named by its content so a browser never keeps a stale one. Only HTML is read: any
engine that links stylesheets from a page's head will do.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath

from . import stylesheets

MARKER = "<!--tp-light-->"
_LINK = re.compile(r'[ \t]*<link\b[^>]*\brel="stylesheet"[^>]*>[ \t]*\n?')
_HREF = re.compile(r'\bhref="([^"]+)"')
_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
_CHARSET = re.compile(r'^@charset "[^"]*";')
#: Folders of the built site holding no engine page.
_SKIPPED = frozenset({"assets"})


def lighten(site: Path, own: Path) -> list[str]:
    """Every light page of `site` links one cut stylesheet; `own`: the theme folder the engine read, whose stylesheets
    are kept whole. Returns the stylesheets written (paths under `site`)."""
    groups: dict[tuple[str, ...], list[tuple[Path, str]]] = {}
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        head = text.split("</head>", 1)[0]
        if MARKER in head:
            sheets = tuple(_resolve(site, page, href) for href in _HREF.findall("".join(_LINK.findall(head))))
            groups.setdefault(sheets, []).append((page, text))
    written = []
    for sheets, pages in sorted(groups.items()):
        name = _combine(site, own, sheets, pages) if sheets and "" not in sheets else None
        for page, text in pages:
            page.write_text(_relink(site, page, text, name), encoding="utf-8", newline="")
        if name:
            written.append(name)
    return written


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


def _combine(site: Path, own: Path, sheets: tuple[str, ...], pages: list[tuple[Path, str]]) -> str | None:
    """The pages' stylesheets as one cut file beside the first (None when they sit in different folders: their
    relative url()s would break)."""
    folder = PurePosixPath(sheets[0]).parent
    if any(PurePosixPath(sheet).parent != folder for sheet in sheets):
        return None
    scripts = {_resolve(site, page, src) for page, text in pages for src in _SCRIPT.findall(text)} - {""}
    texts = {sheet: (site / sheet).read_text(encoding="utf-8") for sheet in sheets}
    mine = {sheet for sheet in sheets if (own / sheet).is_file()}
    words = stylesheets.words_of([*(text for _, text in pages), *((site / s).read_text(encoding="utf-8")
                                                                  for s in sorted(scripts)),
                                  *(texts[sheet] for sheet in mine)])
    parts, charset = [], False
    for sheet in sheets:
        text = texts[sheet].lstrip("\ufeff")
        text = text if sheet in mine else stylesheets.cut(text, words)
        charset = charset or bool(_CHARSET.match(text))
        parts.append(_CHARSET.sub("", text).strip())
    css = ('@charset "UTF-8";' if charset else "") + "\n".join(parts) + "\n"
    name = str(folder / f"light.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.css")
    (site / name).write_text(css, encoding="utf-8", newline="")
    return name


def _relink(site: Path, page: Path, text: str, name: str | None) -> str:
    """The page without the marker and, given `name`, with one link to it where its first stylesheet link was."""
    head, sep, rest = text.partition("</head>")
    head = re.sub(r"[ \t]*" + re.escape(MARKER) + r"[ \t]*\n?", "", head)
    if name:
        up = "../" * len(page.parent.relative_to(site).parts)
        links = iter(range(len(_LINK.findall(head))))
        head = _LINK.sub(lambda m: f'<link rel="stylesheet" href="{up}{name}">\n' if next(links) == 0 else "", head)
    return head + sep + rest
