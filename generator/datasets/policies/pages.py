"""Render stage of the policy family: list page, one page per document (with its full text), search, feed, rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup

from ...memo import memo
from ...model import Cell
from ...read.sources import is_active, split_front_matter, unsafe_reason
from ...render.recordindex import Entry
from ...render.revisions import revisions_of
from ...render.templates import RecordPage, meta, page_md, record_html, root_of
from ...rules.slugs import policy_slug
from .checks import text_links, texts_of
from .links import ATTRIBUTE, annex_name, is_file, is_relative, markdown_html, published_at, resolve
from .model import EXPIRED, IN_FORCE, NORMATIVE, REVISED, Policy

if TYPE_CHECKING:
    from ..views import PublicView

NAME = "policies"
SECTION = "policies/"
#: A document's search entry cells: its number (the note under its kind), its status in words, its issue date.
CELLS = (Cell(), Cell("状态"), Cell("成文日期", "成文日期 "))
#: Fields of a document's page, in order (issuer, links and status are written by the template).
FIELDS = ("doc_no", "title", "kind", "issued_on", "effective_on", "expires_on", "summary", "published_on")
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_TABLE_OPEN = re.compile(r"<table\b[^>]*>")


@dataclass
class PolicyView:
    """One policy document as the site shows it."""

    record: Any
    slug: str
    issuer: str
    successor: PolicyView | None = None
    """The public document that revised it (已修订), if any."""
    revises: list[PolicyView] = field(default_factory=list)
    """The public documents it revised (修订了), oldest first."""

    @property
    def url(self) -> str:
        return f"{SECTION}{self.slug}/"

    @property
    def name(self) -> str:
        """《title》（doc_no）: how other pages cite it."""
        return f"《{self.record.title}》（{self.record.doc_no}）"

    @property
    def status_words(self) -> str:
        """Its status in words, dated: never a colour alone."""
        r = self.record
        if r.status == EXPIRED:
            return f"已失效（{r.status_date}）"
        if r.status == REVISED:
            return f"已修订（{r.status_date}）"
        return "有效"

    @property
    def short_kind(self) -> str:
        return "规范性文件" if self.record.kind == NORMATIVE else "政策文件"

    @property
    def text_path(self) -> PurePosixPath:
        return PurePosixPath(self.record.text)

    @property
    def is_markdown(self) -> bool:
        return self.text_path.suffix.lower() == ".md"

    @property
    def attachment(self) -> str:
        """Where its PDF/DOCX full text is published: beside its page, under its own file name."""
        return f"{self.url}{self.text_path.name}"


def policy_views(view: PublicView) -> list[PolicyView]:
    """Documents public on view.today (published_on not after it): in force newest first, then revised, then expired."""
    return memo(view, "policies", lambda: _policy_views(view))


def _policy_views(view: PublicView) -> list[PolicyView]:
    bureau = view.site.bureau.name  # type: ignore[union-attr]
    public = [PolicyView(r, policy_slug(r.doc_no), r.issuer or bureau)
              for r in view.catalog.records(NAME) if r.published_on <= view.today]
    by_no = {p.record.doc_no: p for p in public}
    for p in sorted(public, key=lambda p: p.record.issued_on):
        successor = by_no.get(p.record.replaced_by or "")
        if successor is not None and p.record.status == REVISED:
            p.successor = successor
            successor.revises.append(p)
    order = {IN_FORCE: 0, REVISED: 1, EXPIRED: 2}
    public.sort(key=lambda p: (order[p.record.status], -p.record.issued_on.toordinal(), p.record.doc_no))
    return public


def _by_number(view: PublicView) -> dict[str, PolicyView]:
    """Public documents by number (asked once per change on /changes/: built once per view)."""
    return memo(view, "policies:by-number", lambda: {p.record.doc_no: p for p in policy_views(view)})


# --- the full text ----------------------------------------------------------------------------------------------


def text_html(view: PublicView, p: PolicyView) -> Markup | None:
    """A Markdown full text as HTML, through the allow-list every staff page goes through (None: unreadable).

    Its headings move two levels down, below the page's 「全文」 (h2): the page's title stays its only h1. Its tables
    scroll inside their box. Its relative links lead where the site publishes what they name (see links.py).
    """
    root = view.catalog.root
    if root is None or unsafe_reason(root, root / p.record.text):
        return None
    try:
        text = (root / p.record.text).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    _front, body, _start = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    cleaned = markdown_html(body)  # removals: warned at validation
    cleaned = ATTRIBUTE.sub(lambda m: _relinked(view, p, m.group(1), m.group(2)), cleaned)
    cleaned = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", cleaned)
    cleaned = _TABLE_OPEN.sub(lambda m: f'<div class="tp-scroll">{m.group()}', cleaned).replace(
        "</table>", "</table></div>")
    return Markup(cleaned)


def _relinked(view: PublicView, p: PolicyView, attr: str, value: str) -> str:
    """One href/src of a full text, pointing where the site publishes what it names (dropped if nowhere)."""
    url = unescape(value)
    if not is_relative(url):
        return f'{attr}="{value}"'
    href = _destination(view, p, url)
    return f'{attr}="{escape(href, quote=True)}"' if href is not None else ""


def _destination(view: PublicView, p: PolicyView, url: str) -> str | None:
    target, fragment = resolve(p.record.text, url)
    anchor = f"#{fragment}" if fragment else ""
    root = view.catalog.root
    if target is None or root is None:
        return None
    if target in texts_of(view.catalog):  # another document's text: its page, once that page is public
        other = _by_text(view).get(target)
        if other is None:
            return None
        return (anchor or "#") if other is p else f"{root_of(p.url)}{other.url}{anchor}"
    if not is_file(root, target):
        return None
    annex = annex_name(target)
    if annex is not None:
        return None if is_active(annex) else quote(annex) + anchor
    published = published_at(target)
    return None if published is None else f"{root_of(p.url)}{quote(published)}{anchor}"


def _by_text(view: PublicView) -> dict[str, PolicyView]:
    """Public documents by full-text file (the first of a shared one)."""
    def make() -> dict[str, PolicyView]:
        found: dict[str, PolicyView] = {}
        for p in policy_views(view):
            found.setdefault(p.record.text, p)
        return found
    return memo(view, "policies:by-text", make)


def attachments(view: PublicView) -> dict[str, bytes]:
    """Each public document's PDF/DOCX full text, and the annexes its Markdown text links to, published beside its
    page (content/policies/ is not published as it is: its Markdown texts are shown inside the documents' pages)."""
    root = view.catalog.root
    files: dict[str, bytes] = {}
    if root is None:
        return files
    links = text_links(view.catalog)
    texts = texts_of(view.catalog)
    for p in policy_views(view):
        path = root / p.record.text
        if not p.is_markdown and not unsafe_reason(root, path) and path.is_file():
            files[p.attachment] = path.read_bytes()
        for link in links.get(p.record.text, ()):
            if link.target in texts:
                continue  # a document's own text is published with that document, on its day (never early here)
            annex = annex_name(link.target) if link.target else None
            if annex is not None and not is_active(annex) and is_file(root, link.target):  # type: ignore[arg-type]
                files[f"{p.url}{annex}"] = (root / link.target).read_bytes()  # type: ignore[operator]
    return files


def _size(view: PublicView, p: PolicyView) -> str:
    root = view.catalog.root
    try:
        size = (root / p.record.text).stat().st_size if root else 0
    except OSError:
        return ""
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} 字节"


