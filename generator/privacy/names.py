"""Privacy stage: the full name of a natural-person party (shown masked, 张**) written out anywhere else."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..problems import Problem, Where, problem
from ..read.sources import read_text
from ..schema.common import NATURAL_PERSON

#: Characters that hide a name from a plain search without changing how it reads: spaces of every kind,
#: zero-width and direction marks, soft hyphens, middle dots.
_HIDING = "".join(map(chr, [0x20, 0x09, 0x0A, 0x0D, 0xA0, 0xAD, 0x180E, 0x3000, 0xFEFF, 0xB7, 0x30FB,
                            *range(0x2000, 0x200B), *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                            *range(0x2060, 0x2065), *range(0x2066, 0x206A)]))
_HIDE = re.compile("[" + re.escape(_HIDING) + "]")
#: Characters whose compatibility form is a letter or a Han character (Kangxi and supplementary radicals,
#: compatibility ideographs, full-width letters): only text holding one needs NFKC to read as a name does.
_LOOK_ALIKE = re.compile("[\u2e80-\u2fdf\u3190-\u319f\uf900-\ufaff\uff21-\uff3a\uff41-\uff5a"
                         "\U0002f800-\U0002fa1f]")
#: Fields that hold another person's name, published lawfully in full (the legal representative of an
#: organisation, an officer): a namesake there is not a leak of the party's name.
NAME_FIELDS = {"legal_rep_name", "party_name"}


def fold(text: str) -> str:
    """What a name reads as: compatibility forms (⼭ → 山, full-width letters) unified, hiding characters gone."""
    if _LOOK_ALIKE.search(text):  # most text holds none, and normalising is most of the cost
        text = unicodedata.normalize("NFKC", text)
    return _HIDE.sub("", text)


def _decision_datasets() -> tuple[str, ...]:
    """Names of the decision datasets, whose party may be a natural person."""
    from ..datasets.decisions import KINDS  # the registry declares its checks with this module: import late

    return tuple(KINDS)


def masked_names(catalog: Any) -> dict[str, Any]:
    """Folded full name -> the first decision of a natural person whose name the site masks."""
    site = catalog.site
    if site is not None and site.policy.natural_person_names != "masked":
        return {}
    names: dict[str, Any] = {}
    for dataset in _decision_datasets():
        for decision in catalog.records(dataset):
            name = fold(decision.party_name)
            if decision.party_category == NATURAL_PERSON and len(name) >= 2:
                names.setdefault(name, decision)
    return names


def published_names(catalog: Any) -> set[str]:
    """Names the site shows in full as someone's name: a masked party's namesake there is not their leak."""
    shown = {fold(o.name) for o in catalog.records("enforcement_officers")}
    for dataset in _decision_datasets():
        for decision in catalog.records(dataset):
            if decision.party_category != NATURAL_PERSON:
                shown.add(fold(decision.party_name))
                if decision.legal_rep_name:
                    shown.add(fold(decision.legal_rep_name))
    return shown


def name_pattern(names: Iterable[str], gap: str = "") -> re.Pattern[str] | None:
    """One regex for all names, as a trie (张(?:三|伟)…): the engine skips by first character, linear in text.

    `gap` is what may stand between the characters of a name (in built pages: Pagefind's word breaks).
    """
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(_branches(trie, gap)) if trie else None


def _branches(node: dict[str, Any], gap: str) -> str:
    branches = []
    for ch, child in sorted(node.items()):
        if not ch:
            continue
        rest = _branches(child, gap) if len(child) > ("" in child) else ""
        if rest:
            rest = f"(?:{gap}{rest})?" if "" in child else gap + rest
        branches.append(re.escape(ch) + rest)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def check(root: Path, catalog: Any) -> list[Problem]:
    """Every text field of every record and every Markdown file under content/."""
    names = masked_names(catalog)
    pattern = name_pattern(set(names) - published_names(catalog))
    if pattern is None:
        return []
    problems = list(_in_records(catalog, pattern, names))
    for path in sorted((root / "content").rglob("*.md")) if (root / "content").is_dir() else []:
        rel = path.relative_to(root).as_posix()
        try:
            text, _ = read_text(root, rel)  # an undecodable or unreadable file is reported by the privacy gate
        except OSError:
            continue
        if text is not None:
            problems += _in_text(rel, text, pattern, names)
    return problems


def _checked_datasets() -> tuple[str, ...]:
    """Every declared dataset whose texts may name a person (the registry says which: import late)."""
    from ..datasets import DATASETS

    return tuple(ds.name for ds in DATASETS if ds.names_checked)


def _in_records(catalog: Any, pattern: re.Pattern[str], names: dict[str, Any]) -> Iterator[Problem]:
    for dataset in _checked_datasets():
        records = catalog.records(dataset)
        # One search over the whole dataset first (SOH between records, NUL between fields: folding drops
        # neither): most records hold no name at all, and folding record by record is most of the cost.
        folded = fold(_RECORDS.join([_FIELDS.join([value for field, value in record.__dict__.items()
                                                   if field not in NAME_FIELDS and value.__class__ is str])
                                     for record in records]))
        found = [m.start() for m in pattern.finditer(folded)]
        if not found:
            continue
        ends = [m.start() for m in re.finditer(_RECORDS, folded)]  # where each record's text ends
        hits = sorted({bisect.bisect(ends, at) for at in found})
        for record in (records[n] for n in hits):
            own = fold(record.party_name) if dataset in _decision_datasets() else None
            for field, value in record.__dict__.items():
                if field in NAME_FIELDS or not isinstance(value, str):
                    continue
                match = pattern.search(fold(value))
                if match and match.group() != own:  # its own party's name: the per-record rule reports it
                    yield _problem(record.where(field), field, type(record).label_of(field), names[match.group()])


_RECORDS, _FIELDS = "\x01", "\0"


def _in_text(rel: str, text: str, pattern: re.Pattern[str], names: dict[str, Any]) -> Iterator[Problem]:
    folded = fold(text)
    if not pattern.search(folded):
        return
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):  # only for a file with a hit: map folded characters back to line:col
        for c in fold(ch):
            chars.append(c)
            origin.append(i)
    for match in pattern.finditer("".join(chars)):
        at = origin[match.start()]
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        yield _problem(Where(rel, line, col), "正文", "正文", names[match.group()])


def _problem(where: Where, field: str, label: str, decision: Any) -> Problem:
    source = decision.where("party_name")
    return problem("person-name-in-text", where, field, (
        f"「{label}」中写有自然人当事人（{source.path} 第 {source.line} 行）的全名：网站对自然人只显示姓氏加 *，"
        "这里的全名会原样公开。请改写为「当事人」或只写姓氏（如「张某」）"))
