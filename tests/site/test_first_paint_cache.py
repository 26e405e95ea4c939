"""The rules a light page's first paint needs, kept on disk by the stylesheets, the pages and the code in full
(publish/light.py, memo.on_disk): whatever changed since, the kept answer is the one matching gives afresh, never the
answer for the sheets or pages before. (The whole sample site, made afresh and then read back, is compared byte for
byte in tests/site/test_site_build.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pathkinds import FILE_KINDS, FOLDER_KINDS, assert_nothing_written_through, outside_file, put_in_the_way

from generator import memo
from generator.publish import light
from generator.publish.css import parse

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: Rules of the kinds the theme's sheets hold: a class, descendants, children, siblings, an id, an attribute, a
#: state the first paint is never in, a print rule, motion, a custom property a kept rule reads.
RULES = (".a{color:red}", ".b .c{margin:0}", "#d{padding:1px}", "p>.e{width:2px}", ".f:hover{color:blue}",
         "@media print{.a{color:green}}", ".g+.h{top:1px}", "li:first-child{left:1px}", "[data-x]{right:1px}",
         "h2{font-size:2em}", ".b{transition:all 1s;color:var(--tp-ink)}", ":root{--tp-ink:#111;--tp-unused:#222}",
         "@media screen and (min-width:60em){.c{float:left}}", ".a:not(.b){bottom:0}")
CLASSES = ("a", "b", "c", "e", "f", "g", "h")
TAGS = ("div", "p", "li", "h2", "span")


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    """An element with any of the classes, an id or attribute now and then, and children."""
    tag = draw(st.sampled_from(TAGS))
    classes = draw(st.lists(st.sampled_from(CLASSES), max_size=2, unique=True))
    extra = draw(st.sampled_from(["", ' id="d"', ' data-x="1"']))
    inner = "".join(draw(st.lists(_html(depth + 1), max_size=0 if depth >= 2 else 3))) or "."
    return f'<{tag} class="{" ".join(classes)}"{extra}>{inner}</{tag}>'


PAGES = st.lists(st.lists(_html(), min_size=1, max_size=3).map("".join), min_size=1, max_size=2)
SHEETS = st.tuples(st.lists(st.tuples(st.lists(st.sampled_from(RULES), min_size=1, max_size=6, unique=True),
                                      st.booleans()), min_size=1, max_size=3),
                   st.sets(st.sampled_from((*CLASSES, "--tp-ink", "--tp-unused", "x", "data-x", "d"))))


def _sheets(drawn: tuple[list[tuple[list[str], bool]], set[str]]) -> light._Sheets:
    runs, words = drawn
    return light._Sheets("assets/light.css", [(parse("".join(rules)), whole) for rules, whole in runs], set(words))


def _fresh(sheets: light._Sheets, texts: list[str]) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GENERATOR_CACHE", "off")
        return light._first_paint(sheets, texts)


@SETTINGS
@given(first=st.tuples(SHEETS, PAGES), changes=st.lists(st.one_of(SHEETS.map(lambda s: ("sheets", s)),
                                                                   PAGES.map(lambda p: ("pages", p))), max_size=4))
def test_a_kept_first_paint_is_the_one_matching_gives(tmp_path_factory: pytest.TempPathFactory,
                                                      first: tuple[tuple[list[tuple[list[str], bool]], set[str]],
                                                                   list[str]],
                                                      changes: list[tuple[str, object]]) -> None:
    """Match sheets against pages, change the sheets or the pages, match again, all in one cache: each answer is
    what matching afresh gives, and reading it back gives it again."""
    drawn, texts = first
    sheets = _sheets(drawn)
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GENERATOR_CACHE", str(folder))
        for what, value in [("pages", texts), *changes]:
            if what == "sheets":
                sheets = _sheets(value)  # type: ignore[arg-type]
            else:
                texts = value  # type: ignore[assignment]
            kept = light._first_paint(sheets, texts)
            assert kept == _fresh(sheets, texts)
            assert light._first_paint(sheets, texts) == kept


def test_each_thing_it_reads_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages, rules, whether a run is whole, the words and the code: a change to any one of them that changes the
    answer is seen (a kept answer for the others is not given)."""
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path))
    css = ".a{color:red}.b .c{margin:0}:root{--tp-ink:#111;--tp-other:#222}.c{color:var(--tp-ink)}"
    words = {"a", "b", "c", "--tp-other"}  # a page or script may read --tp-other by name
    base = light._Sheets("light.css", [(parse(css), False)], words)
    page = ['<div class="a">.</div>']
    answer = light._first_paint(base, page)
    assert answer == ".a{color:red}"
    variants = {
        "another page": (base, ['<div class="b"><p class="c">.</p></div>']),
        "a second page": (base, [*page, '<p class="c">.</p>']),
        "other rules": (light._Sheets("light.css", [(parse(".a{color:blue}"), False)], base.words), page),
        "the run whole": (light._Sheets("light.css", [(parse(css), True)], words), page),
        "fewer words": (light._Sheets("light.css", [(parse(css), True)], words - {"--tp-other"}), page),
    }
    for name, (sheets, texts) in variants.items():
        assert light._first_paint(sheets, texts) == _fresh(sheets, texts), name
    assert len({light._first_paint(s, t) for s, t in variants.values()} | {answer}) == len(variants) + 1
    before = set((tmp_path / "first-paint").iterdir())
    monkeypatch.setattr(memo, "code_stamp", lambda: "another version of the generator")
    assert light._first_paint(base, page) == answer
    assert len(set((tmp_path / "first-paint").iterdir()) - before) == 1  # made again: the code is part of the key


@pytest.mark.parametrize("kind", [*FOLDER_KINDS, *FILE_KINDS])
def test_any_kind_of_path_in_the_way_gives_the_fresh_answer_and_writes_nothing_through_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """Whatever stands where the first paints' folder or a kept answer would be, the answer is the fresh one, no error
    escapes, nothing is written through a link and no temporary file is left."""
    sheets = light._Sheets("light.css", [(parse(".a{color:red}.b{color:blue}"), False)], {"a", "b"})
    page = ['<div class="a">.</div>']
    cache = tmp_path / "cache"
    outside_file(tmp_path)
    folder = cache / "first-paint"
    cache.mkdir()
    if kind in FOLDER_KINDS:
        put_in_the_way(folder, kind, tmp_path)
    else:  # the answer kept once, then its file replaced
        monkeypatch.setenv("GENERATOR_CACHE", str(cache))
        light._first_paint(sheets, page)
        (kept,) = folder.iterdir()
        kept.unlink()
        put_in_the_way(kept, kind, tmp_path)
    monkeypatch.setenv("GENERATOR_CACHE", str(cache))
    for _ in range(2):
        assert light._first_paint(sheets, page) == _fresh(sheets, page) == ".a{color:red}"
    assert_nothing_written_through(tmp_path)
