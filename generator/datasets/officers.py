"""Registry stage: the 执法人员名单 family (data/enforcement_officers.csv)."""

from __future__ import annotations

from ..schema.officers import Officer
from .base import Dataset

OFFICERS = Dataset("enforcement_officers", "执法人员名单", "data/enforcement_officers.csv", Officer, "cert_no",
                   label_field="name", description="持有有效行政执法证件的人员及证号。")

DATASETS = (OFFICERS,)
