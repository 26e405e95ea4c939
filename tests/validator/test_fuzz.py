"""Any input, however broken, ends in problem lines, never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.helpers import copy_sample, found

from generator.problems import CODES, render
from generator.validate import validate

DATA_FILES = ["data/site.yml", "data/enforcement_matters.yaml", "data/enforcement_officers.csv",
              "data/institutions.csv", "data/institution_events.csv", "data/penalties.csv", "data/licenses.csv",
              "content/reports/2021.md"]
ALL_FILES = [*DATA_FILES, "content/about.md"]
# What breaks structure in CSV, YAML and front matter, plus values that once crashed a check.
TOKENS = [",", '"', ":", ": ", "- ", "\n", "\r", "\t", "[", "]", "{", "}", "&a ", "*a", "---\n", "'", "#", "|", "? ",
          "!!str ", "\x00", "\ufeff", "\u2028", "9999-12-31", "0001-01-01", "sNaN", "-1", "00000000000000000X", "  "]
FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the sample for a whole module; every example restores the file it broke."""
    yield copy_sample(tmp_path_factory.mktemp("fuzz") / "repo")


def _check(root: Path, must_complain: bool) -> None:
    outcome = validate(root)  # must not raise
    if must_complain:
        assert outcome.problems
    for p in outcome.problems:
        assert p.code in CODES and p.line >= 1 and p.col >= 1 and (root / p.path).resolve().is_relative_to(root)
    for fmt in ("text", "github", "json"):
        render(outcome.problems, fmt, outcome.files)


def _with(root: Path, rel: str, content: bytes, must_complain: bool) -> None:
    path = root / rel
    original = path.read_bytes()
    try:
        path.write_bytes(content)
        _check(root, must_complain)
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("rel", ALL_FILES)
@FAST
@given(junk=st.binary(max_size=600))
def test_random_bytes(shared: Path, rel: str, junk: bytes) -> None:
    _with(shared, rel, junk, must_complain=rel in DATA_FILES)


@pytest.mark.parametrize("rel", ALL_FILES)
@FAST
@given(data=st.data())
def test_garbled_text(shared: Path, rel: str, data: st.DataObject) -> None:
    text = (shared / rel).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 40))
        insert = data.draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)))
        text = text[:at] + insert + text[at + cut:]
    _with(shared, rel, text.encode("utf-8", "surrogatepass"), must_complain=False)


@pytest.mark.parametrize("rel", ALL_FILES)
@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf", bytes(range(256)) * 4, "中文".encode("utf-16")])
def test_empty_and_binary_files(root: Path, rel: str, content: bytes) -> None:
    (root / rel).write_bytes(content)
    _check(root, must_complain=rel in DATA_FILES)


@pytest.mark.parametrize("rel", ALL_FILES)
def test_directory_where_a_file_should_be(root: Path, rel: str) -> None:
    (root / rel).unlink()
    (root / rel).mkdir()
    (root / rel / "inside.txt").write_text("x\n", encoding="utf-8")
    _check(root, must_complain=rel.startswith("data/"))


@pytest.mark.parametrize("rel", ["data", "content", "content/reports"])
def test_file_where_a_directory_should_be(root: Path, rel: str) -> None:
    shutil.rmtree(root / rel)
    (root / rel).write_text("这里应该是一个文件夹\n", encoding="utf-8")
    _check(root, must_complain=rel == "data")


def test_empty_root(tmp_path: Path) -> None:
    _check(tmp_path, must_complain=True)


def test_symlinks_dangling_and_looping(root: Path) -> None:
    (root / "data/dangling.csv").symlink_to(root / "nowhere.csv")
    (root / "content/loop").symlink_to(root / "content")
    assert found(root) == []


@pytest.mark.parametrize(("rel", "text"), [
    ("data/site.yml", "- bureau\n- site\n"),
    ("data/site.yml", "bureau: [汾川县]\nsite: 网站\npolicy: 3\n"),
    ("data/enforcement_matters.yaml", "matters:\n  code: x\n"),
    ("data/enforcement_matters.yaml", "matters:\n  - [a, b]\n  - code: x\n    basis: 1\n  - {}\n"),
    ("data/enforcement_matters.yaml", "matters: &m\n  - code: x\nagain: *m\n"),
    ("data/enforcement_matters.yaml", "matters:\n" + "  - " * 80 + "x\n"),
    ("content/reports/2021.md", "---\n- year\n- 2021\n---\n"),
    ("content/reports/2021.md", "---\nyear: &y 2021\ntitle: *y\n---\n"),
    ("content/reports/2021.md", "---\n---\n"),
    ("content/reports/2021.md", "---\nyear: 2021\n"),
    ("content/reports/2021.md", "---\nfigures:\n  penalties: {a: [1, {b: 2}]}\n---\n"),
])
def test_wrong_shapes_anchors_and_nesting(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")
    _check(root, must_complain=True)
