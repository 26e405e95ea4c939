"""What a test run makes once and every test (and every pytest-xdist worker) only reads: a site built from
the sample, a synthetic county. The first worker that asks makes it under a file lock; the others wait."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that every worker sees: pytest-xdist gives each worker its own base temp
    folder inside the run's, so the workers share its parent; a run without workers uses its own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `make(folder)` once per test run, by whichever worker asks first; the
    others wait for it and get the same folder. Only for what tests read: a test that changes a tree copies it
    first. A failed `make` is tried again by the next worker that asks (and fails there the same way)."""
    shared = shared_folder(tmp_path_factory)
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder
