"""The light pages' stylesheets (publish/stylesheets.py, publish/dom.py): the cut keeps what a page's words allow, the
first paint's rules are those matching its elements as it opens, and nothing is lost in reading and writing CSS."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.publish import css, dom, stylesheets

#: The pinned theme's stylesheets, as the engine copies them into every site.
THEME_CSS = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css"))
PAGE = """<html lang="zh" class="no-js"><body dir="ltr">
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">
<header class="md-header"><label class="md-header__button md-icon" for="__drawer"><svg></svg></label></header>
<nav class="md-tabs"><ul class="md-tabs__list"><li class="md-tabs__item md-tabs__item--active">1</li>
<li class="md-tabs__item">2</li><li class="md-tabs__item">3</li></ul></nav>
<div class="md-sidebar md-sidebar--primary" hidden>
<nav class="md-nav"><a class="md-nav__link" href="x">x</a></nav></div>
<article class="md-content__inner md-typeset"><h1>T</h1>
<div class="tp-verdict tp-verdict-black"><p class="tp-verdict-head">黑名单</p></div>
<table class="tp-fields"><tbody><tr><th scope="row">a</th><td></td></tr></tbody></table>
<p><a href="#x">l</a></p><p hidden>gone</p></article></body></html>"""


@pytest.fixture(scope="module")
def page() -> dom.Page:
    return dom.Page(dom.elements(PAGE))


@pytest.mark.parametrize(("selector", "painted"), [
    (".md-header", True), (".md-header .md-icon svg", True), (".md-header>label", True), (".md-header>svg", False),
    (".md-tabs__item--active+.md-tabs__item", True), (".md-tabs__item+.md-tabs__item--active", False),
    (".md-tabs__item--active~.md-tabs__item", True), (".md-tabs__item:nth-child(3)", True),
    (".md-tabs__item:nth-child(4)", False), (".md-tabs__item:nth-child(2n+1)", True),
    (".md-tabs__item:first-child", True),
    (".md-tabs__item--active:last-child", False), ("td:empty", True), ("th:empty", False),
    (".md-typeset table:not([class])", False), (".md-typeset table.tp-fields th", True),
    (".md-typeset table.tp-fields th[scope=row]", True), ("th[scope=col]", False),
    # states a page opens without, and what the page hides, are not painted at once
    (".md-typeset a:hover", False), (".md-typeset a:focus-visible", False),
    ("[data-md-toggle=drawer]:checked~*", False),
    (".md-nav__link", False), (".md-sidebar--primary", True), (".md-typeset p:not([hidden])", True),
    (":root", True), ("html", True), ("*", True), ("[dir=ltr] .md-header", True), ("[dir=rtl] .md-header", False),
    (".md-typeset :is(h1,h2)", True), (".md-typeset :is(h3,h2)", False), ("a::before", True),
    (".md-header :where(.md-icon)", True), (".tp-verdict-white", False), ("label[for=__search]", False),
    (".md-typeset :has(> p)", True),  # not read: may match
])
def test_a_selector_is_painted_when_an_element_matches_it_as_the_page_opens(page: dom.Page, selector: str,
                                                                            painted: bool) -> None:
    assert page.painted(selector) is painted


def test_the_cut_keeps_a_rule_only_when_the_pages_words_allow_it() -> None:
    css = (':root{--a:1px;--b:var(--a);--unused:2px;--named:3px}@charset "UTF-8";.x .y{width:var(--b)}.x .z{color:red}'
           '.w:is(.x,.q){top:0}.w:is(.q,.r){top:1px}[data-k=v w]{left:0}[data-k=u]{left:1px}[data-k^=zz]{left:2px}'
           '@media screen{.z{a:b}.x{c:d}}@keyframes spin{to{e:f}}@keyframes used{to{g:h}}.x{animation:used 1s}'
           '.s:before{content:"{}}"}a[href$=".pdf"]{k:l}')
    cut = stylesheets.cut(css, {"x", "y", "w", "data-k", "v", "s", "href", "--named"})
    assert cut == (':root{--a:1px;--b:var(--a);--named:3px}@charset "UTF-8";.x .y{width:var(--b)}.w:is(.x,.q){top:0}'
                   '[data-k=v w]{left:0}[data-k^=zz]{left:2px}@media screen{.x{c:d}}@keyframes used{to{g:h}}'
                   '.x{animation:used 1s}.s:before{content:"{}}"}a[href$=".pdf"]{k:l}')


def test_the_first_paint_has_no_print_rules_states_or_motion(page: dom.Page) -> None:
    rules = css.parse(".md-header{color:red;transition:color .2s;will-change:transform}"
                              "@media print{.md-header{display:none}}"
                              "@media print,screen and (min-width:45em){.md-header{a:b}}"
                              ".md-header:hover{c:d}.md-header:focus-within{e:f}@page{margin:0}"
                              "@media screen{.tp-verdict-white{g:h}}")
    kept = css.serialise(stylesheets.prune(stylesheets.critical(rules, page), set()))
    assert kept == ".md-header{color:red}@media print,screen and (min-width:45em){.md-header{a:b}}"


def test_a_stylesheet_written_for_people_is_written_tight_and_means_the_same() -> None:
    sheet = """/* note */
.a  >  .b ,
.c  .d::after { content: " two  spaces ";   margin : 0  1em ; }
@media screen and (min-width: 45em) { .e > .f { top : 0 } }
"""
    assert css.serialise(css.tidy(css.parse(sheet))) == (
        '.a>.b,.c .d::after{content:" two  spaces ";margin:0 1em}@media screen and (min-width: 45em){.e>.f{top:0}}')


def test_the_themes_stylesheets_read_and_write_back_byte_for_byte() -> None:
    assert len(THEME_CSS) == 2
    for path in THEME_CSS:
        sheet = path.read_text(encoding="utf-8")
        assert css.serialise(css.parse(sheet)) == sheet, path


def test_an_unreadable_selector_counts_as_painted(page: dom.Page) -> None:
    assert page.painted(".md-header >") and page.painted("ns|a") and page.painted(".a[")


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="ab-.:#>+~*=|,; \"'\\()[]{}", max_size=40), sep=st.sampled_from([",", ";"]))
def test_splitting_without_strings_or_brackets_is_the_careful_splitting(text: str, sep: str) -> None:
    """css.split_top splits a text with no quote, bracket or parenthesis at every separator (str.split): what the
    character-by-character reading gives for it. A text with one is read character by character."""
    if not css._NESTS.search(text):
        assert css.split_top(text, sep) == text.split(sep) == list(css._split_nested(text, sep))
    else:
        assert css.split_top(text, sep) == list(css._split_nested(text, sep))
    assert sep.join(css.split_top(text, sep)) == text
