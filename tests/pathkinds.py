"""Every kind of path that may stand where a cache writes (a file, a dangling link, a link to a file, a FIFO, a folder,
a link), and the check that nothing was written through it: shared by the tests of each kept answer on disk."""

from __future__ import annotations

import os
from pathlib import Path

#: Where a folder would be (the first four) and, for a kept file, also a folder or a link where the file goes.
FOLDER_KINDS = ("file", "dangling-link", "link-to-file", "fifo")
FILE_KINDS = ("folder", "link")
OUTSIDE = b"not a cache file"


def outside_file(tmp: Path) -> Path:
    """A file outside the cache that a link may point to; it must keep its bytes."""
    outside = tmp / "outside"
    outside.write_bytes(OUTSIDE)
    return outside


def put_in_the_way(path: Path, kind: str, tmp: Path) -> None:
    """Make `path` the kind of path `kind` names (its parent exists)."""
    if kind == "file":
        path.write_bytes(b"a file where the folder would be")
    elif kind == "dangling-link":
        path.symlink_to(tmp / "nowhere")
    elif kind in ("link-to-file", "link"):
        path.symlink_to(tmp / "outside")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        raise ValueError(kind)


def assert_nothing_written_through(tmp: Path) -> None:
    """The file outside kept its bytes, nothing was made where a dangling link pointed, no temporary file is left."""
    assert (tmp / "outside").read_bytes() == OUTSIDE
    assert not (tmp / "nowhere").exists()
    assert not list(tmp.rglob("*.part"))
