"""The privacy gates' shortcuts read exactly what the full reading reads: each is proven against it over generated
text, never trusted on a few examples.

- `shown.astral` tells text beyond the Basic Multilingual Plane from the string's size; it must agree with searching
  the text, for every kind of string (slices, joins, subclasses, strings carrying a cached UTF-8 copy).
- `names.find` skips folding a text when the loose pattern (anything but letters and digits between a name's
  characters) finds nothing; it must find what folding finds, wherever the name is and however it is cut.
- `shown.hidden_parts` reads ASCII of a tag without giving it back; it must find what the plain pattern finds.
"""

from __future__ import annotations

import contextlib
import ctypes
import pickle
import platform
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from validator.test_shown import COMMENTS, DOTS, ENTITIES, MARKERS, SEPARATOR, SPACES, TAGS

from generator.privacy import names as names_module
from generator.privacy import shown
from generator.privacy.names import find, loose_pattern, name_pattern
from generator.privacy.output import ScanJob, Stops, _hits
from generator.problems import Where
from generator.read.files import Tree

MANY = settings(max_examples=300, deadline=None)
SOME = settings(max_examples=120, deadline=None)

#: Every code point but the surrogates, as one string.
EVERY = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)


# --- astral: from the size, the same answer as a search ----------------------------------------------------------

ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
WIDE = st.text(st.sampled_from("a\xe9\u4e00\u2f42\uff10\U0001d7ce\U0001f600\U00020000"), max_size=30)


class Marked(str):
    """A str subclass, as markupsafe's Markup is: stored apart from its header, so its size is not a compact one."""


def _with_cached_utf8(text: str) -> str:
    """`text` carrying the UTF-8 copy CPython keeps once C code asked for one (its size grows by that copy)."""
    copy = "".join(list(text))  # a new object, so the cache is not left on a string shared with other tests
    if platform.python_implementation() == "CPython":
        get = ctypes.pythonapi.PyUnicode_AsUTF8AndSize
        get.restype, get.argtypes = ctypes.c_char_p, [ctypes.py_object, ctypes.c_void_p]
        get(copy, None)
    return copy


def _searched(text: str) -> bool:
    return re.search("[\U00010000-\U0010ffff]", text) is not None


@MANY
@given(st.one_of(ANY_TEXT, WIDE), st.integers(0, 30), st.integers(0, 30), st.sampled_from(["", "文", "\U0001f600"]))
def test_astral_agrees_with_a_search_for_every_kind_of_string(text: str, start: int, stop: int, extra: str) -> None:
    kinds = [text, text[start:stop], text + extra, extra.join([text, text]), Marked(text), _with_cached_utf8(text),
             text.encode("utf-8").decode("utf-8"), (text * 3)[1:], sys.intern(text)]
    for kind in kinds:
        assert shown.astral(kind) is _searched(kind), (kind, type(kind))


