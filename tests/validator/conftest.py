"""Fixtures for the validator tests: every test breaks its own copy of the sample data (which validates clean)."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import copy_sample


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of the sample data/ and content/."""
    return copy_sample(tmp_path / "repo")
