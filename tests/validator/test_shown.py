"""Both privacy gates read text as a reader is shown it: any markup, any spacing, any look-alike spelling between
or instead of the digits of a number or the characters of a name. Generated variants, not a list of examples."""

from __future__ import annotations

import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sitecheck import ROOT
from validator.helpers import copy_sample, found, set_cells

from generator.privacy import shown, unichars
from generator.privacy.numbers import scan_text
from generator.privacy.output import scan_site
from generator.privacy.shown import fold, read_digits
from generator.read.files import Tree
from generator.read.sources import CONTROL
from generator.validate import validate

ID = "11010519491231002X"
MOBILE = "13912345678"
NAME = "吕文静"  # data/penalties.csv line 16: a natural person, shown as 吕** on the site
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# --- what may stand between two digits or two characters of a name and still read as nothing -------------------

SPACES = st.text(alphabet=" \t\u00a0\u2002\u2003\u2009\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad", min_size=1,
                 max_size=12)
MARKERS = st.sampled_from(["**", "*", "__", "_", "`", "``", "~~", "==", "^", "\\", "'", '"', "#"])
TAGS = st.sampled_from(["<b>", "</b>", "<em>", "</em>", "<span class=\"x\">", "</span>", "<u>", "<sup>", "</sub>",
                        "<font color=red>", "<x-y>", "<a href=\"#a\">", "</a>", "<br>", "<wbr>", "<i\ntitle=t>"])
COMMENTS = st.text(alphabet="注释 abc-", max_size=10).map(lambda t: f"<!-- {t} -->")
ENTITIES = st.sampled_from(["&nbsp;", "&#32;", "&#x200b;", "&ZeroWidthSpace;", "&shy;", "&ensp;", "&thinsp;",
                            "&#8203;", "&nbsp"])
DOTS = st.sampled_from([*"•‧･∙⋅-·・‐‑‒–—―－_/\\()（）[]【】〔〕「」+~", "···"])
SEPARATOR = st.lists(st.one_of(SPACES, MARKERS, TAGS, COMMENTS, ENTITIES, DOTS), min_size=1, max_size=4).map("".join)

# --- how a digit may be written ------------------------------------------------------------------------------

_SPELLINGS = {
    "ascii": "0123456789", "full-width": "０１２３４５６７８９", "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹",
    "circled": "⓪①②③④⑤⑥⑦⑧⑨", "math": "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "chinese": "〇一二三四五六七八九", "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
}
SPELLING = st.sampled_from(sorted(_SPELLINGS))


def _spell(digit: str, spelling: str, entity: bool) -> str:
    if digit in "Xx":
        return digit
    if entity:
        return f"&#{ord(digit)};"
    return _SPELLINGS[spelling][int(digit)]


@st.composite
def hidden_numbers(draw: st.DrawFn, number: str) -> str:
    """`number` cut anywhere, each cut filled with something a reader skips, each digit spelled some way (it starts
    with its first digit, in some spelling)."""
    spelling = draw(SPELLING)
    cuts = sorted(draw(st.sets(st.integers(1, len(number) - 1), min_size=1, max_size=5)))
    pieces = [number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)]
    out = []
    for i, piece in enumerate(pieces):
        if i:
            out.append(draw(SEPARATOR))
        out.append("".join(_spell(d, spelling, draw(st.booleans()) and draw(st.booleans())) for d in piece))
    return "".join(out)


CONTEXT = st.sampled_from(["身份证号", "联系电话：", "证件 ", "手机", "备注："])


@pytest.mark.parametrize(("number", "code"), [(ID, "personal-id-number"), (MOBILE, "phone-number")])
@SOME
@given(data=st.data(), before=CONTEXT)
def test_a_number_cut_and_spelled_any_way_is_found_where_it_starts(number: str, code: str, data: st.DataObject,
                                                                   before: str) -> None:
    text = data.draw(hidden_numbers(number))
    hits = [(offset, found) for offset, found, *_ in scan_text(f"{before}{text}。", set())]
    assert hits == [(len(before), code)], text


@SOME
@given(hidden_numbers(MOBILE))
def test_a_declared_public_phone_is_allowed_however_written(spelled: str) -> None:
    assert list(scan_text(f"值班电话{spelled}", {MOBILE})) == []


