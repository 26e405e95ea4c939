"""The largest files of a build are written as they are made (issue 23: memory at a province's scale), with the bytes
the whole text written at once would give."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.datasets import REGISTRY
from generator.publish.shells import _write_both
from generator.render.downloads import columns, neutralise, write_dataset
from generator.render.rows import cell, json_value


def test_the_sitemap_and_its_gzip_are_those_of_the_whole_text(tmp_path: Path) -> None:
    rng = random.Random(23)
    for batch in (1, 100, 5000, 1 << 20):
        parts = ["".join(rng.choice("ab<>/\n 汉字0123") for _ in range(rng.randint(0, 3000)))
                 for _ in range(rng.randint(0, 300))]
        _write_both(tmp_path / "sitemap.xml", parts, batch)
        text = "".join(parts).encode("utf-8")
        assert (tmp_path / "sitemap.xml").read_bytes() == text
        assert (tmp_path / "sitemap.xml.gz").read_bytes() == gzip.compress(text, mtime=0)


def _whole(names: list[str], rows: list[dict[str, Any]], head: dict[str, Any]) -> tuple[bytes, bytes]:
    """The downloads as the whole text would be written (the former way): CSV, JSON."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([neutralise(cell(row.get(name))) for name in names])
    records = ",\n".join(json.dumps({name: json_value(row.get(name)) for name in names}, ensure_ascii=False,
                                    separators=(",", ":")) for row in rows)
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "records": [\n' + records + ("\n" if rows else "") + "]}\n"
    return ("\ufeff" + out.getvalue()).encode("utf-8"), text.encode("utf-8")


@pytest.mark.parametrize("count", [0, 1, 3])
def test_a_download_written_row_by_row_is_the_whole_text(tmp_path: Path, count: int) -> None:
    ds = REGISTRY.by_name["penalties"]
    names = columns(ds, {"ends_on": ("止", "date")})
    values = ["=1+1", "甲,乙", '引"号', "换\n行", "", None, date(2026, 1, 2), ["a", "b"], True]
    rows = [{name: values[(n + k) % len(values)] for k, name in enumerate(names)} for n in range(count)]
    assert write_dataset(ds, {"ends_on": ("止", "date")}, iter(rows), date(2026, 11, 27), tmp_path) == count
    head = {"dataset": ds.name, "title": ds.title, "as_of": "2026-11-27", "count": count}
    sheet, data = _whole(names, rows, head)
    assert (tmp_path / "penalties.csv").read_bytes() == sheet
    assert (tmp_path / "penalties.json").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["penalties.csv", "penalties.json"]  # no spool left
