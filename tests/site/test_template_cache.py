"""Compiled templates are kept on disk for the next build process: a page is the same with the cache, without it,
with a damaged cache file or after its template changed; a cache that cannot be written is no cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader

from generator.render import templates

SOURCE = "{% for x in items %}\n<li>{{ x }}</li>\n{% endfor %}\n{{ title | upper }}"


def _env(folder: Path) -> Environment:
    """The build's options and cache (templates.ENV's), over a folder of this test's templates."""
    return templates.ENV.overlay(loader=FileSystemLoader(folder))


def _render(folder: Path) -> str:
    return _env(folder).get_template("page.j2").render(items=["<a>", "乙"], title="ok")


def _kept(cache: Path) -> list[Path]:
    return sorted((cache / "templates").glob("*.jinja")) if (cache / "templates").is_dir() else []


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text(SOURCE, encoding="utf-8")
    return folder


def test_a_template_is_compiled_once_and_its_code_used_by_the_next_process(page: Path) -> None:
    fresh = _render(page)
    assert fresh == "<li>&lt;a&gt;</li>\n<li>乙</li>\nOK"
    [kept] = _kept(page.parent / "cache")
    # What the next environment runs is the kept code: another template's code put in its place is what it gets,
    # as long as its source's checksum is the one Jinja expects (so only a template of the same source is reused).
    env = _env(page)
    code = env.compile(SOURCE.replace("upper", "lower"), "page.j2", str(page / "page.j2"))
    bucket = env.bytecode_cache.get_bucket(env, "page.j2", str(page / "page.j2"), SOURCE)  # type: ignore[union-attr]
    bucket.code = code
    data = bucket.bytecode_to_string()
    kept.write_bytes(data + hashlib.sha256(data).digest())
    assert _render(page) == "<li>&lt;a&gt;</li>\n<li>乙</li>\nok"


@settings(max_examples=30, deadline=None)
@given(cut=st.integers(0, 400), flip=st.integers(0, 400))
def test_a_damaged_or_cut_short_file_is_compiled_again(tmp_path_factory: pytest.TempPathFactory, cut: int,
                                                      flip: int) -> None:
    root = tmp_path_factory.mktemp("damaged")
    folder = root / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text(SOURCE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GENERATOR_CACHE", str(root / "cache"))
        fresh = _render(folder)
        [kept] = _kept(root / "cache")
        whole = kept.read_bytes()
        damaged = bytearray(whole[:max(len(whole) - cut, 0)])
        if damaged:
            damaged[flip % len(damaged)] ^= 0x5A
        kept.write_bytes(bytes(damaged))
        assert _render(folder) == fresh


def test_a_changed_template_is_compiled_again(page: Path) -> None:
    assert _render(page).endswith("OK")
    (page / "page.j2").write_text(SOURCE.replace("upper", "lower"), encoding="utf-8")
    assert _render(page).endswith("ok")


def test_other_options_are_another_compilation(page: Path) -> None:
    _render(page)
    env = _env(page)
    env.trim_blocks = False  # the same source compiles to other code: its own file
    assert env.get_template("page.j2").render(items=["a"], title="t") == "\n<li>a</li>\n\nT"
    assert len(_kept(page.parent / "cache")) == 2


def test_no_cache_when_off_or_unwritable(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", "off")
    fresh = _render(page)
    assert not (page.parent / "cache").exists()
    blocked = page.parent / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("GENERATOR_CACHE", str(blocked))
    assert _render(page) == fresh
    assert blocked.read_text() == "a file where the cache folder would be"
