"""Registry stage: the 行政执法事项清单 family (data/enforcement_matters.yaml)."""

from __future__ import annotations

from ..schema.matters import Matter
from .base import Dataset

MATTERS = Dataset("enforcement_matters", "行政执法事项清单", "data/enforcement_matters.yaml", Matter, "code",
                  list_key="matters", label_field="name", description="本机关依法实施的行政执法事项、实施依据与承办机构。")

DATASETS = (MATTERS,)
