"""Render stage of the 重大执法决定法制审核 family: the catalogue's list page with the reviews counted per year, its
download rows, and how /changes/ names an entry. A penalty's own statement is rules.mark (decisions/pages.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ...render.templates import family_templates, meta, page_md
from ...schema.common import STANDING
from ..decisions import index as decision_index
from . import rules

if TYPE_CHECKING:
    from ..views import PublicView

TEMPLATES = family_templates(Path(__file__).parent / "templates")


@dataclass(frozen=True)
class YearCount:
    """One year's row of the list page: standing penalties decided that year, how many were reviewed, how many the
    catalogue caught (each caught one was reviewed: the validator refuses it otherwise)."""

    year: int
    decided: int
    reviewed: int
    due: int


def year_counts(view: PublicView) -> list[YearCount]:
    """From the year the catalogue first took effect to today's, newest first (withdrawn decisions not counted)."""
    catalog = view.catalog
    listed = rules.entries(catalog)
    if not listed:
        return []
    first = min(e.effective_from for e in listed).year
    standing = [p for p in decision_index.penalties(catalog)
                if p.status == STANDING and first <= p.decision_date.year and p.decision_date <= view.today]
    rows = []
    for year in range(view.today.year, first - 1, -1):
        of_year = [p for p in standing if p.decision_date.year == year]
        rows.append(YearCount(year, len(of_year), sum(p.legal_review_date is not None for p in of_year),
                              sum(bool(rules.applying(catalog, p)) for p in of_year)))
    return rows


def catalogue_page(view: PublicView) -> str:
    listed = sorted(rules.entries(view.catalog), key=lambda e: (e.case_by_case is True, e.code))
    sections = [{"entry": e, "anchor": rules.anchor(e.code), "conditions": rules.worded(e)} for e in listed]
    since = min((e.effective_from for e in listed), default=None)
    return page_md("legal_review", meta("重大执法决定法制审核", title="重大执法决定法制审核目录清单"),
                   env=TEMPLATES, sections=sections, since=since, years=year_counts(view), site=view.site)


def catalogue_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    return (e.model_dump() for e in rules.entries(view.catalog))


def describe_entry(view: PublicView, key: str) -> tuple[str | None, str | None]:
    entry = next((e for e in rules.entries(view.catalog) if e.code == key), None)
    if entry is None:
        return None, None
    return f"目录第 {key} 项「{entry.name}」", f"legal-review/#{rules.anchor(key)}"


def statement(view: PublicView, penalty: Any, root: str) -> Markup | None:
    """A standing penalty's 「重大执法决定法制审核」 row: reviewed (date, office), or why no review was due, linking
    the catalogue entries it falls in; None: the bureau keeps no catalogue and the penalty records no review."""
    said = rules.mark(view.catalog, penalty)
    if said is None:
        return None
    link = Markup('<a href="{}legal-review/#{}">{} {}</a>')
    links = Markup("、").join(link.format(root, rules.anchor(e.code), e.code, e.name) for e in said.entries)
    return escape(said.text) + (Markup("；目录清单：") + links if said.entries else Markup(""))
