"""Values computed once: per catalogue or public view, kept on that object (`memo`); and the readings of a text that
depend on nothing but the text and what the key names, kept by those for the next validation in the same process
(`Kept`: the preview's next build, a staff command that checks before and after, the tests)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
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
