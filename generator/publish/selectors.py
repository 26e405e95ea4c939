"""Publish stage: CSS selectors read into their parts, to match against a page's elements (publish/dom.py)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_IDENT = re.compile(r"-?(?:[\w-]|\\.)+")


@dataclass(frozen=True)
class Simple:
    """One simple selector: a type, class, id, attribute or pseudo-class."""

    kind: str
    """"tag", ".", "#", "[" or ":"."""
    name: str
    op: str = ""
    """An attribute selector's operator ("" for presence, "=", "~=" ...)."""
    value: str = ""
    """An attribute selector's value, or a pseudo-class's argument."""
    blind: bool = False
    """Whether an attribute's value is compared regardless of case."""


Parts = tuple[tuple[str, tuple[Simple, ...]], ...]
"""A complex selector: (combinator before it, its simple selectors) for each compound, left to right."""


@functools.cache
def complex_parts(selector: str) -> Parts:
    """The parts of `selector` (read once per build: every light page asks for the same selectors); ValueError if
    unreadable."""
    parts: list[tuple[str, tuple[Simple, ...]]] = []
    combinator, i = "", 0
    compound: list[Simple] = []
    while i < len(selector):
        c = selector[i]
        if c in " \t\n>+~":
            j = i
            while j < len(selector) and selector[j] in " \t\n":
                j += 1
            if j < len(selector) and selector[j] in ">+~":
                c, j = selector[j], j + 1
                while j < len(selector) and selector[j] in " \t\n":
                    j += 1
            elif j == len(selector):
                break
            if compound:
                parts.append((combinator, tuple(compound)))
            elif parts or c == " ":
                raise ValueError(selector)
            combinator, compound, i = (c if c in ">+~" else " "), [], j
            continue
        i = _simple(selector, i, compound)
    if not compound:
        raise ValueError(selector)
    parts.append((combinator, tuple(compound)))
    return tuple(parts)


def _simple(selector: str, i: int, compound: list[Simple]) -> int:
    """Read the simple selector at selector[i] into `compound`; the index after it."""
    c = selector[i]
    if c == "*":
        compound.append(Simple("tag", "*"))
        return i + 1
    if c in ".#":
        name = _IDENT.match(selector, i + 1)
        if not name:
            raise ValueError(selector)
        compound.append(Simple(c, _unescape(name.group())))
        return name.end()
    if c == "[":
        end = _close(selector, i, "[", "]")
        found = re.fullmatch(r"\s*([\w-]+)\s*(?:([~|^$*]?=)\s*(\"[^\"]*\"|'[^']*'|[^\s\"']+)\s*([iIsS])?)?\s*",
                             selector[i + 1:end])
        if not found:
            raise ValueError(selector)
        attribute, op, value, flag = found.groups()
        compound.append(Simple("[", attribute.lower(), op or "", (value or "").strip("\"'"),
                               (flag or "").lower() == "i"))
        return end + 1
    if c == ":":
        element = selector.startswith("::", i)
        i += 2 if element else 1
        name = _IDENT.match(selector, i)
        if not name:
            raise ValueError(selector)
        i, argument = name.end(), ""
        if i < len(selector) and selector[i] == "(":
            end = _close(selector, i, "(", ")")
            argument, i = selector[i + 1:end], end + 1
        if not element:  # a pseudo-element styles a part of the element its compound matches
            compound.append(Simple(":", name.group().lower(), value=argument))
        return i
    name = _IDENT.match(selector, i)
    if not name:
        raise ValueError(selector)
    compound.append(Simple("tag", name.group().lower()))
    return name.end()


def _unescape(name: str) -> str:
    return re.sub(r"\\(.)", r"\1", name)


def _close(text: str, i: int, opening: str, closing: str) -> int:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == opening:
            depth += 1
        elif text[j] == closing:
            depth -= 1
            if depth == 0:
                return j
    raise ValueError(text)


def split(arguments: str) -> list[str]:
    """A selector list (a functional pseudo-class's argument) split at its commas outside brackets."""
    out, depth, start = [], 0, 0
    for j, c in enumerate(arguments):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(arguments[start:j])
            start = j + 1
    out.append(arguments[start:])
    return out
