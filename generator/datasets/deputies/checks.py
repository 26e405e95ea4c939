"""Rules of the 法治副校长 roster (data/legal_deputies.csv) and the bureau's 法律顾问 (data/legal_advisers.csv).

Several deputies may serve one school at once: the 《中小学法治副校长聘任与管理办法》 asks for at least one, and a
school may have one from the police and one from the procuratorate. What is refused is the same person entered
twice for overlapping terms of one school (`duplicate-id`); two people from the same unit with overlapping terms
are a warning (`deputy-overlap`): usually a successor entered without ending the predecessor's term. An ended
term is history, kept for the annual reports' figures: only one that nothing follows is a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from itertools import combinations
from typing import Any

from ...model import CatalogLike
from ...problems import Problem, Where
from ...rules.records import date_order
from ...schema.identifiers import USCC_PLACEHOLDER
from . import index
from .codes import problem

Found = Iterator[Problem]
Term = Callable[[Any], tuple[date, date]]


def deputy_dates(deputy: Any, catalog: CatalogLike) -> Found:
    yield from date_order(deputy, "term_end", "appointed_on")


def deputy_school(deputy: Any, catalog: CatalogLike) -> Found:
    if deputy.school_uscc == USCC_PLACEHOLDER:
        yield problem("invalid-uscc", deputy.where("school_uscc"), "school_uscc",
                      f"代码 {USCC_PLACEHOLDER} 只用于没有代码的个体工商户：请对照学校的登记证书填写 18 位代码")


def adviser_dates(adviser: Any, catalog: CatalogLike) -> Found:
    yield from date_order(adviser, "end", "start")


def _valid(term: tuple[date, date]) -> bool:
    return term[0] <= term[1]  # a term ending before it starts is reported once, by its date-order rule


def _pairs(rows: list[Any], term: Term) -> Iterator[tuple[Any, Any]]:
    """(earlier row in the file, later row) of the rows whose terms overlap."""
    for first, second in combinations(rows, 2):
        if _valid(term(first)) and _valid(term(second)) and index.overlap(term(first), term(second)):
            yield first, second


def _span(row: Any, term: Term) -> str:
    start, end = term(row)
    return f"{start} 至 {end}"


def deputies_overlap(catalog: CatalogLike) -> Found:
    for rows in index.by_school(catalog).values():
        for first, second in _pairs(rows, index.deputy_term):
            line = first.where().line
            if first.deputy_name == second.deputy_name:
                yield problem("duplicate-id", second.where("deputy_name"), "deputy_name", (
                    f"第 {line} 行已有{first.deputy_name}在{first.school_name}的聘任（聘期 "
                    f"{_span(first, index.deputy_term)}），与这一行的聘期重叠：同一次聘任只填一行；续聘的，"
                    f"聘任日期应在原聘期结束（{first.term_end}）之后"))
            elif first.deputy_unit == second.deputy_unit:
                yield problem("deputy-overlap", second.where("appointed_on"), "appointed_on", (
                    f"{second.school_name}已有同一单位（{first.deputy_unit}）派出的法治副校长{first.deputy_name}"
                    f"（第 {line} 行，聘期 {_span(first, index.deputy_term)}）：如果{second.deputy_name}接替"
                    f"{first.deputy_name}，请把第 {line} 行的聘期结束改为 {second.appointed_on} 的前一天；"
                    "两人确实同时任职的，可以不改"))


def deputies_ended(catalog: CatalogLike) -> Found:
    today = catalog.today
    if today is None:
        return
    for rows in index.by_school(catalog).values():
        for row in rows:
            if (_valid(index.deputy_term(row)) and row.term_end < today
                    and not index.succeeded(row, rows, lambda r: r.appointed_on)):
                others = [r.deputy_name for r in rows if index.in_office(index.deputy_term(r), today)]
                still = f"（学校仍有在任的法治副校长{'、'.join(others)}）" if others else "，学校算作尚未配备"
                yield problem("deputy-term-ended", row.where("term_end"), "term_end", (
                    f"{row.school_name}的法治副校长{row.deputy_name}聘期已于 {row.term_end} 届满，名单中没有续聘或"
                    f"改聘的记录：网站不再把他列为在任{still}。续聘或改聘的，请新增一行（聘任日期为续聘日期），"
                    "原来的一行保留"))


def advisers_overlap(catalog: CatalogLike) -> Found:
    rows = catalog.records(index.ADVISERS)
    for first, second in _pairs(rows, index.adviser_term):
        if (first.firm, first.lawyer_name) == (second.firm, second.lawyer_name):
            yield problem("duplicate-id", second.where("lawyer_name"), "lawyer_name", (
                f"第 {first.where().line} 行已有{first.firm}{first.lawyer_name}的聘期 "
                f"{_span(first, index.adviser_term)}，与这一行重叠：同一份合同只填一行；续聘的，聘期开始应在 "
                f"{first.end} 之后"))


def advisers_ended(catalog: CatalogLike) -> Found:
    today = catalog.today
    if today is None:
        return
    rows = catalog.records(index.ADVISERS)
    for row in rows:
        if _valid(index.adviser_term(row)) and row.end < today and not index.succeeded(row, rows, lambda r: r.start):
            yield problem("adviser-term-ended", row.where("end"), "end", (
                f"{row.firm}{row.lawyer_name}的法律顾问聘期已于 {row.end} 届满，名单中没有续聘或新聘的记录："
                "网站不再把它列为在聘。续聘或新聘的，请新增一行，原来的一行保留"))


def advisers_shown(catalog: CatalogLike) -> Found:
    """The advisers are a section of the deputies' page: without the roster's file that page is not built."""
    if catalog.kept(index.ADVISERS) and not catalog.kept(index.DEPUTIES):
        yield problem("advisers-not-shown", Where("data/legal_advisers.csv"), "legal_advisers", (
            "法律顾问显示在「法治副校长」页面上，但没有 data/legal_deputies.csv，这个页面不会生成："
            "请新建 data/legal_deputies.csv（可以只有表头一行）"))


DEPUTY_CHECKS = (deputy_dates, deputy_school)
ADVISER_CHECKS = (adviser_dates,)
CATALOG_CHECKS = (deputies_overlap, deputies_ended, advisers_overlap, advisers_ended, advisers_shown)
