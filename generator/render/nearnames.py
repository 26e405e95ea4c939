"""Near names: which published institutions a mistyped or half-remembered name may mean (「您要找的是不是」).

People hear names, not spellings: 「思齐培训中心」 for 「汾川县思齐素养培训中心」. The browser ranks institutions by the
characters and character pairs they share with the query; this module says which words of a name are not
evidence, and is the reference of the browser's algorithm (``tpNear`` and ``near`` in site.js must agree with it;
tests/browser/test_lookup_near.py runs both).

- *Place and kind words* (the county, province and city of the bureau, 培训, 中心, 学校, 有限公司 ...) are dropped
  before anything is compared: nearly every name has them, so they tell names apart no better than noise.
- *Category words* (艺术, 舞蹈, 素养, 小区 ...) count for the ranking (「星辰舞蹈」 is nearer 「星辰舞蹈」 than
  「星辰美术」) but cannot make a match on their own.
- A name is *near* when it holds at least two different characters of what the query says besides those words;
  near names are ranked by the shared characters and pairs, each weighted by how rare it is among the names
  (``ln(1 + names / names holding it)``), and those scoring at least half the best are shown, five at most.
  A query with fewer than two such characters (「星培训」) has no near names: the site then says it found nothing.

The record index (recordindex.py) holds, for each institution, one term per character of its name without place
and kind words (`name_chars`), so a large site ranks names from a few index parts without loading the list.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .recordindex import Written, normalise, terms

#: Words of an institution's legal form and kind, dropped before names are compared (normalised spelling).
KIND_WORDS = ("有限责任公司", "有限公司", "分公司", "公司", "培训", "中心", "学校", "教育", "机构", "俱乐部", "工作室",
              "服务部", "校外")
#: Category and setting words: ranked, but two of the query's other characters must be shared to make a match.
CATEGORY_WORDS = (
    "艺术", "文化", "传播", "科技", "体育", "少儿", "儿童", "青少年", "幼儿", "素质", "素养", "托管", "辅导", "兴趣",
    "训练", "研学", "实践", "舞蹈", "街舞", "美术", "绘画", "国画", "书法", "音乐", "声乐", "钢琴", "古筝", "吉他",
    "器乐", "戏曲", "播音", "主持", "口才", "演讲", "围棋", "象棋", "跆拳道", "武术", "篮球", "足球", "游泳", "轮滑",
    "羽毛球", "乒乓球", "编程", "机器人", "科学", "探究", "英语", "数学", "作文", "阅读", "语文", "学习",
    "小区", "社区", "家园", "花园")
SHOWN = 5
"""Near names shown at most."""
MAX_CHARS = 16
"""A query compares this many of its characters at most (a pasted paragraph stays cheap)."""
_UNIT = re.compile(r"[\u3400-\u9fff]+?(?:自治县|自治旗|自治州|林区|特区|新区|省|市|州|盟|县|区|旗)")
_CODES = re.compile(r"[0-9a-z]*[0-9][0-9a-z]*")
"""A run of letters and digits holding a digit: a code or number, not part of a name as it is heard."""


@dataclass(frozen=True)
class NearWords:
    """The words the browser drops or discounts, as the lookup and search pages hand them to site.js."""

    places: tuple[str, ...]
    kinds: tuple[str, ...] = KIND_WORDS
    categories: tuple[str, ...] = CATEGORY_WORDS

    @cached_property
    def dropped(self) -> re.Pattern[str] | None:
        """Place and kind words, longest first (where two start at one place the longer is cut)."""
        return _alternatives(self.places + self.kinds)

    @cached_property
    def discounted(self) -> re.Pattern[str] | None:
        """Place, kind and category words: what is left can make a match."""
        return _alternatives(self.places + self.kinds + self.categories)

    def attribute(self) -> str:
        """The JSON of the pages' data-near attribute."""
        return json.dumps({"places": self.places, "kinds": self.kinds, "categories": self.categories},
                          ensure_ascii=False, separators=(",", ":"))


def near_words(bureau_name: str, address: str | None) -> NearWords:
    """Place words from the bureau: its county first (汾川县, 汾川), then the province and city its address names
    before the county (山西省, 山西, 临汾市, 临汾)."""
    own = _UNIT.findall(bureau_name.split("教育")[0])[-1:]
    above = _UNIT.findall(address.split(own[0])[0]) if own and address and own[0] in address else []
    places: list[str] = []
    for unit in own + above:
        places.append(unit)
        short = re.sub(r"(?:自治县|自治旗|自治州|省|市|州|盟|县|区|旗)$", "", unit)
        if len(short) >= 2:
            places.append(short)
    return NearWords(tuple(dict.fromkeys(normalise(p) for p in places if normalise(p))))


