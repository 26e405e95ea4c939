"""Render stage of the annual review family: the /reviews/ list, one page per school, search entries, feed, rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ...memo import memo
from ...model import Cell, Related
from ...render.recordindex import Entry
from ...render.templates import RecordPage, meta, page_md, record_html
from ..deputies.block import school_deputies
from .checks import grades

if TYPE_CHECKING:
    from ..views import PublicView

DATASET = "annual_reviews"
FOLDER = "reviews"

#: A school's search entry: the latest result under its tag, then its type and credit code (see review_entry).
CELLS = (Cell("最近一次年检", "最近一次年检："), Cell("类型"), Cell("信用代码", "统一社会信用代码 ", "tp-code"))


@dataclass(frozen=True)
class Grade:
    """A result as the site shows it: in words, with a mark that does not rely on colour."""

    name: str
    mark: str
    css: str
    passed: bool


def grade_of(result: str, scale: tuple[str, ...]) -> Grade:
    if result == scale[0]:
        return Grade(result, "✔", "tp-white", True)
    if result == scale[-1]:
        return Grade(result, "✖", "tp-black", False)
    return Grade(result, "！", "tp-none", False)


@dataclass(frozen=True)
class FollowUp:
    """What became of a result that was not a pass, as far as the data shows on the day: never more."""

    text: str
    overdue: bool = False
    rechecked: bool = False


def follow_up(review: Any, grade: Grade, later: Any | None, today: date) -> FollowUp | None:
    """A recheck when one is recorded; else a later year's result; else the deadline, said to be past when it is
    (the data then shows no recheck: the page says exactly that, not that the school failed to put things right)."""
    if grade.passed:
        return None
    if review.recheck_on and review.recheck_result:
        return FollowUp(f"复查（{review.recheck_on}）：{review.recheck_result}", rechecked=True)
    if later is not None:
        return FollowUp(f"未公布复查结果；{later.year} 年度年检结论为「{later.result}」")
    due = review.rectification_due
    if due is None:
        return FollowUp("未公布整改期限和复查结果")
    if due < today:
        return FollowUp(f"已过整改期限（{due}），尚未公布复查结果", overdue=True)
    return FollowUp(f"整改期限 {due}，尚未到期")


@dataclass(frozen=True)
class SchoolReviews:
    """One school's public review results, newest first."""

    uscc: str
    reviews: tuple[Any, ...]
    grades: tuple[Grade, ...]
    follow_ups: tuple[FollowUp | None, ...] = ()

    @property
    def latest(self) -> Any:
        return self.reviews[0]

    @property
    def name(self) -> str:
        return str(self.latest.school_name)

    @property
    def former_names(self) -> list[str]:
        return [n for n in dict.fromkeys(r.school_name for r in self.reviews) if n != self.name]

    @property
    def url(self) -> str:
        return f"{FOLDER}/{self.latest.slug}/"

    @property
    def institution_id(self) -> str | None:
        return next((r.institution_id for r in self.reviews if r.institution_id), None)

    @property
    def license_no(self) -> str | None:
        return next((r.license_no for r in self.reviews if r.license_no), None)

    def follow_of(self, review: Any) -> FollowUp | None:
        return self.follow_ups[self.reviews.index(review)]

    @property
    def rows(self) -> list[tuple[Any, Grade, FollowUp | None]]:
        return list(zip(self.reviews, self.grades, self.follow_ups, strict=True))


@dataclass(frozen=True)
class Reviews:
    """Everything the family's renderers read, computed once per view."""

    scale: tuple[str, ...]
    public: list[Any]
    """Results published by today, newest year first, then by school name."""
    schools: dict[str, SchoolReviews]
    """By credit code, in the order of the newest results."""
    by_institution: dict[str, list[tuple[str | None, str, str]]]

    @cached_property
    def by_year(self) -> dict[int, list[Any]]:
        """Public results by year, newest year first (grouped once: the list page and the feed both read them)."""
        years: dict[int, list[Any]] = {}
        for r in self.public:
            years.setdefault(r.year, []).append(r)
        return years


def reviews_of(view: PublicView) -> Reviews:
    """The family's view of the day (kept on the view: pages, rows, feed and blocks share it)."""
    return memo(view, "annual_reviews", lambda: _reviews_of(view))


def _reviews_of(view: PublicView) -> Reviews:
    scale = grades(view.catalog)
    seen: set[tuple[int, str]] = set()
    public = []
    for r in view.catalog.records(DATASET):
        if r.published_on <= view.today and (r.year, r.school_uscc) not in seen:
            seen.add((r.year, r.school_uscc))
            public.append(r)
    public.sort(key=lambda r: (-r.year, r.school_name, r.school_uscc))
    grouped: dict[str, list[Any]] = {}
    for r in public:
        grouped.setdefault(r.school_uscc, []).append(r)
    schools = {uscc: _school(uscc, rows, scale, view.today) for uscc, rows in grouped.items()}
    by_institution: dict[str, list[tuple[str | None, str, str]]] = {}
    for school in schools.values():
        for r, _grade, follow in school.rows:
            if r.institution_id:
                by_institution.setdefault(r.institution_id, []).append(
                    (school.url, f"{r.year} 年度年检：{r.result}", _summary(r, follow)))
    for items in by_institution.values():
        items.sort(key=lambda item: item[1], reverse=True)
    return Reviews(scale, public, schools, by_institution)


