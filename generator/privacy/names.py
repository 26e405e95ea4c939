"""Privacy stage: the full name of a natural-person party (shown masked, 张**) written out anywhere staff write.

Names are read as a reader reads them (shown.fold: markup shown, compatibility forms unified, anything between
the characters that is not a letter, a digit or a clause mark skipped), in every text field of every record, and
in every text staff write or attach: files under data/ and content/ (attachments included), site_overrides/ and
mkdocs.yml. Only the fields where a name is lawfully published in full are not read: a party's own name, a
legal representative's and a public role's (Dataset.public_names: a deputy principal). A namesake published there
(an organisation's legal representative, an officer) does not make the masked party's name public anywhere else.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..memo import memo
from ..model import CatalogLike
from ..problems import Problem, Where, problem
from ..schema.common import NATURAL_PERSON
from .shown import fold, fold_map, has_markup, hidden_parts, unified, unskipped

__all__ = ["NAME_FIELDS", "Masked", "check", "check_text", "find", "fold", "loose_pattern", "masked", "masked_names",
           "name_pattern", "published_names"]

#: Fields that hold a name published lawfully in full: the party's own (masked on the site when a natural
#: person, by the per-record rule) and an organisation's legal representative.
NAME_FIELDS = {"legal_rep_name", "party_name"}


def _party_datasets(catalog: CatalogLike) -> tuple[str, ...]:
    """Names of the datasets whose records name a party that may be a natural person (the registry says which)."""
    return tuple(ds.name for ds in catalog.registry.datasets if ds.parties)


def masked_names(catalog: CatalogLike) -> dict[str, Any]:
    """Folded full name -> the first decision of a natural person whose name the site masks."""
    site = catalog.site
    if site is not None and site.policy.natural_person_names != "masked":
        return {}
    names: dict[str, Any] = {}
    for dataset in _party_datasets(catalog):
        for decision in catalog.records(dataset):
            if decision.party_category == NATURAL_PERSON:
                name = fold(decision.party_name)
                if len(name) >= 2:
                    names.setdefault(name, decision)
    return names


def published_names(catalog: CatalogLike) -> set[str]:
    """Names the site's own pages show in full as someone's (officers, organisations, legal representatives).

    Only the last gate over the built site uses this: there a namesake of a masked party, rendered from those
    fields, is not the party's leak. Staff-written text gets no such allowance (see `check`)."""
    shown = {fold(getattr(record, name)) for ds in catalog.registry.datasets for name in ds.public_names
             for record in catalog.records(ds.name) if getattr(record, name)}
    for dataset in _party_datasets(catalog):
        for decision in catalog.records(dataset):
            if decision.party_category != NATURAL_PERSON:
                shown.add(fold(decision.party_name))
                if decision.legal_rep_name:
                    shown.add(fold(decision.legal_rep_name))
    return shown


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for all folded names, as a trie (张(?:三|伟)…): the engine skips by first character, linear in
    text. It is matched against folded text (shown.fold), where nothing stands between a name's characters."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return None
    pattern = re.compile(_branches(trie))
    _LOOSE[pattern] = re.compile(_branches(trie, _ANY_SKIPPED))
    return pattern


#: Between two characters of a name in the loose pattern: anything that is neither a letter nor a digit. Every
#: character a reader skips is one (shown.NAME_SKIP; tests/validator/test_privacy_fast.py proves it over all of
#: Unicode), so wherever `fold` reads a name the loose pattern matches the unfolded text too.
_ANY_SKIPPED = r"[\W_]*"
#: A name pattern made by name_pattern -> the same names with _ANY_SKIPPED between their characters.
_LOOSE: weakref.WeakKeyDictionary[re.Pattern[str], re.Pattern[str]] = weakref.WeakKeyDictionary()


