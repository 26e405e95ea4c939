"""Atom feed of new disclosures (decisions, list entries) and withdrawals, newest first."""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from ..model import View

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 100


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def feed_entries(view: View) -> list[dict[str, Any]]:
    """Newest first, from every publication that declares feed entries: (date, title, url, summary, key)."""
    entries = [e for p in view.catalog.registry.published(view.catalog) if p.feed for e in p.feed(view)]
    entries.sort(key=lambda e: (e["date"], e["key"]), reverse=True)
    return entries[:LIMIT]


def _feed_titles(view: View) -> list[str]:
    """What the feed carries, in the order of the home page's cards (from the registry, as this bureau keeps it)."""
    registry = view.catalog.registry
    return [registry.by_name[p.dataset].title for p in sorted(registry.published(view.catalog), key=lambda p: p.card)
            if p.feed]


def render_feed(view: View) -> bytes:
    site = view.site
    base = site.site.base_url.rstrip("/") + "/"  # type: ignore[union-attr]
    entries = feed_entries(view)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base
    ET.SubElement(feed, f"{{{ATOM}}}title").text = site.site.title  # type: ignore[union-attr]
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = f"{'、'.join(_feed_titles(view))}的最新公开、变动与撤销"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(entries[0]["date"] if entries else view.today)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": base + "feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": base})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site.bureau.name  # type: ignore[union-attr]
    for e in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = base + e["key"]
        ET.SubElement(entry, f"{{{ATOM}}}title").text = e["title"]
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(e["date"])
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": base + e["url"]})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = e["summary"] or e["title"]
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
