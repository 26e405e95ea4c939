"""The site's PDFs (posters, the application form) kept on disk by everything they draw: a kept PDF is byte for byte
the one drawing gives, whatever changed since; a kept file that is damaged, cut short or made for another key is
drawn again; no cache when asked for none or when it cannot be written."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pathkinds import FILE_KINDS, FOLDER_KINDS, assert_nothing_written_through, outside_file, put_in_the_way

from generator import memo
from generator.datasets.institutions import posters
from generator.render import govinfo, pdffont

SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
needs_font = pytest.mark.skipif(not pdffont.font_installed(), reason="fonts-noto-cjk is not installed")

SHEET = posters.Sheet("汾川县新星培训学校：白名单公示", "汾川县教育科技局", "0357-1234567", "汾川县教育信息公开",
                      date(2026, 11, 27), "汾川县新星培训学校", 1,
                      ("汾教科罚决字〔2026〕第2号（2026-03-17 作出）：警告",),
                      (("统一社会信用代码", "52141099MJ1234567X"), ("名单状态截至", "2026-11-27")),
                      "https://jyj.example.gov.cn/institutions/fc-0001/")
#: The characters any sheet below may use: one cut for all of them, as a build cuts one for all its posters.
CHARACTERS = "汾川县新星晨光培训学校中心教育科技局信息公开白名单公示警告罚款决字第号作出统一社会信用代码名单状态截至"


def _files(folder: Path) -> list[Path]:
    return sorted((folder / "pdfs").glob("*.bin")) if (folder / "pdfs").is_dir() else []


@pytest.fixture(scope="module")
def font(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("font") / "poster-font.ttf"
    path.write_bytes(pdffont.font_bytes([posters._PAGE_TEXT, CHARACTERS, "0123456789:/.-_〔〕（）"]))
    return path


# --- memo.on_disk -------------------------------------------------------------------------------------------------


def test_made_once_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path))
    made: list[str] = []

    def make(value: bytes) -> bytes:
        made.append(value.decode())
        return value

    assert memo.on_disk("pdfs", "key one", lambda: make(b"first")) == b"first"
    assert memo.on_disk("pdfs", "key one", lambda: make(b"never")) == b"first"
    assert memo.on_disk("pdfs", "key two", lambda: make(b"second")) == b"second"
    assert made == ["first", "second"] and len(_files(tmp_path)) == 2


@pytest.mark.parametrize("stored", ["key", "ke", "key1", "kez"])
def test_a_file_made_for_another_key_is_never_read_as_this_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               stored: str) -> None:
    """The file found under this key's name holds another key (a digest shared, a file moved): made again. The key is
    compared whole, its length first, so a key that starts another (or that another starts) is not it either."""
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path))
    memo.on_disk("pdfs", stored, lambda: b"kept for " + stored.encode())
    [kept] = _files(tmp_path)
    (tmp_path / "pdfs" / "moved").write_bytes(kept.read_bytes())
    kept.unlink()
    name = hashlib.sha256(b"key").hexdigest()[:32]
    (tmp_path / "pdfs" / "moved").rename(tmp_path / "pdfs" / f"{name}.bin")
    got = memo.on_disk("pdfs", "key", lambda: b"made for key")
    assert got == (b"kept for key" if stored == "key" else b"made for key")


@SETTINGS
@given(cut=st.integers(0, 200), flip=st.integers(0, 200), how=st.sampled_from(["flip", "cut"]))
def test_a_damaged_or_cut_short_file_is_made_again(tmp_path_factory: pytest.TempPathFactory, cut: int, flip: int,
                                                   how: str) -> None:
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GENERATOR_CACHE", str(folder))
        memo.on_disk("pdfs", "the key", lambda: b"the bytes " * 10)
        [kept] = _files(folder)
        data = bytearray(kept.read_bytes())
        if how == "flip":
            data[flip % len(data)] ^= 0x01
        else:
            del data[cut % len(data):]
        kept.write_bytes(bytes(data))
        assert memo.on_disk("pdfs", "the key", lambda: b"made again") == b"made again"
        assert memo.on_disk("pdfs", "the key", lambda: b"never") == b"made again"  # and kept whole again


def test_no_cache_when_off_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", "off")
    assert memo.on_disk("pdfs", "k", lambda: b"a") == b"a" and memo.on_disk("pdfs", "k", lambda: b"b") == b"b"
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("GENERATOR_CACHE", str(blocked))
    assert memo.on_disk("pdfs", "k", lambda: b"c") == b"c" and memo.on_disk("pdfs", "k", lambda: b"d") == b"d"
    assert blocked.read_text(encoding="utf-8") == "a file where the folder would be"


def test_the_code_stamp_follows_every_source_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the generator with one source file changed has another stamp (a change to how a PDF is drawn is a
    change of every key)."""
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "generator"
    shutil.copytree(Path(memo.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    stamp = [sys.executable, "-c", "from generator.memo import code_stamp; print(code_stamp())"]
    first = subprocess.run(stamp, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert first.strip() == memo.code_stamp()
    drawing = copy / "datasets/institutions/posters.py"
    drawing.write_text(drawing.read_text(encoding="utf-8").replace("以网站为准", "以网站为准。"), encoding="utf-8")
    assert subprocess.run(stamp, cwd=tmp_path, capture_output=True, text=True, check=True).stdout != first


# --- posters and the form -----------------------------------------------------------------------------------------

_TEXT = st.text(alphabet=CHARACTERS + "0123456789", min_size=1, max_size=12)
#: One field of the sheet changed to another value.
_CHANGES = st.one_of(
    st.tuples(st.sampled_from(["title", "bureau", "phone", "site_title", "name", "address"]), _TEXT),
    st.tuples(st.just("today"), st.dates(date(2020, 1, 1), date(2030, 12, 31))),
    st.tuples(st.just("penalties"), st.integers(0, 9)),
    st.tuples(st.just("penalty_lines"), st.lists(_TEXT, max_size=3).map(tuple)),
    st.tuples(st.just("lines"), st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=4).map(tuple)))


@needs_font
@SETTINGS
@given(changes=st.lists(_CHANGES, min_size=1, max_size=3))
def test_a_kept_poster_is_the_one_its_sheet_draws(tmp_path_factory: pytest.TempPathFactory, font: Path,
                                                  changes: list[tuple[str, object]]) -> None:
    """Draw a poster, change any field of what it shows, draw again: each time what the cache gives is byte for byte
    what drawing that sheet gives, never the poster of the sheet before."""
    folder = tmp_path_factory.mktemp("cache")
    drawn = SHEET
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GENERATOR_CACHE", str(folder))
        given_before = posters.kept_poster(drawn, font)
        for field, value in changes:
            drawn = drawn._replace(**{field: value})
            kept = posters.kept_poster(drawn, font)
            assert kept == posters.draw(drawn, font)
            assert posters.kept_poster(drawn, font) == kept  # read back
        if drawn != SHEET:
            assert kept != given_before


@needs_font
def test_another_cut_of_the_font_is_another_key(tmp_path: Path, font: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same sheet in a cut lacking some of its characters draws another poster: the kept one is not given."""
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    first = posters.kept_poster(SHEET, font)
    narrower = tmp_path / "narrower.ttf"
    narrower.write_bytes(pdffont.font_bytes([posters._PAGE_TEXT, CHARACTERS.replace("汾", "").replace("星", "")]))
    assert posters.kept_poster(SHEET, narrower) == posters.draw(SHEET, narrower) != first
    assert posters.kept_poster(SHEET, font) == first


@needs_font
@pytest.mark.parametrize("field", govinfo.FormSheet._fields)
def test_a_kept_form_is_the_one_its_settings_draw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path))
    drawn = govinfo.FormSheet("汾川县教育科技局", "汾川县教育信息公开", "受理机关：汾川县教育科技局办公室",
                              "汾川县教育科技局 · 汾川县教育信息公开",
                              ("1. 本表可复印使用。", "4. 咨询电话：0357-1234567。"))
    first = govinfo.kept_form(drawn)
    changed = drawn._replace(**{field: ("1. 另一行。",) if field == "lines" else "汾川县另一个机关"})
    kept = govinfo.kept_form(changed)
    assert kept == govinfo._drawn_form(changed) != first
    assert govinfo.kept_form(drawn) == first


def test_files_unused_for_two_weeks_go_at_the_next_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A daily rebuild draws new posters each day: what was not written or read back for UNUSED_DAYS is removed by
    the first write of a later process, what was read back stays."""
    import os
    import time

    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path))
    for key in ("old, read back today", "old, unused", "recent"):
        memo.on_disk("pdfs", key, lambda key=key: key.encode())
    by_key = {key: next(p for p in _files(tmp_path) if key.encode() in p.read_bytes())
              for key in ("old, read back today", "old, unused", "recent")}
    past = time.time() - (memo.UNUSED_DAYS + 1) * 86400
    for key in ("old, read back today", "old, unused"):
        os.utime(by_key[key], (past, past))
    assert memo.on_disk("pdfs", "old, read back today", lambda: b"never") == b"old, read back today"
    memo._tidy.cache_clear()  # a later process
    memo.on_disk("pdfs", "a new poster", lambda: b"new")
    assert sorted(p.name for p in _files(tmp_path)) == sorted(
        [by_key["old, read back today"].name, by_key["recent"].name,
         f"{hashlib.sha256(b'a new poster').hexdigest()[:32]}.bin"])


@pytest.mark.parametrize("kind", [*FOLDER_KINDS, *FILE_KINDS])
def test_any_kind_of_path_in_the_way_gives_the_same_bytes_and_writes_nothing_through_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """Whatever stands where the cache folder or the kept file would be, the bytes are made as without a cache, no
    error escapes, nothing is written through a link, and no temporary file is left behind."""
    cache = tmp_path / "cache"
    cache.mkdir()
    outside_file(tmp_path)
    folder = cache / "pdfs"
    name = f"{hashlib.sha256(b'the key').hexdigest()[:32]}.bin"
    if kind in FOLDER_KINDS:
        put_in_the_way(folder, kind, tmp_path)
    else:
        folder.mkdir()
        put_in_the_way(folder / name, kind, tmp_path)
    monkeypatch.setenv("GENERATOR_CACHE", str(cache))
    for _ in range(2):
        assert memo.on_disk("pdfs", "the key", lambda: b"made") == b"made"
    assert_nothing_written_through(tmp_path)