def _school(uscc: str, rows: list[Any], scale: tuple[str, ...], today: date) -> SchoolReviews:
    """One school's results, newest first, each with its follow-up (the next newer result is its "later")."""
    grades_ = tuple(grade_of(r.result, scale) for r in rows)
    follows = tuple(follow_up(r, g, rows[i - 1] if i else None, today)
                    for i, (r, g) in enumerate(zip(rows, grades_, strict=True)))
    return SchoolReviews(uscc, tuple(rows), grades_, follows)


def _rank(result: str, scale: tuple[str, ...]) -> int:
    return scale.index(result) if result in scale else len(scale)


def _summary(review: Any, follow: FollowUp | None = None, limit: int = 40) -> str:
    """Problems and what must be put right, shortened; then what became of it, never shortened (it is the news)."""
    text = "；".join(t for t in (review.problems, f"整改要求：{review.rectification}" if review.rectification else None)
                    if t)
    text = text if len(text) <= limit else text[:limit] + "…"
    return f"{text}（{follow.text}）" if follow else text


#: Above this many rows in all, each year lists only the schools that did not pass (with every year's counts): a
#: province's page would otherwise weigh megabytes on a phone. Every school keeps its page, in search and sitemap.
LIST_LIMIT = 1000


def reviews_page(view: PublicView) -> str:
    data = reviews_of(view)
    years = []
    short = len(data.public) > LIST_LIMIT
    for year, results in data.by_year.items():
        rows = [(r, s, grade_of(r.result, data.scale), _summary(r, s.follow_of(r)))
                for r in results for s in (data.schools[r.school_uscc],)]
        rows.sort(key=lambda row: -_rank(row[0].result, data.scale))  # what a parent must not miss comes first
        counts = Counter(r.result for r, *_ in rows)
        listed = [row for row in rows if row[0].result != data.scale[0]] if short else rows
        years.append({"year": year, "rows": listed, "total": len(rows), "short": len(listed) < len(rows),
                      "counts": [(g, counts[g]) for g in data.scale if counts[g]],
                      "published": max(r.published_on for r, *_ in rows)})
    return page_md("reviews", meta("民办学校年度检查", title="民办学校年度检查结果"), years=years, scale=data.scale,
                   grade_of=grade_of, schools=len(data.schools), site=view.site)


def school_pages(view: PublicView) -> Iterator[RecordPage]:
    data = reviews_of(view)
    for school in data.schools.values():
        institution = view.institutions_by_id.get(school.institution_id or "")
        deputies = school_deputies(view, school.uscc, school.latest.school_type)
        body = record_html("review", school=school, latest_grade=school.grades[0], institution=institution,
                           deputies=deputies, root="../../", site=view.site)
        yield RecordPage(school.url, school.name, body, school.latest.published_on, entry=review_entry(school))


def review_entry(school: SchoolReviews) -> Entry:
    """Found by name (also a former one), credit code and licence number; shown with its latest result."""
    r = school.latest
    return Entry(school.name, "年度检查", "", texts=(school.uscc, school.license_no or "", *school.former_names),
                 cells=(f"{r.year} 年度{r.result}", r.school_type, school.uscc))


def review_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for r in reviews_of(view).public:
        yield r.model_dump()


def describe_review(view: PublicView, key: str) -> tuple[str | None, str | None]:
    """Keyless rows are named by their leading values: year, school name, credit code."""
    year, _, rest = key.partition(" ")
    name, _, uscc = rest.rpartition(" ")
    school = reviews_of(view).schools.get(uscc)
    return (f"{name} {year} 年度年检", school.url) if school else (None, None)


def review_feed(view: PublicView) -> Iterator[dict[str, Any]]:
    """One entry per year's results, dated the day the newest of them was published."""
    data = reviews_of(view)
    for year, rows in data.by_year.items():
        counts = Counter(r.result for r in rows)
        said = "、".join(f"{g} {counts[g]} 所" for g in data.scale if counts[g])
        yield {"date": max(r.published_on for r in rows), "date_label": "公布日期",
               "title": f"年度检查：{year} 年度民办学校年检结果", "url": f"{FOLDER}/#year-{year}",
               "summary": f"共 {len(rows)} 所：{said}。", "key": f"{FOLDER}/#year-{year}"}


def review_block(view: PublicView, institution_id: str) -> Related | None:
    items = reviews_of(view).by_institution.get(institution_id)
    return Related("年度检查", "reviews", tuple(items)) if items else None


def last_review(view: PublicView) -> date | None:
    return view.last_change([r.published_on for r in view.catalog.records(DATASET)])
