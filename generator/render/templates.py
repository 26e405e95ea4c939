"""Render stage: the template environment and the shape of a record page, shared by every dataset family."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket

from ..memo import cache_folder, keep, used
from .cards import label_tables
from .recordindex import Entry


class _Compiled(BytecodeCache):
    """Compiled templates kept in the user's cache folder (memo.cache_folder("templates")): each build process
    and each process it forks compiled every template it used, a tenth of a small site's build. A template is
    found by its name, its file, this environment's options and Jinja's version; Jinja compares its source's
    checksum; a file that is damaged or cut short (its SHA-256 at the end does not match) is compiled again, and
    a cache that cannot be read or written is no cache."""

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        if path is None:
            return
        with contextlib.suppress(OSError):
            kept = path.read_bytes()
            if hashlib.sha256(kept[:-32]).digest() == kept[-32:]:
                bucket.bytecode_from_string(kept[:-32])
                used(path)

    def dump_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        if path is not None:
            data = bucket.bytecode_to_string()
            keep(path, data + hashlib.sha256(data).digest())

    @staticmethod
    def _path(bucket: Bucket) -> Path | None:
        folder = cache_folder("templates")
        if folder is None:
            return None
        env = bucket.environment
        options = (bucket.key, jinja2.__version__, env.block_start_string, env.block_end_string,
                   env.variable_start_string, env.variable_end_string, env.comment_start_string,
                   env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
                   env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
                   sorted(env.extensions), env.autoescape, env.undefined.__name__, env.is_async)
        return folder / f"{hashlib.sha256(repr(options).encode()).hexdigest()[:32]}.jinja"


class _Environment(Environment):
    """Jinja's environment, with each template's globals a plain dict (the environment's, then the template's own)
    instead of Jinja's ChainMap of the two. A ChainMap is read key by key in Python: every render copies the globals
    into its context, and every `{% import %}` of macros compares the importer's keys with the macros' (Jinja
    makes the imported module again when they differ), a fifth of a record page's render. A dict is copied and
    compared in C. The globals are taken when a template is loaded: the families add theirs when they are imported
    (ENV.globals.update), before any template is (tests/site/test_template_globals.py holds every template to it)."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


# auto_reload off: templates do not change during a build, and checking their files costs a stat per page.
ENV = _Environment(loader=PackageLoader("generator", "templates"), autoescape=True, trim_blocks=True,
                   lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined, auto_reload=False,
                   bytecode_cache=_Compiled())
# A family adds what its own templates call (the institutions' QR code and poster link: datasets/institutions/).

SHELL_TITLE, SHELL_PUBDATE, SHELL_ROBOTS, SHELL_BODY = "TPSHELLTITLE", "TPSHELLPUBDATE", "TPSHELLROBOTS", "TPSHELLBODY"

#: The theme's template for the pages a parent reaches first (site_overrides/light.html): home, the institution
#: lookup, every record page. No theme script bundle; the build cuts their stylesheets (publish/light.py).
LIGHT_TEMPLATE = "light.html"
#: The site's script for the lookup, the year filter and site search (page.js, on every page, does the rest).
SITE_SCRIPT = "assets/javascripts/site.js"


@dataclass(frozen=True)
class RecordPage:
    """A record's page, rendered straight into the theme's page shell instead of going through Markdown."""

    url: str
    """Folder URL under the site root, e.g. institutions/fc-0001/."""
    title: str
    """Plain-text title (escaped when poured into the shell)."""
    body: str
    """Escaped HTML of the page content below the title (its ColumnName is its section's, set in the shell)."""
    pubdate: date | None = None
    indexable: bool = True
    """Whether crawlers may index it and sitemap.xml lists it."""
    entry: Entry | None = None
    """How site search finds and shows it (None: not searchable)."""
    shell: str = ""
    """Section whose page shell dresses it, when not the first part of its URL."""

    @property
    def searchable(self) -> bool:
        """Whether site search finds it (notices of withdrawn or expired decisions: no)."""
        return self.entry is not None

    @property
    def section(self) -> str:
        return self.url.split("/", 1)[0]

    @property
    def shell_section(self) -> str:
        return self.shell or self.section


def shell_name(searchable: bool) -> str:
    return "_shell" if searchable else "_shell-hidden"


def record_html(template: str, *, env: Environment = ENV, **context: Any) -> str:
    """A record page's body from templates/records/<template>.html.j2 (of `env`: a family's own folder first, see
    family_templates), its tables' cells labelled (render.cards)."""
    return label_tables(env.get_template(f"records/{template}.html.j2").render(**context))


def safe_title(text: str) -> str:
    """Titles pass through theme templates unescaped: markup characters become their full-width forms."""
    return text.replace("&", "＆").replace("<", "＜").replace(">", "＞")


def page_md(template: str, front: dict[str, Any], *, env: Environment = ENV, **context: Any) -> str:
    """A Markdown page (front matter + escaped HTML) from templates/pages/<template>.md.j2 (of `env`: a family's
    own folder first, see family_templates)."""
    front = {**front, "title": safe_title(str(front["title"]))}
    return env.get_template(f"pages/{template}.md.j2").render(front=front, **context)


def family_templates(folder: Path) -> Environment:
    """A family's template environment: the templates in its own folder first (pages/, records/), then the shared
    ones its templates extend or include (pages/_base.md.j2, records/_qr.html.j2), with the same filters and
    globals."""
    return ENV.overlay(loader=ChoiceLoader([FileSystemLoader(folder), ENV.loader]))  # type: ignore[list-item]


def light(*scripts: str) -> dict[str, Any]:
    """Front matter of a light page (LIGHT_TEMPLATE) that loads `scripts` (its controls' scripts), deferred."""
    return {"template": LIGHT_TEMPLATE, **({"scripts": list(scripts)} if scripts else {})}


def root_of(url: str) -> str:
    """Relative prefix from a page at `url` (e.g. 'institutions/x/') back to the site root."""
    return "../" * url.count("/")


def meta(column: str, pubdate: date | None = None, **extra: Any) -> dict[str, Any]:
    """Front matter of a page: its government ColumnName (栏目), publication date and more."""
    front: dict[str, Any] = {"column": column, **extra}
    if pubdate:
        front["pubdate"] = pubdate.isoformat()
    return front
