"""Render stage of the procedures family: the 音像记录事项清单 page (/recording/), download rows, /changes/ names."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...render.templates import family_templates, meta, page_md
from ..matters import index as matter_index
from . import index
from .model import dump

if TYPE_CHECKING:
    from ...model import View

TEMPLATES = family_templates(Path(__file__).parent / "templates")
PAGE = "recording/"


def recording_page(view: View) -> str:
    catalog = view.catalog
    matters = matter_index.by_code(catalog)
    following = index.matters_of(catalog)
    sections = []
    for p in index.procedures(catalog):
        applied = [matters[c] for c in following.get(p.code, []) if c in matters]
        sections.append({"procedure": p, "anchor": index.anchor(p.code), "matters": applied,
                         "recorded": [(s, p.step_basis(s)) for s in p.recorded_steps()],
                         "urls": {m.code: matter_index.url(m.code) for m in applied}})
    count = sum(len(p.recorded_steps()) for p in index.procedures(catalog))
    return page_md("recording", meta("执法全过程记录", title="音像记录事项清单"), env=TEMPLATES, sections=sections,
                   count=count, site=view.site)


def rows(view: View) -> Iterator[dict[str, Any]]:
    following = index.matters_of(view.catalog)
    for p in index.procedures(view.catalog):
        row = dump(p)
        row["applies_to"] = following.get(p.code, [])
        row["recorded_step_names"] = [s.name for s in p.recorded_steps()]
        yield row


DERIVED = {"applies_to": ("适用的执法事项编码", "string"), "recorded_step_names": ("须音像记录的环节", "string")}


def describe(view: View, key: str) -> tuple[str | None, str | None]:
    found = next((p for p in index.procedures(view.catalog) if p.code == key), None)
    return (f"办理流程：{found.name}", f"{PAGE}#{index.anchor(found.code)}") if found else (None, None)


def recorded_count(view: View) -> int:
    return sum(len(p.recorded_steps()) for p in index.procedures(view.catalog))


def last_change(view: View) -> date | None:
    days = [p.published_on for p in index.procedures(view.catalog)]
    return max(days) if days else None
