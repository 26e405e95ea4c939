"""Render stage of the family: the /deputies/ page (each school with its deputies in office, the schools without
one, the bureau's 法律顾问), download rows and how /changes/ names a row.

Each school on the roster file has a page of its own (/deputies/<credit code>/), found by site search (the record
index: school name, credit code, deputy, unit): the list page can hold thousands of rows, so its tables are kept out
of Pagefind, whose fragment of one page is downloaded whole with each result. A school's reviews page on /reviews/
shows its deputies too (block.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...memo import memo
from ...render.recordindex import Entry
from ...render.templates import RecordPage, family_templates, meta, page_md, record_html, root_of
from . import index
from .block import NOT_SCHOOLS, PAGE
from .model import REQUIRED_TYPES, SCHOOL_TYPES

if TYPE_CHECKING:
    from ..views import PublicView

TEMPLATES = family_templates(Path(__file__).parent / "templates")
REVIEWS = "annual_reviews"
#: Schools are listed by kind (the roster's order of types), then by name.
_TYPE_ORDER = {kind: n for n, kind in enumerate(SCHOOL_TYPES)}


@dataclass(frozen=True)
class School:
    """A school the site knows (its annual reviews, or the roster), with its deputies in office on the day."""

    uscc: str
    name: str
    school_type: str
    deputies: tuple[Any, ...]
    reviews_url: str | None
    """Its page on /reviews/ (under the site root), if the site has one."""
    note: str = ""
    """Why it has no deputy in office, as far as the roster shows."""
    on_roster: bool = True
    """Whether the roster file names it (then it has a page of its own; a school known only from its annual
    reviews has its row on the list page)."""
    since: date | None = None
    """When its newest appointment up to the day began (the page's date)."""

    @property
    def anchor(self) -> str:
        return index.anchor(self.uscc)

    @property
    def url(self) -> str:
        """Its own page when the roster names it, else its row on the list page (under the site root)."""
        return index.school_url(self.uscc) if self.on_roster else f"{PAGE}#{self.anchor}"

    @property
    def required(self) -> bool:
        """A 中小学: the regulation asks for at least one deputy (others may appoint one by its example)."""
        return self.school_type in REQUIRED_TYPES


@dataclass(frozen=True)
class Roster:
    served: list[School]
    """Schools with a deputy in office: 中小学 first, then by name."""
    missing: list[School]
    """Schools the site knows with none in office on the day, 中小学 first."""
    advisers: list[Any]
    """The bureau's advisers under contract on the day, by start."""

    @property
    def deputies(self) -> int:
        return sum(len(s.deputies) for s in self.served)

    @property
    def missing_required(self) -> int:
        return sum(s.required for s in self.missing)


def roster_of(view: PublicView) -> Roster:
    return memo(view, "deputies", lambda: _roster_of(view))


def _roster_of(view: PublicView) -> Roster:
    today = view.today
    rows = index.by_school(view.catalog)
    reviewed = _reviewed(view)
    schools: list[School] = []
    for uscc, history in rows.items():
        latest = max(history, key=lambda r: r.appointed_on)
        serving = tuple(r for r in history if index.in_office(index.deputy_term(r), today))
        review = reviewed.get(uscc)
        begun = [r.appointed_on for r in history if r.appointed_on <= today]
        schools.append(School(uscc, latest.school_name, latest.school_type, serving,
                              _reviews_url(review) if review else None,
                              "" if serving else _why_none(history, today), since=max(begun, default=None)))
    for uscc, review in reviewed.items():
        if uscc not in rows and review.school_type not in NOT_SCHOOLS:
            schools.append(School(uscc, review.school_name, review.school_type, (), _reviews_url(review),
                                  "名单中没有这所学校的法治副校长", on_roster=False))
    schools.sort(key=lambda s: (not s.required, _TYPE_ORDER.get(s.school_type, len(_TYPE_ORDER)), s.name, s.uscc))
    advisers = sorted(index.advisers_on(view.catalog, today), key=lambda r: (r.start, r.firm, r.lawyer_name))
    return Roster([s for s in schools if s.deputies], [s for s in schools if not s.deputies], advisers)


def _reviewed(view: PublicView) -> dict[str, Any]:
    """Each school's newest annual review public on the day, by credit code: the schools /reviews/ has a page for.

    Read from the records, not the review family's pages (that family's school pages show this one's block)."""
    newest: dict[str, Any] = {}
    for review in view.catalog.records(REVIEWS):
        if review.published_on <= view.today:
            known = newest.get(review.school_uscc)
            if known is None or review.year > known.year:
                newest[review.school_uscc] = review
    return newest


def _reviews_url(review: Any) -> str:
    return f"reviews/{review.slug}/"


def _why_none(history: list[Any], today: date) -> str:
    coming = [r.appointed_on for r in history if r.appointed_on > today]
    if coming:
        return f"新聘的法治副校长 {min(coming)} 起任职"
    return f"原法治副校长聘期已于 {max(r.term_end for r in history)} 届满"


def guide_rules() -> str:
    """The staff guide's note under the roster's fields: one row per appointment, several deputies, ended terms."""
    return TEMPLATES.get_template("guide/roster-rules.html.j2").render()


def deputies_page(view: PublicView) -> str:
    return page_md("deputies", meta("法治副校长", title="法治副校长和法律顾问"), env=TEMPLATES,
                   roster=roster_of(view), today=view.today, site=view.site, advisers_kept=view.catalog.kept(
                       index.ADVISERS))


def school_pages(view: PublicView) -> Iterator[RecordPage]:
    """One page per school the roster names, with its deputies in office on the day (or why it has none)."""
    roster = roster_of(view)
    for school in (*roster.served, *roster.missing):
        if school.on_roster:
            body = record_html("school", env=TEMPLATES, school=school, today=view.today, root=root_of(school.url))
            yield RecordPage(school.url, f"{school.name}的法治副校长", body, school.since, entry=school_entry(school))


def school_entry(school: School) -> Entry:
    """Found by the school's name and credit code, and by its deputies' names and units; one line: who, or why
    none."""
    line = "；".join(f"{d.deputy_name}（{d.deputy_unit}{d.post or ''}）" for d in school.deputies) or school.note
    return Entry(school.name, "法治副校长", line,
                 texts=(school.uscc, *(t for d in school.deputies for t in (d.deputy_name, d.deputy_unit))))


def deputy_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    """The deputies in office on the day, in the page's order (an ended term is no public fact any more)."""
    for school in roster_of(view).served:
        for deputy in school.deputies:
            yield deputy.model_dump()


def adviser_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for adviser in roster_of(view).advisers:
        yield adviser.model_dump()


def describe_deputy(view: PublicView, key: str) -> tuple[str | None, str | None]:
    """Keyless rows are named by their leading values: school name, credit code, type."""
    name, _, rest = key.partition(" ")
    uscc = rest.partition(" ")[0]
    known = {s.uscc: s for s in (*roster_of(view).served, *roster_of(view).missing)}
    return (f"{name}的法治副校长", known[uscc].url) if uscc in known else (None, None)


def describe_adviser(view: PublicView, key: str) -> tuple[str | None, str | None]:
    """Named by the firm (the leading value) while it is under contract: the page lists only those."""
    firm = key.partition(" ")[0]
    current = any(a.firm == firm for a in roster_of(view).advisers)
    return (f"法律顾问：{firm}", f"{PAGE}#advisers") if current else (None, None)


def _changed_on(view: PublicView, terms: list[tuple[date, date]]) -> date | None:
    """The newest day the page changed by itself: someone took office, or someone's term ended the day before."""
    return view.last_change([d for start, end in terms
                             for d in (start, end + timedelta(days=1) if end < date.max else end)])


def last_change(view: PublicView) -> date | None:
    terms = [index.deputy_term(r) for r in view.catalog.records(index.DEPUTIES)]
    terms += [index.adviser_term(r) for r in view.catalog.records(index.ADVISERS)]
    return _changed_on(view, terms)
