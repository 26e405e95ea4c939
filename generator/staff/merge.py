"""Staff import, updating: a sheet row laid over the record it updates, column by column; legal states guarded; each
change said as before -> after."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..datasets import Dataset
from ..rules.publicity import mask_name
from ..schema.common import STANDING

NATURAL_PERSON = "自然人"
SHOWN_CHARS = 40


@dataclass
class Change:
    """What an import does to one record: added, or these fields changed (label, before, after)."""

    key: str
    line: int
    added: bool
    fields: list[tuple[str, str, str]] = field(default_factory=list)

    def text(self, shown: str) -> str:
        where = f"{shown} 第 {self.line} 行"
        if self.added:
            return f"新增「{self.key}」（{where}）"
        if not self.fields:
            return f"不变「{self.key}」（{where}：与数据文件相同）"
        parts = "；".join(f"{label}：{before or '（空）'} → {after or '（空）'}"
                         for label, before, after in self.fields)
        return f"改写「{self.key}」（{where}）：{parts}"


@dataclass
class Merged:
    values: dict[str, str]
    change: Change
    refused: list[tuple[str, str]]
    """(field key, message) for each legal state the row would change by omission or undo."""
    kept: list[str]
    """Field keys whose cell was blank while the record has a value: kept, never cleared."""


def merge(ds: Dataset, key: str, line: int, old: dict[str, str], new: dict[str, str], columns: set[str]) -> Merged:
    """`old` overlaid with the sheet's non-blank cells of `columns`; a blank cell keeps the old value."""
    values = dict(old)
    refused: list[tuple[str, str]] = []
    kept = []
    legal = ds.legal_state
    for name in columns:
        after, before = new.get(name, ""), old.get(name, "")
        if not after:
            if before:
                kept.append(name)
            continue
        if after == before:
            continue
        if name == "status" and name in legal and before and before != STANDING and after == STANDING:
            refused.append((name, f"这条决定在数据中是「{before}」，表格中是「{after}」：撤销、"
                                  "变更或失效是已作出的法律行为，不能由导入改回「有效」。如果表格是旧的，"
                                  "请删去这一列或这一格；如果数据确实录错了，请在合并请求中说明后直接修改数据文件"))
            continue
        values[name] = after
    change = Change(key, line, False, [(ds.model.label_of(name), _shown(ds, name, old.get(name, ""), values),
                                        _shown(ds, name, values.get(name, ""), values))
                                       for name in ds.model.model_fields if values.get(name, "") != old.get(name, "")])
    return Merged(values, change, refused, kept)


def _shown(ds: Dataset, name: str, value: str, record: dict[str, str]) -> str:
    """A value as the change list shows it: a natural person's name masked as on the site, long text shortened."""
    if name == "party_name" and record.get("party_category") == NATURAL_PERSON and value:
        return mask_name(value)
    return value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…"
