"""Issue 19: every table reads as labelled cards on a 390 px phone and stays a table at 1280 px, on every kind of page
that has one (found in the built site, not listed by hand); the ☰ menu works from the keyboard. Real Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from browsing import AXE, Tabs, Visit, screen, shot

pytestmark = pytest.mark.browser

_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.DOTALL)
_CLASS = re.compile(r'\bclass="([^"]*)"')
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")
#: Tabs from page load to the menu button: the skip link comes first.
MENU_WITHIN = 4


def table_pages(site: Path) -> dict[str, str]:
    """One page for each kind of table the site renders -> a description of that kind.

    A kind is a table's class and header row (a table of fields, without one: its class and its page's section); of
    the pages showing it, the one where it holds the most text, the likeliest to overflow a phone.
    """
    best: dict[str, tuple[int, str]] = {}
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        start = html.find("<article")
        if start == -1 or "<table" not in html:
            continue
        url = path.relative_to(site).as_posix().removesuffix("index.html")
        for attrs, inner in _TABLE.findall(html[start:]):
            found, head = _CLASS.search(attrs), _HEAD.search(inner)
            label = " ".join(_TAGS.sub(" ", head.group(1)).split()) if head else f"fields of {url.split('/')[0]}/"
            kind = f"{found.group(1) if found else '(no class: staff Markdown page)'}: {label}"
            size = len(_TAGS.sub("", inner))
            if size > best.get(kind, (-1, ""))[0]:
                best[kind] = (size, url)
    pages: dict[str, str] = {}
    for kind, (_, url) in sorted(best.items()):
        pages.setdefault(url, kind)
    return pages


#: What a phone shows of every table of a page: each cell inside the window and labelled, rows reading as
#: 「label：value」 lines (the text a screen reader or a copy gets), nothing scrolling sideways. Returns what is wrong.
#: The State Council's tables of a 政府信息公开 report (three header rows, rows spanning rows) cannot be cards: they
#: scroll inside their own keyboard-reachable box (.gk-table), which must sit inside the window; the page never does.
PHONE_CHECK = """() => {
  const W = window.innerWidth, wrong = [];
  const lines = (text) => text.split("\\n").map((s) => s.trim()).filter(Boolean);
  const inside = (el) => { const r = el.getBoundingClientRect();
    return el.getClientRects().length > 0 && r.left >= -0.5 && r.right <= W + 0.5; };
  document.querySelectorAll("article table").forEach((table, t) => {
    if (!table.getClientRects().length) return;
    const box = table.closest(".gk-table");
    if (box) {  // a State Council table (政府信息公开 report): too wide for cards, it scrolls inside its own box
      if (!inside(box)) wrong.push(`table ${t}: its scrolling box is outside the window`);
      if (box.tabIndex !== 0) wrong.push(`table ${t}: its scrolling box cannot be reached by keyboard`);
      return;
    }
    const head = table.tHead && table.tHead.rows[0], labels = [];
    if (head) for (const th of head.cells) for (let i = 0; i < th.colSpan; i++)
      labels.push(th.textContent.split(/\\s+/).join(" ").trim());
    for (const body of table.tBodies) for (const row of body.rows) {
      if (row.hidden) continue;
      const where = `table ${t} row ${row.rowIndex}`, texts = [];
      let col = 0;
      for (const cell of row.cells) {
        const at = `${where} cell ${col} 「${cell.innerText.slice(0, 30)}」`;
        if (!inside(cell)) wrong.push(`${at}: outside the window`);
        if (cell.scrollWidth > cell.clientWidth + 1) wrong.push(`${at}: wider than its card`);
        if (head) {
          const want = labels[col] + "：", label = cell.querySelector(":scope > .tp-label");
          if (!label || label.textContent !== want || !inside(label)) wrong.push(`${at}: no visible label ${want}`);
          if (!cell.innerText.trim().startsWith(want)) wrong.push(`${at}: does not begin with ${want}`);
          texts.push(...lines(cell.innerText));
        } else if (cell.tagName === "TD") {
          const th = row.querySelector("th");
          if (!th || !inside(th) || !th.innerText.trim()) wrong.push(`${at}: its row header is not shown`);
        }
        col += cell.colSpan;
      }
      if (head && lines(row.innerText).join("\\n") !== texts.join("\\n"))
        wrong.push(`${where}: its cells run together: ${JSON.stringify(row.innerText.slice(0, 80))}`);
    }
  });
  document.querySelectorAll("article .tp-scroll").forEach((box) => {
    if (box.scrollWidth > box.clientWidth + 1) wrong.push(`a table box scrolls sideways (${box.scrollWidth} px)`);
  });
  const width = document.documentElement.scrollWidth;
  if (width > W) wrong.push(`the page scrolls sideways (${width} px)`);
  return wrong;
}"""

#: What a wide screen shows: tables with a header row are tables, each row's cells side by side, no labels.
DESK_CHECK = """() => {
  const wrong = [];
  document.querySelectorAll("article table").forEach((table, t) => {
    if (!table.getClientRects().length || !table.tHead) return;
    const head = table.tHead.rows[0];
    if (!head || [...head.cells].some((c) => getComputedStyle(c).display !== "table-cell"))
      wrong.push(`table ${t} is not a table`);
    if (!head || head.getBoundingClientRect().height < 10) wrong.push(`table ${t}: header row not shown`);
    for (const body of table.tBodies) for (const row of body.rows) {
      const tops = new Set([...row.cells].map((c) => Math.round(c.getBoundingClientRect().top)));
      if (tops.size !== 1) wrong.push(`table ${t} row ${row.rowIndex}: cells not side by side`);
      if (row.querySelector(".tp-label") && row.querySelector(".tp-label").getClientRects().length)
        wrong.push(`table ${t} row ${row.rowIndex}: cell labels shown beside the header row`);
    }
  });
  return wrong;
}"""


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, str]:
    found = table_pages(built_site)
    urls = set(found)
    # the pages the issue names are among them: a new kind of table is found the same way
    assert {"penalties/", "officers/", "licenses/", "policies/", "reviews/", "inspections/", "changes/",
            "data/", "guide/", "institutions/"} <= urls, sorted(urls)
    assert any(u.startswith("institutions/fc-") for u in urls) and any(u.startswith("reviews/5") for u in urls)
    assert any(u.startswith("reports/2") for u in urls) and any(u.startswith("policies/2") for u in urls)
    assert any(u.startswith("inspections/") and u != "inspections/" for u in urls)
    return found


def _checked(visit: Visit, pages: dict[str, str], script: str) -> list[str]:
    wrong, page = [], cast(Any, visit.page)
    for url, kind in pages.items():
        page.goto(f"{visit.base}/{url}", wait_until="load")
        wrong += [f"/{url} ({kind[:60]}): {w}" for w in page.evaluate(script)]
    return wrong


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(tabs: Tabs, site_url: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A 390×844 phone, with JavaScript and without: the cards are the stylesheet's alone."""
    with tabs.visit(site_url, **screen(java_script_enabled=request.param)) as v:
        yield v


