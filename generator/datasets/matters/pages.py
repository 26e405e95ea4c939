"""Render stage of the matters family: one permanent page per matter (its basis, procedure, flow chart, recorded
steps and remedies) and its search entry; the list page stays /matters/ and links every one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ...model import Cell
from ...render.recordindex import Entry
from ...render.templates import RecordPage, record_html
from ..procedures import index as procedure_index
from ..procedures.flow import flow_svg
from ..procedures.remedies import remedy
from . import index

if TYPE_CHECKING:
    from ...model import View
    from .model import Matter

#: A matter's search entry: its category under the tag, then its office and code.
CELLS = (Cell("事项类别"), Cell("承办机构"), Cell("事项编码", "事项编码 ", "tp-code"))


def matter_pages(view: View) -> Iterator[RecordPage]:
    catalog = view.catalog
    followed = procedure_index.all_by_matter(catalog) if catalog.kept(procedure_index.PROCEDURES) else {}
    shared = procedure_index.matters_of(catalog) if followed else {}
    for m in index.matters(catalog):
        procedures = followed.get(m.code, [])
        flows = [{"procedure": p, "shared": len(shared.get(p.code, ())),
                  "chart": Markup(flow_svg(p, f"flow-title-{n}"))} for n, p in enumerate(procedures, 1)]
        recorded = [(p, s) for p in procedures for s in p.recorded_steps()]
        body = record_html("matter", matter=m, flows=flows, recorded=recorded, site=view.site,
                           remedy=remedy(view.site, m, subject="本事项作出的决定"), root="../../")
        newest = max((p.published_on for p in procedures), default=None)
        yield RecordPage(index.url(m.code), m.name, body, newest,
                         entry=matter_entry(m, "、".join(p.name for p in procedures)))


def matter_entry(m: Matter, procedure: str) -> Entry:
    """Found by name, code, category, office and the procedure it follows."""
    return Entry(m.name, "执法事项", "", texts=(m.code, m.office, procedure), cells=(m.category, m.office, m.code))