@FEW
@given(hidden_numbers(ID), st.sampled_from(["content/about.md", "content/x.txt", "data/notes.txt",
                                            "site_overrides/partials/note.html", "mkdocs.yml"]))
def test_the_input_gate_reads_every_staff_text_so(tmp_path_factory: pytest.TempPathFactory,
                                                   spelled: str, rel: str) -> None:
    root = _fresh(tmp_path_factory)
    path = root / rel
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(before + f"\n证件：{spelled}\n", encoding="utf-8")
    line = before.count("\n") + 2
    assert [f for f in found(root) if f[3] == "personal-id-number"] == [(rel, line, 4, "personal-id-number")]


_ROOTS: dict[str, Path] = {}


def _fresh(factory: pytest.TempPathFactory) -> Path:
    """A clean copy of the sample with its theme override and configuration, copied once, restored per example."""
    if "master" not in _ROOTS:
        master = copy_sample(factory.mktemp("shown") / "master")
        shutil.copytree(ROOT / "site_overrides", master / "site_overrides")
        shutil.copy(ROOT / "mkdocs.yml", master / "mkdocs.yml")
        _ROOTS["master"] = master
    work = factory.mktemp("example") / "repo"
    shutil.copytree(_ROOTS["master"], work)
    return work


# --- names ------------------------------------------------------------------------------------------------

_KANGXI = {"文": "\u2f42"}  # ⽂, the Kangxi radical that NFKC reads as 文


@st.composite
def hidden_names(draw: st.DrawFn, name: str = NAME) -> str:
    out = []
    for i, ch in enumerate(name):
        if i:
            out.append(draw(st.one_of(st.just(""), SEPARATOR)))
        out.append(_KANGXI.get(ch, ch) if draw(st.booleans()) else ch)
    assume("".join(out) != name)
    return "".join(out)


@SOME
@given(hidden_names())
def test_a_name_cut_or_spelled_any_way_folds_to_the_name(spelled: str) -> None:
    assert NAME in fold(f"经查，{spelled}于2023年起")


@FEW
@given(hidden_names(), st.sampled_from(["violation_facts", "remarks"]))
def test_a_masked_name_hidden_in_another_decisions_text_is_found(tmp_path_factory: pytest.TempPathFactory,
                                                                  spelled: str, field: str) -> None:
    root = _fresh(tmp_path_factory)
    set_cells(root, "penalties", "汾教科罚决字〔2026〕第11号", **{field: f"该中心聘用{spelled}在工作日晚间培训。"})
    [(path, _line, col, code)] = found(root)
    # a zero-width character inside is refused at the cell first (the row is not read, so nothing is published)
    wanted = "control-character" if CONTROL.search(spelled) else "person-name-in-text"
    assert (path, code, col) == ("data/penalties.csv", wanted, 9 if field == "violation_facts" else 25)


@FEW
@given(hidden_names(), st.sampled_from(["content/about.md", "content/reports/2021.md",
                                        "site_overrides/main.html", "mkdocs.yml", "data/site.yml"]))
def test_a_masked_name_in_any_staff_text_is_found_where_it_starts(tmp_path_factory: pytest.TempPathFactory,
                                                                   spelled: str, rel: str) -> None:
    root = _fresh(tmp_path_factory)
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\n# 感谢{spelled}配合\n", encoding="utf-8")
    line = text.count("\n") + 2
    assert (rel, line, 5, "person-name-in-text") in found(root)


@FEW
@given(st.sampled_from([("penalties", "汾教科罚决字〔2026〕第11号"), ("licenses", None)]),
       st.sampled_from(["content/about.md", "content/reports/2021.md", "data/site.yml", "site_overrides/main.html"]))
