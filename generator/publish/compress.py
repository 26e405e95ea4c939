"""Publish stage: a gzip copy beside each of the site's text assets, for servers that send it to browsers that accept
it (nginx `gzip_static on`, docs/deploy.md): compressed once per build, at the highest level, instead of on every
request. Pages are not: there is one per record, and a server compresses them as it sends them (`gzip on`).
Deterministic (no file name, mtime 0): the same site gives the same bytes."""

from __future__ import annotations

import gzip
from pathlib import Path

#: Folders of theme and search assets, and what in them is text.
FOLDERS = ("assets", "pagefind")
TEXT = frozenset({".css", ".js", ".json", ".svg", ".xml", ".txt"})


def precompress(site: Path) -> int:
    """Write x.gz beside every text asset x of `site` (when smaller); returns how many were written."""
    written = 0
    for folder in FOLDERS:
        for path in sorted((site / folder).rglob("*")):
            if path.suffix in TEXT and path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                packed = gzip.compress(data, compresslevel=9, mtime=0)
                if len(packed) < len(data):
                    path.with_name(path.name + ".gz").write_bytes(packed)
                    written += 1
    return written