def test_on_a_phone_every_table_is_labelled_cards_inside_the_window(phone: Visit, pages: dict[str, str]) -> None:
    assert _checked(phone, pages, PHONE_CHECK) == []


@pytest.mark.parametrize("sized", [1280], indirect=True)
def test_on_a_wide_screen_tables_stay_tables(sized: Visit, pages: dict[str, str]) -> None:
    assert _checked(sized, pages, DESK_CHECK) == []


@pytest.mark.parametrize("sized", [390], indirect=True)
def test_a_copied_penalty_reads_label_and_value_one_by_one(sized: Visit) -> None:
    """The issue's 「19,600.002029-10-23」: copied (or read aloud) from a phone, each value comes with its label."""
    page: Any = sized.go("penalties/")
    copied = page.evaluate("""() => { const s = window.getSelection();
      s.selectAllChildren(document.querySelector("table[data-filterable] tbody")); return s.toString(); }""")
    lines = [line.strip() for line in copied.splitlines() if line.strip()]
    fined = [n for n, line in enumerate(lines) if line.startswith("罚款（元）：") and line != "罚款（元）：—"]
    assert fined and all(lines[n + 1].startswith("公示期至：") for n in fined), lines[:12]
    assert re.fullmatch(r"罚款（元）：[\d,]+\.\d\d", lines[fined[0]])
    assert not re.search(r"\d\.\d\d\d{4}-\d\d-\d\d", copied)  # an amount never runs into a date


