"""Render stage of the institution family: the lookup page, one page per institution, the browsable list."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...memo import memo
from ...model import ALL, Cell, Part
from ...render.nearnames import NearWords, name_chars
from ...render.recordindex import FOLDER as RECORD_INDEX
from ...render.recordindex import Entry
from ...render.revisions import revisions_of
from ...render.templates import SITE_SCRIPT, RecordPage, family_templates, light, meta, page_md, record_html
from . import index, liststate
from .browse import browse_nav, words_of
from .liststate import BLACK, UNLISTED, WHITE

if TYPE_CHECKING:
    from ..views import PublicView
    from .views import InstitutionView

#: Order of the lists on the lookup page and in search results: what a parent must not miss comes first.
LIST_ORDER = {BLACK: 0, WHITE: 1, UNLISTED: 2}

#: An institution's entry cells as the browser shows them: the note under its list badge, then the lookup
#: table's cells (read from the record index's manifest: the script knows no dataset).
CELLS = (Cell(), Cell("状态"), Cell("类别"), Cell("信用代码", "统一社会信用代码 ", "tp-code"))

#: Above this many institutions the lookup page stops carrying the whole table (about 0.5 KB a row) and looks
#: names up in the record index instead; the full list is then browsed by list and initial (browse.py).
LOOKUP_TABLE_LIMIT = 2000
#: ... and so it does when the page's own content, compressed, would weigh more than this: with the theme's share,
#: its stylesheets and scripts, a phone's first view of the lookup stays within 50 KB (issue 22; about 200 rows).
LOOKUP_PAGE_GZIP = 14 * 1024


def institution_pages(view: PublicView, part: Part = ALL) -> Iterator[RecordPage]:
    """In lookup order (blacklist first): the order search results come in; `part`: that share of them."""
    blocks = [p.related for p in view.catalog.registry.published(view.catalog) if p.related]
    words = words_of(view)
    for inst in part.of(_lookup_order(view)):
        latest = inst.timeline[-1][0].date if inst.timeline else None
        related = [block for make in blocks if (block := make(view, inst.record.id)) and (block.items or block.empty)]
        body = record_html("institution", view=inst, site=view.site, root="../../", public=view, related=related,
                           revisions=revisions_of(view.histories, "institutions", inst.record.id))
        yield RecordPage(inst.url, inst.record.name, body, latest, entry=institution_entry(inst, words))


def institution_entry(inst: InstitutionView, words: NearWords) -> Entry:
    """Found by name, credit code, licence number or address; shown as a lookup table row (the browser writes
    the search result's line from the same cells, as CELLS says); its name's characters rank it as a near name."""
    r, s = inst.record, inst.state
    return Entry(r.name, s.listed, "", texts=(r.uscc or "", r.school_license_no or "", r.address or ""),
                 facets=(s.listed, s.category),
                 cells=(inst.verdict_note, inst.status, inst.category, r.uscc or "未登记"),
                 near=name_chars(r.name, words))


def _lookup_order(view: PublicView) -> list[Any]:
    return memo(view, "institutions.lookup_order",
                lambda: sorted(view.institutions, key=lambda v: (LIST_ORDER[v.state.listed], v.record.id)))


def lookup_page(view: PublicView) -> str:
    views = _lookup_order(view)
    page = None if len(views) > LOOKUP_TABLE_LIMIT else _lookup_page(view, views, large=False)
    if page is None or len(gzip.compress(page.encode("utf-8"), 6, mtime=0)) > LOOKUP_PAGE_GZIP:
        page = _lookup_page(view, views, large=True)
    return page


def _lookup_page(view: PublicView, views: list[Any], large: bool) -> str:
    totals = {name: sum(v.state.listed == name for v in views) for name in LIST_ORDER}
    return page_md("lookup", meta("校外培训机构查询", title="校外培训机构查询", hide=["toc"], **light(SITE_SCRIPT)),
                   views=[] if large else views, total=len(views), totals=totals, today=view.today, large=large,
                   index=f"../{RECORD_INDEX}/", site=view.site, nav=browse_nav(view), root="../",
                   near=words_of(view).attribute())


def institution_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for inst in view.institutions:
        row = inst.record.model_dump()
        row.update(current_list=inst.state.listed, list_since=inst.state.listed_since,
                   current_status=inst.state.status)
        yield row


def event_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    for event in index.events(view.catalog):
        if event.date <= view.today:
            yield {**event.model_dump(), "basis_doc_no": view.basis(event.basis_doc_no)}


def describe_institution(view: PublicView, key: str) -> tuple[str | None, str | None]:
    inst = view.institutions_by_id.get(key)
    return (inst.record.name, inst.url) if inst else (None, None)


def describe_event(view: PublicView, key: str) -> tuple[str | None, str | None]:
    institution_id, _, rest = key.partition(" ")
    inst = view.institutions_by_id.get(institution_id)
    return (f"{inst.record.name} {rest}", inst.url) if inst else (None, None)


#: List changes a parent must hear about (the feed carries these; status changes show on the page).
FEED_EVENTS = frozenset({"列入白名单", "列入黑名单", "移出白名单", "移出黑名单", "取缔"})


def institution_feed(view: PublicView) -> Iterator[dict[str, Any]]:
    for inst in view.institutions:
        for event, _state in inst.timeline:
            if event.event in FEED_EVENTS:
                yield {"date": event.date, "date_label": "变动日期", "title": f"{event.event}：{inst.record.name}",
                       "url": inst.url,
                       "summary": event.reason or "", "key": f"{inst.url}#{event.date}-{event.event}"}


def institution_finder(view: PublicView) -> dict[str, Any]:
    """What the home and search pages need to find an institution: the browse links, the near-name words and how
    many institutions there are."""
    return {"nav": browse_nav(view), "near": words_of(view).attribute(), "count": len(view.institutions)}


_TEMPLATES = family_templates(Path(__file__).parent / "templates")


def event_effects() -> str:
    """The staff guide's table of what each list or status change does and needs before it (liststate.EFFECTS)."""
    return _TEMPLATES.get_template("guide/event-effects.html.j2").render(effects=liststate.EFFECTS)
