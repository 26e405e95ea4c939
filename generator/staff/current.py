"""Staff tools, shared: what the bureau's current data offers a fill-in template (referenced records, numbers).

A template's dropdowns list the records its foreign keys refer to (Dataset.refs), of every dataset that declares how
they are offered (Dataset.offer: the enforcement matters, the institutions), as 「名称（代码）」; its example row
shows the bureau's own document numbers, never another county's. Everything is read with generator/read and only
what reads clean is offered: a row with an error elsewhere in the data does not stop a template being made.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..datasets import BY_NAME, DATASETS, Dataset
from ..problems import ERROR, Problem
from ..read.load import read_site, read_table
from ..read.sources import parse_csv, read_text, unsafe_reason

#: A document number: issuer part, year in brackets, the rest
#: (「汾教科罚决字〔2021〕第3号」, 「汾教双随机〔2025〕1号-03」).
NUMBER = re.compile(r"(?P<org>[\u3400-\u9fffA-Za-z0-9]{1,30}?)(?P<open>[〔\[［(（【])(?P<year>(?:19|20)\d\d)"
                    r"(?P<close>[〕\]］)）】])(?P<rest>[\u3400-\u9fffA-Za-z0-9-]{0,30})")
#: Places the field docs' examples are written for (the fictional sample county; one real county).
DOC_PLACES = ("汾川县", "曲沃县")
#: The bureau part of a doc example's issuer (「汾教科」罚决字, 「汾教」双随机): what is left says the kind of document.
_DOC_BUREAU = re.compile(r"^[\u3400-\u9fff]教科?")
_UNIT = re.compile(r"[\u3400-\u9fff]+?(?:自治县|自治旗|自治州|林区|特区|新区|省|市|州|盟|县|区|旗)")
PLACEHOLDER = "××"
_ENTRY = re.compile(r"(?P<name>.+)（(?P<code>[^（）]+)）", re.S)


@dataclass(frozen=True)
class Option:
    """One record a dropdown offers."""

    code: str
    name: str
    category: str = ""

    @property
    def entry(self) -> str:
        return entry(self.name, self.code)


@dataclass
class Current:
    """What the template draws from the data; empty (neutral examples, no reference dropdowns) without data."""

    bureau: str | None = None
    """主办单位 of data/site.yml."""
    options: dict[str, tuple[Option, ...] | None] = field(default_factory=dict)
    """Referenced dataset name -> its records (category set as its offer says), in file order; None or absent: not
    read or unreadable."""
    numbers: dict[str, re.Match[str]] = field(default_factory=dict)
    """Field key -> the bureau's own number of that field in the dataset's file (the most used issuer, latest year)."""
    problems: list[Problem] = field(default_factory=list)
    """Errors found in the files read: their records are left out of the dropdowns."""


def entry(name: str, code: str) -> str:
    """A dropdown entry: 「名称（代码）」 (full-width brackets, the code last)."""
    return f"{name}（{code}）"


def split_entry(text: str) -> tuple[str, str] | None:
    """(name, code) of a dropdown entry as `entry` writes it (the last full-width brackets hold the code); None for
    any other text. Match the cell before NFKC: it turns （） into ()."""
    found = _ENTRY.fullmatch(text)
    return (found["name"], found["code"]) if found else None


def references(ds: Dataset) -> dict[str, Dataset]:
    """Fields of `ds` whose cell names a record of a dataset that offers its records (Dataset.offer), and that
    dataset, in the registry's order of the datasets referred to."""
    found = {key: BY_NAME[target if isinstance(target, str) else target[0]] for key, target in ds.refs.items()}
    order = {other.name: n for n, other in enumerate(DATASETS)}
    return dict(sorted(((key, target) for key, target in found.items() if target.offer is not None),
                       key=lambda item: order[item[1].name]))


#: Fields whose cell names a record a dropdown offers, in any dataset, and that dataset (every dataset's
#: `references`; a field refers to one dataset wherever it appears).
REFERENCES: dict[str, str] = {key: target.name for ds in DATASETS for key, target in references(ds).items()}


def read_current(root: Path, ds: Dataset) -> Current:
    """The site settings, the lists `ds` refers to, and the numbers in its own file."""
    site, problems = read_site(root)
    current = Current(bureau=site.bureau.name if site is not None else None, problems=problems)
    for target in references(ds).values():
        if target.name not in current.options:
            current.options[target.name] = _options(root, target, current.problems)
    current.numbers = own_numbers(root, ds)
    current.problems = [p for p in current.problems if p.severity == ERROR]
    return current


