"""Comparison: two versions of a dataset's records -> records added, changed and removed, field by field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..model import Dataset, Registry
from ..schema.common import NATURAL_PERSON

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
KIND_LABELS = {ADDED: "新增", CHANGED: "修改", REMOVED: "删除"}


@dataclass(frozen=True)
class FieldChange:
    """One field of one record: old and new values as the loader typed them (None: empty)."""

    field: str
    title: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    kind: str
    """ADDED, CHANGED or REMOVED."""
    key: str
    """The dataset's key value (keyless datasets: the row's leading values)."""
    name: str | None = None
    """What the record is called (institution, party, report title), unmasked."""
    natural_person: bool = False
    """The party is a natural person in either version: its name must be shown masked."""
    fields: tuple[FieldChange, ...] = ()
    """Changed fields (CHANGED only)."""


@dataclass
class DatasetDiff:
    name: str
    title: str
    changes: list[RecordChange]

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)


@dataclass(frozen=True)
class Section:
    """Something compared record by record: a dataset, the annual reports, or site.yml."""

    name: str
    title: str
    path: str
    key: Callable[[Any], str] | None
    records: Callable[[Any], list[Any]]
    """Its records in a catalogue."""
    name_field: str | None = None


def _key_field(name: str) -> Callable[[Any], str]:
    return lambda record: str(getattr(record, name))


def dataset_section(ds: Dataset) -> Section:
    return Section(ds.name, ds.title, ds.path, _key_field(ds.key) if ds.key else None,
                   lambda catalog: catalog.records(ds.name), ds.label_field)


def sections(registry: Registry) -> tuple[Section, ...]:
    """What the pull-request diff compares: every dataset of the registry, the annual reports and site.yml."""
    return (
        *(dataset_section(ds) for ds in registry.datasets),
        Section("reports", "年度报告", "content/reports", _key_field("slug"), lambda c: list(c.reports), "title"),
        Section("site", "网站设置与公示政策", "data/site.yml", lambda _: "site.yml",
                lambda c: [c.site] if c.site is not None else []),
    )


def _values(record: BaseModel) -> dict[str, Any]:
    """Every field, including ones left out of dumps (a report's body)."""
    return {name: getattr(record, name) for name in type(record).model_fields}


def _submodel(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _flatten(model: type[BaseModel] | None, values: dict[str, Any], path: str = "",
             title: str = "") -> dict[str, tuple[str, Any]]:
    """field path -> (Chinese label, value), nested models and mappings spread out (`公示政策·公示期限`)."""
    flat: dict[str, tuple[str, Any]] = {}
    fields = model.model_fields if model else {}
    for name, value in values.items():
        info = fields.get(name)
        label = f"{title}{info.title if info and info.title else name}"
        sub = _submodel(info.annotation) if info else None
        if isinstance(value, BaseModel):
            sub, value = type(value), _values(value)
        if isinstance(value, dict):
            flat.update(_flatten(sub, {str(k): v for k, v in value.items()}, f"{path}{name}.", f"{label}·"))
        else:
            flat[f"{path}{name}"] = (label, value)
    return flat


def field_changes(old: BaseModel, new: BaseModel) -> tuple[FieldChange, ...]:
    before, after = _flatten(type(old), _values(old)), _flatten(type(new), _values(new))
    changes = []
    for path in [*before, *(p for p in after if p not in before)]:
        label, was = before.get(path, after.get(path, ("", None)))
        now = after.get(path, (label, None))[1]
        if (empty(was) and empty(now)) or was == now:
            continue
        changes.append(FieldChange(path, label, None if empty(was) else was, None if empty(now) else now))
    return tuple(changes)


def empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _freeze(value: Any) -> Any:
    if isinstance(value, BaseModel):
        value = _values(value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _row_label(record: BaseModel) -> str:
    shown = [show(v) for v in list(_values(record).values())[:3] if not empty(v)]
    return " ".join(shown)


def _natural(*records: Any) -> bool:
    return any(getattr(r, "party_category", None) == NATURAL_PERSON for r in records if r is not None)


def _differ(old: BaseModel, new: BaseModel) -> bool:
    """Field values only, not positions in the file; cheap, and most records of a commit are unchanged."""
    return old.__dict__ != new.__dict__


def compare(section: Section, old: list[Any], new: list[Any]) -> list[RecordChange]:
    """Added, then changed, then removed records, each in file order."""
    if section.key is None:
        return _compare_rows(old, new)

    def name_of(record: Any) -> str | None:
        return getattr(record, section.name_field, None) if section.name_field else None

    before = {section.key(r): r for r in old}
    after = {section.key(r): r for r in new}
    added = [RecordChange(ADDED, k, name_of(r), _natural(r)) for k, r in after.items() if k not in before]
    changed = []
    for key, record in after.items():
        if key in before and _differ(before[key], record) and (fields := field_changes(before[key], record)):
            changed.append(RecordChange(CHANGED, key, name_of(record), _natural(before[key], record), fields))
    removed = [RecordChange(REMOVED, k, name_of(r), _natural(r)) for k, r in before.items() if k not in after]
    return added + changed + removed


def _compare_rows(old: list[Any], new: list[Any]) -> list[RecordChange]:
    """Keyless (append-only) datasets: whole rows compared as multisets."""
    old_rows, new_rows = [_freeze(r) for r in old], [_freeze(r) for r in new]
    extra, gone = Counter(new_rows) - Counter(old_rows), Counter(old_rows) - Counter(new_rows)
    changes = []
    for kind, rows, frozen_rows, pending in ((ADDED, new, new_rows, extra), (REMOVED, old, old_rows, gone)):
        for record, frozen in zip(rows, frozen_rows, strict=True):
            if pending[frozen] > 0:
                pending[frozen] -= 1
                changes.append(RecordChange(kind, _row_label(record)))
    return changes


def show(value: Any) -> str:
    if empty(value):
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, BaseModel):
        value = _values(value)
    if isinstance(value, dict):
        return "".join(show(v) for v in value.values() if not empty(v))
    if isinstance(value, list | tuple):
        return "；".join(show(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
