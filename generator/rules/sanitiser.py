"""Staff markup (checking and build): an allow-list of elements, attributes and URL schemes for staff Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path

#: Elements kept (with their text). Anything else loses its tag but keeps its text, except DROPPED.
ALLOWED = frozenset([
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
])
#: Elements removed together with everything inside them: script, styles, frames, plug-ins, forms, vector code.
DROPPED = frozenset([
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template", "svg",
    "math", "form", "textarea", "select", "button", "input", "title", "xmp", "noembed", "noframes", "plaintext",
    "base", "link", "meta", "audio", "video", "source", "track", "canvas", "portal",
])
VOID = frozenset(["br", "col", "hr", "img"])
#: Attributes kept on any allowed element; per-element extras below. Event handlers, style and srcset never.
GLOBAL_ATTRS = frozenset({"id", "class", "title", "lang", "aria-hidden", "aria-label"})
ELEMENT_ATTRS = {
    "a": {"href"}, "img": {"src", "alt", "width", "height"}, "ol": {"start", "reversed"}, "li": {"value"},
    "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"}, "time": {"datetime"},
    "abbr": set(), "col": {"span"}, "colgroup": {"span"}, "div": {"tabindex"},
}
#: The only tabindex kept: 0, which lets a keyboard reach a box that scrolls sideways (a wide table on a phone);
#: any other value would change the page's focus order.
TABINDEX = "0"
#: An id staff markup may keep: the shape the Markdown engine gives a heading (_1, _2 for Chinese headings, a slug
#: for others), never one the theme or the site's own pages and scripts look up (they take the first element with
#: that id: <div id="__config"> made the theme read its configuration from the page).
_ID = re.compile(r"_[0-9]{1,4}|[a-z0-9]+(?:-[a-z0-9]+){0,8}")
#: Prefixes of the theme's (md-, __) and the site's own (tp-: the verdict badges, notices, cards) ids and class names:
#: staff markup wearing one would be found first by a script, look like the site's own verdict, or take over the page.
_RESERVED = ("md-", "tp-", "__")
#: The only style kept: column alignment as the Markdown tables extension writes it.
TABLE_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def url_problem(url: str, image: bool) -> str | None:
    """Why a link (or an image source) may not be published, or None when it is relative or (links) https."""
    # Browsers drop tabs, newlines and leading controls before reading the scheme ("java\tscript:").
    bare = _INVISIBLE.sub("", url)
    if bare.startswith(("//", "\\", "/\\")):
        return "指向其他网站" if image else "协议不明确的外部链接（请写完整的 https:// 网址）"
    scheme = _SCHEME.match(bare)
    if scheme is None:
        return None
    name = scheme.group(1).lower()
    if image:
        return f"图片只能使用本站文件（{name}: 地址会让读者的浏览器访问其他网站或执行代码）"
    if name in {"https", "mailto", "tel"}:
        return None
    return f"链接不能使用 {name}: 地址（只允许本站的相对链接和 https:// 网址）"


def _own_id(value: str) -> bool:
    """Whether an id in staff markup can never be one the theme, the site's pages or their scripts look up."""
    return bool(_ID.fullmatch(value)) and not value.startswith(_RESERVED) and value not in reserved_ids()


