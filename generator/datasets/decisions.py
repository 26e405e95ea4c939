"""Registry stage: the 双公示 decision family (penalties.csv, licenses.csv), one kind object per decision kind."""

from __future__ import annotations

from ..checks import records as rules
from ..schema.decisions import License, Penalty
from .base import Dataset

PENALTIES = Dataset("penalties", "行政处罚决定", "data/penalties.csv", Penalty, "decision_no", label_field="party_name",
                    checks=(rules.party_identity, rules.person_name_in_text, rules.decision_references,
                            rules.penalty_amounts, rules.penalty_revocation, rules.penalty_status, rules.penalty_dates,
                            rules.disclosure_timeliness),
                    description="行政处罚决定信息（双公示），公示期满或信用修复后撤下。")
LICENSES = Dataset("licenses", "行政许可决定", "data/licenses.csv", License, "decision_no", label_field="party_name",
                   checks=(rules.party_identity, rules.person_name_in_text, rules.decision_references,
                           rules.license_dates, rules.license_status, rules.disclosure_timeliness),
                   description="行政许可决定信息（双公示）。")

DATASETS = (PENALTIES, LICENSES)