def test_a_namesake_published_as_a_legal_representative_does_not_make_the_name_free(
        tmp_path_factory: pytest.TempPathFactory, decision: tuple[str, str | None], rel: str) -> None:
    """Entering the masked party's name as an organisation's legal representative (any organisation's decision,
    penalty or licence) does not make it public elsewhere: staff text that names her is still refused, and so is
    another field of that decision."""
    root = _fresh(tmp_path_factory)
    dataset, key = decision
    path = root / f"data/{dataset}.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    if key is None:  # the first licence of an organisation
        header = rows[0].split(",")
        key = next(r.split(",")[0] for r in rows[1:]
                   if r.split(",")[header.index("party_category")] == "法人及非法人组织")
    set_cells(root, dataset, key, legal_rep_name=NAME, remarks=f"法定代表人{NAME}到场")
    target = root / rel
    before = target.read_text(encoding="utf-8")
    target.write_text(before + f"\n# 联系人：{NAME}\n", encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if text.startswith(key))
    column = path.read_text("utf-8").splitlines()[0].split(",").index("remarks") + 1
    assert found(root) == sorted([(rel, before.count("\n") + 2, 7, "person-name-in-text"),
                                  (f"data/{dataset}.csv", line, column, "person-name-in-text")])


# --- no false alarm: what a reader does not read as one number ------------------------------------------------

DATE = st.dates(date(1900, 1, 1), date(2099, 12, 31)).map(lambda d: d.isoformat())
AMOUNT = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False).map(lambda d: f"{d:,.2f}")
SHORT = st.integers(0, 10**9).map(str)
TASK = st.tuples(st.integers(2020, 2030), st.integers(1, 9), st.integers(1, 999)).map(lambda t: "-".join(map(str, t)))
CELL = st.one_of(DATE, AMOUNT, SHORT, TASK,
                 st.sampled_from(["汾教科罚决字〔2026〕第11号", "教民141099070000109号", "0357-5213360"]))


@SOME
@given(st.lists(st.lists(CELL, min_size=2, max_size=6), min_size=1, max_size=5))
def test_tables_of_dates_amounts_and_short_numbers_are_no_finding(rows: list[list[str]]) -> None:
    markdown = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    html = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"
    csv = "\n".join(",".join(row) for row in rows)
    for text in (markdown, html, csv.replace("\n", "\0")):
        assert list(scan_text(text, set())) == [], text
    # XML (a sitemap, the feed): each element a value of its own, never read through as inline markup
    xml = "".join("<url>" + "".join(f"<loc>{c}</loc>\n  <lastmod>{c}</lastmod>" for c in row) + "</url>"
                  for row in rows)
    assert list(scan_text(xml, set(), markup=False)) == [], xml


# --- a mobile whose first digits read like a date (19912345678: "1991 2 3") --------------------------------------

#: What may stand between the year, month and day of a written date and is read through between digits, in any
#: width or dash ("." and "．" are not: a decimal point ends a number, as in 2026.11.27 or 13800.00).
DATE_MARK_LIST = ["-", "/", "－", "／", "‐", "–", "—", " - ", "\u3000/\u3000", "\u200b-\u200b", "&nbsp;/&nbsp;"]
DATE_MARKS = st.sampled_from(DATE_MARK_LIST)
#: Anything a reader skips that is not a date mark: nothing visible (spaces, zero-width characters, tags,
#: comments, references), or something visible besides a dash or a slash (「-·」, 「（-）」, 「**」).
NOT_A_DATE_MARK = st.one_of(
    st.lists(st.one_of(SPACES, MARKERS, TAGS, COMMENTS, ENTITIES), min_size=1, max_size=4).map("".join),
    st.tuples(SEPARATOR, st.sampled_from([*"·・•‧∙⋅（）【】「」()[]~+_"]), SEPARATOR).map("".join))


@st.composite
def dated_mobiles(draw: st.DrawFn) -> tuple[str, list[int]]:
    """(a mobile number, where to cut it): half of them start with a year, a month and a day (1991 2 3 ...) and are
    cut there, so a date-shaped start is always tried; the rest any mobile, cut anywhere."""
    if draw(st.booleans()):
        year = draw(st.integers(1930, 1999))
        month, day = draw(st.integers(1, 12)), draw(st.integers(1, 31))
        head = f"{year}{month}{day}"
        rest = draw(st.text(alphabet="0123456789", min_size=11 - len(head), max_size=11 - len(head)))
        cuts = {4, 4 + len(str(month)), len(head)} - {11}
        return head + rest, sorted(cuts | draw(st.sets(st.integers(1, 10), max_size=2)))
    number = draw(st.from_regex(r"\A1[3-9][0-9]{9}\Z"))
    return number, sorted(draw(st.sets(st.integers(1, 10), min_size=1, max_size=5)))


