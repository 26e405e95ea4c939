"""Publish stage: a stylesheet read into rules and written back: byte for byte for the theme's minified sheets, written
tight for the site's own (publish/stylesheets.py cuts them)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Group rules whose contents are rules; any other at-rule with a block is one rule, its block its text.
GROUPS = ("@media", "@supports", "@container", "@layer", "@document", "@scope")


@dataclass
class Rule:
    """A style rule, a group rule (body: its rules) or another at-rule (body: its text; None for a statement)."""

    prelude: str
    body: str | list[Rule] | None


def parse(css: str) -> list[Rule]:
    return _parse(_uncomment(css), 0)[0]


def _uncomment(css: str) -> str:
    out, i = [], 0
    while i < len(css):
        if css[i] in "\"'":
            j = string_end(css, i)
            out.append(css[i:j])
            i = j
        elif css.startswith("/*", i):
            j = css.find("*/", i + 2)
            i = len(css) if j < 0 else j + 2
        else:
            j = min((k for k in (css.find('"', i), css.find("'", i), css.find("/*", i)) if k >= 0), default=len(css))
            out.append(css[i:j])
            i = j
    return "".join(out)


def string_end(text: str, i: int) -> int:
    """Index just after the string that starts at text[i]."""
    quote, i = text[i], i + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _parse(css: str, i: int) -> tuple[list[Rule], int]:
    """The rules from css[i] to the closing brace of the enclosing block (or the end); (rules, index after it)."""
    rules: list[Rule] = []
    start = i
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = string_end(css, i)
            continue
        if c == ";":
            if css[start:i].strip():
                rules.append(Rule(css[start:i].strip(), None))
            start = i + 1
        elif c == "{":
            prelude = css[start:i].strip()
            if prelude.startswith(GROUPS):
                inner, i = _parse(css, i + 1)
                rules.append(Rule(prelude, inner))
            else:
                end = close(css, i)
                rules.append(Rule(prelude, css[i + 1:end]))
                i = end + 1
            start = i
            continue
        elif c == "}":
            return rules, i + 1
        i += 1
    return rules, i


def close(text: str, i: int, opening: str = "{", closing: str = "}") -> int:
    """Index of what closes the bracket opened at text[i] (`closing`, outside strings; the text's end if none)."""
    depth = 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = string_end(text, i)
            continue
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


def split_top(text: str, sep: str) -> list[str]:
    """`text` split at `sep` outside strings, brackets and parentheses."""
    if not _NESTS.search(text):
        return text.split(sep)
    return list(_split_nested(text, sep))


#: What can hold a separator that does not separate: a string, brackets, parentheses.
_NESTS = re.compile(r"[\"'()\[\]]")


@functools.lru_cache(maxsize=1 << 14)
def _split_nested(text: str, sep: str) -> tuple[str, ...]:
    """split_top of a text with strings or brackets, character by character (each selector list and declaration
    block is split once per page the first paint is matched for: the same texts, read once)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = string_end(text, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return tuple(parts)


def flat(rules: list[Rule]) -> Iterable[Rule]:
    for rule in rules:
        if isinstance(rule.body, list):
            yield from flat(rule.body)
        else:
            yield rule


def declarations(body: str) -> list[tuple[str, str]]:
    """(name, whole declaration) of each declaration of a style rule's body."""
    out = []
    for part in split_top(body, ";"):
        if part.strip():
            out.append((part.split(":", 1)[0].strip(), part.strip()))
    return out


def tidy(rules: list[Rule]) -> list[Rule]:
    """`rules` written tight (a stylesheet written for people: the site's own): runs of white space as one, none
    around commas and child combinators in selectors, none around a declaration's colon and semicolons."""
    out = []
    for rule in rules:
        prelude = _spaces(rule.prelude, ",>")
        if isinstance(rule.body, list):
            out.append(Rule(prelude, tidy(rule.body)))
        elif isinstance(rule.body, str) and not rule.prelude.startswith("@"):
            out.append(Rule(prelude, ";".join(f"{name}:{_spaces(text.split(':', 1)[1])}" if ":" in text else text
                                              for name, text in declarations(rule.body))))
        else:
            out.append(Rule(prelude, rule.body))
    return out


def _spaces(text: str, tight: str = "") -> str:
    """`text` with each run of white space outside strings as one space, none around the characters of `tight` nor
    at its ends."""
    squeeze = re.compile(rf"\s*([{re.escape(tight)}])\s*") if tight else None
    parts, i = [], 0
    while i < len(text):
        if text[i] in "\"'":
            end = string_end(text, i)
            parts.append(text[i:end])
            i = end
        else:
            end = min((k for k in (text.find('"', i), text.find("'", i)) if k >= 0), default=len(text))
            run = re.sub(r"\s+", " ", text[i:end])
            parts.append(squeeze.sub(r"\1", run) if squeeze else run)
            i = end
    return "".join(parts).strip()


def serialise(rules: list[Rule]) -> str:
    out = []
    for rule in rules:
        if rule.body is None:
            out.append(rule.prelude + ";")
        elif isinstance(rule.body, list):
            out.append(rule.prelude + "{" + serialise(rule.body) + "}")
        else:
            out.append(rule.prelude + "{" + rule.body + "}")
    return "".join(out)