@pytest.fixture
def zoomed(tabs: Tabs, site_url: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A phone (390 px), or a 1280 px screen at 200 % zoom: 640 CSS pixels at two device pixels each."""
    width, scale = request.param
    with tabs.visit(site_url, viewport={"width": width, "height": 800}, device_scale_factor=scale,
                    locale="zh-CN") as v:
        yield v


def _focused(page: Any) -> str:
    return page.evaluate("""() => { const e = document.activeElement;
      return (e.getAttribute("aria-label") || e.innerText || e.tagName).trim(); }""")


def _drawer_open(page: Any) -> bool:
    return bool(page.evaluate("document.getElementById('__drawer').checked"))


def _focus_in_drawer(page: Any) -> None:
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")


@pytest.mark.parametrize("zoomed", [(390, 1), (640, 2)], indirect=True, ids=["phone", "1280-at-200%"])
@pytest.mark.parametrize("url", ["", "penalties/", "institutions/fc-0039/"])
def test_the_menu_opens_and_closes_from_the_keyboard(zoomed: Visit, url: str) -> None:
    page: Any = zoomed.go(url)
    menu = page.get_by_role("button", name="菜单")
    assert menu.is_visible()
    for _ in range(MENU_WITHIN):
        page.keyboard.press("Tab")
        if menu.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail(f"Tab did not reach the menu in {MENU_WITHIN} presses (stopped at {_focused(page)})")
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    _focus_in_drawer(page)
    assert _drawer_open(page) and menu.get_attribute("aria-expanded") == "true"
    link = page.locator(".md-sidebar--primary .md-nav__list a:focus")
    assert link.is_visible() and link.inner_text().strip() == "首页"
    # the drawer slides in: its focused link ends up whole inside the window
    page.wait_for_function("""() => { const r = document.activeElement.getBoundingClientRect();
      return r.left >= 0 && r.right <= window.innerWidth && r.width > 0; }""")
    page.keyboard.press("Tab")
    assert page.locator(".md-sidebar--primary .md-nav__list a:focus").is_visible()
    page.keyboard.press("Escape")
    assert not _drawer_open(page) and menu.evaluate("e => e === document.activeElement")
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press(" ")
    _focus_in_drawer(page)
    assert _drawer_open(page)
    page.keyboard.press("Escape")
    assert not _drawer_open(page)


@pytest.mark.parametrize("zoomed", [(390, 1), (640, 2), (1280, 1)], indirect=True,
                         ids=["phone", "1280-at-200%", "1280"])
def test_every_control_in_the_header_is_focusable_and_named(zoomed: Visit) -> None:
    """The ☰ menu and any other header control (the theme's search toggle, if search were switched on)."""
    page: Any = zoomed.go("penalties/")
    controls = page.evaluate("""() => [...document.querySelectorAll(
        ".md-header a[href], .md-header button, .md-header label[for], .md-header input, .md-header [role=button]")]
      .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
      .map((e) => [e.outerHTML.slice(0, 80), e.tabIndex, (e.getAttribute("aria-label") || e.innerText).trim()])""")
    assert controls
    assert [c for c in controls if c[1] < 0 or not c[2]] == []
    page.add_script_tag(path=str(AXE))  # no finding of any weight (a role on a <label> was one)
    found = page.evaluate("async () => (await axe.run('.md-header', {resultTypes: ['violations']})).violations")
    assert [(v["id"], v["impact"]) for v in found] == []


@pytest.mark.parametrize("zoomed", [(390, 1)], indirect=True, ids=["phone"])
def test_a_group_of_the_menu_opens_on_a_phone_and_leads_to_its_pages(zoomed: Visit) -> None:
    """The grouped navigation at phone width: the menu lists the groups, a tap opens one (its pages, each reachable),
    and on a grouped page the menu opens at its group."""
    page: Any = zoomed.go("")
    page.get_by_role("button", name="菜单").click()
    _focus_in_drawer(page)
    drawer = page.locator(".md-sidebar--primary")
    group = drawer.locator("label.md-nav__link", has_text="执法公示").first
    assert group.is_visible()
    group.click()
    target = drawer.get_by_role("link", name="法制审核", exact=True)
    target.wait_for(state="visible")
    # the group's level slides in: the link ends up whole inside the window
    target.evaluate("""e => new Promise(done => { const check = () => { const r = e.getBoundingClientRect();
      if (r.left >= 0 && r.right <= window.innerWidth) done(); else requestAnimationFrame(check); }; check(); })""")
    target.click()
    page.wait_for_url("**/legal-review/")
    page.get_by_role("button", name="菜单").click()
    _focus_in_drawer(page)
    sibling = drawer.get_by_role("link", name="音像记录", exact=True)
    assert sibling.is_visible()  # the menu opens at its group
    sibling.evaluate("""e => new Promise(done => { const check = () => { const r = e.getBoundingClientRect();
      if (r.left >= 0 && r.right <= window.innerWidth) done(); else requestAnimationFrame(check); }; check(); })""")
    shot(page, path="/tmp/shots-nav-390.png")
    assert zoomed.errors == [] and zoomed.foreign_requests() == []
