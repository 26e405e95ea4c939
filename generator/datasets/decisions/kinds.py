"""Registry stage: the 双公示 decision kinds (penalties.csv, licenses.csv): their datasets and what each shows.

What differs between a penalty and a licence is data on its DecisionKind, never a branch on the dataset's name:
a third decision-like dataset declares its own kind, and an unknown kind is a KeyError. How long a decision stays
public is its model's rule (publicity_end, CREDIT_REPAIR in datasets/decisions/model.py), which rules/publicity.py
applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from jinja2.filters import do_truncate

from ...model import Dataset
from ...rules.records import unique_url
from ...rules.slugs import decision_slug
from . import checks, index
from .model import License, Penalty
from .platform import LICENSE_UPLOAD, PENALTY_UPLOAD

#: Fields that carry a decision's legal state: they change only through their own columns, with their date and
#: reason; a sheet that lacks them, or leaves them blank, never changes them (re-importing a year's sheet must not
#: bring a withdrawn or credit-repaired decision back onto the site).
_PENALTY_STATE = ("status", "withdrawn_on", "withdrawal_reason", "repaired_on")
_LICENSE_STATE = ("status", "withdrawn_on", "withdrawal_reason", "ended_by")
#: Header labels of clerks' and the credit platform's sheets (CF_/XK_ codes) besides the fields' titles.
_PENALTY_ALIASES = {
    "violation_type": ("CF_WFXW",), "violation_facts": ("CF_SY",), "legal_basis": ("CF_YJ",),
    "penalty_types": ("CF_CFLB",), "penalty_content": ("CF_NR",),
    "fine_yuan": ("罚款金额", "处罚金额", "罚款金额(元)"),
    "confiscated_yuan": ("没收金额", "没收违法所得、没收非法财产的金额（元）",
                         "没收违法所得、没收非法财务的金额（元）"),
    "license_affected": ("CF_NR_ZKDX",), "valid_until": ("CF_YXQ",),
    "severity": ("失信程度",), "procedure": ("程序",),
}
_LICENSE_ALIASES = {
    "doc_name": ("决定文书名称", "XK_XKWS"), "license_category": ("XK_XKLB",), "certificate_name": ("XK_XKZS",),
    "license_no": ("XK_XKBH",), "content": ("XK_NR",), "valid_from": ("XK_YXQZ",), "valid_to": ("XK_YXQZI",),
}

PENALTIES = Dataset(index.PENALTIES, "行政处罚决定", "data/penalties.csv", Penalty, "decision_no",
                    label_field="party_name", parties=True, dates_data="decision_date", legal_state=_PENALTY_STATE,
                    aliases=_PENALTY_ALIASES,
                    refs={"institution_id": "institutions", "matter_code": "enforcement_matters"},
                    checks=(checks.party_identity, checks.person_name_in_text,
                            partial(checks.decision_references, wanted="行政处罚"), checks.penalty_amounts,
                            checks.penalty_revocation, checks.penalty_status, checks.penalty_dates,
                            checks.penalty_recorded_steps,
                            checks.disclosure_timeliness,
                            unique_url(index.PENALTIES, "decision_no", decision_slug, "penalties/")),
                    upload=PENALTY_UPLOAD, synth=lambda world: world.core.penalties,
                    description="行政处罚决定信息（双公示），公示期满或信用修复后撤下。")
LICENSES = Dataset(index.LICENSES, "行政许可决定", "data/licenses.csv", License, "decision_no",
                   label_field="party_name", parties=True, dates_data="decision_date", legal_state=_LICENSE_STATE,
                   aliases=_LICENSE_ALIASES,
                   refs={"institution_id": "institutions", "matter_code": "enforcement_matters"},
                   checks=(checks.party_identity, checks.person_name_in_text,
                           partial(checks.decision_references, wanted="行政许可"),
                           checks.license_dates, checks.license_status, checks.disclosure_timeliness,
                           unique_url(index.LICENSES, "decision_no", decision_slug, "licenses/")),
                   number_kinds={"decision_no": "许决字"},  # the decisions' shared doc shows a penalty's 罚决字
                   upload=LICENSE_UPLOAD, synth=lambda world: world.core.licenses,
                   description="行政许可决定信息（双公示）。")

@dataclass(frozen=True)
class DecisionKind:
    """What one kind of 双公示 decision shows and how long it stays public: data, read by every renderer."""

    dataset: Dataset
    label: str
    """行政处罚 / 行政许可: the kind in titles, badges, feed entries and search results."""
    party_label: str
    """Column title of the party on the list page (当事人 / 申请人)."""
    summary_label: str
    """Column title of the list page's one-line summary of a decision."""
    summary: Callable[[Any], str]
    """The summary cell for a record."""
    ends_label: str
    """What the end date means (公示期至 / 有效期至)."""
    withdrawn_heading: str
    """Heading of the list page's decisions that no longer stand."""
    intro: str
    """First sentence of the list page: the rule that puts a decision on the site and takes it off."""
    fields: tuple[str, ...]
    """Fields of a record page, in the order of the national 双公示 standard."""
    what_field: str
    """Field that says what the decision is about, on a search result's line."""
    search_fields: tuple[str, ...]
    """Fields whose text site search finds the decision by (after the party and its credit code)."""
    amount_field: str | None = None
    """Money column of the list page (罚款（元）), if it has one."""
    amount_label: str = ""
    ends_column: str | None = None
    """Download column carrying the publicity end (derived, not stored), if downloads carry it."""
    ends_column_title: str = ""
    ending_field: str | None = None
    """Field naming the legal act that ended a record (撤回, 注销, 吊销 ...), if the model has one."""
    warns: bool = False
    """Listed beside an institution's list verdict while public (a parent must see it)."""
    legal_review: bool = False
    """Its record page states the decision's 重大执法决定法制审核 (datasets/legal_review/: the catalogue's rule)."""

    @property
    def name(self) -> str:
        return self.dataset.name

    @property
    def derived(self) -> dict[str, tuple[str, str]]:
        """Columns its downloads add to the model's: name -> (Chinese title, Frictionless type)."""
        return {self.ends_column: (self.ends_column_title, "date")} if self.ends_column else {}


