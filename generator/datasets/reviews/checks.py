"""Rules of the annual review family (data/annual_reviews.csv): grades, required texts, dates, references,
duplicates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ...model import CatalogLike
from ...problems import Problem
from ...rules.records import repeats
from ...schema.identifiers import USCC_PLACEHOLDER
from ...schema.site import DEFAULT_GRADES
from .codes import problem

Found = Iterator[Problem]
DATASET = "annual_reviews"


def grades(catalog: CatalogLike) -> tuple[str, ...]:
    """The bureau's grade scale, best first (data/site.yml policy.review_grades, else 合格, 基本合格, 不合格)."""
    site = catalog.site
    return tuple(site.policy.review_grades) if site is not None else DEFAULT_GRADES


def review_result(review: Any, catalog: CatalogLike) -> Found:
    """A grade of the scale; every grade below the best names the problems found and what must be put right."""
    scale = grades(catalog)
    if review.result not in scale:
        yield problem("invalid-enum", review.where("result"), "result",
                      f"「年检结论」只能填以下之一：{'、'.join(scale)}；现为「{review.result}」"
                      "（等次由 data/site.yml 的 policy.review_grades 规定）")
        return
    if review.result == scale[0]:
        return
    if review.rectification_due is None:
        yield problem("rectification-due", review.where("rectification_due"), "rectification_due",
                      f"年检结论为「{review.result}」，请在「整改期限」填写整改必须完成的日期（例如 "
                      f"{review.year + 1}-05-31）：期限过后，学校页面会写明是否已公布复查结果")
    for field, what in (("problems", "发现的主要问题"), ("rectification", "整改要求和整改期限")):
        if not getattr(review, field):
            yield problem("conditional-field", review.where(field), field,
                          f"「{type(review).label_of(field)}」必须填写：年检结论为「{review.result}」，"
                          f"应写明{what}，它会公开在学校的年检页面上")


def review_recheck(review: Any, catalog: CatalogLike) -> Found:
    """A recheck is its date and its conclusion: one without the other cannot tell a parent what was found."""
    for field, other in (("recheck_on", "recheck_result"), ("recheck_result", "recheck_on")):
        if getattr(review, field) and not getattr(review, other):
            label, missing = type(review).label_of(field), type(review).label_of(other)
            yield problem("conditional-field", review.where(other), other,
                          f"已填写「{label}」，还须填写「{missing}」：复查日期和复查结论一起公开在学校的年检页面上")


def review_school(review: Any, catalog: CatalogLike) -> Found:
    if review.school_uscc == USCC_PLACEHOLDER:
        yield problem("invalid-uscc", review.where("school_uscc"), "school_uscc",
                      f"代码 {USCC_PLACEHOLDER} 只用于没有代码的个体工商户：请对照学校的登记证书填写 18 位代码")


def review_dates(review: Any, catalog: CatalogLike) -> Found:
    year = review.year
    if not 2000 <= year <= 2100:
        yield problem("invalid-value", review.where("year"), "year",
                      f"检查年度应为四位年份（例如 2024），现为「{year}」")
        return
    if review.published_on < date(year, 1, 1):
        yield problem("date-order", review.where("published_on"), "published_on",
                      f"公布日期 {review.published_on} 早于检查年度 {year} 年：请核对年度或日期")
    deadline = date(year + 1, 3, 31)
    if review.published_on > deadline:
        yield problem("late-review", review.where("published_on"), "published_on",
                      f"{year} 年度的年检结果应在 {deadline} 前公布，实际公布于 {review.published_on}")


def unique_reviews(catalog: CatalogLike) -> Found:
    """One row per school per year: the second is the duplicate (located at its credit code)."""
    for review, first in repeats(catalog.records(DATASET), lambda r: (r.year, r.school_uscc)):
        yield problem("duplicate-id", review.where("school_uscc"), "school_uscc", (
                f"{review.year} 年度已有统一社会信用代码为 {review.school_uscc} 的年检结果"
                f"（第 {first.where().line} 行）：同一学校每年只填一行，请删除重复的一行或改正年度、代码"))


RECORD_CHECKS = (review_result, review_recheck, review_school, review_dates)
CATALOG_CHECKS = (unique_reviews,)
