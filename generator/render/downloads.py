"""Open data: every dataset as CSV (UTF-8 with BOM, spreadsheet-safe), JSON, and a Frictionless datapackage.json."""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
import types
import typing
import unicodedata
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import Dataset, View
from .rows import cell, json_value

#: What makes Excel, WPS or LibreOffice read a cell as a formula (= + - @, a tab or line break first), and the
#: apostrophe that marks text: a value starting with one gets one more, so `restore` gives back exactly the value.
_FORMULA_START = frozenset("=+-@\t\r\n'")
#: Skipped before the first character that counts: spaces of any width and invisible characters (a spreadsheet
#: may trim them, an input method may turn a full-width ＝ into =; NFKC maps ＝＋－＠ and their small forms).
_LEADING = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
            "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take `text` for a formula (or it starts with the apostrophe that marks text)."""
    if not text:
        return False
    if text[0] in _FORMULA_START:
        return True
    if text[0].isalnum():
        return False  # the common case, decided without normalising
    head = unicodedata.normalize("NFKC", text[:16].lstrip(_LEADING)).lstrip(_LEADING)
    return head[:1] in _FORMULA_START


def neutralise(text: str) -> str:
    """A value as a spreadsheet cell that stays text: an apostrophe before anything formula_like (CSV and .xlsx)."""
    return "'" + text if formula_like(text) else text


def restore(text: str) -> str:
    """The value `neutralise` was given: a clerk's sheet holding '=x imports as =x, '' as ', anything else as is."""
    return text[1:] if text.startswith("'") and formula_like(text[1:]) else text


def columns(ds: Dataset, derived: dict[str, tuple[str, str]]) -> list[str]:
    return [*ds.model.columns(), *derived]


def write_dataset(ds: Dataset, derived: dict[str, tuple[str, str]], rows: Iterable[dict[str, Any]], today: date,
                  folder: Path) -> int:
    """`folder`/<name>.csv and .json of one dataset, written row by row as `rows` makes them (one row in memory at a
    time: the downloads are 100+ MB at a province's scale); how many rows. The JSON's head counts the rows, so its
    records wait in an unnamed file beside it until the count is known."""
    names = columns(ds, derived)
    count = 0
    with (open(folder / f"{ds.name}.csv", "w", encoding="utf-8", newline="") as sheet,
          tempfile.TemporaryFile(dir=folder) as records):
        sheet.write("\ufeff")  # the BOM: Excel reads the file as UTF-8
        writer = csv.writer(sheet, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([neutralise(cell(row.get(name))) for name in names])
            records.write(_json_record(names, row, count))
            count += 1
        head = {"dataset": ds.name, "title": ds.title, "as_of": today.isoformat(), "count": count}
        with open(folder / f"{ds.name}.json", "wb") as out:
            # One record a line: readable and diffable, and each written by the JSON module's fast encoder (an
            # indented document goes through its slow one: seconds at a province's scale).
            out.write((json.dumps(head, ensure_ascii=False)[:-1] + ', "records": [\n').encode("utf-8"))
            records.seek(0)
            shutil.copyfileobj(records, out)
            out.write(("\n" if count else "").encode("utf-8") + b"]}\n")
    return count


def _json_record(names: list[str], row: dict[str, Any], number: int) -> bytes:
    text = json.dumps({name: json_value(row.get(name)) for name in names}, ensure_ascii=False, separators=(",", ":"))
    return (",\n" + text if number else text).encode("utf-8")


def _frictionless_type(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    base = typing.get_origin(annotation)
    if base in (typing.Union, types.UnionType) and args:
        return _frictionless_type(args[0])
    if base is typing.Annotated:
        return _frictionless_type(args[0])
    if annotation is bool:
        return "boolean"
    if annotation is date:
        return "date"
    if annotation is Decimal:
        return "number"
    if annotation is int:
        return "integer"
    return "string"


def table_schema(ds: Dataset, derived: dict[str, tuple[str, str]]) -> dict[str, Any]:
    fields = []
    for name in ds.model.columns():
        info = ds.model.model_fields[name]
        kind = _frictionless_type(info.annotation)
        field: dict[str, Any] = {"name": name, "title": info.title or name, "type": kind,
                                 "description": info.description or ""}
        if kind == "boolean":
            field.update(trueValues=["是"], falseValues=["否"])
        if name == ds.key:
            field["constraints"] = {"required": True, "unique": True}
        fields.append(field)
    for name, (title, kind) in derived.items():
        fields.append({"name": name, "title": title, "type": kind, "description": f"{title}（由本站按数据推算）"})
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if ds.key:
        schema["primaryKey"] = [ds.key]
    return schema


def write_downloads(view: View, docs: Path) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """Files under data/ of the site, written into the site engine's docs folder `docs` as they are made; (their
    paths under `docs`, one summary row per dataset the bureau keeps, for the download page)."""
    folder = docs / "data"
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    summary = []
    resources = []
    registry = view.catalog.registry
    for ds in registry.datasets:
        if not view.catalog.kept(ds.name):
            continue  # an optional file the bureau does not have: no empty download that reads as "none"
        publication = registry.publication[ds.name]
        count = write_dataset(ds, publication.derived, publication.rows(view), view.today, folder)
        written += [f"data/{ds.name}.csv", f"data/{ds.name}.json"]
        summary.append({"name": ds.name, "title": ds.title, "count": count, "description": ds.description})
        resources.append({"name": ds.name.replace("_", "-"), "title": ds.title, "description": ds.description,
                          "path": f"{ds.name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                          "profile": "tabular-data-resource", "schema": table_schema(ds, publication.derived)})
    site = view.site
    package = {
        "profile": "tabular-data-package",
        "name": f"education-disclosures-{site.bureau.region_code}",  # type: ignore[union-attr]
        "title": f"{site.bureau.name}公开数据",  # type: ignore[union-attr]
        "homepage": site.site.base_url,  # type: ignore[union-attr]
        "version": view.today.isoformat(),
        "created": f"{view.today.isoformat()}T00:00:00+08:00",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }
    text = json.dumps(package, ensure_ascii=False, indent=1) + "\n"
    (folder / "datapackage.json").write_bytes(text.encode("utf-8"))
    return (*written, "data/datapackage.json"), summary
