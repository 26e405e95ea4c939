"""Staff import, references: what clerks call a referenced record (its name, 名称（代码）, a credit code) -> the code
the data files store, for every dataset that declares how it is offered (Dataset.offer: a matter, an institution),
and the next free key for a record a sheet adds (an institution's 机构编号)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..datasets import Dataset
from ..read.load import read_table
from ..schema.identifiers import USCC_PLACEHOLDER
from .current import references

#: 「名称（代码）」 as the templates' dropdowns write it (current.entry), or typed with half-width brackets.
_LABELLED = re.compile(r"(.*\S)\s*[（(]\s*([^（）()]+?)\s*[）)]")
_NUMBERED = re.compile(r"(.*?)(\d+)")
_USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")


def folded(text: str) -> str:
    """A name as compared: NFKC (full-width brackets), no spaces of any kind."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Named:
    """One kind of referenced record: its codes, each code's name, and names (folded) -> codes."""

    what: str
    code_title: str
    names: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)
    by_uscc: dict[str, str] = field(default_factory=dict)

    def add(self, code: str, name: str, uscc: str | None = None) -> None:
        self.names[code] = name
        self.by_name.setdefault(folded(name), []).append(code)
        if uscc and uscc != USCC_PLACEHOLDER:  # 个体工商户 without a code all share it
            self.by_uscc.setdefault(uscc, code)

    def resolve(self, text: str) -> tuple[str, str | None]:
        """(the code, None) for a known code, name, 「名称（代码）」 or credit code; (text, why) when it names nothing
        unambiguously (why is None when the text is left for the validator: an unknown code)."""
        if text in self.names:
            return text, None
        codes = self.by_name.get(folded(text), [])
        if len(codes) == 1:
            return codes[0], None
        if len(codes) > 1:
            return text, (f"有 {len(codes)} 个{self.what}都叫「{text}」（{'、'.join(codes)}）："
                          f"请填写{self.code_title}，或从下拉列表中选择「名称（{self.code_title}）」")
        found = _LABELLED.fullmatch(text)
        if found and found.group(2).strip() in self.names:
            name, code = found.group(1), found.group(2).strip()
            if folded(name) != folded(self.names[code]):
                return text, (f"「{text}」中的名称与{self.code_title} {code} 不符（{code} 是「{self.names[code]}」）："
                              "请从下拉列表中重新选择")
            return code, None
        upper = folded(text).upper()
        if _USCC.fullmatch(upper) and upper in self.by_uscc:
            return self.by_uscc[upper], None
        return text, None

    def next_code(self, taken: set[str]) -> str | None:
        """The next free code after the highest of the most common pattern (fc-0101 after fc-0100), or None."""
        top: dict[tuple[str, int], int] = {}
        count: dict[tuple[str, int], int] = {}
        for code in self.names:
            found = _NUMBERED.fullmatch(code)
            if found:
                key = (found.group(1), len(found.group(2)))
                top[key] = max(top.get(key, 0), int(found.group(2)))
                count[key] = count.get(key, 0) + 1
        if not top:
            return None
        prefix, width = max(top, key=lambda key: (count[key], top[key]))
        number = top[prefix, width] + 1
        while f"{prefix}{number:0{width}d}" in taken or f"{prefix}{number:0{width}d}" in self.names:
            number += 1
        return f"{prefix}{number:0{width}d}"


@dataclass
class References:
    """The records an import's fields refer to, and its own dataset's if they are offered, as the import resolves a
    clerk's words."""

    fields: dict[str, Named]
    """Field of the imported dataset -> the records it refers to (Dataset.refs to a dataset with an offer)."""
    own: Named | None = None
    """The imported dataset's own records, if it offers them (a new institution's 机构编号 by its credit code)."""

    @classmethod
    def load(cls, root: Path, ds: Dataset) -> References:
        loaded: dict[str, Named] = {}

        def named(target: Dataset) -> Named:
            if target.name not in loaded:
                loaded[target.name] = _named(root, target)
            return loaded[target.name]

        fields = {key: named(target) for key, target in references(ds).items()}
        return cls(fields, named(ds) if ds.offer is not None else None)

    def of(self, key: str) -> Named | None:
        """The records a field refers to (matter_code -> the matters), None for a field that refers to none."""
        return self.fields.get(key)


def _named(root: Path, ds: Dataset) -> Named:
    """A dataset's records as its offer names them: key, name field, credit-code field (if it has one)."""
    offer, key = ds.offer, ds.key or ""
    if offer is None:
        raise ValueError(f"{ds.name} declares no offer (Dataset.offer): its records cannot be named")
    found = Named(offer.noun, ds.model.label_of(key))
    table, _problems = read_table(root, ds)  # its problems are the validator's to report
    for record in table.records:
        uscc = getattr(record, offer.uscc) if offer.uscc else None
        found.add(getattr(record, key), getattr(record, offer.name), uscc)
    return found