def test_astral_reads_the_size_on_this_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut is live here (a fallback to searching would hide a layout change behind a slower build), and a
    string of BMP characters is answered without searching it."""
    if platform.python_implementation() != "CPython":
        pytest.skip("the size is read on CPython only; elsewhere every text is searched")
    assert shown._HEADER is not None
    calls = []
    real = shown._ASTRAL

    class Counting:
        def search(self, text: str) -> re.Match[str] | None:
            calls.append(text)
            return real.search(text)

    monkeypatch.setattr(shown, "_ASTRAL", Counting())
    assert shown.astral("汾川县" * 1000) is False
    assert shown.astral("\xe9" * 10) is False
    assert calls == []
    assert shown.astral("汾川县\U0001f600") is True
    assert calls == ["汾川县\U0001f600"]


# --- the loose name pattern: a superset of the folded reading ---------------------------------------------------

def test_every_character_a_reader_skips_in_a_name_is_neither_a_letter_nor_a_digit() -> None:
    """What the loose pattern allows between a name's characters ([\\W_]) holds every character `fold` takes out,
    over all of Unicode: so the loose pattern can only find more than folding does, never less."""
    skipped = "".join(re.findall(shown.NAME_SKIP, EVERY))
    assert len(skipped) > 5000
    assert re.fullmatch(names_module._ANY_SKIPPED, skipped)
    assert re.fullmatch(names_module._ANY_SKIPPED, "<&].\uff0e\uff61_")


NAME_CHARS = st.sampled_from("吕文静王伟李娜张三丰赵钱孙⽂Ｘabc")
NAMES = st.lists(st.text(NAME_CHARS, min_size=2, max_size=4), min_size=1, max_size=6, unique=True)
#: Anything that may stand around or inside a name: what a reader skips, what breaks a name, letters, markup.
FILLER = st.one_of(SPACES, MARKERS, TAGS, COMMENTS, ENTITIES, DOTS, SEPARATOR, NAME_CHARS,
                   st.sampled_from(["，", "。", "、", "|", ",", "x", "1", "\0", "\x01", "](http://a/", ")", "<p>",
                                    "</td><td>", "<img alt=\"", "\">", "<!--", "-->", "&#21525;", "\U0001f600",
                                    "\u2f42", "＿", "_"]),
                   st.text(st.characters(exclude_categories=["Cs"]), max_size=3))


@st.composite
def texts_with_names(draw: st.DrawFn) -> tuple[list[str], str]:
    names = [shown.fold(name) for name in draw(NAMES)]
    names = sorted({name for name in names if len(name) >= 2}) or ["吕文静"]
    pieces = []
    for _ in range(draw(st.integers(0, 6))):
        pieces.append(draw(FILLER))
        if draw(st.booleans()):
            name = draw(st.sampled_from(names))
            cut = [ch + (draw(st.one_of(st.just(""), FILLER)) if k < len(name) - 1 else "")
                   for k, ch in enumerate(name)]
            pieces.append("".join(cut))
    return names, "".join(pieces)


@contextlib.contextmanager
def _without_loose(pattern: re.Pattern[str]) -> Iterator[None]:
    kept = names_module._LOOSE.pop(pattern)
    try:
        yield
    finally:
        names_module._LOOSE[pattern] = kept


@MANY
@given(texts_with_names(), st.sampled_from([None, False]))
def test_the_loose_pattern_finds_every_name_folding_finds(case: tuple[list[str], str], markup: bool | None) -> None:
    names, text = case
    pattern = name_pattern(names)
    assert pattern is not None and pattern in names_module._LOOSE
    quick = list(find(text, pattern, markup=markup))
    with _without_loose(pattern):
        full = list(find(text, pattern, markup=markup))
    assert quick == full
    # and the loose pattern itself is a superset of the folded reading, view by view
    loose = names_module._LOOSE[pattern]
    for view in (shown.unified(text), shown.unified(shown.hidden_parts(text), False), shown.unified(text, False)):
        if pattern.search(shown.unskipped(view)):
            assert loose.search(view)


class _Decision:
    """What the gate asks of a masked party's decision: where its name was written."""

    def where(self, field: str) -> Where:
        return Where("data/penalties.csv", 16, 3)


@SOME
@given(texts_with_names(), st.sampled_from(["13912345678", "11010519491231002X", ""]), st.booleans())
def test_the_last_gate_reads_a_page_as_before(case: tuple[list[str], str], number: str, xml: bool) -> None:
    """The whole reading of a page (numbers and names, as the publish scan does it) with the shortcuts and without."""
    names, text = case
    text = f"{text[: len(text) // 2]}，{number}，{text[len(text) // 2:]}"  # a clause mark on each side: read alone
    pattern = name_pattern(names)
    assert pattern is not None
    table = dict.fromkeys(names, _Decision())
    markup = False if xml else None
    quick = list(_hits(text, set(), pattern, table, markup))
    with _without_loose(pattern):
        full = list(_hits(text, set(), pattern, table, markup))
    assert quick == full
    if number:
        assert quick, "the number put in the page is found"


def test_a_name_split_by_a_break_is_left_to_the_full_reading() -> None:
    """The loose pattern lets 「吕，文静」 through (a comma is neither a letter nor a digit); folding then reads the
    comma and finds no name, as before."""
    pattern = name_pattern(["吕文静"])
    assert pattern is not None
    assert names_module._LOOSE[pattern].search("吕，文静")
    assert list(find("吕，文静", pattern)) == []
    assert list(find("吕 文<b>静</b>", pattern)) == [(0, "吕文静")]


