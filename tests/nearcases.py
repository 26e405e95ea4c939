"""Near-name queries made from a built site's published institutions, not from a list of examples: what a parent who
heard a name might type (county left out, characters dropped or misheard, parts in another order), and queries that
share nothing with any name. Used by tests/site/test_near_names.py and tests/browser/test_lookup_near.py."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import assume
from hypothesis import strategies as st

from generator.render.nearnames import NearWords, Query, near_words, pairs, pieces
from generator.render.recordindex import normalise

NOT_LISTED = "不在本县公开名单中"
"""What the lookup says only when no name is near."""


@dataclass(frozen=True)
class Published:
    id: str
    name: str
    listed: str

    @property
    def url(self) -> str:
        return f"institutions/{self.id}/"


def published(site: Path) -> list[Published]:
    """The institutions as the site's download publishes them, in file order."""
    text = (site / "data" / "institutions.csv").read_text(encoding="utf-8-sig")
    return [Published(r["id"], r["name"], r["current_list"]) for r in csv.DictReader(io.StringIO(text))]


def site_words(root: Path) -> NearWords:
    bureau = yaml.safe_load((root / "data" / "site.yml").read_text(encoding="utf-8"))["bureau"]
    return near_words(bureau["name"], bureau.get("address"))


def anchors(inst: Published, everyone: list[Published], words: NearWords) -> list[str]:
    """Pairs of the name that can make a match (no place, kind or category word) and no other name holds."""
    others = [normalise(o.name) for o in everyone if o.id != inst.id]
    return [p for p in pairs(pieces(inst.name, words.discounted)) if not any(p in o for o in others)]


def noise(everyone: list[Published], words: NearWords) -> list[str]:
    """Common characters that are in no name and no word the lookup drops or discounts: a misheard character."""
    used = set("".join(normalise(i.name) for i in everyone))
    used |= set("".join(words.places + words.kinds + words.categories))
    return [ch for ch in "甲乙丙丁戊己庚辛壬癸鼠牛虎兔蛇羊猴鸡狗猪赤橙黄绿青蓝紫东南西北春夏秋冬梅兰竹菊松柏杨柳"
            if ch not in used]


@st.composite
def heard(draw: st.DrawFn, everyone: list[Published], words: NearWords) -> tuple[Published, str]:
    """(institution, query): its name with a pair that only it holds kept whole, and the rest mangled."""
    inst = draw(st.sampled_from([i for i in everyone if anchors(i, everyone, words)]))
    anchor = draw(st.sampled_from(anchors(inst, everyone, words)))
    name = normalise(inst.name)
    if draw(st.booleans()):  # the county (province, city) left out
        for place in sorted(words.places, key=len, reverse=True):
            if name.startswith(place) and anchor not in place:
                name = name[len(place):]
    start = name.index(anchor)
    kept = range(start, start + 2)
    others = [i for i in range(len(name)) if i not in kept]
    changed = draw(st.lists(st.sampled_from(others), unique=True, max_size=min(3, len(others)))) if others else []
    wrong = noise(everyone, words)
    chars = list(name)
    for i in changed:  # misheard or left out
        chars[i] = draw(st.sampled_from(wrong)) if draw(st.booleans()) else ""
    cut = draw(st.sampled_from([i for i in range(len(name) + 1) if i not in (start + 1,)]))
    if draw(st.booleans()):  # said in another order (with a space, as people type two words)
        chars = [*chars[cut:], draw(st.sampled_from(["", " "])), *chars[:cut]]
    query = "".join(chars)
    q = Query.of(query, words)
    assume(anchor in q.pairs and set(anchor) <= q.strong)  # the kept pair still counts (not swallowed by a word)
    return inst, query


@st.composite
def unheard(draw: st.DrawFn, everyone: list[Published], words: NearWords) -> str:
    """A query sharing nothing with any name but the words every name has (county, 培训, 舞蹈 ...)."""
    wrong = noise(everyone, words)
    core = "".join(draw(st.lists(st.sampled_from(wrong), min_size=1, max_size=6)))
    before = draw(st.sampled_from(("", *words.places)))
    after = draw(st.sampled_from(("", *words.categories))) + draw(st.sampled_from(("", *words.kinds)))
    return before + core + after