def _alternatives(words: tuple[str, ...]) -> re.Pattern[str] | None:
    ordered = sorted((w for w in words if w), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def pieces(text: str, words: re.Pattern[str] | None) -> list[str]:
    """The normalised text cut where any of `words` or a code stands: what is left to compare."""
    norm = _CODES.sub(" ", normalise_spaced(text))
    return (words.sub(" ", norm) if words else norm).split()


def normalise_spaced(text: str) -> str:
    """`normalise` of each space-separated word, the words kept apart."""
    return " ".join(normalise(word) for word in text.split())


def chars(parts: list[str]) -> list[str]:
    """Distinct characters in order of appearance."""
    return list(dict.fromkeys(ch for part in parts for ch in part))


def pairs(parts: list[str]) -> list[str]:
    """Distinct adjacent pairs within each part, in order of appearance."""
    return list(dict.fromkeys(part[i:i + 2] for part in parts for i in range(len(part) - 1)))


def name_chars(name: str, words: NearWords) -> tuple[str, ...]:
    """The characters of a name the record index keeps for near names (place and kind words left out)."""
    return tuple(chars(pieces(name, words.dropped)))


@dataclass(frozen=True)
class Query:
    """What of a query is compared: its characters and pairs, and the characters that can make a match."""

    chars: list[str]
    pairs: list[str]
    strong: set[str]

    @classmethod
    def of(cls, text: str, words: NearWords) -> Query:
        parts = pieces(text, words.dropped)
        strong = chars(pieces(text, words.discounted))
        compared = chars(parts)[:MAX_CHARS]
        return cls(compared, pairs(parts)[:MAX_CHARS], set(strong) & set(compared))

    @property
    def doubled(self) -> list[str]:
        """Pairs of one strong character twice (贝贝): a name whose own part is a doubled character has one distinct
        strong character only, and matches by that pair."""
        return [p for p in self.pairs if p[0] == p[1] and p[0] in self.strong]

    @property
    def searchable(self) -> bool:
        return len(self.strong) >= 2 or bool(self.doubled)


def weight(holding: int, names: int) -> float:
    """How much sharing a character or pair says: more the fewer names hold it."""
    return math.log(1 + names / holding)


def scaled(score: float) -> int:
    """Scores compared as integers (millionths), so the browser's sums and these rank alike."""
    return math.floor(score * 1e6 + 0.5)


def rank(query: Query, names: dict[int, tuple[set[str], set[str]]]) -> list[int]:
    """Record numbers of the near names, best first: `names` maps each to (its name chars, its name's pairs)."""
    if not query.searchable or not names:
        return []
    total = len(names)
    df = {t: sum(t in (cs if len(t) == 1 else ps) for cs, ps in names.values()) for t in query.chars + query.pairs}
    scores: dict[int, int] = {}
    for number, (cs, ps) in names.items():
        if len(query.strong & cs) < 2 and not any(p in ps for p in query.doubled):
            continue
        score = 0.0
        for t in query.chars + query.pairs:
            if t in (cs if len(t) == 1 else ps):
                score += weight(df[t], total)
        scores[number] = scaled(score)
    return cut(scores)


def cut(scores: dict[int, int]) -> list[int]:
    """Best first (ties in record order), those at least half as good as the best, `SHOWN` at most."""
    if not scores:
        return []
    best = max(scores.values())
    ranked = sorted((n for n, s in scores.items() if s * 2 >= best), key=lambda n: (-scores[n], n))
    return ranked[:SHOWN]


def near(site: Path, query: str, words: NearWords, section: str) -> list[str]:
    """The URLs of the near names of a written index (the browser's algorithm, for tests)."""
    index = Written(site)
    manifest, postings = index.manifest, index.postings
    lo, hi = manifest["sections"][section]
    q = Query.of(query, words)
    if not q.searchable:
        return []

    holding = {t: {v >> 1 for v in postings(t) if v & 1 and lo <= v >> 1 < hi} for t in q.chars + q.pairs}
    total = hi - lo
    scores: dict[int, int] = {}
    for number in set().union(*(holding[c] for c in q.chars)):
        if sum(number in holding[c] for c in q.strong) < 2 and not any(number in holding[p] for p in q.doubled):
            continue
        score = 0.0
        for t in q.chars + q.pairs:
            if number in holding[t]:
                score += weight(len(holding[t]), total)
        scores[number] = scaled(score)
    return [index.doc(n)[0] for n in cut(scores)]


def title_terms(name: str, words: NearWords) -> tuple[set[str], set[str]]:
    """A name as the page's table gives it to `rank`: its name chars and all its pairs (as the index holds them)."""
    return set(name_chars(name, words)), terms(name)
