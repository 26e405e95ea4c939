"""Registry stage: every dataset family, collected; one module or folder per family declares all of it.

A small family is one module (matters.py, officers.py). A larger one is a folder: `__init__.py` declares its
datasets and publication, `checks.py` its rules, `pages.py` its list and record pages, search entries, feed and
rows (models stay in generator/schema/, record templates in generator/templates/records/). Add a family beside
these and list it in FAMILIES; the order is the order of downloads. tests/site/test_registry_contract.py then
says, in red, what the new family still lacks.

The stages never import this package: validate, build and the commands hand REGISTRY down (on the catalogue).
"""

from __future__ import annotations

from ..model import Dataset, Publication, RecordCheck, Registry
from . import decisions, inspections, institutions, matters, officers, policies, responsibilities, reviews

FAMILIES = (matters, officers, institutions, decisions, inspections, reviews, responsibilities, policies)

REGISTRY = Registry.of(FAMILIES)

DATASETS: tuple[Dataset, ...] = REGISTRY.datasets

BY_NAME: dict[str, Dataset] = REGISTRY.by_name

PUBLICATIONS: dict[str, Publication] = REGISTRY.publication

__all__ = ["BY_NAME", "DATASETS", "FAMILIES", "PUBLICATIONS", "REGISTRY", "Dataset", "Publication", "RecordCheck",
           "Registry"]
