"""The browser's half of the record index (site.js) agrees with the generator's half
(generator/render/recordindex.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browsing import Visit, serve
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import recordindex

pytestmark = pytest.mark.browser

SAMPLES = ["汾川县启明培训学校", "９１１４１０９９ＭＡ０ＭＲ７１Ｑ２Ｎ", "汾教科罚决字〔2024〕第6号", "二〇二四年",
           "Ａｂｃ-DEF_12", "<script>alert(1)</script>", "㐀㐁 丽 﨎", "  空 格\t制表\n换行 ", "é ß İ", "", "🙂表情😀"]


def _js(visit: Visit, expression: str) -> object:
    return visit.page.evaluate(expression)  # type: ignore[attr-defined]


def test_normalise_terms_and_shards_agree(visit: Visit) -> None:
    visit.go("search/")
    got = _js(visit, f"""() => {json.dumps(SAMPLES, ensure_ascii=False)}.map(s => {{
        const t = tpRecords.terms(tpRecords.normalise(s)).sort();
        return [tpRecords.normalise(s), t, t.map(x => tpRecords.shardOf(x, 512))];
    }})""")
    want = [[recordindex.normalise(s), sorted(recordindex.terms(s)),
             [recordindex.shard_of(t, 512) for t in sorted(recordindex.terms(s))]] for s in SAMPLES]
    assert got == want
    assert want[1][0] == "91141099ma0mr71q2n" and want[2][0] == "汾教科罚决字2024第6号"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=200_000), max_size=300))
def test_lists_decode_in_the_browser_as_written(browser: object, values: list[int]) -> None:
    values = sorted(set(values))
    encoded = recordindex.encode(values)
    assert recordindex.decode(encoded) == values
    page = _page(browser)
    assert page.evaluate("s => tpRecords.decode(s)", encoded) == values


_PAGES: dict[str, object] = {}


def _page(browser: object) -> object:
    """One page holding site.js, kept for every example (hypothesis runs the test many times)."""
    if "page" not in _PAGES:
        page = browser.new_page()  # type: ignore[attr-defined]
        script = Path(__file__).resolve().parents[2] / "site_overrides" / "assets" / "javascripts" / "site.js"
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(content=script.read_text(encoding="utf-8"))
        _PAGES["page"] = page
    return _PAGES["page"]


def test_a_long_pasted_query_looks_up_the_same_few_pairs(visit: Visit) -> None:
    visit.go("search/")
    query = ["汾川县乐动街舞培训中心违规开展培训活动当事人在工作日晚间培训至21时后结束", "91141099MA0MR71Q2N"]
    words = [recordindex.normalise(w) for w in query]
    got = _js(visit, f"() => tpRecords.spread({json.dumps(words, ensure_ascii=False)})")
    assert got == recordindex.spread(words) and len(got) == recordindex.MAX_TERMS


def test_a_page_left_open_over_a_rebuild_still_finds(browser: object, built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server, url = serve(site)
    try:
        visit = Visit(browser.new_page(), url)  # type: ignore[attr-defined]
        page = visit.go("search/")
        page.fill("#tp-search-input", "启明")
        page.locator(".tp-result-link[href$='/institutions/fc-0001/']").wait_for(timeout=15000)
        # The daily rebuild: new index parts under a new name, the old ones gone.
        manifest_path = site / "search-index" / "index.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        (site / "search-index" / manifest["id"]).rename(site / "search-index" / "0123456789ab")
        manifest_path.write_text(json.dumps({**manifest, "id": "0123456789ab"}), encoding="utf-8")
        page.fill("#tp-search-input", "乐动街舞")
        page.locator(".tp-result-link[href$='/institutions/fc-0030/']").wait_for(timeout=15000)
        assert not page.locator("[data-search-status]").inner_text().startswith("搜索暂时无法使用")
        page.close()
    finally:
        server.shutdown()


def test_search_works_for_a_site_published_under_a_sub_path(browser: object, built_site: Path, tmp_path: Path) -> None:
    shutil.copytree(built_site, tmp_path / "gk" / "jyj")
    server, url = serve(tmp_path)
    try:
        visit = Visit(browser.new_page(), url)  # type: ignore[attr-defined]
        page = visit.go("gk/jyj/search/?q=" + "乐动街舞")
        page.locator(".tp-result-link").first.wait_for(timeout=15000)
        assert page.locator(".tp-result-link").first.get_attribute("href") == "/gk/jyj/institutions/fc-0030/"
        page = visit.go("gk/jyj/search/?q=" + "法治政府建设")  # words of the annual reports: Pagefind's part
        page.locator(".tp-result-link[href*='reports/']").first.wait_for(timeout=15000)
        hrefs = page.locator(".tp-result-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert hrefs and all(h.startswith("/gk/jyj/") for h in hrefs), hrefs
        page.close()
    finally:
        server.shutdown()
