"""The publish scan reads a record page as its shell's constant parts (each once) and windows around what was
poured into it (privacy/output._windows). Whatever the whole page shows a reader, the windows must show too: a
number or a name that reads across a value and the shell around it, however long the hidden markup between, is
found, or the page is read whole. Proven over generated shells and values, not trusted on the real shell alone
(staff may override the templates the shell is made from)."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from validator.test_shown import COMMENTS, DOTS, ENTITIES, MARKERS, SPACES, TAGS

from generator.privacy.names import name_pattern
from generator.privacy.output import Stops, _hits, _windows, page_problems, scan_job
from generator.read.files import Tree

MANY = settings(max_examples=600, deadline=None)

MOBILE, ID, NAME = "13800138000", "110105199003071239", "吕文静"


class _Decision:
    """Where a masked name was declared: what a hit's message names (never read by these tests)."""

    def where(self, _field: str) -> Any:
        return type("Where", (), {"path": "data/x.yml", "line": 1})


NAMES = {NAME: _Decision(), "张伟": _Decision()}
PATTERN = name_pattern(NAMES)


def _hit(text: str, names: dict[str, Any] = NAMES) -> bool:
    return next(_hits(text, set(), PATTERN if names is NAMES else name_pattern(names), names), None) is not None


#: Hidden or skipped markup that a reader reads through, in runs of any length: what a window must not cut short.
HIDDEN = st.one_of(
    SPACES, MARKERS, TAGS, ENTITIES, DOTS,
    st.sampled_from(['<meta name="a" content="b">', "<link rel=icon href=x>", "<title>", "</title>", "<script>",
                     "</style>", "\n", " " * 70, '">', "<i>" * 30, '<meta name="a" content="b">' * 4]))
#: What may stop a reading or make a cut, and its lookalikes.
EDGES = st.sampled_from([
    ">", "<", "a", "x", "X", "p", "汾", "县", "文", "一", "，", ",", ".", "。", "<div>", "</div>", "<p>", "</p>",
    "<h1>", "<DIV>", "<divx>", "<dl-x>", "<li ", "-->", "<!-", "]", "[", ")", "(", "&", "&amp", "&#49;",
    "<![CDATA[", "]]>", "> a", ">\n汾", "<p", "</", "\0", "&lt;", "<!doctype html>",
])
FILLER = st.lists(st.one_of(HIDDEN, HIDDEN, EDGES, EDGES, st.characters(exclude_categories=["Cs"])),
                  max_size=8).map(lambda parts: "".join(parts))
#: Markup that can hide across a cut (a page holding any is read whole): in one page of five, so most pages are cut.
OPENERS = st.one_of(COMMENTS, st.sampled_from(["<!--", "](", "][", "](x)", "][x]", "<!-- >a -->", "<!-- >a", "](>a)",
                                               "][>a]", "<!-- <div> -->", "<!-", "-->"]))
SECRET = st.sampled_from([MOBILE, ID, NAME, "１３８００１３８０００", "一三八〇〇一三八〇〇〇", "吕<b>文</b>静"])


@st.composite
def pages(draw: st.DrawFn, secrets: st.SearchStrategy[str] = SECRET) -> tuple[list[str], list[str]]:
    """(the shell's constant parts, the values poured between them), with a secret cut into pieces laid across
    consecutive parts and values, each piece at the end of one and the start of the next, fillers between."""
    count = draw(st.integers(1, 4))
    segments = [draw(FILLER) for _ in range(2 * count + 1)]  # constant, value, constant, ..., constant
    secret = draw(secrets)
    cuts = sorted(draw(st.lists(st.integers(1, len(secret) - 1), min_size=1, max_size=3, unique=True)))
    pieces = [secret[a:b] for a, b in zip([0, *cuts], [*cuts, len(secret)], strict=True)]
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(segments) - 1))
        segments[at] += draw(OPENERS)
    first = draw(st.integers(0, len(segments) - 1))
    for n, piece in enumerate(pieces):
        at = min(first + n, len(segments) - 1)
        segments[at] = segments[at] + piece if n == 0 else piece + segments[at]
    return segments[0::2], segments[1::2]


