"""Registry stage: every dataset family, collected; one module per family declares all of it.

Add a family as a module beside these and list it in FAMILIES; the order is the order of downloads.
"""

from __future__ import annotations

from . import decisions, inspections, institutions, matters, officers, policies, responsibilities, reviews
from .base import Dataset, RecordCheck

FAMILIES = (matters, officers, institutions, decisions, inspections, reviews, responsibilities, policies)

DATASETS: tuple[Dataset, ...] = tuple(ds for family in FAMILIES for ds in family.DATASETS)

BY_NAME: dict[str, Dataset] = {ds.name: ds for ds in DATASETS}

__all__ = ["BY_NAME", "DATASETS", "FAMILIES", "Dataset", "RecordCheck"]
