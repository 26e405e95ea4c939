"""Record search index: a chunked character-bigram index of every searchable record, built in-process.

Chinese is written without spaces, and the words a visitor types (part of a school's name, a decision number,
a credit code) need not be dictionary words. Every two adjacent characters of a record's texts (CJK, digits,
Latin letters; punctuation and spaces dropped within a field) are a term, so any typed fragment of two or
more characters is found by intersecting the lists of records holding each of its pairs.

What a browser downloads for one query stays small whatever the number of records:

- ``search-index/index.json``: a few hundred bytes plus the list of very common terms, and how each section's
  entry cells are labelled (``cells``: the browser lays out a result from them, so a dataset needs no script);
- ``search-index/<id>/s/<n>.txt``: the term lists, hashed into shards of about ``SHARD_BYTES``;
  a query fetches one shard per distinct pair it contains;
- ``search-index/<id>/b/<n>.txt``: a term too common for a shard (e.g. 培训) in a file of its own, numbered
  from the smallest; fetched only when the rarer terms of a query leave many records, smallest first;
- ``search-index/<id>/d/<n>.json``: titles, URLs and one line per record, ``CHUNK`` records a file, fetched
  for the results shown.

``<id>`` is a hash of the content, so a browser never mixes parts of two builds. The browser side is in
``site_overrides/assets/javascripts/site.js`` and must agree with `normalise`, `terms`, `shard_of` and
`encode` here (tests/browser/test_record_index_js.py runs both against each other in Chromium).

A record may also list single characters (`Entry.near`: an institution's name without place and kind words); they
are terms too, looked up only to rank near names (nearnames.py), never by search, which needs two characters.

A term's list holds ``2 * record number + 1`` when the pair is in the record's title and ``2 * record number``
otherwise, so results whose title holds the whole query come first. Records are numbered in the order the pages
add them, section by section and best first within a section (blacklisted institutions first, newest decisions
first), so the rest come in a useful order without downloading anything else.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Cell

FOLDER = "search-index"
SHARD_BYTES = 4096
"""Target size of one shard file: what one typed character pair costs a visitor."""
BIG_BYTES = 2048
"""A term whose list is longer than this gets a file of its own (kept out of the shards)."""
CHUNK = 16
"""Records per file of titles and lines."""

_KEEP = re.compile(r"[^0-9a-z\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def normalise(text: str) -> str:
    """What a field or a typed word is matched as: NFKC, lower case, only CJK characters, digits and letters."""
    return _KEEP.sub("", unicodedata.normalize("NFKC", text).lower())


def terms(text: str) -> set[str]:
    """Every pair of adjacent characters of the normalised text (a single character is not searchable)."""
    norm = normalise(text)
    return {norm[i:i + 2] for i in range(len(norm) - 1)}


MAX_TERMS = 16
"""A query looks up this many character pairs at most, spread evenly over it (a pasted paragraph stays cheap)."""


def spread(words: list[str]) -> list[str]:
    """The pairs a query looks up, in order of appearance, as the browser picks them."""
    seen: dict[str, None] = {}
    for word in words:
        for i in range(len(word) - 1):
            seen.setdefault(word[i:i + 2])
    pairs = list(seen)
    if len(pairs) <= MAX_TERMS:
        return pairs
    picked = [pairs[round(i * (len(pairs) - 1) / (MAX_TERMS - 1))] for i in range(MAX_TERMS)]
    return list(dict.fromkeys(picked))


def shard_of(term: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units (all kept characters are in the BMP), as the browser computes it."""
    h = 0x811C9DC5
    for ch in term:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def _b36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _B36[r] + out
        if not n:
            return out


def encode(values: list[int]) -> str:
    """Ascending values as base-36 gaps; a run of equal gaps is written once as ``gap*count``."""
    tokens: list[str] = []
    prev, i, n = -1, 0, len(values)
    while i < n:
        gap = values[i] - prev
        j = i + 1
        while j < n and values[j] - values[j - 1] == gap:
            j += 1
        tokens.append(_b36(gap) if j - i == 1 else f"{_b36(gap)}*{_b36(j - i)}")
        prev, i = values[j - 1], j
    return ",".join(tokens)


def decode(text: str) -> list[int]:
    """The inverse of `encode` (the browser has its own copy)."""
    values: list[int] = []
    prev = -1
    for token in filter(None, text.split(",")):
        gap, _, count = token.partition("*")
        step = int(gap, 36)
        for _ in range(int(count, 36) if count else 1):
            prev += step
            values.append(prev)
    return values


@dataclass(frozen=True)
class Entry:
    """How one record is found and shown in search results."""

    title: str
    """The result's link text; pairs found here rank the record first."""
    tag: str
    """A short label shown before the line: 白名单, 黑名单, 行政处罚 ..."""
    line: str
    """One line under the title: what tells two similar results apart (with `cells`, the browser writes it)."""
    texts: tuple[str, ...] = ()
    """Further texts the record is found by (credit code, party, address ...); never shown from here."""
    facets: tuple[str, ...] = ()
    """Values the lookup page filters on (list, type): each becomes the term ``#value``."""
    cells: tuple[str, ...] = ()
    """Table cells the lookup page shows for it (institutions: since and why, status, type, credit code)."""
    near: tuple[str, ...] = ()
    """Characters of its name that near names are ranked by (nearnames.py): each is a one-character term."""


@dataclass
class IndexSummary:
    records: int = 0
    shards: int = 0
    big_terms: int = 0
    sections: dict[str, list[int]] = field(default_factory=dict)


