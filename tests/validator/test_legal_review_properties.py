"""The 法制审核 rule over its whole class: any catalogue entry (types, party categories, thresholds around a penalty's
amounts, a hearing, a 施行日期 around its decision) against any penalty (types, amounts, party, hearing, a review
date around its decision, standing or withdrawn) gives exactly the error an independent reading of the catalogue
gives, at the penalty's review date cell, and nothing else for that cell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from validator.helpers import copy_sample, found, set_cells

P = "data/penalties.csv"
CAT = "data/legal_review_catalogue.yaml"
ROW = "汾教科罚决字〔2023〕第4号"  # line 15: 普通程序, decided 2023-06-13, in no report's stated figure of reviews
LINE, DATE_COL = 15, 27
DECIDED = date(2023, 6, 13)
SMALL = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: Types whose other fields the sample row can hold (a revocation needs a licence and an event: left out).
PLAIN = ["警告", "通报批评", "责令关闭", "责令停产停业", "限制从业", "限制开展生产经营活动"]
AMOUNTS = [None, Decimal("500.00"), Decimal("9999.99"), Decimal("10000.00"), Decimal("10000.01")]
THRESHOLDS = [None, Decimal("9999.99"), Decimal("10000"), Decimal("10000.01")]
CATEGORIES = ["法人及非法人组织", "自然人", "个体工商户"]


@dataclass(frozen=True)
class Entry:
    effective: date
    case_by_case: bool = False
    types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    fine: Decimal | None = None
    confiscated: Decimal | None = None
    hearing: bool = False

    def yaml(self) -> str:
        lines = ["entries:", "  - code: ZD-99", "    name: 测试情形"]
        if self.case_by_case:
            lines.append("    case_by_case: true")
        for key, values in (("penalty_types", self.types), ("party_categories", self.categories)):
            if values:
                lines += [f"    {key}:", *(f"      - {v}" for v in values)]
        for key, amount in (("fine_at_least", self.fine), ("confiscated_at_least", self.confiscated)):
            if amount is not None:
                lines.append(f'    {key}: "{amount}"')
        if self.hearing:
            lines.append("    hearing: true")
        lines += ["    basis:", "      - law: 《中华人民共和国行政处罚法》", "        article: 第五十八条",
                  f"    effective_from: {self.effective}"]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Case:
    types: tuple[str, ...]
    fine: Decimal | None
    confiscated: Decimal | None
    category: str
    hearing: str
    review: date | None
    standing: bool


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("legal-review") / "repo")


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    effective = DECIDED + timedelta(days=draw(st.integers(-3, 3)))
    if draw(st.integers(0, 5)) == 0:
        return Entry(effective, case_by_case=True)
    entry = Entry(effective, types=tuple(draw(st.lists(st.sampled_from([*PLAIN, "罚款", "没收违法所得"]), unique=True,
                                                        max_size=3))),
                  categories=tuple(draw(st.lists(st.sampled_from(CATEGORIES), unique=True, max_size=2))),
                  fine=draw(st.sampled_from(THRESHOLDS)), confiscated=draw(st.sampled_from(THRESHOLDS)),
                  hearing=draw(st.booleans()))
    assume(entry.types or entry.fine is not None or entry.confiscated is not None or entry.hearing)
    return entry


@st.composite
def cases(draw: st.DrawFn) -> Case:
    fine, confiscated = draw(st.sampled_from(AMOUNTS)), draw(st.sampled_from(AMOUNTS))
    types = draw(st.lists(st.sampled_from(PLAIN), unique=True, max_size=2))
    types += (["罚款"] if fine is not None else []) + (["没收违法所得"] if confiscated is not None else [])
    offset = draw(st.sampled_from([None, -2, -1, 0, 1, 2]))
    return Case(tuple(types or ["警告"]), fine, confiscated, draw(st.sampled_from(CATEGORIES)),
                draw(st.sampled_from(["", "是", "否"])), None if offset is None else DECIDED + timedelta(days=offset),
                draw(st.booleans()))


def expected(entry: Entry, case: Case) -> list[str]:
    """The catalogue read independently: every stated condition holds (a type in common, the category among those
    named, each amount at or above its threshold, a hearing held), and the entry was in force on the decision day."""
    if not case.standing:
        return []
    if case.review is not None:
        return ["legal-review-late"] if case.review > DECIDED else []
    if entry.case_by_case or entry.effective > DECIDED:
        return []
    holds = [
        not entry.types or bool(set(entry.types) & set(case.types)),
        not entry.categories or case.category in entry.categories,
        entry.fine is None or (case.fine is not None and case.fine >= entry.fine),
        entry.confiscated is None or (case.confiscated is not None and case.confiscated >= entry.confiscated),
        not entry.hearing or case.hearing == "是",
    ]
    return ["legal-review-missing"] if all(holds) else []


@SMALL
@given(entry=entries(), case=cases())
def test_the_rule_is_the_catalogue_read_exactly(sample: Path, entry: Entry, case: Case) -> None:
    (sample / CAT).write_text(entry.yaml(), encoding="utf-8")
    set_cells(sample, "penalties", ROW, penalty_types=";".join(case.types),
              fine_yuan="" if case.fine is None else str(case.fine),
              confiscated_yuan="" if case.confiscated is None else str(case.confiscated),
              party_category=case.category, hearing_held=case.hearing,
              legal_review_date="" if case.review is None else str(case.review),
              legal_review_office="" if case.review is None else "汾川县教育科技局法制股",
              status="有效" if case.standing else "已撤销", withdrawn_on="" if case.standing else "2023-07-03",
              withdrawal_reason="" if case.standing else "复议决定撤销")
    at_cell = [p[3] for p in found(sample) if (p[0], p[1], p[2]) == (P, LINE, DATE_COL)]
    assert at_cell == expected(entry, case)
