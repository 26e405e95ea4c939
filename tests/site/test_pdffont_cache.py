"""The cut CJK font is kept on disk and reused: the same bytes as a fresh cut, a damaged file cut again, no cache
when asked for none or when it cannot be written — the PDFs never depend on the cache, only their build's time."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator import memo
from generator.render import pdffont

pytestmark = pytest.mark.skipif(not pdffont.font_installed(), reason="fonts-noto-cjk is not installed")

TEXTS = ["汾川县教育科技局", "政府信息公开申请表 2026"]


def _kept(folder: Path) -> list[Path]:
    return sorted((folder / "fonts").glob("*.bin")) if (folder / "fonts").is_dir() else []


def test_a_cut_is_kept_and_reused_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path))
    first = pdffont.font_bytes(TEXTS)
    [kept] = _kept(tmp_path)
    assert first == pdffont._cut(sorted({ord(c) for t in TEXTS for c in t if not c.isspace()}))
    assert {chr(u) for u in TTFont(io.BytesIO(first)).getBestCmap()} >= set("汾川县申请表2026")
    # What is read back is the kept file: a valid file put in its place is what the next build gets.
    other = pdffont.font_bytes(["别的字"])
    [_, _] = _kept(tmp_path)
    head = kept.read_bytes()[:-32 - len(first)]  # the key the file is kept by, as memo.on_disk writes it
    kept.write_bytes(head + other + hashlib.sha256(head + other).digest())
    assert pdffont.font_bytes(TEXTS) == other
    # Other characters, or spaces kept, are another cut.
    assert pdffont.font_bytes(TEXTS, spaces=True) != other
    assert len(_kept(tmp_path)) == 3


def test_a_damaged_or_cut_short_file_is_cut_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path))
    fresh = pdffont.font_bytes(TEXTS)
    [kept] = _kept(tmp_path)
    whole = kept.read_bytes()
    for damaged in (whole[:len(whole) // 2], whole[:100] + bytes([whole[100] ^ 1]) + whole[101:], b""):
        kept.write_bytes(damaged)
        assert pdffont.font_bytes(TEXTS) == fresh
        assert kept.read_bytes() == whole  # and written again, whole


def test_no_cache_when_off_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", "off")
    assert memo.cache_folder("fonts") is None
    fresh = pdffont.font_bytes(TEXTS)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("GENERATOR_CACHE", str(blocked))
    assert pdffont.font_bytes(TEXTS) == fresh
    assert blocked.read_text() == "a file where the cache folder would be"
    assert [p.name for p in tmp_path.iterdir()] == ["blocked"]  # no half-written file left beside it
