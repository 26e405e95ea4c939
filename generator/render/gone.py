"""Numbers of decisions that left the site: search says so instead of finding nothing.

Only the decision number and the page that explains its absence are listed, never the party: a number may be
cited after its publicity period (a court, a journalist), a party's name may not be looked up by it.
"""

from __future__ import annotations

import json

from ..publicity import EXPIRED, REPAIRED, WITHDRAWN
from ..recordindex import FOLDER, normalise
from .views import PublicView

#: The record index folder's file of numbers no longer public (the browser fetches it only for a number query).
GONE_FILE = f"{FOLDER}/gone.json"

_WHY = {EXPIRED: "公示期已满，已按规定撤下", REPAIRED: "已完成信用修复，提前结束公示"}


def gone_numbers(view: PublicView) -> str:
    """{normalised decision number: [page URL, why it is not public]}, sorted, for search-index/gone.json."""
    numbers: dict[str, list[str]] = {}
    for d in view.all_decisions:
        if d.state in _WHY:
            why = _WHY[d.state]
        elif d.state == WITHDRAWN:
            why = f"状态为“{d.record.status}”，不再作为有效决定公示"
        else:
            continue
        numbers[normalise(d.record.decision_no)] = [d.url, why]
    return json.dumps(dict(sorted(numbers.items())), ensure_ascii=False, separators=(",", ":"))