def _cut(number: str, cuts: list[int], marks: list[str]) -> str:
    pieces = [number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)]
    return pieces[0] + "".join(mark + piece for mark, piece in zip(marks, pieces[1:], strict=True))


@SOME
@given(st.data(), dated_mobiles(), CONTEXT)
def test_a_mobile_cut_where_it_reads_like_a_date_is_still_found(data: st.DataObject, case: tuple[str, list[int]],
                                                                before: str) -> None:
    """Three groups that merely read like a date (1991, 2, 3) are part of the number unless the date is written:
    joined by one date mark twice and standing apart. Cut with anything else, or with one date mark at every cut
    ("1991-2-3-45678"), the mobile is found."""
    number, cuts = case
    marks = data.draw(st.one_of(st.lists(NOT_A_DATE_MARK, min_size=len(cuts), max_size=len(cuts)),
                                DATE_MARKS.map(lambda mark: [mark] * len(cuts))))
    text = _cut(number, cuts, marks)
    hits = [(offset, code) for offset, code, *_ in scan_text(f"{before}{text}。", set())]
    assert hits == [(len(before), "phone-number")], text


@pytest.mark.parametrize("mark", [*DATE_MARK_LIST, ".", "．"])
@settings(max_examples=15, deadline=None)
@given(st.integers(1930, 1999), st.integers(1, 12), st.integers(1, 28),
       st.sampled_from([" ", "，", " 于 ", "**", "\u3000", "<b> "]), st.integers(100, 999))
def test_a_written_date_before_a_number_is_no_finding(mark: str, year: int, month: int, day: int, between: str,
                                                      count: int) -> None:
    """A date written as one (1998-09-01, 1998/9/1, 1998．09．01) and a count after it ("1998-09-01 120 人") are two
    values, though their digits join to 11 that start like a mobile (19980901120)."""
    text = f"成立于 {year}{mark}{month:02d}{mark}{day:02d}{between}{count} 人"
    assert list(scan_text(text, set())) == [], text


@SOME
@given(st.lists(st.tuples(st.one_of(TASK, SHORT, AMOUNT), DATE, st.sampled_from([" ", "，", " 于 ", "\n", "**"])),
                min_size=1, max_size=4))
def test_a_number_next_to_a_date_is_no_finding(pairs: list[tuple[str, str, str]]) -> None:
    """A task number, an amount or a count written right before a date ("2026-1-99 2026-11-27") is not read as a
    mobile number, though their digits join to 11 that start like one."""
    text = "；".join(f"{number}{between}{day}" for number, day, between in pairs)
    assert list(scan_text(text, set())) == [], text


@SOME
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_reading_never_fails_and_keeps_a_map_back(text: str) -> None:
    read, origin = read_digits(text)
    assert len(read) == len(origin) and all(0 <= o < max(len(text), 1) for o in origin)
    list(scan_text(text, set()))
    fold(text)


def test_the_character_tables_are_current() -> None:
    """The generated tables match this Python's Unicode database (regenerate with unichars.compute())."""
    assert unichars.compute() == (unichars.GAP, unichars.GAP_ASTRAL, unichars.DIGIT_LIKE, unichars.DIGIT_LIKE_ASTRAL,
                                  unichars.LETTER_LIKE, unichars.LETTER_LIKE_ASTRAL, unichars.DECIMAL)
    assert unicodedata.unidata_version in Path(unichars.__file__).read_text(encoding="utf-8")


def test_the_bmps_decimal_digits_are_what_the_regex_engine_reads_as_digits() -> None:
    """DECIMAL stands in for \\d in the number reading of text without characters beyond the BMP: the same
    characters, every one of them."""
    table = re.compile(f"[{unichars.DECIMAL}]")
    engine = re.compile(r"\d")
    assert [cp for cp in range(0x10000) if (table.match(chr(cp)) is None) != (engine.match(chr(cp)) is None)] == []


#: Text of the BMP a number reading meets: digits of every BMP spelling, what a reader skips, markup, letters.
_BMP_PIECES = st.one_of(
    st.sampled_from([s for s in _SPELLINGS.values() if all(ord(c) < 0x10000 for c in s)]).flatmap(
        lambda digits: st.text(alphabet=digits, min_size=1, max_size=12)),
    SEPARATOR, CONTEXT, st.sampled_from(["X", "x", "Ｘ", "a", "<div>", "&#49;", "&#x31;", "]", "](x)", "<", "&"]),
    st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_BMP_PIECES, max_size=12).map("".join), st.booleans())
