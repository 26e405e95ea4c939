"""Registry stage: the 双公示 decision family (penalties.csv, licenses.csv), one kind object per decision kind
(kinds.py); this module declares their publications.
"""

from __future__ import annotations

from ...model import ALL, Publication
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .figures import FIGURES as FIGURES  # its annual report figures: the registry collects them
from .kinds import KINDS, LICENSE, LICENSES, PENALTIES, PENALTY, DecisionKind, kind, kind_of
from .pages import (
    decision_endings,
    decision_feed,
    decision_gone,
    decision_list,
    decision_pages,
    decision_rows,
    describe_decision,
)

DATASETS = (PENALTIES, LICENSES)

__all__ = ["DATASETS", "KINDS", "LICENSE", "LICENSES", "PENALTIES", "PENALTY", "PUBLICATIONS", "DecisionKind", "kind",
           "kind_of"]


def _publication(kind: DecisionKind, card: int) -> Publication:
    """A decision kind's publication: the same pages, rows and card, worded and ruled by its kind."""
    name = kind.name
    return Publication(
        name, decision_rows(kind), describe_decision(name), page=f"{name}/", unit="件", duty=f"双公示 · {kind.label}",
        derived=kind.derived, card=card, group="执法公示", nav=kind.label, column=f"{kind.label}公示",
        last_change=lambda view: view.last_change([d.record.published_on for d in view.decisions(name)]),
        list_page=lambda view: decision_list(view, kind), record_parts=4,
        record_pages=lambda view, part=ALL: decision_pages(view, kind, part),
        feed=decision_feed(kind), endings=decision_endings(kind), gone=decision_gone(kind))


PUBLICATIONS = (_publication(PENALTY, card=2), _publication(LICENSE, card=3))
