"""Registry stage: every dataset family, collected; one module or folder per family declares all of it.

Each family is a folder: `__init__.py` declares its datasets and publication, `model.py` its records' fields,
`checks.py` its rules, `codes.py` its problem codes, `pages.py` its list and record pages, search entries, feed and
rows (record templates in generator/templates/records/, or the family's own via render.templates.family_templates).
Add a family beside these and list it in FAMILIES; the order is the order of downloads.
tests/site/test_registry_contract.py then says, in red, what the new family still lacks.

The stages never import this package: validate, build and the commands hand REGISTRY down (on the catalogue).
"""

from __future__ import annotations

from ..model import Dataset, Publication, RecordCheck, Registry
from . import decisions, deputies, inspections, institutions, matters, officers, policies, responsibilities, reviews
from . import legal_review as legal_review  # its own line: the one above keeps to the line length
from . import procedures as procedures

#: The families in the order of the downloads (in two parts: each line keeps to the line length).
_FIRST = (matters, officers, institutions, decisions, inspections, reviews, responsibilities, procedures, policies)
FAMILIES = (*_FIRST, deputies, legal_review)

REGISTRY = Registry.of(FAMILIES)

DATASETS: tuple[Dataset, ...] = REGISTRY.datasets

BY_NAME: dict[str, Dataset] = REGISTRY.by_name

PUBLICATIONS: dict[str, Publication] = REGISTRY.publication

__all__ = ["BY_NAME", "DATASETS", "FAMILIES", "PUBLICATIONS", "REGISTRY", "Dataset", "Publication", "RecordCheck",
           "Registry"]
