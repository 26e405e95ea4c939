"""Registry stage: the 校外培训机构 family (institutions.csv and the list changes in institution_events.csv)."""

from __future__ import annotations

from ..checks import records as rules
from ..schema.institutions import Institution, InstitutionEvent
from .base import Dataset

INSTITUTIONS = Dataset("institutions", "校外培训机构", "data/institutions.csv", Institution, "id", label_field="name",
                       checks=(rules.institution_registration,),
                       description="校外培训机构的登记信息；名单状态由变动记录推算。")
EVENTS = Dataset("institution_events", "名单与状态变动", "data/institution_events.csv", InstitutionEvent, None,
                 checks=(rules.event_reason, rules.event_institution, rules.event_basis),
                 description="校外培训机构列入、移出白名单和黑名单及营转非、注销、取缔等状态变动，按日期记录。")

DATASETS = (INSTITUTIONS, EVENTS)
