"""The report figures mean what their label says on 31 December of the year, replayed from the status history.

An institution deregistered in a year leaves the year-end counts from that year on; one being deregistered is
counted as such for the year ends in between; figures the data cannot tell have no value and say why.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalog import Catalog
from generator.datasets import REGISTRY
from generator.datasets.institutions.model import InstitutionEvent
from generator.read.load import Table
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = validate(PROJECT).catalog
YEARS = range(2021, 2026)


def values(catalog: Any, key: str) -> list[int]:
    return [int(REGISTRY.figure_by_key[key].compute(catalog, year)) for year in YEARS]


def with_events(*rows: tuple[str, date, str]) -> Catalog:
    events = SAMPLE.tables["institution_events"]
    extra = [InstitutionEvent.model_validate({"institution_id": inst, "date": day.isoformat(), "event": kind})
             for inst, day, kind in rows]
    tables = {**SAMPLE.tables, "institution_events": Table([*events.records, *extra], events.keys)}
    return Catalog(SAMPLE.site, tables, SAMPLE.reports, registry=REGISTRY)


def test_the_sample_subject_institutions_leave_the_count_as_they_are_deregistered() -> None:
    # ten 学科类 institutions converted in 2021; fc-0009 turned 非学科类 on 2021-12-10; six were deregistered in
    # 2022 and two in 2023; fc-0010 (剥离义务教育阶段培训) stays
    assert values(SAMPLE, "subject_institutions") == [9, 3, 1, 1, 1]
    assert values(SAMPLE, "in_deregistration") == [8, 2, 0, 0, 0]
    assert values(SAMPLE, "nonprofit_converted") == [10] * 5  # a total: those deregistered since still count
    assert values(SAMPLE, "banned") == [25, 25, 26, 27, 28]
    assert values(SAMPLE, "whitelisted") == [29, 29, 30, 32, 32]


DAYS = st.dates(date(2022, 1, 1), date(2025, 12, 31))


@settings(max_examples=40, deadline=None)
@given(DAYS, st.integers(0, 500))
def test_a_deregistration_changes_the_year_end_counts_from_its_year(start: date, days: int) -> None:
    """fc-0010 (学科类, on the white list) leaves the white list and is deregistered after `days` days."""
    end = start + timedelta(days)
    catalog = with_events(("fc-0010", start, "移出白名单"), ("fc-0010", start, "注销公示"), ("fc-0010", end, "已注销"))
    year_ends = [date(year, 12, 31) for year in YEARS]
    assert values(catalog, "subject_institutions") == [
        n - (end <= day) for n, day in zip(values(SAMPLE, "subject_institutions"), year_ends, strict=True)]
    assert values(catalog, "in_deregistration") == [
        n + (start <= day < end) for n, day in zip(values(SAMPLE, "in_deregistration"), year_ends, strict=True)]
    assert values(catalog, "whitelisted") == [
        n - (start <= day) for n, day in zip(values(SAMPLE, "whitelisted"), year_ends, strict=True)]


@settings(max_examples=25, deadline=None)
@given(DAYS)
def test_a_transformation_moves_the_institution_out_of_the_subject_count(day: date) -> None:
    catalog = with_events(("fc-0010", day, "转型"))
    assert values(catalog, "subject_institutions") == [
        n - (day.year <= year) for n, year in zip(values(SAMPLE, "subject_institutions"), YEARS, strict=True)]
    assert values(catalog, "transformed") == [1 + (day.year <= year) for year in YEARS]


def test_a_second_ban_of_the_same_institution_counts_once() -> None:
    assert values(with_events(("fc-0043", date(2024, 5, 1), "取缔")), "banned") == values(SAMPLE, "banned")


def test_every_year_the_data_covers_has_every_figure() -> None:
    assert all(f.untold(SAMPLE, year) is None for f in REGISTRY.figures for year in YEARS)


def test_what_the_data_cannot_tell() -> None:
    assert (REGISTRY.figure_by_key["penalties"].untold(SAMPLE, 2020)
            == "本站的数据从 2021-08-26 开始，没有 2020 年的记录")
    assert (REGISTRY.figure_by_key["annual_reviews"].untold(SAMPLE, 2026)
            == "本站还没有 2026 年度的年度检查记录（年检结果通常在次年公布）")
    assert (REGISTRY.figure_by_key["annual_reviews"].value(SAMPLE, 2026) is None
            and REGISTRY.figure_by_key["annual_reviews"].value(SAMPLE, 2025) == 19)
    empty = Catalog(SAMPLE.site, {}, (), registry=REGISTRY)
    assert REGISTRY.figure_by_key["officers"].untold(empty, 2025) == "本站还没有任何名单变动、处罚或许可记录"