@cache
def reserved_ids() -> frozenset[str]:
    """Every literal id in the theme's templates and the site's own templates: an element of staff markup with one
    of them would be found first by a script looking it up, on a page that has the real one too."""
    import material

    found: set[str] = set()
    folders = [Path(material.__file__).parent / "templates", Path(__file__).resolve().parents[1] / "templates"]
    for folder in folders:
        for path in [*folder.rglob("*.html"), *folder.rglob("*.j2")]:
            found.update(re.findall(r'\bid="([^"{}]+)"', path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(found)


@dataclass
class Removal:
    """One thing taken out: what it was, and a text to find in the source."""

    what: str
    needle: str


@dataclass
class _Result:
    html: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Result()
        self.dropping: list[str] = []  # open DROPPED elements: their content goes too

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self.dropping:
            if tag == self.dropping[-1] and not closed and tag not in VOID:
                self.dropping.append(tag)
            return
        if tag in DROPPED:
            self.out.removed.append(Removal(f"<{tag}> 元素", f"<{tag}"))
            if not closed and tag not in VOID:
                self.dropping.append(tag)
            return
        if tag not in ALLOWED:
            self.out.removed.append(Removal(f"<{tag}> 标签（文字保留）", f"<{tag}"))
            return
        kept = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in self._attrs(tag, attrs))
        self.out.html.append(f"<{tag}{kept}{' /' if closed else ''}>")

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
        kept = []
        for name, value in attrs:
            allowed = name in GLOBAL_ATTRS or name in ELEMENT_ATTRS.get(tag, ())
            if allowed and name == "style" and not TABLE_ALIGN.fullmatch((value or "").strip()):
                allowed = False
            if allowed and name == "tabindex" and (value or "").strip() != TABINDEX:
                allowed = False
            if allowed and name == "id" and not _own_id(value or ""):
                self.out.removed.append(Removal(f"<{tag}> 的 id「{(value or '')[:40]}」（与网站或主题自己的元素同名，"
                                                "或不是标题的编号）",
                                                f"id=\"{(value or '')[:40]}"))
                continue
            if allowed and name == "class":
                kept_classes = [c for c in (value or "").split() if not c.startswith(_RESERVED)]
                if kept_classes != (value or "").split():
                    self.out.removed.append(Removal(f"<{tag}> 的 class「{(value or '')[:40]}」中网站或主题自用的样式名",
                                                    (value or "")[:40] or name))
                if not kept_classes:
                    continue
                value = " ".join(kept_classes)
            if not allowed:
                self.out.removed.append(Removal(f"<{tag}> 的 {name} 属性", name))
                continue
            if name in {"href", "src"}:
                reason = url_problem(value or "", image=name == "src")
                if reason:
                    self.out.removed.append(Removal(f"<{tag}> 的地址「{(value or '')[:60]}」：{reason}",
                                                    (value or "")[:40] or name))
                    continue
            kept.append((name, value))
        return kept

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in ALLOWED and tag not in VOID:
            self.out.html.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.html.append(escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        pass  # comments never reach a reader (old browsers ran conditional comments)

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


def sanitise(html: str) -> tuple[str, list[Removal]]:
    """The HTML with only allowed elements, attributes and URLs, and what was removed."""
    parser = _Sanitiser()
    parser.feed(html)
    parser.close()
    return "".join(parser.out.html), parser.out.removed


ARTICLE_START = re.compile(r'<article class="md-content__inner[^"]*">')
ARTICLE_END = "</article>"


def clean_page(page: str) -> str | None:
    """A built page with its content (the theme's <article>) sanitised, or None when nothing had to go.

    The region runs to the page's last </article>: staff text that closes the article early stays inside it.
    """
    start = ARTICLE_START.search(page)
    end = page.rfind(ARTICLE_END)
    if start is None or end < start.end():
        return None
    cleaned, removed = sanitise(page[start.end():end])
    if not removed:
        return None
    return page[:start.end()] + cleaned + page[end:]


def page_html(docs_path: str) -> str:
    """Where the engine writes the page of a Markdown file (use_directory_urls: true)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def clean_site(out: Path, docs_paths: Iterable[str]) -> int:
    """Sanitise the built pages of staff Markdown in place; how many had something removed."""
    changed = 0
    for docs_path in docs_paths:
        page = out / page_html(docs_path)
        if not page.is_file():
            continue
        cleaned = clean_page(page.read_text(encoding="utf-8"))
        if cleaned is not None:
            page.write_text(cleaned, encoding="utf-8")
            changed += 1
    return changed
