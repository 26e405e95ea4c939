"""Script and markup: site.yml values, invisible characters, unsafe staff Markdown, Markdown limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import errors, found, replace_text, set_cells

from generator.read.files import Tree, content_files
from generator.rules.sanitiser import sanitise, url_problem

ABOUT = "content/about.md"


@pytest.mark.parametrize(("old", "new", "where"), [
    ("title: 汾川县教育科技局行政执法公示平台", "title: 汾川</title><script>alert(1)</script>", (9, 10)),
    ("title: 汾川县教育科技局行政执法公示平台", 'title: 汾川" onmouseover="alert(1)', (9, 10)),
    ("base_url: https://jkj.fenchuan.gov.cn/", 'base_url: https://jkj.fenchuan.gov.cn/"><script>', (10, 13)),
    ("base_url: https://jkj.fenchuan.gov.cn/", "base_url: 'https://jkj.fenchuan.gov.cn/ x'", (10, 13)),
    ("base_url: https://jkj.fenchuan.gov.cn/", "base_url: javascript://jkj.fenchuan.gov.cn/", (10, 13)),
    ("base_url: https://jkj.fenchuan.gov.cn/", "base_url: http://jkj.fenchuan.gov.cn/", (10, 13)),
])
def test_site_title_and_base_url_are_strict(root: Path, old: str, new: str, where: tuple[int, int]) -> None:
    replace_text(root, "data/site.yml", old, new)
    assert errors(root) == [("data/site.yml", *where, "invalid-value")]


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u2028", "\x1b", "\x7f", "\x85", "\x0c"])
def test_control_characters_in_a_csv_cell_are_refused_without_cascade(root: Path, char: str) -> None:
    set_cells(root, "institutions", "fc-0001", name=f"汾川县{char}启明培训学校")
    # Its events still find it (no unknown-reference per event); only the year-end figures count one fewer.
    assert [e for e in errors(root) if e[3] != "figure-mismatch"] == [
        ("data/institutions.csv", 2, 2, "control-character")]


@pytest.mark.parametrize(("text", "where"), [
    ('"\\u202e汾川县教育科技局"', (2, 9)),   # an escape in a quoted scalar
    ("汾川县\u2069教育科技局", (2, 9)),
    ("汾川县\x1b教育科技局", (2, 12)),      # YAML itself refuses ESC: placed at the character
])
def test_control_characters_in_yaml_are_refused(root: Path, text: str, where: tuple[int, int]) -> None:
    replace_text(root, "data/site.yml", "name: 汾川县教育科技局", f"name: {text}")
    assert errors(root) == [("data/site.yml", *where, "control-character")]


def test_control_characters_in_markdown_and_front_matter(root: Path) -> None:
    replace_text(root, ABOUT, "title: 关于本站", "title: 关于\u202e本站")
    replace_text(root, ABOUT, "## 纠错与联系", "## 纠错\u2066与联系")
    assert errors(root) == [(ABOUT, 2, 8, "control-character"), (ABOUT, 23, 6, "control-character")]


HOSTILE = """
<script>alert(1)</script>
<p onclick="alert(2)">x</p> [a](javascript:alert(3)) [b](JaVa&#x09;Script:alert(4))
![c](https://evil.example/c.png) ![d](data:image/svg+xml;base64,PHN2Zz4=) [e][ref] <iframe src="/x"></iframe>
<a href="//evil.example/">f</a> <img src="\\\\evil.example\\g.png"> <b style="color:red">g</b>

[ref]: vbscript:msgbox(5)
"""


def test_unsafe_markdown_is_reported_where_it_stands(root: Path) -> None:
    (root / ABOUT).write_text("---\ntitle: 关于本站\n---\n" + HOSTILE, encoding="utf-8")
    assert found(root) == [
        (ABOUT, 4, 1, "unsafe-markup"),    # JaVa&#x09;Script: (its decoded text is not in the source: the body start)
        (ABOUT, 5, 1, "unsafe-markup"),    # <script>
        (ABOUT, 6, 4, "unsafe-markup"),    # onclick
        (ABOUT, 6, 33, "unsafe-markup"),   # javascript:
        (ABOUT, 7, 6, "unsafe-markup"),    # external image
        (ABOUT, 7, 39, "unsafe-markup"),   # data: image
        (ABOUT, 7, 84, "unsafe-markup"),   # <iframe>
        (ABOUT, 8, 10, "unsafe-markup"),   # protocol-relative link
        (ABOUT, 8, 43, "unsafe-markup"),   # backslash image
        (ABOUT, 8, 69, "unsafe-markup"),   # style
        (ABOUT, 10, 8, "unsafe-markup"),   # reference link to vbscript:
    ]


def test_the_sample_markdown_is_clean(root: Path) -> None:
    assert found(root) == []


@pytest.mark.parametrize(("url", "image", "ok"), [
    ("../penalties/", False, True), ("#top", False, True), ("https://www.gov.cn/", False, True),
    ("mailto:a@b.cn", False, True), ("images/x.png", True, True), ("/assets/x.png", True, True),
    ("javascript:alert(1)", False, False), (" \tjava\nscript:alert(1)", False, False),
    ("data:text/html,x", False, False), ("http://x.cn/", False, False), ("//x.cn/", False, False),
    ("https://x.cn/a.png", True, False), ("//x.cn/a.png", True, False), ("/\\x.cn/a.png", True, False),
])
def test_url_allow_list(url: str, image: bool, ok: bool) -> None:
    assert (url_problem(url, image) is None) is ok


def test_sanitiser_keeps_text_and_drops_code() -> None:
    html, removed = sanitise('<p>a<script>b</script><unknown>c</unknown><svg><svg>d</svg>e</svg>f<!-- g --></p>')
    assert html == "<p>acf</p>"
    assert [r.what for r in removed] == ["<script> 元素", "<unknown> 标签（文字保留）", "<svg> 元素"]


@pytest.mark.parametrize(("front", "where", "code"), [
    ("title: </title><script>alert(1)</script>", (2, 8), "invalid-value"),
    ("title: 关于本站\ntemplate: missing.html", (3, 11), "unknown-field"),
])
def test_content_page_front_matter(root: Path, front: str, where: tuple[int, int], code: str) -> None:
    replace_text(root, ABOUT, "title: 关于本站", front)
    assert errors(root) == [(ABOUT, *where, code)]


@pytest.mark.parametrize(("body", "line"), [
    ("[" * 20_000, 5),
    ("\n".join("  " * i + "- x" for i in range(500)), 38),
    ("> " * 3000 + "x", 5),
])
def test_markdown_limits_end_in_a_located_error(root: Path, body: str, line: int) -> None:
    (root / ABOUT).write_text("---\ntitle: 关于本站\n---\n\n" + body + "\n", encoding="utf-8")
    assert errors(root) == [(ABOUT, line, 1, "too-large")]


@pytest.mark.parametrize("name", ["content/about-old.html", "content/notice.HTM", "content/js/app.js",
                                  "content/data/list.xml", "content/policies/附件.xhtml", "content/x.xsl"])
def test_web_pages_and_scripts_under_content_are_refused(root: Path, name: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<script>alert(document.cookie)</script>\n", encoding="utf-8")
    assert [e for e in errors(root) if e[3] == "active-file"] == [(name, 1, 1, "active-file")]


def test_a_policy_text_linking_a_web_page_annex_publishes_nothing(root: Path) -> None:
    (root / "content/policies/附件.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    text = root / "content/policies/2021-005.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n[附件](附件.html)\n", encoding="utf-8")
    assert found(root) == [("content/policies/附件.html", 1, 1, "active-file")]


def test_web_pages_are_never_among_the_files_published_as_they_are(root: Path) -> None:
    (root / "content/old-site.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (root / "content/old-site.js").write_text("alert(1)\n", encoding="utf-8")
    assert [n for n in content_files(Tree.take(root)) if n.startswith("old-site")] == []


# --- ids and classes: nothing the theme or the site's own scripts and styles could resolve first ---------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.rules.sanitiser import reserved_ids  # noqa: E402

_IDS = st.one_of(st.sampled_from(sorted(reserved_ids())),
                 st.from_regex(r"(?:__|md-|tp-)[a-z0-9_-]{0,8}", fullmatch=True), st.text(max_size=12))
_CLASSES = st.lists(st.one_of(st.from_regex(r"(?:md|tp)-[a-z-]{1,12}", fullmatch=True), st.sampled_from(["note", "x"])),
                    max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["div", "p", "span", "h2", "a", "table", "img"]), _IDS, _CLASSES)
def test_no_id_or_class_of_the_site_survives_staff_markup(tag: str, value: str, classes: list[str]) -> None:
    from html import escape
    from html.parser import HTMLParser

    html, _ = sanitise(f'<{tag} id="{escape(value)}" class="{" ".join(classes)}">x</{tag}>')
    kept: list[tuple[str, str | None]] = []

    class Attrs(HTMLParser):
        def handle_starttag(self, _tag: str, attrs: list[tuple[str, str | None]]) -> None:
            kept.extend(attrs)

    Attrs().feed(html)
    for name, got in kept:
        assert name != "id" or (got not in reserved_ids() and not (got or "").startswith(("__", "md-", "tp-"))
                                and (got or "").isascii())
        assert name != "class" or not any(c.startswith(("md-", "tp-")) for c in (got or "").split())
