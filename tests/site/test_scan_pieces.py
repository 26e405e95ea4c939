"""The last gate reads a large file in pieces (privacy/output.py: a download is tens of MB at a province's scale):
a number or a name that a naive cut would split is still found, and what the pieces find is what the whole finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitecheck import ROOT

from generator.model import CatalogLike
from generator.privacy import output
from generator.privacy.output import PIECE, scan_site
from generator.read.files import Tree
from generator.validate import validate

ID = "110105199003071239"
#: One record of a download as written (render/downloads.py: one a line, ",\n" between): 30 bytes.
FILLER = '{"名称":"阳光培训学校","n":1},\n'


@pytest.fixture(scope="module")
def catalog() -> CatalogLike:
    return validate(ROOT).catalog  # the sample's masked parties: 吕文静 among them


def _download(tree: Path, rel: str, before: str, after: str, line: str = FILLER, pad: str = '{"p":"%s"},\n'
              ) -> tuple[bytes, int]:
    """tree/rel: records (`line`), one padded (`pad`), then `before` + `after` with `after` starting at byte PIECE
    exactly, then more records; (its bytes, where a naive cut falls: at the first line end from byte PIECE on)."""
    size = len(line.encode("utf-8"))
    head = line * ((PIECE - len(before.encode("utf-8")) - 64) // size)
    head += pad % ("x" * (PIECE - len(head.encode("utf-8")) - len(before.encode("utf-8")) - len(pad % "")))
    path = tree / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((head + before + after + line * 40).encode("utf-8"))
    data = path.read_bytes()
    assert data[PIECE:].startswith(after.encode("utf-8"))
    return data, data.index(b"\n", PIECE) + 1


def _found(tree: Path, catalog: CatalogLike) -> list[tuple[str, str]]:
    return [(p.path, p.message.split("，网站未更新")[0]) for p in scan_site(tree, Tree.take(ROOT), catalog, "site",
                                                                         workers=1)]


def _naive(data: bytes, cut: int, catalog: CatalogLike) -> list[object]:
    """What reading the file cut at `cut` finds: nothing, or the test would not plant across a cut."""
    job = output.scan_job(Tree.take(ROOT), catalog, "site")
    return [hit for piece in (data[:cut], data[cut:])
            for hit in output._hits(piece.decode("utf-8"), job.allowed, job.pattern, job.names)]


def test_a_mobile_across_a_line_end_where_a_naive_cut_falls_is_found(tmp_path: Path, catalog: CatalogLike) -> None:
    """A line end is skipped by a reader: 138 00 / 13 8000 on two lines reads as one mobile."""
    data, cut = _download(tmp_path / "site", "data/x.json", '{"电话":"值班 138 00', '\n13 8000"},\n')
    assert data[:cut].endswith(b"138 00\n")  # the naive cut falls inside the number
    assert _naive(data, cut, catalog) == []
    assert _found(tmp_path / "site", catalog) == [("site/data/x.json", "生成的网站文件中有手机号码 138******00")]


def test_a_name_across_a_line_end_where_a_naive_cut_falls_is_found(tmp_path: Path, catalog: CatalogLike) -> None:
    data, cut = _download(tmp_path / "site", "data/x.json", '{"备注":"感谢 吕文', '\n静 配合"},\n')
    assert data[:cut].endswith("吕文\n".encode())
    assert _naive(data, cut, catalog) == []
    assert _found(tmp_path / "site", catalog) == [("site/data/x.json", "生成的网站文件中有自然人当事人的全名（吕**）")]


def test_a_number_over_the_piece_size_in_a_table_is_found(tmp_path: Path, catalog: CatalogLike) -> None:
    """A CSV file is cut at line ends only (each is read as a row's end, a break): an ID number over the PIECE-th
    byte, where a cut by size would fall, is read whole."""
    data, _ = _download(tmp_path / "site", "data/x.csv", f"学校,证件 {ID[:10]}", f"{ID[10:]},1\r\n",
                        "阳光培训学校,1\r\n", "%s,1\r\n")
    assert _naive(data, PIECE, catalog) == []
    assert _found(tmp_path / "site", catalog) == [("site/data/x.csv",
                                                   "生成的网站文件中有公民身份号码 110*************39")]


def test_markup_in_a_large_file_has_it_read_whole(tmp_path: Path, catalog: CatalogLike) -> None:
    """Markup may hide or join across lines (a comment, a tag over a line end): such a file is never cut."""
    data, cut = _download(tmp_path / "site", "data/x.json", '{"电话":"值班 138<b', '\n>0013</b>8000"},\n')
    assert _naive(data, cut, catalog) == []
    assert _found(tmp_path / "site", catalog) == [("site/data/x.json", "生成的网站文件中有手机号码 138******00")]


def test_the_pieces_find_what_the_whole_finds(tmp_path: Path, catalog: CatalogLike,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean pieces: nothing; a hit in any piece: the file is read whole and every hit located as before."""
    tree = tmp_path / "site"
    _download(tree, "data/clean.json", FILLER, FILLER)
    _download(tree, "data/two.json", f'{{"a":"{ID}"}},\n' + FILLER * 30, '{"b":"吕文静"},\n')
    pieced = _found(tree, catalog)
    monkeypatch.setattr(output, "PIECE", 1 << 40)  # never cut
    assert pieced == _found(tree, catalog) and len(pieced) == 2
    assert {path for path, _ in pieced} == {"site/data/two.json"}


def test_a_cut_falls_only_after_a_break(tmp_path: Path, catalog: CatalogLike) -> None:
    """A piece ends with a line whose last character but skipped ones is a break (a letter, a comma): never after a
    digit, a Han character or a line of skipped ones; the pieces make the whole."""
    lines = [FILLER, "<loc>138 00\n", "13 8000</loc>\n", "吕文\n", "静\n", "  \n", "-->\n", "a.\n", "1\n"]
    data = "".join(lines[n % len(lines)] for n in range(5000)).encode("utf-8")
    pieces = list(output._pieces(data, 700))
    assert len(pieces) > 3 and b"".join(pieces) == data
    assert all(piece.endswith((b",\n", b"</loc>\n", b"a.\n")) for piece in pieces[:-1])
    assert list(output._pieces(b"no line end", 4)) == [b"no line end"]
    assert list(output._pieces("一\n二\n".encode(), 1, table=True)) == ["一\n".encode(), "二\n".encode()]


def test_a_mobile_across_lines_of_a_large_sitemap_is_found(tmp_path: Path, catalog: CatalogLike) -> None:
    """XML is read with its tags as data; its lines end in letters (</loc>), where it is cut, but not within a
    number."""
    line = "<url><loc>https://example.org/a/</loc></url>\n"
    data, cut = _download(tmp_path / "site", "sitemap.xml", "<url><loc>https://example.org/138 00",
                          "\n13 8000/</loc></url>\n", line, "<url><loc>%s</loc></url>\n")
    assert _naive(data, cut, catalog) == []
    assert _found(tmp_path / "site", catalog) == [("site/sitemap.xml", "生成的网站文件中有手机号码 138******00")]


# --- the class: any text without markup, cut anywhere the rule allows, never hides what the whole holds ---------

#: What a download or a sitemap holds around a value: digits, letters (X too), CJK, punctuation, line ends.
FILL = st.lists(st.sampled_from(["1", "0", "９", "X", "x", "a", "Z", "培训", ",", "，", "。", "\"", ":", "{", "}",
                                 " ", "-", "\n", "\n"]), max_size=12).map("".join)
#: What a reader skips between two digits or two characters of a name, a line end among them.
SKIPS = st.lists(st.sampled_from([" ", "-", "·", "\u3000", "\t", "\n", "\n "]), min_size=1, max_size=3).map("".join)


@st.composite
def planted(draw: st.DrawFn) -> str:
    """The sample's masked name, a mobile or an ID number (one ending in X), cut anywhere with skipped runs (line
    ends too), between random text."""
    value = draw(st.sampled_from(["13912345678", ID, "11010519491231002X", "吕文静"]))
    cuts = sorted(draw(st.sets(st.integers(1, len(value) - 1), max_size=4)))
    parts = [value[a:b] for a, b in zip([0, *cuts], [*cuts, len(value)], strict=True)]
    return draw(FILL) + "".join(part + (draw(SKIPS) if k < len(parts) - 1 else "") for k, part in enumerate(parts)) \
        + draw(FILL)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(planted(), min_size=1, max_size=3).map("\n".join), st.integers(1, 24), st.booleans())
def test_what_the_whole_holds_some_piece_holds(catalog: CatalogLike, text: str, size: int, table: bool) -> None:
    """Read in pieces of any size (cut only where _pieces allows), a text without markup shows a hit in some piece
    whenever the whole shows one: the pieces never clear a file the whole reading would refuse."""
    job = output.scan_job(Tree.take(ROOT), catalog, "site")

    def hits(part: str) -> list[object]:
        return list(output._hits(part.replace("\n", "\0") if table else part, job.allowed, job.pattern, job.names))

    data = text.encode("utf-8")
    pieces = list(output._pieces(data, size, table))
    assert b"".join(pieces) == data
    if hits(text):
        assert any(hits(piece.decode("utf-8")) for piece in pieces), (text, [p.decode() for p in pieces])