def _options(root: Path, ds: Dataset, problems: list[Problem]) -> tuple[Option, ...] | None:
    table, found = read_table(root, ds)
    problems += found
    if table.failed or not table.kept or ds.offer is None:
        return None
    key, offer = ds.key or "", ds.offer
    return tuple(Option(str(getattr(r, key)), str(getattr(r, offer.name)),
                        str(getattr(r, offer.category) or "") if offer.category else "")
                 for r in table.records)


def wanted_category(ds: Dataset) -> str | None:
    """The category the dataset's own check requires of what it refers to (行政处罚 for penalties), None: any."""
    for check in ds.checks:
        wanted = getattr(check, "keywords", {}).get("wanted")
        if wanted:
            return str(wanted)
    return None


def reference_options(ds: Dataset, key: str, current: Current) -> tuple[Option, ...] | None:
    """What the dropdown of a reference field offers (None: the list could not be read): the records of the
    dataset it refers to, of the category the dataset's own check wants if that offer is narrowed so."""
    target = references(ds)[key]
    options = current.options.get(target.name)
    if options is None or target.offer is None or not target.offer.narrowed:
        return options
    wanted = wanted_category(ds)
    return tuple(o for o in options if wanted is None or o.category == wanted)


def own_numbers(root: Path, ds: Dataset) -> dict[str, re.Match[str]]:
    """For each number field of the dataset: the bureau's own number in its file (most used issuer, latest year).

    Read as raw cells (no model): only a value that is a whole, plain number is used."""
    keys = [key for key, info in ds.model.model_fields.items() if NUMBER.search(info.description or "")]
    if not keys or not ds.is_csv or unsafe_reason(root, root / ds.path) or not (root / ds.path).is_file():
        return {}
    text, _found = read_text(root, ds.path, csv_columns=True)  # its problems are the validator's to report
    rows = parse_csv(text or "")
    header = [cell.strip() for cell in next(rows, (0, []))[1]]
    columns = {key: header.index(key) for key in keys if key in header}
    seen: dict[str, list[re.Match[str]]] = {key: [] for key in columns}
    for _line, cells in rows:
        for key, col in columns.items():
            match = NUMBER.fullmatch(cells[col].strip()) if col < len(cells) else None
            if match:
                seen[key].append(match)
    return {key: _representative(found) for key, found in seen.items() if found}


def _representative(found: list[re.Match[str]]) -> re.Match[str]:
    issuers = Counter(m["org"] for m in found)
    top = max(issuers.values())
    last = {m["org"]: i for i, m in enumerate(found)}
    org = max((o for o, n in issuers.items() if n == top), key=last.__getitem__)  # a tie: the one used last
    ours = [m for m in found if m["org"] == org]
    latest = max(int(m["year"]) for m in ours)
    return [m for m in ours if int(m["year"]) == latest][-1]


def place(bureau: str | None) -> str | None:
    """The county (district, city) of the bureau's name: 「汾川县教育科技局」 -> 汾川县."""
    units = _UNIT.findall((bureau or "").split("教育")[0])
    return units[-1] if units else None


def abbreviation(bureau: str | None) -> str:
    """How the bureau's document numbers usually begin: 汾川县教育科技局 -> 汾教科, 临汾市尧都区教育局 -> 尧教."""
    where = place(bureau)
    if where is None or bureau is None:
        return PLACEHOLDER
    return where[0] + "教" + ("科" if "科技" in bureau else "")


def localise(example: str, key: str, current: Current, kind: str | None = None) -> str:
    """A field doc's example as the bureau's own: its numbers' issuer and shape, its county; year and sequence
    stay the doc's (an example that does not move as records are added: the importer recognises it)."""
    doc = NUMBER.fullmatch(example)
    if doc is None:
        for demo in DOC_PLACES:
            example = example.replace(demo, place(current.bureau) or PLACEHOLDER + "县")
        return example
    own = current.numbers.get(key)
    if own is None:
        issuer = abbreviation(current.bureau) + (kind or _DOC_BUREAU.sub("", doc["org"]))
        return f"{issuer}{doc['open']}{doc['year']}{doc['close']}{doc['rest']}"
    sequence = re.search(r"\d+", doc["rest"])
    rest = re.sub(r"\d+", sequence.group(), own["rest"], count=1) if sequence else own["rest"]
    return f"{own['org']}{own['open']}{doc['year']}{own['close']}{rest}"