def loose_pattern(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """The loose form of a pattern name_pattern made in this process (None for any other): what a reading in another
    process is given with the pattern, which arrives there compiled anew."""
    return _LOOSE.get(pattern) if pattern is not None else None


def _branches(node: dict[str, Any], between: str = "") -> str:
    branches = []
    for ch, child in sorted(node.items()):
        if not ch:
            continue
        rest = _branches(child, between) if len(child) > ("" in child) else ""
        if rest:
            rest = f"(?:{between}{rest})?" if "" in child else between + rest
        branches.append(re.escape(ch) + rest)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class Masked:
    """The masked parties' names (folded name -> the first decision naming them) and one pattern for them all."""

    pattern: re.Pattern[str]
    names: dict[str, Any]

    def key(self) -> tuple[str, tuple[tuple[str, str, int], ...]]:
        """All that in_text's findings depend on: the pattern, and each name with the place of the decision its
        message names (memo.Kept keys a file's reading by it)."""
        return memo(self, "key", lambda: (self.pattern.pattern, tuple(sorted(
            (name, (w := decision.where("party_name")).path, w.line) for name, decision in self.names.items()))))

    def in_text(self, rel: str, text: str, at: Where | None = None, place: str = "") -> list[Problem]:
        """check_text with these names: the privacy gate reads each staff file once, for numbers and names."""
        return check_text(rel, text, self.pattern, self.names, at, place)


def masked(catalog: CatalogLike) -> Masked | None:
    """The names staff text may not hold (None when the site shows natural persons' names in full)."""
    names = masked_names(catalog)
    pattern = name_pattern(names)
    return Masked(pattern, names) if pattern is not None else None


def check(catalog: CatalogLike, found: Masked | None) -> list[Problem]:
    """Every text field of every record (staff files and attachments: inputs.scan, with the same `found`)."""
    return list(_in_records(catalog, found.pattern, found.names)) if found is not None else []


def _checked_datasets(catalog: CatalogLike) -> tuple[str, ...]:
    """Every declared dataset whose texts may name a person (the registry says which)."""
    return tuple(ds.name for ds in catalog.registry.datasets if ds.names_checked)


def _in_records(catalog: CatalogLike, pattern: re.Pattern[str], names: dict[str, Any]) -> Iterator[Problem]:
    parties = _party_datasets(catalog)
    for dataset in _checked_datasets(catalog):
        records = catalog.records(dataset)
        # a public role's own name field (an officer, a deputy principal) is published in full: not read here
        skipped = NAME_FIELDS.union(catalog.registry.by_name[dataset].public_names)
        # One search over the whole dataset first (SOH between records, NUL between fields: both end a name for
        # a reader): most records hold no name at all, and folding record by record is most of the cost.
        joined = _RECORDS.join([_FIELDS.join([value for field, value in record.__dict__.items()
                                              if field not in skipped and value.__class__ is str])
                                for record in records])
        hits: set[int] = set()
        # as stored (downloads, escaped pages) and, where a field holds markup, as the markup would show it
        for markup in (False, True) if has_markup(joined) else (False,):
            folded = fold(joined, markup)
            found = [m.start() for m in pattern.finditer(folded)]
            if found:
                ends = [m.start() for m in re.finditer(_RECORDS, folded)]  # where each record's text ends
                hits |= {bisect.bisect(ends, at) for at in found}
        for record in (records[n] for n in sorted(hits)):
            own = fold(record.party_name) if dataset in parties else None
            for field, value in record.__dict__.items():
                if field in skipped or not isinstance(value, str):
                    continue
                # its own party's name is reported by the per-record rule; any other masked name here
                views = (fold(value, False), fold(value)) if has_markup(value) else (fold(value, False),)
                other = next((m.group() for view in views for m in pattern.finditer(view) if m.group() != own), None)
                if other is not None:
                    yield _problem(record.where(field), field, type(record).label_of(field), names[other])


_RECORDS, _FIELDS = "\x01", "\0"


def check_text(rel: str, text: str, pattern: re.Pattern[str], names: dict[str, Any], at: Where | None = None,
               place: str = "") -> list[Problem]:
    """A masked party's name in one staff text: a whole file (each hit at its line and column), or a piece of an
    attachment standing `at` a place staff can find (a sheet cell, a paragraph, the document's properties)."""
    found: dict[tuple[int, int], Problem] = {}
    for offset, name in find(text, pattern):
        where = at or Where(rel, text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)
        found.setdefault((where.line, where.col),
                         _problem(where, "附件" if at else "正文", place or "正文", names[name]))
    return list(found.values())


def find(text: str, pattern: re.Pattern[str], stripped: str | None = None, markup: bool | None = None,
         loose: re.Pattern[str] | None = None) -> Iterator[tuple[int, str]]:
    """(offset in `text`, folded name) of each masked name in `text`, read as a reader reads it: the text as shown
    (markup stripped: `stripped` when the caller has it), and apart from it what markup hides from the eye but
    publishes all the same (attributes, comments, link targets). Fast first (one fold of each), located only on a
    hit (fold_map, character by character), each place once. markup=False: tags are data (XML), read as stored.
    `loose`: the pattern's loose form (loose_pattern), for a pattern that came through pickling (another process
    compiles it anew, and only the process that made it knows its loose form)."""
    if markup is not False and has_markup(text):
        views = [(True, unified(text, True, stripped)), (False, unified(hidden_parts(text), False))]
    else:
        views = [(False, unified(text, False))]
    loose = loose or _LOOSE.get(pattern)
    seen: set[int] = set()
    for markup, view in views:
        if loose is not None and loose.search(view) is None:
            continue  # not even with anything but letters and digits between its characters: no name to fold
        first = pattern.search(unskipped(view))
        if first is None:
            continue
        located, origin = fold_map(text, markup)
        hits = [(origin[m.start()], m.group()) for m in pattern.finditer(located)]
        # folding the whole text can compose what folding each character does not: the hit is still reported
        for offset, name in hits or [(0, first.group())]:
            if offset not in seen:
                seen.add(offset)
                yield offset, name


def _problem(where: Where, field: str, label: str, decision: Any) -> Problem:
    source = decision.where("party_name")
    return problem("person-name-in-text", where, field, (
        f"「{label}」中写有自然人当事人（{source.path} 第 {source.line} 行）的全名：网站对自然人只显示姓氏加 *，"
        "这里的全名会原样公开（中间夹有空格、符号或标记也一样能读出来）。请改写为「当事人」或只写姓氏（如「张某」）；"
        "如果是同名的另一个人，也请不要写全名"))