PENALTY = DecisionKind(
    PENALTIES, "行政处罚", party_label="当事人", summary_label="处罚类别",
    summary=lambda r: "、".join(r.penalty_types), ends_label="公示期至",
    withdrawn_heading="已撤销、变更或确认违法、无效的决定",
    intro=("依据行政处罚信息“双公示”制度，作出行政处罚决定后 7 个工作日内在此公示；公示期满（轻微 3 个月、"
           "一般 1 年、严重 3 年）或完成信用修复后撤下。"),
    fields=("decision_no", "party_name", "party_category", "party_uscc", "legal_rep_name", "violation_type",
            "violation_facts", "legal_basis", "penalty_types", "penalty_content", "fine_yuan", "confiscated_yuan",
            "license_affected", "procedure", "recorded_steps", "severity", "decision_date", "valid_until",
            "published_on", "remarks"),
    what_field="violation_type",
    search_fields=("violation_type", "penalty_types", "violation_facts", "penalty_content"),
    amount_field="fine_yuan", amount_label="罚款（元）",
    ends_column="publicity_ends_on", ends_column_title="公示截止日期", warns=True, legal_review=True)

LICENSE = DecisionKind(
    LICENSES, "行政许可", party_label="申请人", summary_label="许可内容",
    summary=lambda r: do_truncate(None, r.content, 40, leeway=5), ends_label="有效期至",  # type: ignore[arg-type]
    withdrawn_heading="已失效的许可",
    intro="依据行政许可信息“双公示”制度，作出行政许可决定后 7 个工作日内在此公示；许可有效期届满后撤下。",
    fields=("decision_no", "doc_name", "party_name", "party_category", "party_uscc", "legal_rep_name",
            "license_category", "certificate_name", "license_no", "content", "decision_date", "valid_from",
            "valid_to", "published_on", "remarks"),
    what_field="doc_name",
    search_fields=("doc_name", "certificate_name", "license_no", "content"), ending_field="ended_by")

#: Every decision kind, by dataset name, newest-first lists and feeds follow this order.
KINDS: dict[str, DecisionKind] = {k.name: k for k in (PENALTY, LICENSE)}
_BY_MODEL = {k.dataset.model: k for k in KINDS.values()}


def kind(name: str) -> DecisionKind:
    """The declared decision kind of a dataset; anything else is an error, never a default."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a declared decision kind ({', '.join(KINDS)}): "
                       "declare a DecisionKind in generator/datasets/decisions/__init__.py") from None


def kind_of(record: Any) -> DecisionKind:
    """The kind of one decision record, by its model."""
    try:
        return _BY_MODEL[type(record)]
    except KeyError:
        raise KeyError(f"{type(record).__name__} is not the model of a declared decision kind") from None
