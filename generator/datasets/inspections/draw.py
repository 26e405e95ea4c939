"""The 双随机 draw: which institutions a plan picks, reproducible by anyone from the published seed.

Each institution of the population gets the key sha256("<seed>:<institution id>") in hex; the `size` smallest keys
are drawn. Nothing else (no order of rows, no random state of this program) decides, so a citizen can recompute
the draw with the snippet shown on the plan's page (SNIPPET) and get the same institutions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

#: What a plan's page shows anyone to recompute its draw (Python 3, nothing to install): six lines.
SNIPPET = """import hashlib
seed = "{seed}"
ids = [{ids}]
key = lambda i: hashlib.sha256(f"{{seed}}:{{i}}".encode("utf-8")).hexdigest()
drawn = sorted(ids, key=key)[:{size}]
print(drawn)"""


def draw_key(seed: str, institution_id: str) -> str:
    """An institution's key in a draw: the SHA-256 of `seed:id` (UTF-8), as 64 hex digits."""
    return hashlib.sha256(f"{seed}:{institution_id}".encode()).hexdigest()


def draw(seed: str, population: Iterable[str], size: int) -> list[str]:
    """The `size` ids of `population` with the smallest keys, smallest first (ties, never met in practice, by id)."""
    return sorted(population, key=lambda i: (draw_key(seed, i), i))[:size]


def snippet(seed: str, population: list[str], size: int) -> str:
    """The six lines a plan's page shows, filled with its seed, its population (by id) and its size."""
    ids = ", ".join(f'"{i}"' for i in population)
    return SNIPPET.format(seed=seed.replace("\\", "\\\\").replace('"', '\\"'), ids=ids, size=size)
