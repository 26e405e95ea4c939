"""Rules over one record at a time (conditional fields, references, date order, timeliness), yielding problems."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from ..memo import memo
from ..model import CatalogLike, RecordCheck
from ..problems import Code, Problem, problem
from .workdays import workdays_after

Found = Iterator[Problem]


def field_label(record: Any, field: str) -> str:
    return type(record).label_of(field)


def required(record: Any, field: str, why: str) -> Problem:
    return problem("conditional-field", record.where(field), field, f"「{field_label(record, field)}」必须填写：{why}")


def forbidden(record: Any, field: str, why: str) -> Problem:
    return problem("conditional-field", record.where(field), field, f"「{field_label(record, field)}」应当为空：{why}")


def date_order(record: Any, later: str, earlier: str) -> Found:
    after, before = getattr(record, later), getattr(record, earlier)
    if after is not None and before is not None and after < before:
        yield problem("date-order", record.where(later), later,
                      f"「{field_label(record, later)}」{after} "
                      f"早于「{field_label(record, earlier)}」{before}：请核对日期")


def references(refs: dict[str, str | tuple[str, str]]) -> RecordCheck:
    """The check a dataset's foreign keys (Dataset.refs) make: each value names a record of its target dataset."""
    wanted = [(name, *(target if isinstance(target, tuple) else (target, ""))) for name, target in refs.items()]

    def check(record: Any, catalog: CatalogLike) -> Found:
        for name, target, hint in wanted:
            value = getattr(record, name)
            listed = isinstance(value, list)
            for i, one in enumerate(value if listed else (value,)):
                if one is None or one == "" or catalog.known(target, one):
                    continue
                ds = catalog.registry.by_name[target]
                label = field_label(record, name)
                # a YAML list's item has its own position; a CSV cell's parts share the cell's
                yield problem("unknown-reference", record.where(f"{name}[{i}]" if listed else name), name, (
                    f"{label}「{one}」在 {ds.path.rsplit('/', 1)[-1]} 中不存在：请先在{ds.title}（{ds.path}）中录入它，"
                    f"或核对{label}" + (f"；{hint}" if hint else "")))
    return check


def repeats(records: Iterable[Any], key: Callable[[Any], Hashable]) -> Iterator[tuple[Any, Any]]:
    """(record, the first record with the same key) for each record whose key an earlier one already had."""
    first: dict[Hashable, Any] = {}
    for record in records:
        earlier = first.setdefault(key(record), record)
        if earlier is not record:
            yield record, earlier


def unique_url(dataset: str, key: str, slug: Callable[[str], str], section: str) -> Callable[[Any, Any], Found]:
    """A rule: no two records of `dataset` get the same page address /<section><slug of key>/ (same year and
    serial written two ways); the second one is reported, naming the first one's line."""
    def first_by_slug(catalog: CatalogLike) -> dict[str, Any]:
        first: dict[str, Any] = {}
        for r in catalog.records(dataset):
            first.setdefault(slug(getattr(r, key)), r)
        return first

    def check(record: Any, catalog: CatalogLike) -> Found:
        number = getattr(record, key)
        first = memo(catalog, f"first-by-slug:{dataset}", lambda: first_by_slug(catalog)).get(slug(number))
        if first is not None and first is not record:
            yield problem("duplicate-id", record.where(key), key, (
                f"{field_label(record, key)}「{number}」与第 {first.where().line} 行的「{getattr(first, key)}」"
                f"年份和序号相同，网址会重复（/{section}{slug(number)}/）：请核对{field_label(record, key)}"))
    return check


def published_late(record: Any, start: str, limit: int, code: str | Code, what: str) -> Found:
    """published_on more than `limit` working days after the date in field `start` (holiday calendar); a year the
    calendar does not know is counted Monday to Friday and said so (calendar-unknown)."""
    since = getattr(record, start)
    days, unknown = workdays_after(since, record.published_on)
    if unknown:
        yield problem("calendar-unknown", record.where("published_on"), "published_on",
                      f"{_year_runs(sorted(unknown))} 年的节假日安排尚未收录，暂按周一至周五计算工作日"
                      "（升级 chinesecalendar 后会自动更正）")
    if days > limit:
        yield problem(code, record.where("published_on"), "published_on", (
            f"{field_label(record, 'published_on')} {record.published_on} 距{field_label(record, start)} {since} 已有 "
            f"{days} 个工作日，超过{what} {limit} 个工作日的时限"))


def _year_runs(years: list[int]) -> str:
    """2027、2028、2029 -> 2027—2029: a mistyped year must not produce a message thousands of years long."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return "、".join(str(a) if a == b else f"{a}—{b}" for a, b in runs)
