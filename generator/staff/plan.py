"""Staff import, the plan: what an import would write, or why it writes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..datasets import Dataset
from ..problems import ERROR, Problem
from .merge import Change


@dataclass
class Row:
    line: int
    values: dict[str, str]
    cols: dict[str, int]


@dataclass
class Plan:
    """What an import would do: problems (none: safe to write), the new file text, counts, notices and changes."""

    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None
    added: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Located notices: columns left out, cells read in a way the clerk should know of, codes filled in."""
    changes: list[Change] = field(default_factory=list)
    shown: str = ""
    """The sheet's name as problems give it."""

    @property
    def ok(self) -> bool:
        return self.text is not None and not any(p.severity == ERROR for p in self.problems)
