"""The one table of datasets: file, model, key, record checks. Add a dataset here (and how it is published
in generator/render/publications.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .checks import records as rules
from .problems import Problem
from .schema.decisions import License, Penalty
from .schema.institutions import Institution, InstitutionEvent
from .schema.matters import Matter
from .schema.officers import Officer
from .schema.types import Record

RecordCheck = Callable[[Any, Any], Iterable[Problem]]


@dataclass(frozen=True)
class Dataset:
    """How one dataset is stored, checked and published."""

    name: str
    """Machine name: catalogue attribute, download file stem, JSON key."""
    title: str
    """Chinese name shown to citizens and staff."""
    path: str
    """File under the root that holds it."""
    model: type[Record]
    """One record's model (pydantic); its field docstrings are the staff guide."""
    key: str | None
    """Field that must be unique (None: no key, e.g. append-only history)."""
    list_key: str | None = None
    """YAML files: the top-level key whose list holds the records."""
    checks: tuple[RecordCheck, ...] = ()
    """Rules over one record at a time, given (record, catalogue)."""
    description: str = ""
    """One sentence for the download page and the data package."""
    label_field: str | None = None
    """Field that names a record to people (in the pull-request diff); None: the key alone."""

    @property
    def is_csv(self) -> bool:
        return self.path.endswith(".csv")


DATASETS: tuple[Dataset, ...] = (
    Dataset("enforcement_matters", "行政执法事项清单", "data/enforcement_matters.yaml", Matter, "code",
            list_key="matters", label_field="name", description="本机关依法实施的行政执法事项、实施依据与承办机构。"),
    Dataset("enforcement_officers", "执法人员名单", "data/enforcement_officers.csv", Officer, "cert_no", label_field="name",
            description="持有有效行政执法证件的人员及证号。"),
    Dataset("institutions", "校外培训机构", "data/institutions.csv", Institution, "id", label_field="name",
            checks=(rules.institution_registration,),
            description="校外培训机构的登记信息；名单状态由变动记录推算。"),
    Dataset("institution_events", "名单与状态变动", "data/institution_events.csv", InstitutionEvent, None,
            checks=(rules.event_reason, rules.event_institution, rules.event_basis),
            description="校外培训机构列入、移出白名单和黑名单及营转非、注销、取缔等状态变动，按日期记录。"),
    Dataset("penalties", "行政处罚决定", "data/penalties.csv", Penalty, "decision_no", label_field="party_name",
            checks=(rules.party_identity, rules.person_name_in_text, rules.decision_references, rules.penalty_amounts,
                    rules.penalty_revocation, rules.penalty_status, rules.penalty_dates, rules.disclosure_timeliness),
            description="行政处罚决定信息（双公示），公示期满或信用修复后撤下。"),
    Dataset("licenses", "行政许可决定", "data/licenses.csv", License, "decision_no", label_field="party_name",
            checks=(rules.party_identity, rules.person_name_in_text, rules.decision_references, rules.license_dates,
                    rules.license_status, rules.disclosure_timeliness),
            description="行政许可决定信息（双公示）。"),
)

BY_NAME: dict[str, Dataset] = {ds.name: ds for ds in DATASETS}
