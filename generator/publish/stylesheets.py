"""Publish stage: a stylesheet cut to the rules some pages can use, found without a browser.

The pages a parent reaches first (a record page from a QR code, the lookup, home) link the theme's whole stylesheet,
137 KB, most of it for components they never show (admonitions, code, search, tabs, palettes). Two cuts:

- `cut`: the rules those pages can ever match, by their words. A rule is kept when every class, id and attribute
  its selector requires is a word of the pages or of the scripts they load (scripts add classes); element names are
  never required, so content of any shape keeps its typography. Conservative: a selector it cannot read is kept.
- `critical`: the rules a page's first paint needs (publish/dom.py matches them against the page's elements): no
  print rules, no states a page opens without (hover, focus), no motion. Inlined, so the first paint waits for no
  second request; the cut file follows at the end of the page and restyles nothing the first paint showed.

Custom properties no kept rule reads, and animations no kept rule names, go too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .css import Rule, close, declarations, flat, parse, serialise, split_top, string_end
from .dom import Page

#: What counts as a word of a page or script: a class, id, attribute name or value can only match one of these.
WORD = re.compile(r"[\w-]+")
#: Functional pseudo-classes matched by any one of their arguments; the others (:not, :has, :nth-child ...) require
#: nothing of the page here.
_ANY_OF = frozenset({"is", "where", "matches", "-webkit-any", "-moz-any"})
_IDENT = re.compile(r"-?(?:[\w-]|\\.)+")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
#: Declarations a first paint does without: how things move.
_MOTION = ("transition", "animation", "will-change")


def cut(css: str, words: set[str]) -> str:
    """`css` with only the rules pages holding `words` can match, in their order."""
    return serialise(prune(keep(parse(css), lambda selector: possible(selector, words)), words))


def critical(rules: list[Rule], page: Page) -> list[Rule]:
    """Of `rules` (one sheet's, or part of it), those a selector of which matches an element of `page` as it is first
    painted on a screen; `prune` the sheets' rules together afterwards."""
    return keep(screen(rules), page.painted)


def screen(rules: list[Rule]) -> list[Rule]:
    """`rules` without print rules and without motion."""
    out = []
    for rule in rules:
        if rule.prelude.startswith("@page") or _print_only(rule.prelude):
            continue
        if isinstance(rule.body, list):
            out.append(Rule(rule.prelude, screen(rule.body)))
        elif isinstance(rule.body, str) and not rule.prelude.startswith("@"):
            body = ";".join(text for name, text in declarations(rule.body) if not name.startswith(_MOTION))
            if body:
                out.append(Rule(rule.prelude, body))
        else:
            out.append(rule)
    return out


def _print_only(prelude: str) -> bool:
    if not prelude.startswith("@media"):
        return False
    queries = [q.strip().removeprefix("only ").strip() for q in prelude[len("@media"):].split(",")]
    return all(q.startswith("print") for q in queries)


def words_of(texts: Iterable[str]) -> set[str]:
    return {word for text in texts for word in WORD.findall(text)}


# --- matching --------------------------------------------------------------------------------------------------

def possible(selector: str, words: set[str]) -> bool:
    """Whether a page holding `words` may have an element `selector` matches."""
    i = 0
    while i < len(selector):
        c = selector[i]
        if c == "[":
            end = close(selector, i, "[", "]")
            if not _attribute(selector[i + 1:end], words):
                return False
            i = end + 1
        elif c in ".#":
            name = _IDENT.match(selector, i + 1)
            if name and "\\" not in name.group() and name.group() not in words:
                return False
            i = name.end() if name else i + 1
        elif c == ":":
            i, ok = _pseudo(selector, i, words)
            if not ok:
                return False
        elif c in "\"'":
            i = string_end(selector, i)
        else:
            i += 1
    return True


def _pseudo(selector: str, i: int, words: set[str]) -> tuple[int, bool]:
    """(index after the pseudo-class or -element at selector[i], whether it can match)."""
    i += 2 if selector.startswith("::", i) else 1
    name = _IDENT.match(selector, i)
    i = name.end() if name else i
    if i < len(selector) and selector[i] == "(":
        end = close(selector, i, "(", ")")
        args = selector[i + 1:end]
        if name and name.group().lower() in _ANY_OF:
            return end + 1, any(possible(arg, words) for arg in split_top(args, ","))
        return end + 1, True
    return i, True


def _attribute(inside: str, words: set[str]) -> bool:
    """[name], [name=value]: the name must be a word; an exact or whole-word value's words too."""
    found = re.match(r"\s*([\w-]+)\s*(?:([~|^$*]?=)\s*(\"[^\"]*\"|'[^']*'|[^\s\]]+))?", inside)
    if not found:
        return True
    name, op, value = found.groups()
    if name not in words:
        return False
    if op in ("=", "~=") and value:
        return all(w in words for w in WORD.findall(value.strip("\"'")))
    return True


def keep(rules: list[Rule], test: Callable[[str], bool]) -> list[Rule]:
    """`rules` with only the selectors `test` passes (a rule left with none goes, a group left empty too)."""
    def selected(rule: Rule) -> Rule | None:
        selectors = [s for s in split_top(rule.prelude, ",") if test(s)]
        return Rule(",".join(s.strip() for s in selectors), rule.body) if selectors else None
    return each_style(rules, selected)


def each_style(rules: list[Rule], change: Callable[[Rule], Rule | None]) -> list[Rule]:
    """`rules` with each style rule, in groups (@media) too, made over by `change` (None: it goes; a group left
    empty goes too); other at-rules as they are."""
    out = []
    for rule in rules:
        if isinstance(rule.body, list):
            inner = each_style(rule.body, change)
            if inner:
                out.append(Rule(rule.prelude, inner))
        elif rule.body is None or rule.prelude.startswith("@"):
            out.append(rule)
        elif (changed := change(rule)) is not None:
            out.append(changed)
    return out


# --- custom properties and animations --------------------------------------------------------------------------

def prune(rules: list[Rule], words: set[str]) -> list[Rule]:
    """`rules` without the custom properties nothing reads and the animations nothing names (pages and scripts
    holding `words` may read a property by name)."""
    rules = _drop_properties(rules, _read_properties(rules, words))
    names = {w for rule in flat(rules) if isinstance(rule.body, str) for w in WORD.findall(rule.body)}
    return [r for r in rules if not _unused_keyframes(r, names)]


def _read_properties(rules: list[Rule], words: set[str]) -> set[str]:
    """The custom properties something reads: a kept declaration, an at-rule, or a page or script (by name)."""
    defined: dict[str, list[str]] = {}
    wanted: set[str] = set()
    for rule in flat(rules):
        if not isinstance(rule.body, str):
            continue
        if rule.prelude.startswith("@"):
            wanted.update(_VAR.findall(rule.body))
            continue
        for name, text in declarations(rule.body):
            if name.startswith("--"):
                defined.setdefault(name, []).append(text)
            else:
                wanted.update(_VAR.findall(text))
    wanted.update(name for name in defined if name in words)
    todo = list(wanted)
    while todo:
        for text in defined.get(todo.pop(), []):
            for name in _VAR.findall(text):
                if name not in wanted:
                    wanted.add(name)
                    todo.append(name)
    return wanted


def _drop_properties(rules: list[Rule], wanted: set[str]) -> list[Rule]:
    def used(rule: Rule) -> Rule | None:
        assert isinstance(rule.body, str)
        kept = [text for name, text in declarations(rule.body) if not name.startswith("--") or name in wanted]
        return Rule(rule.prelude, ";".join(kept)) if kept else None
    return each_style(rules, used)


def _unused_keyframes(rule: Rule, names: set[str]) -> bool:
    prelude = rule.prelude.split()
    return prelude[0].endswith("keyframes") and len(prelude) > 1 and prelude[1] not in names


