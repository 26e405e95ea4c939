"""Foreign keys (Dataset.refs) by class: a referencing cell that differs from an existing key by case, full-width
characters, whitespace, zero-width or look-alike characters or a trailing digit is exactly one located
`unknown-reference` when it names no record and none when it does; an empty cell is missing when required.

"Names a record" as the validator defines it: a CSV cell and a YAML value are stripped of surrounding whitespace
(Python's str.strip: U+3000 and NBSP included) and compared with the keys exactly; a `;`-joined list is split
first and each part stripped. Nothing else is folded (no case, width or Unicode normalisation), so every other
variant names no record. Invisible characters (direction marks, zero-width space, joiners, word joiner, BOM) are
a `control-character` at the cell (a CSV row is
refused outright; a YAML value is still checked, so it is an unknown-reference as well).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_origin

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from validator.helpers import copy_sample

from generator.datasets import BY_NAME, DATASETS
from generator.model import Dataset
from generator.problems import Problem
from generator.validate import validate

#: Every foreign key of the registry (a new family's are tried like the first ones): (dataset, field, target).
REFS = [(ds.name, name, target[0] if isinstance(target, tuple) else target)
        for ds in DATASETS for name, target in ds.refs.items()]

WHITESPACE = (" ", "\t", "\n", "\u3000", "\u00a0", "\u2003")
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
DIRECTION_MARKS = ("\u200e", "\u200f")
LOOK_ALIKES = {
    "-": "\u2010\u2011\u2013\u2212\uff0d\u4e00", "0": "O\u041e\u3007", "1": "lI\u2160", "3": "\u0417",
    "a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440", "x": "\u0445", "y": "\u0443",
    "A": "\u0410", "B": "\u0412", "C": "\u0421", "E": "\u0415", "H": "\u041d", "J": "\u0408", "K": "\u041a",
    "M": "\u041c", "O": "\u041e", "P": "\u0420", "S": "\u0405", "T": "\u0422", "X": "\u0425", "Y": "\u04ae",
    "〔": "[［【(", "〕": "]］】)", "号": "號", "教": "敎",
}


@dataclass(frozen=True)
class Cell:
    """One referencing value in the sample: where it stands and how to rewrite it."""

    dataset: str
    field: str
    line: int
    col: int
    values: tuple[str, ...]
    """The keys it names (one, or a list's parts); () when empty."""
    span: tuple[int, int] = (0, 0)
    """YAML: the value's characters in the file's text."""
    row: int = 0
    """CSV: the row's index in the file's rows (the header is 0)."""
    items: tuple[tuple[int, int], ...] = ()
    """YAML block list: each item's characters in the file's text."""


class Sample:
    """The module's copy of the sample, and what the test needs to know of it before any change."""

    def __init__(self, root: Path, texts: dict[str, str], cells: dict[tuple[str, str], list[Cell]],
                 keys: dict[str, set[str]], clean: dict[str, list[Problem]]):
        self.root = root
        self.texts = texts
        """Each data file's original text, by dataset name."""
        self.cells = cells
        self.keys = keys
        """Every key of each referenced dataset, read from its file here (not through the validator)."""
        self.clean = clean
        """What the validator says of each file of the unchanged sample."""

    def __repr__(self) -> str:  # a failing example names its cell, not the whole sample's text
        return f"Sample({self.root})"


def _csv_cells(ds: Dataset, name: str, text: str) -> Iterator[Cell]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    col, previous = header.index(name), reader.line_num
    for row, cells in enumerate(reader, start=1):
        parts = [p.strip() for p in re.split("[;；]", cells[col]) if p.strip()]
        yield Cell(ds.name, name, previous + 1, col + 1, tuple(parts), row=row)
        previous = reader.line_num


def _yaml_cells(ds: Dataset, name: str, text: str) -> Iterator[Cell]:
    top = yaml.compose(text, Loader=yaml.SafeLoader)
    items = next(v for k, v in top.value if k.value == ds.list_key)
    for item in items.value:
        for k, v in item.value:
            if k.value == name:
                if isinstance(v, yaml.SequenceNode) and v.value:
                    # a list's values stand where its items do (the first one's position: the sample's lists
                    # of references hold one item), each rewritten in place
                    first = v.value[0]
                    yield Cell(ds.name, name, first.start_mark.line + 1, first.start_mark.column + 1,
                               tuple(n.value.strip() for n in v.value if n.value.strip()),
                               items=tuple((n.start_mark.index, n.end_mark.index) for n in v.value))
                    continue
                parts = [n.value for n in v.value] if isinstance(v, yaml.SequenceNode) else [v.value]
                yield Cell(ds.name, name, v.start_mark.line + 1, v.start_mark.column + 1,
                           tuple(p.strip() for p in parts if p and p.strip()),
                           span=(v.start_mark.index, v.end_mark.index))


def _keys(ds: Dataset, text: str) -> set[str]:
    if ds.is_csv:
        return {row[ds.key or ""].strip() for row in csv.DictReader(io.StringIO(text, newline=""))}
    return {str(item[ds.key]) for item in yaml.safe_load(text)[ds.list_key]}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """The sample copied once for the module; every example rewrites one cell and restores the file."""
    root = copy_sample(tmp_path_factory.mktemp("refs") / "repo")
    names = {n for n, _, _ in REFS} | {t for _, _, t in REFS}
    texts = {n: (root / BY_NAME[n].path).read_text(encoding="utf-8") for n in names}
    cells = {(n, f): list((_csv_cells if BY_NAME[n].is_csv else _yaml_cells)(BY_NAME[n], f, texts[n]))
             for n, f, _ in REFS}
    problems = validate(root).problems
    clean = {n: [p for p in problems if p.path == BY_NAME[n].path] for n in names}
    assert not [p for p in problems if p.code == "unknown-reference"], "the sample must refer to existing records"
    return Sample(root, texts, cells, {t: _keys(BY_NAME[t], texts[t]) for _, _, t in REFS}, clean)


def _rewrite(sample: Sample, cell: Cell, parts: list[str]) -> str:
    """The file's text with the cell holding `parts` (a list joined with `;`)."""
    text = sample.texts[cell.dataset]
    if BY_NAME[cell.dataset].is_csv:
        rows = list(csv.reader(io.StringIO(text, newline="")))
        rows[cell.row][rows[0].index(cell.field)] = ";".join(parts)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()
    if cell.items and len(parts) == len(cell.items):
        for (start, end), part in reversed(list(zip(cell.items, parts, strict=True))):
            text = text[:start] + json.dumps(part, ensure_ascii=False) + text[end:]
        return text
    listed = get_origin(BY_NAME[cell.dataset].model.model_fields[cell.field].annotation) is list
    value = json.dumps(parts if listed else "".join(parts), ensure_ascii=False)
    return text[:cell.span[0]] + value + text[cell.span[1]:]


def _validated(sample: Sample, name: str, text: str) -> list[Problem]:
    """Every problem of the sample with dataset `name`'s file holding `text` (the file is restored after)."""
    path = sample.root / BY_NAME[name].path
    try:
        path.write_text(text, encoding="utf-8")
        return validate(sample.root).problems
    finally:
        path.write_text(sample.texts[name], encoding="utf-8")


def _problems(sample: Sample, cell: Cell, text: str) -> list[Problem]:
    """The problems of the cell's file, with the file holding `text`."""
    return [p for p in _validated(sample, cell.dataset, text) if p.path == BY_NAME[cell.dataset].path]


def _positions(base: str, wanted: Any) -> list[int]:
    return [i for i, c in enumerate(base) if wanted(c)]


@st.composite
def variants(draw: st.DrawFn, base: str) -> str:
    """A value that differs from an existing key `base` in one of the ways staff's sheets and pasting produce."""
    kind = draw(st.sampled_from(["case", "full-width", "surrounding", "inner", "zero-width", "direction",
                                 "digit", "look-alike"]))
    inner = st.integers(1, len(base) - 1) if len(base) > 1 else st.just(len(base))
    if kind == "case":
        at = _positions(base, lambda c: c.swapcase() != c)
        assume(at)
        i = draw(st.sampled_from(at))
        return base[:i] + base[i].swapcase() + base[i + 1:]
    if kind == "full-width":
        at = _positions(base, lambda c: "!" <= c <= "~")
        assume(at)
        chosen = set(at) if draw(st.booleans()) else {draw(st.sampled_from(at))}
        return "".join(chr(ord(c) + 0xFEE0) if i in chosen else c for i, c in enumerate(base))
    if kind == "surrounding":
        pad = st.text(st.sampled_from(WHITESPACE), max_size=3)
        before, after = draw(pad), draw(pad)
        assume(before or after)
        return before + base + after
    if kind in ("inner", "zero-width", "direction"):
        char = draw(st.sampled_from({"inner": WHITESPACE, "zero-width": ZERO_WIDTH,
                                     "direction": DIRECTION_MARKS}[kind]))
        i = draw(inner if kind == "inner" else st.integers(0, len(base)))
        return base[:i] + char + base[i:]
    if kind == "digit":
        return base + draw(st.sampled_from("0123456789"))
    at = _positions(base, lambda c: c in LOOK_ALIKES)
    assume(at)
    i = draw(st.sampled_from(at))
    return base[:i] + draw(st.sampled_from(LOOK_ALIKES[base[i]])) + base[i + 1:]


def _said(problems: list[Problem]) -> list[tuple[str, int, str]]:
    return sorted((p.code, p.col, p.field) for p in problems)


def _at(problems: list[Problem], cell: Cell, code: str) -> list[Problem]:
    return [p for p in problems if p.code == code and (p.line, p.col) == (cell.line, cell.col)]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_near_miss_of_a_key_is_one_located_unknown_reference(sample: Sample, data: st.DataObject) -> None:
    name, field, target = data.draw(st.sampled_from(REFS), label="foreign key")
    cell = data.draw(st.sampled_from([c for c in sample.cells[name, field] if c.values]), label="cell")
    i = data.draw(st.integers(0, len(cell.values) - 1), label="part")
    base = cell.values[i]
    variant = data.draw(variants(base), label="variant")
    exists = variant.strip() in sample.keys[target]
    assume(variant.strip() == base or not exists)  # a variant that is another record is not a near miss
    parts = [*cell.values[:i], variant, *cell.values[i + 1:]]
    problems = _problems(sample, cell, _rewrite(sample, cell, parts))
    where = f"{BY_NAME[name].path}:{cell.line}:{cell.col} {field}={variant!r}"
    if any(mark in variant for mark in (*DIRECTION_MARKS, *ZERO_WIDTH)):  # invisible: refused where it is
        assert len(_at(problems, cell, "control-character")) == 1, (where, problems)
        assert len(_at(problems, cell, "unknown-reference")) <= 1, (where, problems)
    elif exists:
        # the stripped value is the one already there (a cell's line break may move later rows' lines)
        assert _said(problems) == _said(sample.clean[name]), (where, problems)
    else:
        found = _at(problems, cell, "unknown-reference")
        assert [p.field for p in found] == [field], (where, problems)
        assert f"「{variant.strip()}」" in found[0].message and "请先在" in found[0].message, where
    # no other record of the file is taken for one that refers to nothing (a cell on the same line may follow)
    assert [p for p in problems if p.code == "unknown-reference" and p.line != cell.line] == [], (where, problems)


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_an_empty_reference_is_missing_when_required_and_nothing_when_optional(sample: Sample,
                                                                                data: st.DataObject) -> None:
    """An empty or blank cell names nothing: no unknown-reference; a required field says it must be filled."""
    name, field, _ = data.draw(st.sampled_from([r for r in REFS if BY_NAME[r[0]].is_csv]), label="foreign key")
    cell = data.draw(st.sampled_from(sample.cells[name, field]), label="cell")
    blank = data.draw(st.text(st.sampled_from(WHITESPACE), max_size=2), label="blank")
    problems = _problems(sample, cell, _rewrite(sample, cell, [blank]))
    where = f"{BY_NAME[name].path}:{cell.line}:{cell.col} {field}={blank!r}"
    assert not [p for p in problems if p.code == "unknown-reference"], (where, problems)
    required = BY_NAME[name].model.model_fields[field].is_required()
    assert len(_at(problems, cell, "missing-field")) == (1 if required else 0), (where, problems)


YAML_REQUIRED = [r[:2] for r in REFS
                 if not BY_NAME[r[0]].is_csv and BY_NAME[r[0]].model.model_fields[r[1]].is_required()]


@pytest.mark.parametrize(("name", "field"), YAML_REQUIRED)
@pytest.mark.parametrize("blank", ['""', "", '"\u3000"'])
def test_an_empty_required_reference_in_yaml_is_missing(sample: Sample, name: str, field: str, blank: str) -> None:
    cell = sample.cells[name, field][0]
    text = sample.texts[name]
    problems = _problems(sample, cell, text[:cell.span[0]] + blank + text[cell.span[1]:])
    # nothing written after 「matter_code: 」: YAML places the empty value where the line ends, one column earlier
    missing = [p for p in problems if p.code == "missing-field" and p.field == field and p.line == cell.line
               and p.col == cell.col - (blank == "")]
    assert len(missing) == 1 and len(problems) == 1, problems


YAML_TARGETS = sorted({target for _, _, target in REFS if not BY_NAME[target].is_csv})


@pytest.mark.parametrize("target", YAML_TARGETS)
def test_a_yaml_key_written_with_surrounding_space_is_still_found(sample: Sample, target: str) -> None:
    """A key pasted with a full-width space after it is the record's key as published (stripped): what refers to it
    must still find it, as it does for a CSV key."""
    ds = BY_NAME[target]
    referenced = {v for name, field, t in REFS if t == target for c in sample.cells[name, field] for v in c.values}
    text = sample.texts[target]
    items = next(v for k, v in yaml.compose(text, Loader=yaml.SafeLoader).value if k.value == ds.list_key)
    key = next(v for item in items.value for k, v in item.value if k.value == ds.key and v.value in referenced)
    padded = text[:key.start_mark.index] + json.dumps(key.value + "\u3000") + text[key.end_mark.index:]
    assert [p for p in _validated(sample, target, padded) if p.code == "unknown-reference"] == []