class RecordIndex:
    """Indexes records as the pages are written, then writes the index files.

    Records are numbered in the order they are added, and results that match equally well come in that order:
    add each section's records best first (blacklisted institutions first, newest decisions first), one section
    after the other. Only what a result shows is kept per record, so memory does not hold every record's texts.
    """

    def __init__(self, cells: dict[str, tuple[Cell, ...]] | None = None) -> None:
        self._cells = cells or {}
        self._docs: list[list[Any]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._sections: dict[str, list[int]] = {}
        self._current = ""

    def add(self, section: str, url: str, entry: Entry) -> None:
        number = len(self._docs)
        if section != self._current:
            if section in self._sections:
                raise ValueError(f"records of {section} must be added together (numbers are ranges per section)")
            self._sections[section] = [number, number]
            self._current = section
        self._sections[section][1] = number + 1
        self._docs.append([url, entry.title, entry.tag, entry.line, *([list(entry.cells)] if entry.cells else [])])
        postings = self._postings
        titled, other = 2 * number + 1, 2 * number  # one int object each, shared by every list
        in_title = terms(entry.title)
        for term in in_title.union(entry.near):  # pairs, and single characters for near names
            postings[term].append(titled)
        for term in set().union(*map(terms, entry.texts)) - in_title if entry.texts else ():
            postings[term].append(other)
        for facet in dict.fromkeys(entry.facets):
            postings[f"#{facet}"].append(other)

    def write(self, site: Path) -> IndexSummary:
        docs, postings = self._docs, self._postings
        summary = IndexSummary(records=len(docs), sections=self._sections)

        files: dict[str, str] = {}
        lines: dict[str, str] = {}
        common: list[tuple[int, str, str]] = []
        for term in sorted(postings):
            encoded = encode(postings[term])
            if len(encoded) > BIG_BYTES:
                common.append((len(encoded), term, encoded))
            else:
                lines[term] = encoded
        big: dict[str, int] = {}
        for number, (_, term, encoded) in enumerate(sorted(common)):  # numbered smallest first: the browser
            big[term] = number                                           # fetches the cheapest ones first
            files[f"b/{number}.txt"] = encoded
        size = sum(len(t.encode()) + len(p) + 2 for t, p in lines.items())
        shards = 1
        while shards * SHARD_BYTES < size:
            shards *= 2
        grouped: dict[int, list[str]] = defaultdict(list)
        for term, encoded in lines.items():
            grouped[shard_of(term, shards)].append(f"{term}\t{encoded}\n")
        for n in range(shards):
            files[f"s/{n}.txt"] = "".join(grouped.get(n, ()))
        for n in range(0, len(docs), CHUNK):
            files[f"d/{n // CHUNK}.json"] = json.dumps(docs[n:n + CHUNK], ensure_ascii=False, separators=(",", ":"))

        digest = hashlib.sha256()
        for name in sorted(files):
            digest.update(name.encode() + b"\0" + files[name].encode() + b"\0")
        version = digest.hexdigest()[:12]
        manifest = {"version": 1, "id": version, "records": len(docs), "chunk": CHUNK, "shards": shards,
                    "sections": summary.sections, "big": big,
                    "cells": {section: [c.manifest() for c in cells] for section, cells in sorted(self._cells.items())}}
        base = site / FOLDER
        for sub in ("s", "b", "d"):
            (base / version / sub).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (base / version / name).write_text(text, encoding="utf-8", newline="\n")
        index_text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (base / "index.json").write_text(index_text, encoding="utf-8")
        summary.shards, summary.big_terms = shards, len(big)
        return summary


class Written:
    """A written index read the way the browser reads it, part by part (for tests and reference algorithms)."""

    def __init__(self, site: Path) -> None:
        base = site / FOLDER
        self.manifest: dict[str, Any] = json.loads((base / "index.json").read_text(encoding="utf-8"))
        self.folder = base / self.manifest["id"]

    def postings(self, term: str) -> list[int]:
        big, folder = self.manifest["big"], self.folder
        if term in big:
            return decode((folder / "b" / f"{big[term]}.txt").read_text(encoding="utf-8"))
        shard = (folder / "s" / f"{shard_of(term, self.manifest['shards'])}.txt").read_text(encoding="utf-8")
        for line in shard.splitlines():
            name, _, encoded = line.partition("\t")
            if name == term:
                return decode(encoded)
        return []

    def doc(self, number: int) -> Any:
        """One record's entry (its chunk file is read whole, as the browser fetches it)."""
        chunk = self.manifest["chunk"]
        return json.loads((self.folder / "d" / f"{number // chunk}.json").read_text(encoding="utf-8"))[number % chunk]


def search(site: Path, query: str, section: str | None = None) -> list[str]:
    """The URLs a query finds, best first, read from a written index (the browser's algorithm, for tests)."""
    index = Written(site)
    manifest, postings = index.manifest, index.postings
    words = [w for w in (normalise(part) for part in query.split()) if len(w) >= 2]
    wanted = sorted(spread(words))
    if not wanted:
        return []


    score: dict[int, int] = {}
    for k, term in enumerate(wanted):
        found = {v >> 1: v & 1 for v in postings(term)}
        score = dict(found) if k == 0 else {d: s + found[d] for d, s in score.items() if d in found}
    lo, hi = manifest["sections"].get(section, [0, manifest["records"]]) if section else [0, manifest["records"]]
    hits = sorted((d for d in score if lo <= d < hi), key=lambda d: (-(score[d] == len(wanted)), d))
    docs = {d: index.doc(d) for d in hits}
    if len(hits) <= 32:  # as the browser does: a title holding every typed word as typed comes first
        hits.sort(key=lambda d: not all(w in normalise(docs[d][1]) for w in words))
    return [docs[d][0] for d in hits]
