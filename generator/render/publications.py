"""Render stage: how each dataset appears on the public site, collected from the registry's families.

Each family module under generator/datasets/ declares its Publication next to its Dataset; this module only
gathers them, in the order of the datasets (downloads follow it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..datasets import DATASETS, FAMILIES
from ..datasets.base import Publication

if TYPE_CHECKING:
    from .views import PublicView

_DECLARED = {p.dataset: p for family in FAMILIES for p in family.PUBLICATIONS}
PUBLICATIONS: dict[str, Publication] = {ds.name: _DECLARED[ds.name] for ds in DATASETS if ds.name in _DECLARED}



def published(view: PublicView) -> list[Publication]:
    """The publications of the datasets this bureau keeps: an optional file it does not have puts nothing on the
    site (no tab, card, page, download or feed title that would read as "none happened")."""
    return [p for p in PUBLICATIONS.values() if view.catalog.kept(p.dataset)]


#: Datasets whose git history is read (every published one: /changes/ lists what changed in each).
HISTORY_DATASETS = tuple(PUBLICATIONS)

__all__ = ["HISTORY_DATASETS", "PUBLICATIONS", "Publication", "published"]
