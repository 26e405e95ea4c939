"""Values computed once per catalogue or public view, kept on that object (no module-level caches)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def memo(owner: Any, key: str, make: Callable[[], T]) -> T:
    """What a family computes once per catalogue or public view (indexes, draws, page views), kept on that object:
    rules run once per record and pages once per record, so what they look up is built once, here."""
    store: dict[str, Any] = owner.__dict__.setdefault("_memo", {})
    if key not in store:
        store[key] = make()
    return store[key]  # type: ignore[no-any-return]
