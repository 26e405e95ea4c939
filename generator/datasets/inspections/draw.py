"""The 双随机 draw: which institutions a plan picks, reproducible by anyone from the published seed.

Each institution of the population gets the key sha256("<seed>:<institution id>") in hex; the `size` smallest keys
are drawn. Nothing else (no order of rows, no random state of this program) decides, so a citizen can recompute
the draw with the snippet shown on the plan's page (SNIPPET) and get the same institutions.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import date

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
    return SNIPPET.format(seed=_quoted(seed), ids=ids, size=size)


# --- the seed: its commitment and how many values it could take --------------------------------------------

#: What a plan's page shows anyone to check a revealed seed against the commitment published before the draw.
COMMITMENT_SNIPPET = """import hashlib
print(hashlib.sha256("{seed}".encode("utf-8")).hexdigest() == "{commitment}")"""
#: A seed of at most 10^WEAK_DIGITS possible values (the draw day not counted) can be tried out value by value.
WEAK_DIGITS = 6


def commitment(seed: str) -> str:
    """The commitment to a seed: the SHA-256 of its UTF-8 text, as 64 lowercase hex digits."""
    return hashlib.sha256(seed.encode()).hexdigest()


def commitment_snippet(seed: str, digest: str) -> str:
    """Two lines that print True when the seed is the one committed to."""
    return COMMITMENT_SNIPPET.format(seed=_quoted(seed), commitment=digest)


def _quoted(seed: str) -> str:
    return seed.replace("\\", "\\\\").replace('"', '\\"')


def _day_forms(day: date) -> list[str]:
    """The draw day as seeds spell it, longest first: 20251020, 2025-10-20, 2025年10月20日, 251020 ... then the
    year and the month-day (predictable parts of a seed, worth nothing)."""
    y, m, d = day.year, day.month, day.day
    forms = {f"{y}{sep}{mm}{sep}{dd}" for sep in ("", "-", "/", ".", "_") for mm in (f"{m:02d}", str(m))
             for dd in (f"{d:02d}", str(d))}
    forms |= {f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{y % 100:02d}{m:02d}{d:02d}"}
    return [*sorted(forms, key=len, reverse=True), str(y), f"{m:02d}{d:02d}"]


def seed_strength(seed: str, day: date) -> float:
    """About how many values a seed of this form could take, as a power of ten: the draw day (in any usual spelling)
    counts for nothing; each digit 10 values, each hex digit 16, each other ASCII letter 36 (62 when both cases are
    used); words and punctuation nothing (they are guessed, not drawn). An estimate from above for lottery numbers."""
    text = seed
    for form in _day_forms(day):
        text = text.replace(form, " ")
    chars = [c for c in text if c.isascii() and c.isalnum()]
    if not chars:
        return 0.0
    if all(c.isdigit() for c in chars):
        base = 10
    elif all(c in "0123456789abcdefABCDEF" for c in chars):
        base = 16
    else:
        base = 62 if any(c.islower() for c in chars) and any(c.isupper() for c in chars) else 36
    return len(chars) * math.log10(base)
