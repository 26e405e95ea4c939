"""Numbers of decisions that left the site: search says so instead of finding nothing.

Only the decision number and the page that explains its absence are listed, never the party: a number may be
cited after its publicity period (a court, a journalist), a party's name may not be looked up by it.
"""

from __future__ import annotations

import json

from ..model import View
from .recordindex import FOLDER, normalise

#: The record index folder's files of numbers no longer public, one per last two digits of the number (the browser
#: fetches the one its query ends in, only when a number query found nothing): a province's list is hundreds of KB.
GONE_FOLDER = f"{FOLDER}/gone"


def shard_of(key: str) -> str | None:
    """The last two digits of a normalised number (the same in site.js): a number and its endings share them."""
    digits = "".join(c for c in key if c.isascii() and c.isdigit())
    return digits[-2:].rjust(2, "0") if digits else None


def gone_numbers(view: View) -> dict[str, str]:
    """search-index/gone/<two digits>.json: {normalised number: [page URL, why it is not public]}, from what each
    publication says left the site (its `gone`)."""
    numbers: dict[str, list[str]] = {}
    for publication in view.catalog.registry.published(view.catalog):
        for number, url, why in publication.gone(view) if publication.gone else ():
            numbers[normalise(number)] = [url, why]
    shards: dict[str, dict[str, list[str]]] = {f"{n:02d}": {} for n in range(100)}
    for key, value in sorted(numbers.items()):
        shard = shard_of(key)
        if shard is not None:
            shards[shard][key] = value
    return {f"{GONE_FOLDER}/{digit}.json": json.dumps(part, ensure_ascii=False, separators=(",", ":"))
            for digit, part in shards.items()}