@SOME
@given(texts_with_names(), st.sampled_from(["13912345678", "11010519491231002X", ""]), st.booleans())
def test_a_job_sent_to_another_process_reads_a_page_as_before(case: tuple[list[str], str], number: str,
                                                                xml: bool) -> None:
    """Any generated page (names cut by any run of skipped characters, markup, breaks; a number or none; XML or not),
    read by the publish scan's job as a pouring process gets it (pickled, the pattern compiled anew, unknown there):
    the findings of the full reading, which folds every text."""
    names, text = case
    text = f"{text[: len(text) // 2]}，{number}，{text[len(text) // 2:]}"
    pattern = name_pattern(names)
    assert pattern is not None
    table = dict.fromkeys(names, _Decision())
    job = ScanJob(Path(), Tree(Path(), {}), "site", set(), pattern, loose_pattern(pattern), table, {}, [],
                  Stops(frozenset("".join(names))))
    sent = pickle.dumps(job)
    markup = False if xml else None
    with _without_loose(pattern):
        full = list(_hits(text, set(), pattern, table, markup))
        arrived = pickle.loads(sent)
        assert loose_pattern(arrived.pattern) is None and arrived.loose is not None
        assert list(arrived.hits(text, markup)) == full


def test_a_job_sent_to_another_process_keeps_its_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pouring processes get the publish scan's job pickled (publish/pourers.py): there the name pattern is
    compiled anew, a pattern only the making process knows the loose form of. The job carries it, so a page without
    a name is still passed by the loose pattern instead of folded in full, and a page with one is still found."""
    pattern = name_pattern(["吕文静"])
    job = ScanJob(Path(), Tree(Path(), {}), "site", set(), pattern, loose_pattern(pattern), {"吕文静": _Decision()},
                  {}, [], Stops(frozenset("吕文静")))
    sent = pickle.dumps(job)
    folded: list[str] = []
    real = names_module.unskipped
    monkeypatch.setattr(names_module, "unskipped", lambda text: folded.append(text) or real(text))
    with _without_loose(pattern):  # as in a process that did not make the pattern
        arrived = pickle.loads(sent)
        assert loose_pattern(arrived.pattern) is None
        page = "<h1>汾川县北关科创舞蹈培训学校</h1><p>吕某，文化艺术，静态</p><p>地址：吕梁路 7 号</p>"
        assert list(arrived.hits(page)) == [] and folded == []
        assert [what for _, what, _ in arrived.hits("<p>当事人 吕 文<b>静</b></p>")] == [
            ("姓名", "自然人当事人的全名（吕**）")]
        assert folded


# --- hidden parts: ASCII read once ------------------------------------------------------------------------------

_PLAIN_HIDDEN_PARTS = re.compile(r"<!--.*?(?:-->|\Z)|<[^<>]*[^\x00-\x7f][^<>]*>|\]\([^()]*[^\x00-\x7f][^()]*\)", re.S)
_INSIDE = st.text(st.sampled_from("ab =\"'/!-\x00\x7f\x80\xe9张\U0001f600()<>]"), max_size=8)
PARTS = st.lists(st.one_of(FILLER, _INSIDE.map(lambda t: f"<{t}>"), _INSIDE.map(lambda t: f"]({t})"),
                           _INSIDE.map(lambda t: f"<!--{t}"), _INSIDE), max_size=8).map("".join)


@settings(max_examples=1000, deadline=None)
@given(PARTS)
@example("<a\x7f张>").via("the last ASCII character, then a Han one")
@example("<a\x00b=\"张\">").via("the first ASCII character")
@example("](a(张))").via("a bracket inside a link target")
def test_hidden_parts_are_those_of_the_plain_pattern(text: str) -> None:
    plain = "\0".join(_PLAIN_HIDDEN_PARTS.findall(text)) if re.search(r"[<&\]]", text) else ""
    assert shown.hidden_parts(text) == plain


# --- inline tags: the block names regrouped by first letter ------------------------------------------------------

_PLAIN_INLINE_TAG = re.compile(rf"<(?!/?(?:{shown.BLOCK_TAGS})(?![A-Za-z0-9-]))[A-Za-z/!?][^<>]{{0,2000}}>")
TAG_NAMES = st.one_of(st.sampled_from(shown.BLOCK_TAGS.replace("h[1-6]", "h1|h6|h7|h").split("|")),
                      st.text(st.sampled_from("abdhilpt1-6"), max_size=4))


@MANY
@given(st.sampled_from(["<", "</", "<!", "<?"]), TAG_NAMES, st.text(st.sampled_from("adeilr16- =\"'>"), max_size=5))
def test_an_inline_tag_is_what_the_plain_pattern_calls_one(start: str, name: str, rest: str) -> None:
    text = f"{start}{name}{rest}>"
    quick = re.compile(f"<{shown._INLINE_TAG}").match(text)
    plain = _PLAIN_INLINE_TAG.match(text)
    assert (quick and quick.group()) == (plain and plain.group())