# --- pages ------------------------------------------------------------------------------------------------------


def policy_pages(view: PublicView) -> Iterator[RecordPage]:
    for p in policy_views(view):
        r = p.record
        rows = [(Policy.label_of(f), str(v)) for f in FIELDS if (v := getattr(r, f)) not in (None, "")]
        rows.insert(3, ("发文机关", p.issuer))
        body = record_html(
            "policy", p=p, rows=rows, root=root_of(p.url),
            text=text_html(view, p) if p.is_markdown else None,
            download=None if p.is_markdown else {"href": quote(p.text_path.name), "name": p.text_path.name,
                                                 "kind": p.text_path.suffix.lstrip(".").upper(),
                                                 "size": _size(view, p)},
            revisions=revisions_of(view.histories, NAME, r.doc_no))
        yield RecordPage(p.url, r.title, body, r.published_on, entry=policy_entry(p))


def policy_entry(p: PolicyView) -> Entry:
    """Found by title, number, summary and issuer; its line: number, status in words, issue date."""
    r = p.record
    cells = (r.doc_no, p.status_words, str(r.issued_on))
    return Entry(r.title, p.short_kind, " · ".join((r.doc_no, p.status_words, f"成文日期 {r.issued_on}")),
                 texts=(r.doc_no, r.summary or "", p.issuer), cells=cells)


def policy_list(view: PublicView) -> str:
    views = policy_views(view)
    groups = {status: [p for p in views if p.record.status == status] for status in (IN_FORCE, REVISED, EXPIRED)}
    return page_md("policies", meta("政策文件", title="规范性文件和政策文件"), groups=groups, total=len(views),
                   today=view.today, root="../")


# --- downloads, /changes/, feed -----------------------------------------------------------------------------------


def policy_rows(view: PublicView) -> Iterator[dict[str, Any]]:
    """Public documents by number; the issuer written out (empty means the bureau)."""
    for p in sorted(policy_views(view), key=lambda p: p.record.doc_no):
        yield {**p.record.model_dump(), "issuer": p.issuer}


def describe_policy(view: PublicView, key: str) -> tuple[str | None, str | None]:
    p = _by_number(view).get(key)
    return (p.name, p.url) if p else (None, None)


def policy_feed(view: PublicView) -> Iterator[dict[str, Any]]:
    """Each document on its publication day; its expiry or revision on that day (when it has come)."""
    for p in policy_views(view):
        r = p.record
        yield {"date": r.published_on, "date_label": "发布日期", "title": f"{r.kind}：{r.title}", "url": p.url,
               "summary": r.summary or f"{r.doc_no}，{p.issuer}{r.issued_on}印发。", "key": p.url}
        if r.status != IN_FORCE and r.status_date and r.status_date <= view.today:
            what = f"已被{p.successor.name}修订" if p.successor else "已失效" if r.status == EXPIRED else "已被修订"
            yield {"date": r.status_date, "date_label": "失效日期" if r.status == EXPIRED else "修订日期",
                   "title": f"{r.kind}{r.status}：{r.title}", "url": p.url,
                   "summary": f"{p.name}{what}（{r.status_date}）。", "key": f"{p.url}#status"}


def last_change(view: PublicView) -> Any:
    return view.last_change([d for p in policy_views(view) for d in (p.record.published_on, p.record.status_date) if d])
