"""No code outside generator/datasets/ names a dataset: adding a family is its folder and one line in FAMILIES, so the
stages, the staff tools and the synthetic county learn every dataset from the registry (issue #20)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import generator
from generator.datasets import DATASETS

PACKAGE = Path(generator.__file__).parent
FAMILIES = PACKAGE / "datasets"

#: Literals that are spelled like a dataset but do not name one: (file under generator/, literal) -> why.
NOT_A_DATASET = {
    ("render/downloads.py", "licenses"): "the data package's `licenses` key (Frictionless Data Package: the licence "
                                         "the data is published under), not the 行政许可 dataset",
}


def dataset_literals(source: str, names: frozenset[str]) -> list[tuple[int, str]]:
    """(line, name) of every string constant in `source` that is exactly a dataset's name: a dict key, an argument,
    BY_NAME["..."], a subscript inside an f-string alike (a name inside a longer text is not one)."""
    return sorted((node.lineno, node.value) for node in ast.walk(ast.parse(source))
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names)


def _found() -> Iterator[tuple[str, int, str]]:
    """(file under generator/, line, name) of each dataset name written outside the families."""
    names = frozenset(ds.name for ds in DATASETS)
    for path in sorted(PACKAGE.rglob("*.py")):
        if FAMILIES in path.parents:
            continue
        rel = path.relative_to(PACKAGE).as_posix()
        for line, name in dataset_literals(path.read_text(encoding="utf-8"), names):
            yield rel, line, name


def test_no_code_outside_the_families_names_a_dataset() -> None:
    found = [f"generator/{rel}:{line}: {name!r}" for rel, line, name in _found()
             if (rel, name) not in NOT_A_DATASET]
    assert found == [], "take the dataset from the registry (its declaration says what the code needs)"


def test_every_exception_is_still_needed() -> None:
    seen = {(rel, name) for rel, _line, name in _found()}
    assert sorted(set(NOT_A_DATASET) - seen) == []


def test_a_dataset_name_is_found_however_it_is_written() -> None:
    source = ('table = BY_NAME["penalties"]\n'
              'tables = {"licenses": rows}\n'
              'text = f"{figures[\'institutions\']}件"\n'
              'said = "penalties and licenses"\n'
              'read(root, name="penalties")\n')
    found = dataset_literals(source, frozenset({"penalties", "licenses", "institutions"}))
    assert found == [(1, "penalties"), (2, "licenses"), (3, "institutions"), (5, "penalties")]
