"""Publish stage: a page's elements, and whether a CSS selector matches one of them when the page is first painted.

What the critical stylesheet of a light page is made of (publish/light.py): the rules a selector of which matches an
element of the page as it opens, with no pointer over anything, no focus and no fragment target. A selector this
module cannot read counts as matching: the cost of a doubt is a few bytes, never a page drawn wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser

from .selectors import Parts, Simple, complex_parts, split

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
#: Pseudo-classes no element is in when the page is first painted.
LATER = frozenset({"hover", "focus", "focus-visible", "focus-within", "active", "target", "target-within", "visited",
                   "indeterminate", "fullscreen", "modal", "popover-open", "user-invalid", "user-valid"})
_ANY_OF = frozenset({"is", "where", "matches", "-webkit-any", "-moz-any"})
_NTH = re.compile(r"\s*(?:(odd)|(even)|([+-]?\d*)n\s*(?:([+-])\s*(\d+))?|([+-]?\d+))\s*$", re.IGNORECASE)


class Element:
    __slots__ = ("attrs", "children", "classes", "index", "parent", "tag", "text")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.classes = frozenset(attrs.get("class", "").split())
        self.children: list[Element] = []
        self.index = len(parent.children) if parent is not None else 0
        """Its place among its parent's elements, from 0."""
        self.text = False


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.open[-1] if self.open else None
        element = Element(tag, {k: v or "" for k, v in attrs}, parent)
        if parent is not None:
            parent.children.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if any(e.tag == tag for e in self.open):
            while self.open.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.open and data.strip():
            self.open[-1].text = True


