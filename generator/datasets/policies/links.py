"""Links inside a policy's Markdown full text: where each relative one leads on the site (checked when validating,
rewritten when rendering, since the text is shown inside its document's page and not where the file lies).

A link to another document's full text leads to that document's page; a link to any other file in
content/policies/ (an annex, a table, an image) publishes that file beside the page; a link to a page or file
elsewhere under content/ leads to where the site publishes it. Anything else cannot be followed by a reader.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import markdown

from ...read.sources import RENDERED_WITH_DATA, unsafe_reason
from ...rules.sanitiser import sanitise, url_problem
from .model import TEXTS_DIR

#: href and src attributes as the allow-list writes them (always double-quoted, HTML-escaped).
ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


@dataclass(frozen=True)
class Link:
    """One relative link of a full text: as written, where it is in the file, and the file it names."""

    written: str
    line: int
    col: int
    target: str | None
    """The file it names, relative to the data tree (content/...); None when it leaves content/."""


def markdown_html(text: str) -> str:
    """The allow-listed HTML of a Markdown text (removals are warned about by the staff-markup check)."""
    return sanitise(markdown.markdown(text, extensions=["tables"]))[0]


def is_relative(url: str) -> bool:
    """A link into this site written relative to the text (not https, mailto, an anchor or a site-absolute path)."""
    return bool(url) and url_problem(url, image=False) is None and ":" not in url.split("/")[0] \
        and not url.startswith(("#", "/"))


def resolve(text_file: str, url: str) -> tuple[str | None, str]:
    """(the file `url` names relative to the tree, or None outside content/; its #fragment)."""
    path, _, fragment = url.partition("#")
    path = unquote(path.partition("?")[0])
    if not path:
        return None, fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(text_file), path))
    return (target if target.startswith("content/") else None), fragment


def relative_links(text_file: str, text: str, body: str) -> Iterator[Link]:
    """Each relative link and image of a Markdown body, located in the file (the first place it is written)."""
    if "](" not in body and "]:" not in body and "<" not in body:
        return  # no inline, reference or HTML link: nothing to render (most texts, and every synthetic one)
    seen = set()
    for _attr, value in ATTRIBUTE.findall(markdown_html(body)):
        url = unescape(value)
        if not is_relative(url) or url in seen:
            continue
        seen.add(url)
        line, col = _locate(text, url)
        yield Link(url, line, col, resolve(text_file, url)[0])


def _locate(text: str, url: str) -> tuple[int, int]:
    at = text.find(url)
    if at < 0:
        return 1, 1
    before = text[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


def published_at(target: str) -> str | None:
    """Where a file under content/ outside content/policies/ is on the site (a page's folder for Markdown)."""
    rel = target.removeprefix("content/")
    if rel.lower().endswith(".md") and not rel.startswith("policies/"):  # a page (reports keep their address)
        stem = rel[:-3]
        if posixpath.basename(stem).lower() in ("index", "readme"):
            folder = posixpath.dirname(stem)
            return f"{folder}/" if folder else ""
        return f"{stem}/"
    return None if rel.startswith(tuple(RENDERED_WITH_DATA)) else rel


def annex_name(target: str) -> str | None:
    """Where an annex in content/policies/ is published, relative to the page of a document that links to it."""
    if not target.startswith(f"{TEXTS_DIR}/") or target.lower().endswith(".md"):
        return None
    return target.removeprefix(f"{TEXTS_DIR}/")


def is_file(root: Path, target: str) -> bool:
    """Whether `target` is an ordinary file of the tree. A name no file system takes (a part over 255 bytes) is none:
    pathlib raises for it rather than answer False, and a typing slip must end in a located problem."""
    path = root / target
    try:
        return unsafe_reason(root, path) is None and path.is_file()
    except OSError:
        return False
