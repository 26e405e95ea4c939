"""The same searches on a synthetic 5,000-institution site (10,000 record pages): still found, still light."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import AXE, Visit, serve, shot
from once import made_once
from sitecheck import ROOT, run_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    def make(folder: Path) -> None:
        tree = folder / "tree"
        subprocess.run([sys.executable, "-m", "generator", "synth", "--scale", "5000", "--out", str(tree)],
                       cwd=ROOT, check=True, capture_output=True)
        result = run_build(tree, tree / "site")
        assert result.returncode == 0, result.stdout + result.stderr

    tree = made_once(tmp_path_factory, "synth-5000", make) / "tree"  # made once per run, read by every worker
    server, url = serve(tree / "site")
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
    institution = _rows(big_site[1], "institutions")[1234]  # 汾川县龙泉阳光教育培训学校, typed whole, no spaces
    page = big_visit.go("search/")
    page.fill("#tp-search-input", institution["name"])
    first = page.locator(".tp-result-link").first
    first.wait_for(timeout=30000)
    assert first.get_attribute("href").endswith(f"institutions/{institution['id']}/")
    assert 0 < big_visit.downloaded("/search-index/") < 100_000, "a query loads a few index parts, not the index"
    assert big_visit.foreign_requests() == []


def test_a_full_decision_number_finds_its_decision_first(big_visit: Visit, big_site: tuple[str, Path]) -> None:
    published = (big_site[1] / "site" / "data" / "penalties.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(published)))
    number = rows[len(rows) // 2]["decision_no"]
    page = big_visit.go("search/")
    page.fill("#tp-search-input", number)
    first = page.locator(".tp-result-link").first
    first.wait_for(timeout=30000)
    assert first.inner_text() == number


def test_a_two_character_word_finds_only_pages_that_contain_it(big_visit: Visit) -> None:
    page = big_visit.go("search/")
    page.fill("#tp-search-input", "阳光")
    page.locator(".tp-result").first.wait_for(timeout=30000)
    titles = page.locator(".tp-result-link").all_inner_texts()
    assert len(titles) == 8 and all("阳光" in t for t in titles)


def test_lookup_finds_one_of_5000_institutions_from_the_index(big_visit: Visit, big_site: tuple[str, Path]) -> None:
    institution = _rows(big_site[1], "institutions")[4321]
    page = big_visit.go("institutions/")
    count = page.locator("[data-lookup-count]")
    page.wait_for_function("document.querySelector('[data-lookup-count]').textContent.startsWith('共 5000')")
    assert page.locator("table[data-lookup-table] tbody tr").count() == 50, "the first 50, blacklist first"
    page.fill("#lookup-q", institution["uscc"] or institution["name"])
    page.wait_for_function("document.querySelector('[data-lookup-count]').textContent === '找到 1 家机构'")
    rows = page.locator("table[data-lookup-table] tbody tr")
    assert rows.count() == 1 and institution["name"] in rows.first.inner_text()
    assert rows.first.locator("a").get_attribute("href").endswith(f"/institutions/{institution['id']}/")
    # a row the script builds reads as a labelled card on a phone, as the page's own rows do
    lines = rows.first.inner_text().splitlines()
    assert lines[0] == f"机构名称：{institution['name']}" and lines[1].startswith("名单：")
    assert [line.split("：")[0] for line in lines[-3:]] == ["状态", "类别", "信用代码"], lines
    other = "非学科类" if institution["training_type"] == "学科类" else "学科类"
    page.check(f"input[name=type][value={other}]")
    page.wait_for_function("document.querySelector('[data-lookup-count]').textContent === '找到 0 家机构'")
    assert page.locator("[data-lookup-empty]").is_visible() and count.inner_text() == "找到 0 家机构"
    assert 0 < big_visit.downloaded("/search-index/") < 100_000, "a few index parts, not the list"
    assert big_visit.foreign_requests() == []


def test_large_lookup_page_is_light_and_the_full_list_is_browsable_without_javascript(
        big_site: tuple[str, Path]) -> None:
    """By list (black, white, unlisted) and by pinyin initial, each at most 500 a page: every institution once in
    each."""
    site = big_site[1] / "site"
    lookup = site / "institutions" / "index.html"
    assert lookup.stat().st_size < 100_000
    text = lookup.read_text(encoding="utf-8")
    shelves = re.findall(r'href="\.\./institutions/_([a-z]+)/"', text)
    assert shelves[:3] == ["black", "white", "unlisted"] and len(shelves) > 10
    ids = sorted(r["id"] for r in _rows(big_site[1], "institutions"))
    by_list: list[str] = []
    by_initial: list[str] = []
    for shelf in shelves:
        pages = [site / "institutions" / f"_{shelf}" / "index.html",
                 *sorted(site.glob(f"institutions/_{shelf}-*/index.html"))]
        for page in pages:
            rows = re.findall(r'<td>(?:<span class="tp-label"[^>]*>[^<]*</span>)?<a '
                              r'href="\.\./\.\./institutions/([a-z0-9-]+)/"',
                              page.read_text(encoding="utf-8"))
            assert 0 < len(rows) <= 500, page
            (by_list if shelf in ("black", "white", "unlisted") else by_initial).extend(rows)
    assert sorted(by_list) == ids and sorted(by_initial) == ids


def test_a_heard_name_is_found_among_5000_from_a_few_index_parts(big_visit: Visit, big_site: tuple[str, Path]) -> None:
    """The county left out, a character misheard and the parts said in another order (nearcases.heard, one case)."""
    from nearcases import anchors, noise, published, site_words

    everyone = published(big_site[1] / "site")
    words = site_words(big_site[1])
    inst = next(i for i in everyone[2345:] if anchors(i, everyone, words))
    anchor = anchors(inst, everyone, words)[0]
    name = inst.name.removeprefix("汾川县")
    at = name.index(anchor) + 2
    query = name[at + 1:] + " " + name[:at] + (noise(everyone, words)[0] if at < len(name) else "")
    page = big_visit.go("institutions/")
    page.wait_for_function("document.querySelector('[data-lookup-count]').textContent.startsWith('共 5000')")
    before = big_visit.downloaded("/search-index/")
    page.fill("#lookup-q", query)
    near = page.locator("[data-lookup-near]")
    near.wait_for(timeout=30000)
    assert inst.name in near.locator("li a").all_inner_texts(), query
    assert "不在本县公开名单中" not in page.locator("article").inner_text()
    assert 0 < big_visit.downloaded("/search-index/") - before < 100_000, "a few index parts, not a list of names"
    assert big_visit.foreign_requests() == []


@pytest.mark.parametrize("path, field, query", [("search/", "#tp-search-input", "阳光"),
                                                ("institutions/", "#lookup-q", "阳光"),
                                                ("institutions/_x/", None, None)])
def test_large_site_pages_with_results_are_accessible_and_fit_a_phone(big_visit: Visit, path: str,
                                                                      field: str | None, query: str | None) -> None:
    page = big_visit.go(path)
    if field:
        page.fill(field, query)
        page.locator(".tp-result, table[data-lookup-table] tbody tr >> nth=0").first.wait_for(timeout=30000)
        page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_large_sites_institution_page_draws_its_qr_code_in_the_browser(big_visit: Visit,
                                                                        big_site: tuple[str, Path]) -> None:
    """Above QR_INLINE_LIMIT institutions the page names its address and the vendored generator draws the code."""
    import io as _io

    import zxingcpp
    from PIL import Image

    institution = _rows(big_site[1], "institutions")[4321]
    html = (big_site[1] / "site" / "institutions" / institution["id"] / "index.html").read_text(encoding="utf-8")
    address = f"https://jkj.fenchuan.gov.cn/institutions/{institution['id']}/"
    assert f'data-qr="{address}"' in html and "<svg" not in html.split('id="qr"', 1)[1]
    page = big_visit.go(f"institutions/{institution['id']}/")
    code = page.locator(".tp-qr-code svg")
    code.wait_for(timeout=10000)
    code.scroll_into_view_if_needed()
    image = Image.open(_io.BytesIO(shot(page.locator(".tp-qr-code"))))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [address]
    assert big_visit.foreign_requests() == []