def _poured(constants: list[str], values: list[str]) -> tuple[bytes, list[tuple[int, int]]]:
    """The page's bytes and the spans of its values, as the pour makes them (publish/shells._pour_pages)."""
    data, spans = b"", []
    for n, constant in enumerate(constants):
        data += constant.encode("utf-8")
        if n < len(values):
            value = values[n].encode("utf-8")
            spans.append((len(data), len(data) + len(value)))
            data += value
    return data, spans


@MANY
@given(pages())
@example(([  # the gap a fixed margin left: 64 bytes of shell on each side, hidden markup and spacing between
    "<html><head><title>", "</title>" + '<meta name="a" content="b">' * 3 + " " * 100 + "<span>", "</span><main>",
    "</main></html>"], ["汾川 1380013", "8000", "正文"]))
@example((["<p>", " <!-- " + "a" * 80 + " --> ", "</p>"], ["1380013", "8000"]))  # a comment: the page is read whole
# a cut inside a comment, another after it: joined, the comment left open in the first window hides the second
# (a number only the shown reading reads: as stored, the letters of its tags split it)
@example((["<p>", "<!-- >a --><i>b ", " -->"], ["x", "138<b>0013</b>8000"]))
@example((["<p>", "-- >a --><i>b ", " -->"], ["x<!", "吕<b>文</b>静"]))  # the same comment opened across a value's edge
# a Markdown link's target or reference label holding a cut: joined, it closes in the second window and hides it
@example((["<p>", "](>a)<i>b", ""], ["x", "138<b>0013</b>8000)"]))
@example((["<p>", "][>a]<i>b", ""], ["x", "138<b>0013</b>8000]"]))
@example((["<p>", "<i><div", "</p>"], ["1380013", "x>8000"]))  # "<div" at a part's end: "<divx>" is no block
@example((["<div>", "<DIV>", "</div>"], ["1380013", "8000"]))  # upper case: an inline tag, no cut
@example((["<p>", "<divx>", "</p>"], ["吕文", "静"]))  # not a block: no cut
def test_whatever_the_page_shows_a_reader_its_windows_show(page: tuple[list[str], list[str]]) -> None:
    constants, values = page
    data, spans = _poured(constants, values)
    if not _hit(data.decode("utf-8")) or any(_hit(c) for c in constants):
        return  # nothing to find; or a constant part itself holds a hit, and then every page is read whole
    windows = _windows(data, spans, Stops(frozenset("".join(NAMES))))
    assert windows is None or _hit(windows.decode("utf-8", "replace")), (data, windows)


#: A masked name in Latin letters: its letters stop no reading, so no cut stands on them (nor on "<nav", "<article").
LATIN = {"Dana": _Decision(), NAME: _Decision()}


@settings(max_examples=300, deadline=None)
@given(pages(st.sampled_from(["Dana", "D<b>an</b>a", MOBILE])))
@example((["<p>", "</span><nav>", "</p>"], ["Da", "na"]))  # "<nav" is no cut: its "n" is the name's
@example((["<p>", "<i>a", "</p>"], ["D", "na"]))  # nor ">a"
def test_a_name_in_latin_letters_is_never_cut_on_its_own_letters(page: tuple[list[str], list[str]]) -> None:
    constants, values = page
    data, spans = _poured(constants, values)
    if not _hit(data.decode("utf-8"), LATIN) or any(_hit(c, LATIN) for c in constants):
        return
    windows = _windows(data, spans, Stops(frozenset("".join(LATIN))))
    assert windows is None or _hit(windows.decode("utf-8", "replace"), LATIN), (data, windows)


