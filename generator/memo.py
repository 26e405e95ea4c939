"""Values computed once: per catalogue or public view, kept on that object (`memo`); the readings of a text that
depend on nothing but the text and what the key names, kept by those for the next validation in the same process
(`Kept`: the preview's next build, a staff command that checks before and after, the tests); and the bytes a build
makes slowly from what it spells out in full, kept on disk for the next build (`on_disk`: the site's PDFs)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def memo(owner: Any, key: str, make: Callable[[], T]) -> T:
    """What a family computes once per catalogue or public view (indexes, draws, page views), kept on that object:
    rules run once per record and pages once per record, so what they look up is built once, here."""
    store: dict[str, Any] = owner.__dict__.setdefault("_memo", {})
    if key not in store:
        store[key] = make()
    return store[key]  # type: ignore[no-any-return]


class Kept(Generic[T]):
    """What a pure reading gave, kept by its key: everything the reading depends on, the whole text included (a
    dictionary compares the text itself on a hit, never a digest that two texts could share). The most recently
    used are kept, at most `most` characters of text in all and a tenth of that for any one: a larger text (a
    province's table) is read afresh each time, so a long-running preview holds no more than this.

    The values must be immutable (tuples, frozen records and problems): every caller is given the same objects.
    """

    def __init__(self, most: int) -> None:
        self._most = most
        self._kept: OrderedDict[Hashable, tuple[T, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # the preview's server thread and its watcher may validate at once

    def get(self, key: Hashable, size: int, make: Callable[[], T]) -> T:
        """The value kept for `key`, else make() (kept when `size`, the characters of its text, is small enough)."""
        found = self.find(key)
        if found is not None:
            return found
        value = make()
        self.put(key, value, size)
        return value

    def find(self, key: Hashable) -> T | None:
        """The value kept for `key`, or None (for a reading that is handed out as it goes: see `put`)."""
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            self._kept.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: T, size: int) -> None:
        """Keep `value`, the whole of a reading of `size` characters, unless it is over a tenth of the bound; the
        oldest go until the rest fit."""
        if size > self._most // 10:
            return
        with self._lock:
            if key not in self._kept:
                self._kept[key] = (value, size)
                self._size += size
            while self._size > self._most:
                self._size -= self._kept.popitem(last=False)[1][1]

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._size = 0


# --- kept on disk -----------------------------------------------------------------------------------------------


def cache_folder(kind: str) -> Path | None:
    """Where a `kind` of kept work (cut fonts, compiled templates, the site's PDFs) is kept: $GENERATOR_CACHE, else
    the user's cache folder; GENERATOR_CACHE=off for none."""
    asked = os.environ.get("GENERATOR_CACHE", "")
    if asked == "off":
        return None
    if asked:
        return Path(asked) / kind
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "transparency-publisher" / kind


#: A kept file not used for this long is removed (the posters of each day, a cut of names no longer listed, the
#: templates of an older version): a daily rebuild's cache stays at about two weeks of its work.
UNUSED_DAYS = 14


def keep(cached: Path, data: bytes) -> None:
    """Written whole or not at all (a build running beside this one never reads half a file); a cache that cannot
    be written is no cache, and the build goes on. The first write of a process into a folder removes the files in
    it unused for UNUSED_DAYS."""
    temp = None
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        _tidy(str(cached.parent))
        fd, temp = tempfile.mkstemp(dir=cached.parent, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, cached)
    except OSError:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


@cache
def _tidy(folder: str) -> None:
    """Remove the files of `folder` not used (written or read back: see used) for UNUSED_DAYS; once a process."""
    old = time.time() - UNUSED_DAYS * 86400
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < old:
                    os.unlink(entry.path)


def used(cached: Path) -> None:
    """Mark a kept file as read back, so tidying keeps it."""
    with contextlib.suppress(OSError):
        os.utime(cached)


def on_disk(kind: str, key: str, make: Callable[[], bytes]) -> bytes:
    """What `make` returns, kept in cache_folder(kind) by `key` for the next build. `make` must be a pure function of
    what `key` spells out in full (every value it draws, the versions of the libraries it draws with and
    code_stamp()): the file holds the key itself, which must match character for character (never only a digest),
    then the bytes, then the SHA-256 of both, so a file that is damaged, cut short or made for another key is made
    again. A cache that cannot be read or written is no cache: the bytes are the same, only slower."""
    folder = cache_folder(kind)
    if folder is None:
        return make()
    spelled = key.encode()
    head = len(spelled).to_bytes(8, "big") + spelled
    path = folder / f"{hashlib.sha256(spelled).hexdigest()[:32]}.bin"
    with contextlib.suppress(OSError):
        kept = path.read_bytes()
        if kept.startswith(head) and len(kept) >= len(head) + 32 and \
                hashlib.sha256(kept[:-32]).digest() == kept[-32:]:
            used(path)
            return kept[len(head):-32]
    data = make()
    whole = head + data
    keep(path, whole + hashlib.sha256(whole).digest())
    return data


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The SHA-256 of every source file of the generator (read once a process): part of an on_disk key, so a change
    to any code that could draw differently makes everything kept on disk again."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
