"""An attachment read again is not parsed again (privacy/attachments._READ, a memo.Kept), and what is given again
is what reading finds: the same pieces, then the same reasons, for whole files and damaged ones of every type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.documents import rich_attachments

from generator.memo import Kept
from generator.privacy import attachments
from generator.privacy.attachments import Unchecked
from generator.privacy.documents.base import MIB

ATTACHMENTS = rich_attachments()

Read = tuple[list[attachments.Piece], type | None, list[tuple[str, str]]]


def read(path: Path) -> Read:
    """Every piece, then the exception's type and reasons (None, [] when the file was read whole)."""
    found: list[attachments.Piece] = []
    try:
        for piece in attachments.pieces(path) or ():
            found.append(piece)
    except Unchecked as exc:
        return found, type(exc), exc.reasons
    return found, None, []


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """An empty memory of reads, and the name of each type's reader each time it parses a file."""
    monkeypatch.setattr(attachments, "_READ", Kept(16 * MIB))
    calls: list[str] = []
    for suffix, reader in list(attachments.READERS.items()):
        def parsing(data: bytes, reading: object, where: str, reader=reader, suffix=suffix) -> object:
            calls.append(suffix)
            return reader(data, reading, where)
        monkeypatch.setitem(attachments.READERS, suffix, parsing)
    yield calls


def damaged(data: st.DataObject, raw: bytes) -> bytes:
    out = bytearray(raw)
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, max(len(out) - 1, 0)))
        out[at:at + 1] = bytes([data.draw(st.integers(0, 255))])
    if data.draw(st.booleans()):
        out = out[:data.draw(st.integers(0, len(out)))]
    return bytes(out)


@pytest.mark.parametrize("rel", sorted(ATTACHMENTS))
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_second_read_gives_what_the_first_found_without_parsing(tmp_path: Path, counted: list[str], rel: str,
                                                                   data: st.DataObject) -> None:
    path = tmp_path / Path(rel).name
    path.write_bytes(damaged(data, ATTACHMENTS[rel]))
    attachments._READ.clear()
    first = read(path)
    parsed = len(counted)
    assert parsed >= 1
    again = read(path)
    assert again == first  # pieces, the type of the ending (Refused, Unchecked or none) and its reasons
    assert len(counted) == parsed, "the same bytes were parsed again"
    other = tmp_path / ("copy" + path.suffix)
    other.write_bytes(path.read_bytes())  # a copy elsewhere (the built site's) is the same bytes: not parsed again
    assert read(other) == first and len(counted) == parsed


def test_changed_bytes_or_another_type_are_read_afresh(tmp_path: Path, counted: list[str]) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(ATTACHMENTS["content/附件.pdf"])
    first = read(pdf)
    assert first[1] is None and any("Second page" in text for *_, text in first[0])
    pdf.write_bytes(ATTACHMENTS["content/附件.pdf"][:-200])  # cut short: read again, and what it says now
    assert read(pdf) != first and counted.count(".pdf") == 2
    book = ATTACHMENTS["content/附件.xlsx"]
    (tmp_path / "b.xlsx").write_bytes(book)
    (tmp_path / "b.zip").write_bytes(book)  # the same bytes as another type are another reading
    assert read(tmp_path / "b.xlsx") != read(tmp_path / "b.zip")
    assert counted.count(".xlsx") == 1 and counted.count(".zip") == 1


def test_a_read_left_unfinished_is_not_kept(tmp_path: Path, counted: list[str]) -> None:
    path = tmp_path / "a.pptx"
    path.write_bytes(ATTACHMENTS["content/附件.pptx"])
    found = attachments.pieces(path)
    assert found is not None
    next(iter(found))
    found.close()  # the caller stopped after a piece: what it did not read must not be given as all there is
    whole = read(path)
    assert len(whole[0]) > 1 and counted.count(".pptx") == 2


def test_the_memory_is_bounded_by_the_text_it_holds(tmp_path: Path, counted: list[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "one.pdf").write_bytes(ATTACHMENTS["content/附件.pdf"])
    one = attachments._size(read(tmp_path / "one.pdf")[0])
    monkeypatch.setattr(attachments, "_READ", Kept(10 * one))  # room for ten such files' text
    for n in range(30):
        path = tmp_path / f"{n}.pdf"
        path.write_bytes(ATTACHMENTS["content/附件.pdf"] + f"\n% {n}\n".encode())  # other bytes, same text
        read(path)
    kept = attachments._READ._kept
    held = sum(attachments._size(found) for (found, _), _size in kept.values())
    assert attachments._READ._size == held <= 10 * one and 0 < len(kept) <= 10
