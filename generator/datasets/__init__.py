"""Registry stage: every dataset family, collected; one module or folder per family declares all of it.

A small family is one module (matters.py, officers.py). A larger one is a folder: `__init__.py` declares its
datasets and publication, `checks.py` its rules, `pages.py` its list and record pages, search entries, feed and
rows (models stay in generator/schema/, record templates in generator/templates/records/). Add a family beside
these and list it in FAMILIES; the order is the order of downloads. tests/site/test_registry_contract.py then
says, in red, what the new family still lacks.
"""

from __future__ import annotations

from . import decisions, inspections, institutions, matters, officers, policies, responsibilities, reviews
from .base import Dataset, RecordCheck

FAMILIES = (matters, officers, institutions, decisions, inspections, reviews, responsibilities, policies)

DATASETS: tuple[Dataset, ...] = tuple(ds for family in FAMILIES for ds in family.DATASETS)

BY_NAME: dict[str, Dataset] = {ds.name: ds for ds in DATASETS}

__all__ = ["BY_NAME", "DATASETS", "FAMILIES", "Dataset", "RecordCheck"]
