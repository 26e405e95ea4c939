"""Output places for the staff-command tests: a byte-exact picture of a folder tree, and a real git work tree."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path


def snapshot(base: Path) -> dict[str, str]:
    """Every entry under `base` (itself included) as kind + content hash or link target, links never followed and
    pipes never opened: two equal snapshots mean nothing was written, replaced or removed."""
    seen: dict[str, str] = {}
    for folder, dirs, files in os.walk(base):
        for name in [".", *dirs, *files] if folder == str(base) else [*dirs, *files]:
            path = Path(folder) / name
            mode = os.lstat(path).st_mode
            rel = os.path.relpath(path, base)
            if stat.S_ISLNK(mode):
                seen[rel] = "link " + os.readlink(path)
            elif stat.S_ISREG(mode):
                seen[rel] = "file " + hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                seen[rel] = f"mode {stat.S_IFMT(mode):o}"
    return seen


def git_init(folder: Path) -> Path:
    """Make `folder` a git work tree (as a clone of the data repository is)."""
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder
