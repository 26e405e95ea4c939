"""Privacy stage, the one normaliser of every privacy gate: text as a reader is shown it.

A reader does not see markup (tags, comments, character references, a Markdown link's target), does not tell
compatibility forms apart (full-width, superscript and circled digits, Kangxi radicals, Chinese numerals), and
reads across whatever stands between two digits or two characters of a name when it is not a letter, a digit,
a clause mark or a block boundary (spaces of any kind and length, zero-width characters, dashes, dots,
asterisks, bullets, brackets, inline tags ...).

Numbers: `RUN` finds, in the text as stored, every stretch that may read as eleven digits or more; `read_digits`
turns one stretch into what a reader reads (markup shown, forms unified, each skipped run one space) with a map
back. Names: `fold` is a name as a reader reads it (markup shown, forms unified, skipped characters gone), and
`fold_map` the same with a map back. The number finder and the name finder read through these functions over
inputs (data/, content/, attachments, site_overrides/, mkdocs.yml), git history and the built site.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from .unichars import (
    CJK_DIGITS,
    DECIMAL,
    DIGIT_LIKE,
    DIGIT_LIKE_ASTRAL,
    GAP,
    GAP_ASTRAL,
    LETTER_LIKE,
    LETTER_LIKE_ASTRAL,
)

#: Elements that start a new block: what stands on either side of one is not read as one number or name.
BLOCK_TAGS = ("address|article|aside|blockquote|caption|col|colgroup|dd|details|dialog|div|dl|dt|fieldset|"
              "figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|"
              "td|tfoot|th|thead|tr|ul")
#: A character reference: browsers read one without its ";" too (&nbsp0519 shows a space before 0519). A name
#: without ";" is letters only: the digits after &nbsp are digits a reader sees, not part of the name.
_ENTITY_BODY = r"(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};|[A-Za-z]{2,31})"
_COMMENT = r"(?s:!--.*?(?:-->|\Z))"


def _by_first_letter(names: str) -> str:
    """An alternation of names regrouped by their first letter (a(?:ddress|rticle|side)|b(?:lockquote)|...): the
    same strings, but the engine tries one group per tag instead of every name in turn."""
    groups: dict[str, list[str]] = {}
    for name in names.split("|"):
        groups.setdefault(name[0], []).append(name[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


#: How far the readings look for the end of a tag (characters after its name's first), of a Markdown link's target
#: (parts: a character, or a bracketed group of up to LINK_GROUP) and its title, and of a reference label. Beyond them
#: the markup is not hidden (privacy/history.py reckons from them how far one reading may reach).
TAG_MOST, LINK_PARTS, LINK_GROUP, LINK_TITLE, LABEL_MOST = 2000, 2000, 200, 500, 200
_INLINE_TAG = (rf"(?!/?(?:{_by_first_letter(BLOCK_TAGS)})(?![A-Za-z0-9-]))[A-Za-z/!?][^<>]{{0,{TAG_MOST}}}>")
_LINK_TARGET = (rf"(?:\((?:[^()\s]|\([^()\s]{{0,{LINK_GROUP}}}\)){{0,{LINK_PARTS}}}"
                rf"(?:\s+(?:\"[^\"]{{0,{LINK_TITLE}}}\"|'[^']{{0,{LINK_TITLE}}}'|\([^()]{{0,{LINK_TITLE}}}\)))"
                rf"?\s*\)|\[[^\[\]\n]{{0,{LABEL_MOST}}}\])")
#: Markup a reader does not see: a comment (an unclosed one hides the rest), an inline tag (any tag that does not
#: start a block, unknown ones included), the target of a Markdown link or its reference label (after "]").
HIDDEN = rf"<{_COMMENT}|<{_INLINE_TAG}|\]{_LINK_TARGET}"
#: A character reference, shown as its character (&#49; is a digit, &#26195; a Han character).
ENTITY = "&" + _ENTITY_BODY

#: A character beyond the Basic Multilingual Plane that a reader skips. A regex class holding both planes is
#: matched range by range, ten times slower: the common plane is tested first, the rest only for such characters.
_ASTRAL_SKIP = rf"[\U00010000-\U0010ffff](?<=[{GAP_ASTRAL}])"
#: One character a reader skips, and one character of a name a reader skips (a full stop too: 「薛.晓峰」).
SKIP = rf"(?:[{GAP}<&\]]|{_ASTRAL_SKIP})"
NAME_SKIP = rf"(?:[{GAP}<&\].\uff0e\uff61]|{_ASTRAL_SKIP})"
#: A digit of any spelling: decimal digits of every script, superscript, circled, Chinese numerals.
DIGIT = rf"[\d{DIGIT_LIKE}{DIGIT_LIKE_ASTRAL}]"
_DIGIT_BMP = rf"[\d{DIGIT_LIKE}]"
#: The same for text without characters beyond the BMP, as one bitmap: \d is asked character by character (a
#: page's fast scan for where a number may start takes half the time).
_DIGIT_IN_BMP = rf"[{DECIMAL}{DIGIT_LIKE}]"
_X = "[XxＸｘⅩⅹ]"


@cache
def _run(markup: bool, astral: bool) -> re.Pattern[str]:
    """A stretch of stored text that may read as a number of 11 digits or more (an ID's check X included). It
    starts at the start of a run of digits, never inside one (each run is tried once, not once per digit).

    Four variants, each as fast as the text allows: markup is read through (hidden markup first, then a skipped
    character, not the "&" of a reference) only in text that has some, and characters beyond the Basic
    Multilingual Plane are tested only in text that has some.
    """
    digit, behind = (DIGIT, _DIGIT_BMP) if astral else (_DIGIT_IN_BMP, _DIGIT_IN_BMP)
    if markup:
        gap = (rf"(?:[{GAP}]|<(?:{_COMMENT}|{_INLINE_TAG})?|&(?!{_ENTITY_BODY})|\](?:{_LINK_TARGET})?"
               + (rf"|{_ASTRAL_SKIP})" if astral else ")"))
        digit = rf"(?:{digit}|{ENTITY})"
    else:
        gap = SKIP if astral else rf"[{GAP}<&\]]"
    # The first digit comes first, the look back after it: a pattern that starts with a character class is searched
    # by the engine's fast scan for that class, twice as fast as one that starts with an assertion.
    return re.compile(rf"{digit}(?<!{behind}{behind})(?:{gap}*+{digit}){{10,}}(?:{gap}*+{_X}(?![A-Za-z]))?")


_HIDDEN = re.compile(HIDDEN)
_MARKUP = re.compile(rf"{HIDDEN}|{ENTITY}")
_SKIP = re.compile(SKIP)
_NAME_SKIP = re.compile(f"{NAME_SKIP}+")
#: The same for text without characters beyond the BMP: one character class, which the engine scans fast.
_NAME_SKIP_BMP = re.compile(rf"[{GAP}<&\].\uff0e\uff61]+")
_MARKUP_START = re.compile(r"[<&\]]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _compact_header() -> int | None:
    """The size of a compact string's header in this interpreter (CPython's PEP 393 layout: a string of one or two
    bytes per character is `header + (length + 1) * width` bytes), or None when strings are not laid out so."""
    header = "\u0100".__sizeof__() - 2 * 2
    fits = all(s.__sizeof__() == header + (len(s) + 1) * width
               for s, width in (("\xe9", 1), ("\xe9" * 7, 1), ("\u4e00" * 5, 2), ("a\u4e00", 2)))
    return header if fits and "\U00010000".__sizeof__() > header + 2 * 2 else None


_HEADER = _compact_header()


def astral(text: str) -> bool:
    """Whether `text` holds a character beyond the Basic Multilingual Plane (the patterns for such text are slower).

    Answered from the string's size where the interpreter stores a string of BMP characters at one or two bytes a
    character (CPython does, choosing the width by the widest character: reading the size costs nothing, searching a
    page costs 20 µs); any other size (an astral character, or a string carrying a cached copy) is searched."""
    if text.isascii():
        return False
    if _HEADER is not None and text.__sizeof__() - _HEADER in (len(text) + 1, (len(text) + 1) * 2):
        return False
    return _ASTRAL.search(text) is not None


#: Compatibility forms that read as other letters (⽂ 文, Ｘ X): only text holding one needs NFKC, character by
#: character (full-width punctuation, everywhere in Chinese text, reads as punctuation and is skipped anyway).
_LETTER_LIKE = re.compile(rf"[{LETTER_LIKE}]|[\U00010000-\U0010ffff](?<=[{LETTER_LIKE_ASTRAL}])")
_LETTER_LIKE_BMP = re.compile(rf"[{LETTER_LIKE}]")  # one class, scanned fast, for text without astral characters
#: A tag or a link target holding a character beyond ASCII: ASCII read first, never given back (a tag of ASCII only
#: is passed over at once, not tried again from each of its characters).
_HIDDEN_PARTS = re.compile(r"<!--.*?(?:-->|\Z)|<[\x00-\x3b\x3d\x3f-\x7f]*+[^\x00-\x7f][^<>]*>"
                           r"|\]\([\x00-\x27\x2a-\x7f]*+[^\x00-\x7f][^()]*\)", re.S)


def runs(text: str, markup: bool | None = None) -> Iterator[re.Match[str]]:
    """Every stretch of `text` that may read as a long number, however spelled, spaced or marked up.

    markup: whether tags in the text are shown inline (HTML, Markdown) or structure data (XML: a sitemap's or a
    feed's elements are separate values, never one number); None: read through markup wherever there is some."""
    markup = markup is not False and has_markup(text)
    return _run(markup, astral(text)).finditer(text)


def has_markup(text: str) -> bool:
    """Whether `text` holds markup a reader does not see (a tag, a comment, a reference, a link target)."""
    return _MARKUP.search(text) is not None


def strip(text: str) -> str:
    """`text` as shown without its markup: hidden markup gone, character references decoded (offsets not kept:
    for a first look, see `mask` for a reading that keeps them)."""
    if not _MARKUP.search(text):
        return text
    text = _HIDDEN.sub("", text)
    return html.unescape(text) if "&" in text else text


def unify(text: str) -> str:
    """Compatibility forms that read as other letters replaced by those letters (⽂ -> 文), one by one."""
    found = (_LETTER_LIKE if astral(text) else _LETTER_LIKE_BMP).search(text)
    if not found:
        return text
    return _LETTER_LIKE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def hidden_parts(text: str) -> str:
    """What markup hides from the eye but publishes all the same, for the name check: tags holding non-ASCII text
    (a title, an alt text, a meta description), comments and Markdown link targets, each apart ("\0" between)."""
    return "\0".join(_HIDDEN_PARTS.findall(text)) if _MARKUP_START.search(text) else ""


def mask(text: str) -> str:
    """`text` with its hidden markup shown as a reader sees it, padded with spaces to the same length (so an
    offset in the result is the same offset in `text`): a character reference becomes its character, a comment,
    an inline tag or a link target spaces."""
    if not _MARKUP_START.search(text):
        return text
    return _MARKUP.sub(_as_shown, text)


def _as_shown(match: re.Match[str]) -> str:
    token = match.group()
    if token[0] == "&":
        char = html.unescape(token)
        return char + " " * (len(token) - len(char)) if len(char) <= len(token) else " " * len(token)
    return " " * len(token)


def read_digits(stretch: str) -> tuple[str, list[int]]:
    """(a stretch found by RUN as a reader reads it: ASCII digits and X, each skipped run one space; the offset in
    `stretch` of each character)."""
    out: list[str] = []
    origin: list[int] = []
    skipping = False
    for i, ch in enumerate(mask(stretch)):
        for c in ch if ch < "\x80" else _unified_digit(ch):
            if _SKIP.match(c):
                if not skipping:
                    out.append(" ")
                    origin.append(i)
                skipping = True
            else:
                skipping = False
                out.append(c)
                origin.append(i)
    return "".join(out), origin


def _unified_digit(ch: str) -> str:
    if ch in CJK_DIGITS:
        return CJK_DIGITS[ch]
    return "".join(str(unicodedata.digit(c)) if not c.isascii() and unicodedata.digit(c, None) is not None else c
                   for c in unicodedata.normalize("NFKC", ch))


def fold(text: str, markup: bool = True, stripped: str | None = None) -> str:
    """A name (or a whole text, to search names in) as a reader reads it: hidden markup gone, character references
    decoded, compatibility forms unified (⼭ -> 山), skipped characters gone: 「吕<b>文</b>·静」 -> 吕文静.

    markup=False keeps what markup hides from the eye (a tag's attributes, a comment) in the text read: it is
    still published, in the page's source, a tooltip or a search engine's copy. `stripped`: strip(text), when the
    caller has it already."""
    return unskipped(unified(text, markup, stripped))


def unified(text: str, markup: bool = True, stripped: str | None = None) -> str:
    """The first half of `fold`: markup shown (unless markup=False), compatibility forms unified; skipped characters
    still there (a search that allows them between a name's characters reads it as fold's result is read)."""
    if markup:
        text = strip(text) if stripped is None else stripped
    return unify(text)


def unskipped(text: str) -> str:
    """The second half of `fold`: the characters a reader skips taken out of unified text."""
    return (_NAME_SKIP if astral(text) else _NAME_SKIP_BMP).sub("", text)


def fold_map(text: str, markup: bool = True) -> tuple[str, list[int]]:
    """fold(text) and the offset in `text` of each of its characters (slow: for a text known to hold a hit)."""
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for match in [*(_MARKUP.finditer(text) if markup else ()), None]:
        end = match.start() if match else len(text)
        for i in range(at, end):
            _keep(text[i], i, out, origin)
        if match is None:
            break
        if match.group()[0] == "&":
            _keep(html.unescape(match.group()), match.start(), out, origin)
        at = match.end()
    return "".join(out), origin


def _keep(chars: str, at: int, out: list[str], origin: list[int]) -> None:
    for c in unify(chars):
        if not _NAME_SKIP.match(c):
            out.append(c)
            origin.append(at)