def elements(html: str) -> list[Element]:
    """Every element of `html`, in document order."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.elements


#: Of a long run of sibling elements (a table's rows, a list's items) the first this many and the last are looked at:
#: they are what a first screen shows, and they stand for the others (a page of 500 rows costs no more than one of 30).
RUN = 24


class Page:
    """A page's elements as first painted, indexed by what a selector's last part names, to match selectors against.

    What the page hides (the hidden attribute) is not painted at once: an element inside a hidden one gets its rules
    with the page's stylesheet, a moment later (the theme's closed drawer: hidden, or off screen on a phone). Of a long
    run of siblings, those past the RUN first but the last are not looked at (as candidates; they still count as
    siblings)."""

    def __init__(self, found: Iterable[Element]) -> None:
        self.all = [element for element in found if not _inside_hidden(element) and not _far(element)]
        self.seen = _Seen()
        self.by_class: dict[str, list[Element]] = {}
        self.by_tag: dict[str, list[Element]] = {}
        for element in self.all:
            self.by_tag.setdefault(element.tag, []).append(element)
            for name in element.classes:
                self.by_class.setdefault(name, []).append(element)

    def painted(self, selector: str) -> bool:
        """Whether `selector` matches an element of the page at its first paint (True when it cannot be read)."""
        try:
            parts = complex_parts(selector.strip())
        except ValueError:
            return True
        last = parts[-1][1]
        classes = [simple.name for simple in last if simple.kind == "."]
        tags = [simple.name for simple in last if simple.kind == "tag" and simple.name != "*"]
        candidates = (self.by_class.get(classes[0], []) if classes else
                      self.by_tag.get(tags[0], []) if tags else self.all)
        seen, keys = self.seen, self.seen.keys(parts)
        return any(_matches(element, parts, len(parts) - 1, seen, keys) for element in candidates)


class _Seen:
    """Whether an element matches a selector's first parts, by element and those parts, for one page: hundreds of
    selectors share their first parts (".md-typeset" above an element is asked once, not once per selector)."""

    def __init__(self) -> None:
        self.answers: dict[tuple[int, int], bool] = {}
        self._numbers: dict[Parts, int] = {}

    def keys(self, parts: Parts) -> list[int]:
        """A number for each of parts[:1], parts[:2] ... (the same parts, the same number)."""
        return [self._numbers.setdefault(parts[:k + 1], len(self._numbers)) for k in range(len(parts))]


def _inside_hidden(element: Element) -> bool:
    up = element.parent
    while up is not None:
        if "hidden" in up.attrs:
            return True
        up = up.parent
    return False


def _far(element: Element) -> bool:
    """Whether the element or one of its ancestors is past the RUN first of its siblings, and not the last."""
    at: Element | None = element
    while at is not None and at.parent is not None:
        if RUN <= at.index < len(at.parent.children) - 1:
            return True
        at = at.parent
    return False


# --- matching ----------------------------------------------------------------------------------------------------

def _matches(element: Element, parts: Parts, k: int, seen: _Seen, keys: list[int]) -> bool:
    """Whether `element` matches parts[:k + 1] with parts[k] on itself (`seen`: the page's answers so far, by
    element and keys[k], the number of parts[:k + 1]: a row's cells share their ancestors, selectors their parts)."""
    key = (id(element), keys[k])
    found = seen.answers.get(key)
    if found is None:
        found = seen.answers[key] = _match(element, parts, k, seen, keys)
    return found


def _match(element: Element, parts: Parts, k: int, seen: _Seen, keys: list[int]) -> bool:
    if not all(_test(element, simple, seen) for simple in parts[k][1]):
        return False
    if k == 0:
        return True
    combinator = parts[k][0]
    if combinator == ">":
        return element.parent is not None and _matches(element.parent, parts, k - 1, seen, keys)
    if combinator == " ":
        up = element.parent
        while up is not None:
            if _matches(up, parts, k - 1, seen, keys):
                return True
            up = up.parent
        return False
    before = _siblings(element)[:element.index]
    if combinator == "+":
        return bool(before) and _matches(before[-1], parts, k - 1, seen, keys)
    return any(_matches(sibling, parts, k - 1, seen, keys) for sibling in before)


def _siblings(element: Element) -> list[Element]:
    return element.parent.children if element.parent is not None else [element]


def _test(element: Element, simple: Simple, seen: _Seen) -> bool:
    if simple.kind == "tag":
        return simple.name in ("*", element.tag)
    if simple.kind == ".":
        return simple.name in element.classes
    if simple.kind == "#":
        return element.attrs.get("id") == simple.name
    if simple.kind == "[":
        return _attribute(element, simple)
    return _pseudo(element, simple.name, simple.value, seen)


def _attribute(element: Element, simple: Simple) -> bool:
    if simple.name not in element.attrs:
        return False
    have, op, value = element.attrs[simple.name], simple.op, simple.value
    if simple.blind:
        have, value = have.casefold(), value.casefold()
    if op in ("", "="):
        return not op or have == value
    if op in ("~=", "|="):
        return value in have.split() if op == "~=" else have == value or have.startswith(value + "-")
    return bool(value) and (have.startswith(value) if op == "^=" else have.endswith(value) if op == "$=" else
                            value in have)


def _pseudo(element: Element, name: str, argument: str, seen: _Seen) -> bool:
    if name in LATER:
        return False
    if name in _ANY_OF or name == "not":
        try:
            found = any(_matches(element, parts, len(parts) - 1, seen, seen.keys(parts))
                        for parts in map(complex_parts, split(argument)))
        except ValueError:
            return True
        return found if name != "not" else not found
    if name.endswith("of-type"):  # the same questions, among the siblings of its type
        siblings = [e for e in _siblings(element) if e.tag == element.tag]
        at, name = siblings.index(element), name.replace("of-type", "child")
    else:
        siblings, at = _siblings(element), element.index
    simple: dict[str, Callable[[], bool]] = {
        "root": lambda: element.tag == "html",
        "empty": lambda: not element.children and not element.text,
        "first-child": lambda: at == 0, "last-child": lambda: at == len(siblings) - 1,
        "only-child": lambda: len(siblings) == 1,
        "link": lambda: element.tag in ("a", "area") and "href" in element.attrs,
        "any-link": lambda: element.tag in ("a", "area") and "href" in element.attrs,
        "checked": lambda: "checked" in element.attrs or "selected" in element.attrs,
        "disabled": lambda: "disabled" in element.attrs, "enabled": lambda: "disabled" not in element.attrs,
        "placeholder-shown": lambda: "placeholder" in element.attrs and not element.attrs.get("value"),
    }
    if name in simple:
        return simple[name]()
    if name in ("nth-child", "nth-last-child"):
        return _nth(argument, at + 1 if name == "nth-child" else len(siblings) - at)
    return True  # :has(), :lang(), :dir(), vendor states ...: may match


def _nth(argument: str, position: int) -> bool:
    """Whether `position` (1-based) is one of an+b; True when the argument has an `of S` part or is unreadable."""
    found = _NTH.match(argument)
    if not found:
        return True
    odd, even, a_text, sign, b_text, only_b = found.groups()
    if odd or even:
        return position % 2 == (1 if odd else 0)
    if only_b is not None:
        return position == int(only_b)
    a = -1 if a_text == "-" else 1 if a_text in ("", "+") else int(a_text)
    b = int(b_text or 0) * (-1 if sign == "-" else 1)
    return position == b if a == 0 else (position - b) % a == 0 and (position - b) // a >= 0
