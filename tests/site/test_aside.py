"""The generator's large HTML blocks go around the site engine (publish/aside.py): set aside before it runs, put back
into the page it built. The built site is the same byte for byte (tests/site/test_workers.py builds with and without);
here, which blocks are set aside, that putting back restores each page exactly, and that a page the engine built
without the placeholder stops the build."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.publish.aside import LEAST, built, put_back, set_aside

ROWS = "".join(f"<tr><td>{n}</td><td>汾教科许字〔2026〕第{n}号</td></tr>\n" for n in range(600))
TABLE = f'<div class="tp-scroll">\n<table>\n<tbody>\n{ROWS}</tbody>\n</table>\n</div>'


def test_a_large_block_of_a_generated_page_is_set_aside_and_put_back(tmp_path: Path) -> None:
    assert len(TABLE) >= LEAST
    page = f"---\ntitle: 许可\n---\n\n<h1>行政许可</h1>\n\n{TABLE}\n\n<p>说明</p>\n"
    files: dict[str, str | bytes] = {"licenses/index.md": page, "about.md": page, "small/index.md": "<div>x</div>\n"}
    aside = set_aside(files, {"about.md"})
    assert files["licenses/index.md"] == ('---\ntitle: 许可\n---\n\n<h1>行政许可</h1>\n\n<div data-tp-aside="0"></div>'
                                          "\n\n<p>说明</p>\n")
    assert files["about.md"] == page  # staff wrote it: through the engine and the allow-list, as it is
    assert files["small/index.md"] == "<div>x</div>\n"
    assert aside == {"licenses/index.html": {'<div data-tp-aside="0"></div>': TABLE}}
    built_page = tmp_path / "licenses/index.html"
    built_page.parent.mkdir()
    built_page.write_text('<main><h1>行政许可</h1>\n<div data-tp-aside="0"></div>\n<p>说明</p></main>',
                          encoding="utf-8")
    assert put_back(tmp_path, aside) == []
    assert built_page.read_text(encoding="utf-8") == f"<main><h1>行政许可</h1>\n{TABLE}\n<p>说明</p></main>"


def test_only_whole_blocks_that_stand_alone_are_set_aside() -> None:
    """Nested blocks go with the one around them; a block not after a blank line, not closed, or not ended by a line
    end is left to the engine (its Markdown reading of it may differ)."""
    inline = f"<p>前文</p>\n{TABLE}\n"  # no blank line before
    unclosed = f"\n\n{TABLE.removesuffix('</div>')}\n"
    glued = f"\n\n{TABLE}后文\n"
    files: dict[str, str | bytes] = {"a.md": inline, "b.md": unclosed, "c.md": glued}
    assert set_aside(files, ()) == {}
    assert files == {"a.md": inline, "b.md": unclosed, "c.md": glued}
    two = f"{TABLE}\n\n<ul>\n{'<li>项</li>' * 3000}\n</ul>\n"
    files = {"d/index.md": two}
    aside = set_aside(files, ())
    assert files["d/index.md"] == '<div data-tp-aside="0"></div>\n\n<div data-tp-aside="1"></div>\n'
    assert list(aside["d/index.html"].values()) == [TABLE, f"<ul>\n{'<li>项</li>' * 3000}\n</ul>"]


def test_a_built_page_without_its_placeholder_stops_the_build(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"licenses/index.md": f"{TABLE}\n"}
    aside = set_aside(files, ())
    (tmp_path / "licenses").mkdir()
    (tmp_path / "licenses/index.html").write_text("<main></main>", encoding="utf-8")
    assert put_back(tmp_path, aside) == [
        '网站引擎生成的 licenses/index.html 中找不到（或不止一处）生成器留下的占位 <div data-tp-aside="0"></div>，'
        "网站保持原样未作改动；请把这一行发给技术支持"]


def test_the_page_built_from_each_markdown_file() -> None:
    assert [built(n) for n in ("index.md", "licenses/index.md", "guide.md", "a/b.md")] == [
        "index.html", "licenses/index.html", "guide/index.html", "a/b/index.html"]


BLOCK = st.builds(lambda tag, n, inner: f"<{tag} class=\"x\">\n{inner * n}\n</{tag}>",
                  st.sampled_from(["div", "ul", "table", "section"]), st.integers(1, 900),
                  st.sampled_from(["<p>文字</p>", "<div>嵌套</div>", "<li>项</li>\n", "<tr><td>1</td></tr>\n"]))
TEXT = st.sampled_from(["<p>段落</p>", "说明文字", "## 标题", "<div>小块</div>", "<!-- 注释 -->", ""])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(BLOCK, TEXT), max_size=8), st.sampled_from(["\n\n", "\n", ""]))
def test_putting_back_every_block_gives_the_page_as_it_was(parts: list[str], joint: str) -> None:
    page = joint.join(parts) + "\n"
    files: dict[str, str | bytes] = {"p/index.md": page}
    aside = set_aside(files, ())
    text = files["p/index.md"]
    assert isinstance(text, str)
    for placeholder, block in aside.get("p/index.html", {}).items():
        assert text.count(placeholder) == 1 and len(block) >= LEAST
        text = text.replace(placeholder, block)
    assert text == page
