"""Readings kept for the next validation in the same process (memo.Kept: the tables as read from their text, each
page's Markdown check): whatever was validated before, a validation finds exactly what a process that never
validated anything finds, and a table handed out can be changed without changing the next one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.helpers import copy_sample

from generator.datasets import DATASETS
from generator.memo import Kept
from generator.read import load
from generator.rules import markdown
from generator.validate import validate

#: Every table of the registry and two pages (the Markdown check), each edited in turn.
FILES = [*(ds.path for ds in DATASETS), "content/about.md", "content/reports/2025.md"]
#: What changes a reading: structure, a key, a value, a line's place.
EDITS = [",", '"', "\n", "- ", ": ", "fc-0001", "<script>x</script>", "２０２６－０１－０１", "110105199003071239",
         "\u200b", "*", "|", "# 标题\n", "[x](../x.md)", " "]


def _outcome(root: Path) -> tuple[list[str], dict[str, list[dict[str, object]]]]:
    """What a validation says and the records it read (their values and where each came from)."""
    outcome = validate(root)
    records = {ds.name: [{**r.model_dump(), "at": r.where()} for r in outcome.catalog.records(ds.name)]
               for ds in DATASETS}
    return [p.text() for p in outcome.problems], records


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield copy_sample(tmp_path_factory.mktemp("kept") / "repo")


def _cleared() -> None:
    load._TABLES.clear()
    markdown._PAGES.clear()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_validation_after_any_edits_finds_what_a_fresh_process_finds(shared: Path, data: st.DataObject) -> None:
    """Edits one file after another, validating after each with what the earlier validations kept, then again with
    nothing kept: the same problems, the same records, in the same order. Going back to a text read before gives
    its reading again."""
    originals = {rel: (shared / rel).read_bytes() for rel in FILES}
    try:
        for _ in range(data.draw(st.integers(1, 3))):
            rel = data.draw(st.sampled_from(FILES))
            text = (shared / rel).read_text(encoding="utf-8")
            for _ in range(data.draw(st.integers(1, 3))):
                at = data.draw(st.integers(0, len(text)))
                cut = data.draw(st.integers(0, 12))
                text = text[:at] + data.draw(st.one_of(st.sampled_from(EDITS), st.text(max_size=4))) + text[at + cut:]
            (shared / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
            if data.draw(st.booleans()):  # back to the sample's text: read before, given again
                (shared / rel).write_bytes(originals[rel])
            warm = _outcome(shared)
            _cleared()
            assert _outcome(shared) == warm
    finally:
        for rel, raw in originals.items():
            (shared / rel).write_bytes(raw)


def test_a_table_handed_out_is_the_callers_own(shared: Path) -> None:
    ds = next(ds for ds in DATASETS if ds.name == "institutions")
    first, _ = load.read_table(shared, ds)
    count = len(first.records)
    first.records.clear()
    first.keys.add("changed")
    first.failed = True
    again, _ = load.read_table(shared, ds)
    assert len(again.records) == count and "changed" not in again.keys and not again.failed


def test_the_same_text_under_another_declaration_is_read_afresh(shared: Path) -> None:
    """The key is the whole declaration a reading depends on: another model, list key or title is another reading
    of the same text."""
    matters = next(ds for ds in DATASETS if ds.name == "enforcement_matters")
    plans = next(ds for ds in DATASETS if ds.name == "inspection_plans")
    institutions = next(ds for ds in DATASETS if ds.name == "institutions")
    assert load.read_table(shared, institutions)[1] == []
    assert load.read_table(shared, dataclasses.replace(institutions, key=None))[0].keys == set()  # another key field
    as_plans = load.read_table(shared, dataclasses.replace(plans, path=institutions.path, title=institutions.title,
                                                          key=institutions.key))[1]
    assert [p.code for p in as_plans][:1] == ["csv-header"]  # the institutions' header is not the plans'
    assert load.read_table(shared, matters)[1] == []
    assert [p.code for p in load.read_table(shared, dataclasses.replace(matters, list_key="items"))[1]] == [
        "missing-field"]  # the same title, another list key
    for title in ("另一名称", "又一名称"):
        other = dataclasses.replace(matters, list_key="items", title=title)
        messages = [p.message for p in load.read_table(shared, other)[1]]
        assert any(f"列出{title}" in m for m in messages), messages


def test_the_bound_holds_and_the_oldest_goes_first() -> None:
    kept: Kept[str] = Kept(100)
    made: list[str] = []

    def make(value: str) -> str:
        made.append(value)
        return value

    for n in range(12):
        assert kept.get(("t", n), 10, lambda n=n: make(f"v{n}")) == f"v{n}"
    assert kept._size <= 100
    assert kept.get(("t", 11), 10, lambda: make("again")) == "v11"  # the newest is still kept
    assert kept.get(("t", 0), 10, lambda: make("again")) == "again"  # the oldest went first
    assert kept.get(("big",), 11, lambda: make("big")) == "big"  # over a tenth of the bound: never kept
    assert kept.get(("big",), 11, lambda: make("big2")) == "big2"
    assert made.count("again") == 1


def test_a_reading_that_fails_is_not_kept() -> None:
    kept: Kept[str] = Kept(100)

    def broken() -> str:
        raise RuntimeError("half read")

    with pytest.raises(RuntimeError):
        kept.get(("k",), 1, broken)
    assert kept.get(("k",), 1, lambda: "read") == "read"


def test_two_pages_with_the_same_text_are_each_located_in_their_own_file(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    page = "# 页面\n\n<script>alert(1)</script>\n"
    for rel in ("content/a.md", "content/b.md"):
        (root / rel).write_text(page, encoding="utf-8")
    paths = [p.path for p in validate(root).problems if p.path in ("content/a.md", "content/b.md")]
    assert sorted(set(paths)) == ["content/a.md", "content/b.md"]


def _messages(root: Path, rel: str) -> list[str]:
    return [f"{p.line}:{p.col} {p.code} {p.message}" for p in validate(root).problems if p.path == rel]


def test_a_staff_text_is_read_again_when_the_names_or_the_public_phones_change(tmp_path: Path) -> None:
    """The privacy gate's reading of a text file is kept by the text and by what it looks for: a masked party's
    name is found where its decision now stands, a phone declared public is no longer reported, and the other way
    round."""
    root = copy_sample(tmp_path / "repo")
    page = root / "content/about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n咨询薛晓峰，电话 13912345678。\n", encoding="utf-8")
    first = _messages(root, "content/about.md")
    assert any("person-name-in-text" in m and "data/penalties.csv 第 2 行" in m for m in first), first
    assert any("phone-number" in m for m in first), first
    rows = root / "data/penalties.csv"
    lines = rows.read_text(encoding="utf-8").splitlines(keepends=True)
    rows.write_text("".join([lines[0], lines[3], *lines[1:3], *lines[4:]]), encoding="utf-8")  # row 2 moves to 4
    moved = _messages(root, "content/about.md")
    assert any("data/penalties.csv 第 3 行" in m for m in moved), moved
    assert not any("第 2 行" in m for m in moved), moved
    site = root / "data/site.yml"
    before = site.read_text(encoding="utf-8")
    site.write_text(before.replace("policy:\n", "policy:\n  public_phones:\n    - \"13912345678\"\n", 1),
                    encoding="utf-8")
    assert not any("phone-number" in m for m in _messages(root, "content/about.md"))
    site.write_text(before, encoding="utf-8")
    assert any("phone-number" in m for m in _messages(root, "content/about.md"))
