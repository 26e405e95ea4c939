"""Publish stage: the generator's large HTML blocks (a list page's table of thousands of decisions) passed around the
site engine, not through it.

The generator writes its list pages as Markdown whose tables are raw HTML, which the engine copies into the page
unchanged; yet its Markdown reader still takes time in proportion to them (at 20,000 institutions, four list pages
of 5 MB took 3.5 of the engine's 5 seconds). So before the engine runs, each such block in a page the generator
wrote (never in a page staff wrote: those go through the engine and the allow-list) is replaced by a short block of
its own, and after it runs, that block in the built page is replaced by the original: the page is the one the engine
would have built (tests/site/test_aside.py). A placeholder the built page does not hold exactly once stops the build.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

#: Blocks smaller than this go through the engine (the saving is in the large ones).
LEAST = 16 * 1024
#: The block elements a generated block may be (and a large element Pagefind is told to ignore: publish/search.py).
BLOCKS = ("div", "ul", "ol", "table", "section", "dl")
#: A raw HTML block the generator writes: a block element at the start of a line, after a blank line (or first).
_START = re.compile(rf"(?:\A|(?<=\n\n))<({'|'.join(BLOCKS)})[\s>]")

Aside = dict[str, dict[str, str]]
"""Built page (relative to the site) -> {placeholder: the block it stands for}."""


def set_aside(files: dict[str, str | bytes], staff: Collection[str]) -> Aside:
    """Replace, in each Markdown page of `files` that is not one of `staff`'s (names in the docs folder), every
    raw HTML block of LEAST characters or more with a placeholder block; what to put back, by built page."""
    aside: Aside = {}
    for name, text in files.items():
        if not name.endswith(".md") or name in staff or not isinstance(text, str) or len(text) < LEAST:
            continue
        blocks: dict[str, str] = {}
        pieces: list[str] = []
        at = 0
        for found in _START.finditer(text):
            if found.start() < at:
                continue  # inside a block set aside already
            end = block_end(text, found.start(), found.group(1))
            if end is None or end - found.start() < LEAST or not text.startswith("\n", end):
                continue
            placeholder = f'<div data-tp-aside="{len(blocks)}"></div>'
            blocks[placeholder] = text[found.start():end]
            pieces += [text[at:found.start()], placeholder]
            at = end
        if blocks:
            files[name] = "".join([*pieces, text[at:]])
            aside[built(name)] = blocks
    return aside


def put_back(site: Path, aside: Aside) -> list[str]:
    """Every block set aside put back into the page the engine built; what went wrong, for staff (nothing when all
    went well)."""
    wrong = []
    for page, blocks in aside.items():
        path = site / page
        html = path.read_text(encoding="utf-8")
        for placeholder, block in blocks.items():
            if html.count(placeholder) != 1:
                wrong.append(f"网站引擎生成的 {page} 中找不到（或不止一处）生成器留下的占位 {placeholder}，"
                             "网站保持原样未作改动；请把这一行发给技术支持")
                continue
            html = html.replace(placeholder, block)
        path.write_text(html, encoding="utf-8")
    return wrong


def built(name: str) -> str:
    """The page the engine builds from a Markdown file in its docs folder (directory URLs: a.md -> a/index.html)."""
    stem = name.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def block_end(text: str, start: int, tag: str) -> int | None:
    """Where the block element opened at `start` closes (just after its end tag), counting the same elements inside
    it; None when it does not close."""
    depth = 0
    for found in _TAGS[tag].finditer(text, start):
        depth += -1 if found.group().startswith("</") else 1
        if depth == 0:
            return found.end()
    return None


_TAGS = {tag: re.compile(rf"<{tag}[\s>]|</{tag}>") for tag in BLOCKS}