@given(st.characters(exclude_categories=["Cs"]), FILLER, FILLER)
@settings(max_examples=300, deadline=None)
def test_a_stop_ends_every_reading_whatever_stands_around_it(stop: str, before: str, after: str) -> None:
    """A character Stops takes, after a ">" and spacing, splits the page: it reads as its two halves."""
    if stop not in Stops(frozenset("".join(NAMES))):
        return
    head, tail = before + MOBILE[:6] + ">\n ", stop + MOBILE[6:] + after
    if "<!--" in head + tail or "](" in head + tail or "][" in head + tail:
        return
    assert _hit(head + tail) == (_hit(head) or _hit(tail)), (head, tail)


def test_stops_are_neither_digits_nor_skipped_nor_in_a_name() -> None:
    stops = Stops(frozenset("吕文静"))
    assert all(c in stops for c in "abpz汾县,;|")
    assert not any(c in stops for c in "xX0１一〇吕文静 .-*·<>&]\u200b⽂")


def test_a_page_is_cut_where_the_shell_stops_every_reading() -> None:
    """The windows of a page like the real shell's: the head's hidden run is read whole with the values in it, the
    rest of the shell is left to the reading of its constant parts."""
    constants = ["<html><head><title>", " - 汾川县</title><style>html{}</style><meta name=a content=\"", "\">\n</head>"
                 "<body><nav><a href=x>首页</a></nav><h1>", "</h1><div class=\"tp-record\">",
                 "</div>\n<footer><p>汾川县教育科技局</p></footer></body></html>"]
    values = ["机构", "机构", "机构", "<p>正文</p>"]
    data, spans = _poured(constants, values)
    windows = _windows(data, spans, Stops(frozenset("".join(NAMES))))
    # the title up to "<style>h"; from its ">" again to the block after the meta (the nav); the heading between
    # its own tags; the body from its block on; an empty block between each two
    assert windows == ("<html><head><title>机构 - 汾川县</title><style>h<p>>html{}</style><meta name=a content=\""
                       "机构\">\n</head><body><p><h1>机构<p><div class=\"tp-record\"><p>正文</p>").encode()


def test_a_number_split_across_a_long_hidden_run_between_two_values_stops_the_publish(tmp_path: Any) -> None:
    """The case a fixed margin missed, through page_problems as the pour calls it: the page is refused."""
    from sitecheck import ROOT

    from generator.validate import validate

    constants = ["<html><head><title>", "</title>" + '<meta name="a" content="b">' * 3 + " " * 100 + "<span>",
                 "</span><main>", "</main></html>"]
    job = scan_job(Tree.take(ROOT), validate(ROOT).catalog, "site", [[*constants[:1], None, constants[1], None,
                                                                      constants[2], None, constants[3]]])
    assert job.cut, "the shell's constant parts hold no hit: pages are read in windows"
    clean, clean_spans = _poured(constants, ["汾川", "8000", "正文"])
    assert page_problems(job, "institutions/a/index.html", clean, clean_spans) == []
    data, spans = _poured(constants, ["汾川 1380013", "8000", "正文"])
    found = page_problems(job, "institutions/a/index.html", data, spans)
    assert [(p.path, p.line, p.col, p.code) for p in found] == [
        ("site/institutions/a/index.html", 1, 23, "published-personal-data")]
    assert "138******00" in found[0].message


def test_each_constant_part_is_read_on_its_own() -> None:
    """A shell's comment left open must not hide another shell's hit from the reading of the constant parts: a hit
    in any part means every record page is read whole (and the hit located in each)."""
    from sitecheck import ROOT

    from generator.validate import validate

    shells: list[list[str | None]] = [["<p>", None, "</p><!-- open"],
                                      ["<p>", None, "</p><p>电话 138<b>0013</b>8000</p>"]]
    job = scan_job(Tree.take(ROOT), validate(ROOT).catalog, "site", shells)
    assert job.cut == []
    data, spans = _poured(["<p>", "</p><p>电话 138<b>0013</b>8000</p>"], ["机构"])
    assert [p.code for p in page_problems(job, "institutions/a/index.html", data, spans)] == [
        "published-personal-data"]
