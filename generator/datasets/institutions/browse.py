"""Render stage of the institution family: the full list browsable without JavaScript, by list and by pinyin initial.

A static page cannot filter without a script, so the lookup's answer is also reachable by links: the black list,
the white list and the institutions on neither, and every institution under the pinyin initial of its name's
first character after the county (「汾川县思齐素养培训中心」 under S), each sorted by pinyin, at most
`BROWSE_PAGE` a page (a county of 20,000 institutions gives pages a phone can load).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...lazy import load
from ...memo import memo
from ...render.nearnames import NearWords, near_words
from ...render.templates import RecordPage, record_html
from .liststate import BLACK, UNLISTED, WHITE

if TYPE_CHECKING:
    from ..views import PublicView

FOLDER = "institutions"
"""Browse pages sit beside the institution pages (their page shell's links are right there) under names no record
id can take (ids begin with a letter or digit): institutions/_black/, institutions/_s/, institutions/_s-2/ ..."""
BROWSE_PAGE = 500
LISTS = ((BLACK, "black"), (WHITE, "white"), (UNLISTED, "unlisted"))
OTHER = "other"
"""Names whose first character has no pinyin (a digit, a rare character)."""
SPELLED = 8
"""Characters of a name read in pinyin for sorting (enough to order a list; all of it would cost more)."""


@dataclass(frozen=True)
class Shelf:
    """One way into the list (a list, or an initial) and its institutions in pinyin order."""

    key: str
    """black, white, unlisted, a ... z, other (its folder is _ and the key)."""
    label: str
    """黑名单, 白名单, 未列入, A ... Z, 其他."""
    views: tuple[Any, ...]

    @property
    def parts(self) -> list[tuple[Any, ...]]:
        return [self.views[n:n + BROWSE_PAGE] for n in range(0, len(self.views), BROWSE_PAGE)]

    def url(self, page: int = 1) -> str:
        """_black/, _black-2/ ...: two levels deep, as every record page (they share the institutions' page shell)."""
        return f"{FOLDER}/_{self.key}/" if page == 1 else f"{FOLDER}/_{self.key}-{page}/"

    @property
    def listed(self) -> bool:
        return self.key in dict((key, name) for name, key in LISTS)

    @property
    def heading(self) -> str:
        if self.listed:
            return {"black": "黑名单上的", "white": "白名单上的",
                    "unlisted": "未列入白名单和黑名单的"}[self.key] + "校外培训机构"
        return (f"拼音首字母 {self.label} 的校外培训机构" if self.key != OTHER
                else "名称以数字或其他字开头的校外培训机构")

    @property
    def says(self) -> str:
        """What the shelf's institutions have in common, as the page's first sentence says it."""
        if self.listed:
            return {"black": "列入黑名单", "white": "列入白名单",
                    "unlisted": "白名单和黑名单都未列入（不代表已获准开展培训）"}[self.key]
        if self.key == OTHER:
            return "名称（去掉县名后）以数字或无拼音的字开头"
        return f"名称（去掉县名后）第一个字的拼音首字母为 {self.label}"


def words_of(view: PublicView) -> NearWords:
    site = view.site
    assert site is not None, "a build needs a valid site.yml"  # PublicView checked it
    bureau = site.bureau
    return memo(view, "near-words", lambda: near_words(bureau.name, bureau.address))


def shelves(view: PublicView) -> list[Shelf]:
    """Lists first (black, white, unlisted), then initials A to Z and other; empty shelves left out."""
    return memo(view, "browse-shelves", lambda: _shelves(view))


def _shelves(view: PublicView) -> list[Shelf]:
    spelled = _Spelling(sorted(words_of(view).places, key=len, reverse=True))
    keys = {v.record.id: spelled(v.record.name) for v in view.institutions}
    ordered = sorted(view.institutions, key=lambda v: (keys[v.record.id], v.record.name, v.record.id))
    out = [Shelf(key, name, tuple(v for v in ordered if v.state.listed == name)) for name, key in LISTS]
    initials: dict[str, list[Any]] = {}
    for v in ordered:
        first = keys[v.record.id][0][:1] if keys[v.record.id] else ""
        initials.setdefault(first if "a" <= first <= "z" else OTHER, []).append(v)
    out += [Shelf(k, k.upper() if k != OTHER else "其他", tuple(initials[k]))
            for k in sorted(initials, key=lambda k: (k == OTHER, k))]
    return [s for s in out if s.views]


class _Spelling:
    """A name after its county (and province, city) in toneless lower-case pinyin: its first two characters read
    as a phrase (乐思 le si, 长顺 ...), the rest character by character (20,000 names in a fraction of a second)."""

    def __init__(self, places: list[str]) -> None:
        # imported here, not at the top: its dictionaries cost half a second of every command's start, and only
        # the browse pages of a build spell names
        self._pinyin = load("pypinyin").lazy_pinyin  # from a thread of its own (see generator/lazy.py)
        self._places = places
        self._heads: dict[str, tuple[str, ...]] = {}
        self._chars: dict[str, str] = {}

    def __call__(self, name: str) -> tuple[str, ...]:
        rest = name.strip()
        stripped = True
        while stripped:
            stripped = False
            for place in self._places:
                if rest.startswith(place) and len(rest) > len(place):
                    rest, stripped = rest[len(place):], True
        head = rest[:2]
        if head not in self._heads:
            self._heads[head] = tuple(s.lower() for s in self._pinyin(head) if s.strip())
        tail = tuple(self._char(ch) for ch in rest[2:SPELLED])
        return self._heads[head] + tuple(t for t in tail if t)

    def _char(self, ch: str) -> str:
        if ch not in self._chars:
            self._chars[ch] = "".join(self._pinyin(ch)).lower().strip()
        return self._chars[ch]


def browse_nav(view: PublicView) -> dict[str, Any]:
    """What the pages' browse links show: (label, count, url of the first page) of the lists and of the initials."""
    found = shelves(view)
    links = [{"key": s.key, "label": s.label, "count": len(s.views), "url": s.url()} for s in found]
    places = words_of(view).places
    return {"lists": [link for link, s in zip(links, found, strict=False) if s.listed],
            "initials": [link for link, s in zip(links, found, strict=False) if not s.listed],
            "place": places[0] if places else ""}


def browse_pages(view: PublicView) -> Iterator[RecordPage]:
    """Every shelf in pages of BROWSE_PAGE rows (readable without JavaScript)."""
    nav = browse_nav(view)
    for shelf in shelves(view):
        parts = shelf.parts
        for n, part in enumerate(parts, 1):
            title = shelf.heading + (f"（第 {n} 页，共 {len(parts)} 页）" if len(parts) > 1 else "")
            body = record_html("browse", shelf=shelf, views=part, number=n, count=len(parts), today=view.today,
                               pages=[shelf.url(k) for k in range(1, len(parts) + 1)],
                               title=title, first=(n - 1) * BROWSE_PAGE + 1, nav=nav, total=len(shelf.views))
            yield RecordPage(shelf.url(n), title, body, view.today, shell="institutions")
