"""Zero-width characters by class: whichever one (space, joiners, word joiner, a BOM inside the text), wherever it is
pasted (any position of a staff Markdown line, any position of a CSV text cell), the validator reports exactly one
located `control-character` there, and the sample without it stays clean of that code."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.helpers import copy_sample, found, set_cells

ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
ROW = "汾教科罚决字〔2023〕第6号"
FACTS = "该中心未取得办学许可证擅自开展学科类培训。"
EXAMPLES = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("invisible"))
    assert not [f for f in found(root) if f[3] == "control-character"]
    return root


@EXAMPLES
@given(char=st.sampled_from(ZERO_WIDTH), data=st.data())
def test_a_zero_width_character_anywhere_in_a_markdown_line_is_located(sample: Path, char: str,
                                                                       data: st.DataObject) -> None:
    path = sample / "content" / "about.md"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("---")][2:]  # past front matter
    i = data.draw(st.sampled_from(body), label="line")
    at = data.draw(st.integers(0, len(lines[i])), label="position")
    lines[i] = lines[i][:at] + char + lines[i][at:]
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        hits = [f for f in found(sample) if f[3] == "control-character"]
    finally:
        path.write_text(text, encoding="utf-8")
    assert hits == [("content/about.md", i + 1, at + 1, "control-character")]


@EXAMPLES
@given(char=st.sampled_from(ZERO_WIDTH), at=st.integers(0, len(FACTS)))
def test_a_zero_width_character_anywhere_in_a_csv_cell_is_located(sample: Path, char: str, at: int) -> None:
    path = sample / "data" / "penalties.csv"
    text = path.read_text(encoding="utf-8")
    try:
        set_cells(sample, "penalties", ROW, violation_facts=FACTS[:at] + char + FACTS[at:])
        hits = [f for f in found(sample) if f[3] == "control-character"]
        # the row of that decision, at its violation_facts cell
        line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if row.startswith(ROW))
        header = text.split("\n", 1)[0].split(",")
    finally:
        path.write_text(text, encoding="utf-8")
    assert hits == [("data/penalties.csv", line, header.index("violation_facts") + 1, "control-character")]
