"""Render stage of the family, for other families' pages: a school's deputies in office (the /reviews/ school page
says who they are and links the roster, without repeating it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...memo import memo
from . import index

if TYPE_CHECKING:
    from ..views import PublicView

PAGE = "deputies/"
#: Reviewed bodies that are no school (no deputy is appointed to them): the roster page does not count them.
NOT_SCHOOLS = frozenset({"校外培训机构"})


@dataclass(frozen=True)
class SchoolDeputies:
    """A school's deputies in office on the view's day (none: the school has none) and its place on the roster."""

    deputies: tuple[Any, ...]
    url: str
    """Under the site root: the school's own page when the roster names it, else its row on the list page."""
    own: bool = False
    """Whether `url` is the school's own page."""


def school_deputies(view: PublicView, uscc: str, school_type: str) -> SchoolDeputies | None:
    """None when the bureau keeps no roster or the body is no school (the page then says nothing of deputies)."""
    if not view.catalog.kept(index.DEPUTIES) or school_type in NOT_SCHOOLS:
        return None
    serving = memo(view, "deputies:serving", lambda: index.serving(view.catalog, view.today))
    own = uscc in index.by_school(view.catalog)
    url = index.school_url(uscc) if own else f"{PAGE}#{index.anchor(uscc)}"
    return SchoolDeputies(tuple(serving.get(uscc, ())), url, own)
