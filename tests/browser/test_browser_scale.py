"""The same searches on a synthetic 5,000-institution site (10,000 record pages): still found, still light."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import Visit, serve
from sitecheck import ROOT, run_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    tree = tmp_path_factory.mktemp("synth") / "tree"
    subprocess.run([sys.executable, "-m", "generator", "synth", "--scale", "5000", "--out", str(tree)], cwd=ROOT,
                   check=True, capture_output=True)
    site = tree / "site"
    result = run_build(tree, site)
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve(site)
    yield url, tree
    server.shutdown()


@pytest.fixture
def big_visit(browser: object, big_site: tuple[str, Path]) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # type: ignore[attr-defined]
    yield Visit(context.new_page(), big_site[0])
    context.close()


def _rows(tree: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((tree / "data" / f"{name}.csv").read_text(encoding="utf-8"))))


def test_search_finds_an_institution_among_5000(big_visit: Visit, big_site: tuple[str, Path]) -> None:
    institution = _rows(big_site[1], "institutions")[1234]
    page = big_visit.go("search/")
    page.fill("#tp-search-input", institution["name"])
    page.locator(f".tp-result-link[href*='institutions/{institution['id']}/']").first.wait_for(timeout=30000)
    requested = sum(1 for u in big_visit.requests if "/pagefind" in u)
    assert requested < 40, "a query loads a few index parts, not the whole index"
    assert big_visit.foreign_requests() == []


def test_search_finds_a_public_penalty_by_its_number(big_visit: Visit, big_site: tuple[str, Path]) -> None:
    penalties = [r for r in _rows(big_site[1], "penalties") if r["severity"] == "严重" and r["status"] in ("", "有效")
                 and not r["repaired_on"] and r["published_on"] >= "2024-12-01"]
    number = penalties[0]["decision_no"]
    page = big_visit.go("search/")
    page.fill("#tp-search-input", number)
    link = page.locator(".tp-result-link", has_text=number)
    link.first.wait_for(timeout=30000)


def test_lookup_filters_5000_institutions(big_visit: Visit, big_site: tuple[str, Path]) -> None:
    institution = _rows(big_site[1], "institutions")[4321]
    page = big_visit.go("institutions/")
    page.fill("#lookup-q", institution["uscc"] or institution["name"])
    rows = page.locator("table[data-lookup-table] tbody tr:not([hidden])")
    assert rows.count() == 1 and institution["name"] in rows.first.inner_text()
