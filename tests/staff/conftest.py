"""Fixtures for the staff-tool tests: a private copy of the sample data, and real spreadsheet files."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import copy_sample


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of the sample data/ and content/ (it validates clean)."""
    return copy_sample(tmp_path / "repo")
