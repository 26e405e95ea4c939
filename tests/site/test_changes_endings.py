"""/changes/ shows every withdrawal, end of publicity and credit repair with its date and reason, by type, and
never the party of a decision whose content has left the site (checked across the built sample's own pages)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from sitecheck import ROOT, page

from generator.render.changes import CHANGES_LIMIT
from generator.rules.publicity import mask_name

TYPES = ("", "added/", "corrected/", "withdrawn/", "expired/")


def _rows(site: Path, kind: str) -> list[str]:
    html = page(site, f"changes/{kind}").html
    body = html[html.index("<tbody>"):html.index("</tbody>")] if "<tbody>" in html else ""
    body = re.sub(r'<span class="tp-label"[^>]*>[^<]*</span>', "", body)  # the phone's column labels
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tr)).strip() for tr in re.findall(r"<tr.*?</tr>", body)]


def _decision_pages(site: Path) -> dict[str, str]:
    """Every decision's page text, by its folder (penalties/2021-002/ ...)."""
    return {f"{p.parent.parent.name}/{p.parent.name}/":
            page(site, f"{p.parent.parent.name}/{p.parent.name}/").article_text()
            for folder in ("penalties", "licenses") for p in (site / folder).glob("*/index.html")}


def test_each_page_of_changes_links_to_the_others_and_holds_only_its_type(built_site: Path) -> None:
    every = _rows(built_site, "")
    for kind in TYPES:
        links = {a["href"] for a in page(built_site, f"changes/{kind}").find("a")}
        assert {("../../" if kind else "../") + f"changes/{k}" for k in TYPES if k != kind} <= links
        if kind and len(every) < CHANGES_LIMIT:  # all of them on the full page: each type page holds some of them
            rows = _rows(built_site, kind)
            assert rows and set(rows) <= set(every), kind
    withdrawn = _rows(built_site, "withdrawn/")
    expired = _rows(built_site, "expired/")
    assert withdrawn and expired and not set(withdrawn) & set(expired)
    assert all("录入本站" not in r and "更正" not in r for r in withdrawn + expired)


def test_every_notice_of_withdrawal_is_a_dated_row_with_its_reason(built_site: Path) -> None:
    rows = _rows(built_site, "withdrawn/")
    notices = {url: text for url, text in _decision_pages(built_site).items() if "原公示内容已撤下" in text}
    assert notices
    for url, text in notices.items():
        number = re.search(r"决定文书号 (\S+)", text).group(1)  # type: ignore[union-attr]
        on = re.search(r"（\S*日期 (\d{4}-\d{2}-\d{2})）", text).group(1)  # type: ignore[union-attr]
        reason = re.search(r"理由 (.+?)(?: 作出吊销的决定| ←)", text).group(1)  # type: ignore[union-attr]
        assert [r for r in rows if r.startswith(on) and number in r and reason in r], (url, number, on)


def test_every_decision_gone_from_the_site_is_a_dated_row_and_its_party_is_on_no_changes_page(
        built_site: Path) -> None:
    gone = [url for url, text in _decision_pages(built_site).items()
            if "公示期已满" in text and "决定文书号" not in text]
    assert len(gone) >= 10
    rows = _rows(built_site, "expired/")
    numbers = {}
    for name in ("penalties", "licenses"):
        with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                numbers[row["decision_no"]] = row
    every = [r for k in TYPES for r in _rows(built_site, k)]
    slugs = {a["href"].replace("../../", "") for a in page(built_site, "changes/expired/").find("a")}
    assert set(gone) <= slugs, set(gone) - slugs
    for row in rows:
        number = next(n for n in numbers if f" {n} " in f" {row} ")
        party = numbers[number]["party_name"]
        # no row naming the decision names its party (as written or masked): the number alone stays public
        assert not [r for r in every if number in r and (party in r or mask_name(party) in r)], row
        if "公示期满" in row:
            left, until = re.search(r"^(\d{4}-\d{2}-\d{2}) .*公示期至 (\d{4}-\d{2}-\d{2})", row).groups()  # type: ignore
            assert left > until
        else:
            assert "信用修复" in row and row[:10] == numbers[number]["repaired_on"]