def test_the_bmp_reading_finds_the_stretches_the_engines_digits_would(text: str, markup: bool) -> None:
    """The number reading of BMP text, with DECIMAL, finds exactly the stretches the same pattern with \\d finds."""
    fast = shown._run(markup, False)
    reference = re.compile(fast.pattern.replace(f"[{unichars.DECIMAL}", r"[\d"))
    assert reference.pattern != fast.pattern
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in reference.finditer(text)], text


# --- the last gate reads the same way -------------------------------------------------------------------------


@FEW
@given(hidden_numbers(MOBILE), hidden_names())
def test_the_last_gate_reads_a_built_page_as_shown(built_site: Path, tmp_path_factory: pytest.TempPathFactory,
                                                   number: str, name: str) -> None:
    tree = tmp_path_factory.mktemp("gate") / "site"
    tree.mkdir()
    (tree / "about").mkdir()
    page = (built_site / "about/index.html").read_text(encoding="utf-8")
    (tree / "about/index.html").write_text(page.replace("</article>", f"<p>值班 {number}，"
                                                                      f"联系 {name}</p></article>", 1),
                                           encoding="utf-8")
    found_here = sorted(p.message.split("，网站未更新")[0]
                        for p in scan_site(tree, Tree.take(ROOT), _catalog(), "site"))
    assert found_here == ["生成的网站文件中有手机号码 139******78", "生成的网站文件中有自然人当事人的全名（吕**）"]


_CATALOG: list[object] = []


def _catalog() -> object:
    if not _CATALOG:
        _CATALOG.append(validate(ROOT).catalog)
    return _CATALOG[0]


# --- names inside attachments, however the document splits or hides them -------------------------------------


@st.composite
def name_runs(draw: st.DrawFn) -> list[str]:
    """吕文静 cut into Word runs at any places, with look-alikes and skipped characters between the pieces."""
    spelled = draw(hidden_names().filter(lambda s: "<" not in s and "&" not in s))  # text inside XML stays text
    cuts = sorted(draw(st.sets(st.integers(1, max(len(spelled) - 1, 1)), max_size=3)))
    return [spelled[a:b] for a, b in zip([0, *cuts], [*cuts, len(spelled)], strict=True) if spelled[a:b]]


@FEW
@given(name_runs(), st.sampled_from(["body", "header", "properties", "pptx", "xlsx"]))
def test_a_masked_name_in_any_part_of_an_attachment_is_found(tmp_path_factory: pytest.TempPathFactory,
                                                             pieces: list[str], where: str) -> None:
    from validator import documents as doc

    root = _fresh(tmp_path_factory)
    body = doc.para("联系人：", *pieces)
    data = {
        "body": lambda: doc.docx(body),
        "header": lambda: doc.docx(doc.para("正文"), {"word/header1.xml": (
            f'<?xml version="1.0"?><w:hdr {doc.W}>{body}</w:hdr>')}),
        "properties": lambda: doc.docx(doc.para("正文"), {"docProps/core.xml": doc.core(creator="".join(pieces))}),
        "pptx": lambda: doc.pptx([doc.slide(["联系人：" + "".join(pieces)])]),
        "xlsx": lambda: doc.xlsx({(2, 3): "联系人：" + "".join(pieces)}),
    }[where]()
    suffix = ".pptx" if where == "pptx" else ".xlsx" if where == "xlsx" else ".docx"
    (root / f"content/附件{suffix}").write_bytes(data)
    hits = [f for f in found(root) if f[3] == "person-name-in-text"]
    assert [(path, code) for path, _l, _c, code in hits] == [(f"content/附件{suffix}", "person-name-in-text")], hits


@pytest.mark.parametrize("text", ["1 391&nbsp23456&#8203;78", "139&nbsp12345678", "&nbsp13912345678"])
def test_a_reference_without_its_semicolon_does_not_swallow_the_digits_after_it(text: str) -> None:
    """&nbsp23456 shows a space, then 23456: the number is found where its first digit is (found by hypothesis)."""
    hits = [(offset, code) for offset, code, *_ in scan_text(f"手机{text}。", set())]
    assert hits == [(2 + text.index("1"), "phone-number")]
