"""The record index on the sample county: what a query finds, what it never finds, what it costs."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sitecheck import record_index_text

from generator.render import recordindex
from generator.render.recordindex import Entry, RecordIndex


@given(st.lists(st.integers(min_value=0, max_value=10**6), max_size=500))
def test_lists_round_trip(values: list[int]) -> None:
    values = sorted(set(values))
    assert recordindex.decode(recordindex.encode(values)) == values


def test_runs_are_written_once() -> None:
    assert recordindex.encode([0, 1, 2, 3, 4, 10, 12, 14]) == "1*5,6,2*2"
    assert recordindex.encode(list(range(0, 20000, 2))) == "1,2*7pr"  # 10,000 values in 7 characters


def test_fragments_of_names_codes_and_numbers_find_their_record(built_site: Path) -> None:
    search = recordindex.search
    assert search(built_site, "启明")[0] == "institutions/fc-0001/"
    assert search(built_site, "乐动街舞") == ["institutions/fc-0030/", "penalties/2026-011/", "inspections/2025-1-04/"]
    assert search(built_site, "91141099ma0mr71q2n")[0] == "institutions/fc-0030/"  # lower case, as phones type
    assert search(built_site, "９１１４１０９９ＭＡ０ＭＲ７１Ｑ２Ｎ")[0] == "institutions/fc-0030/"  # full-width
    assert search(built_site, "2024〕第6号") == ["penalties/2024-006/"]
    assert search(built_site, "汾教科罚决字2024第6号") == ["penalties/2024-006/"]  # brackets left out
    assert search(built_site, "街舞", section="penalties") == ["penalties/2026-011/"]
    assert search(built_site, "启") == [], "one character is not a query"


def test_what_left_the_site_is_not_in_the_index(built_site: Path) -> None:
    text = record_index_text(built_site)
    assert "汾教科罚决字〔2022〕第6号" not in text, "withdrawn: its page is a notice, not a search result"
    assert "汾教科罚决字〔2021〕第2号" not in text, "publicity period over"
    assert recordindex.search(built_site, "汾教科罚决字〔2022〕第6号") == []


def test_natural_persons_are_masked_in_the_index_too(built_site: Path) -> None:
    masked = [row for row in json.loads("[" + record_index_text(built_site).replace("]\n[", "],[") + "]")
              for row in row]
    people = [d for d in masked if d[0].startswith("penalties/") and "*" in d[3]]
    assert people, "the sample has penalties on natural persons, shown masked"
    source = (Path(__file__).resolve().parents[2] / "data" / "penalties.csv").read_text(encoding="utf-8")
    for line in source.splitlines():
        cells = line.split(",")
        if len(cells) > 2 and cells[2] == "自然人":
            assert cells[1] not in record_index_text(built_site)
            assert recordindex.search(built_site, cells[1]) == []


def test_a_hostile_title_is_data_not_markup(tmp_path: Path) -> None:
    index = RecordIndex()
    index.add("institutions", "institutions/x/", Entry("<script>alert(1)</script>培训", "白名单", "a\tb\nc"))
    summary = index.write(tmp_path)
    assert summary.records == 1
    assert recordindex.search(tmp_path, "script培训") == ["institutions/x/"]
    docs = json.loads(next(tmp_path.glob("search-index/*/d/0.json")).read_text(encoding="utf-8"))
    assert docs == [["institutions/x/", "<script>alert(1)</script>培训", "白名单", "a\tb\nc"]]  # JSON, shown as text


def test_shards_stay_small_and_common_terms_get_their_own_files(tmp_path: Path) -> None:
    index = RecordIndex()
    for n in range(3000):
        sunny = "阳光" if (n * 2654435761) % 97 < 40 else "明月"  # in about 40 % of the records, scattered
        index.add("institutions", f"institutions/i-{n}/", Entry(f"汾川县第{n}{sunny}培训学校", "白名单", ""))
    summary = index.write(tmp_path)
    folder = next(p for p in (tmp_path / "search-index").iterdir() if p.is_dir())
    assert summary.shards > 1 and summary.big_terms > 0
    assert max(p.stat().st_size for p in folder.glob("s/*.txt")) < 4 * recordindex.SHARD_BYTES
    manifest = json.loads((tmp_path / "search-index" / "index.json").read_text(encoding="utf-8"))
    assert "阳光" in manifest["big"] and manifest["records"] == 3000
    assert "培训" not in manifest["big"], "a term in every record is one run: a few bytes"
    found = recordindex.search(tmp_path, "第2999")
    assert found[0] == "institutions/i-2999/" and "institutions/i-299/" in found, "pairs, then the title as typed"
    assert len(recordindex.search(tmp_path, "阳光")) == sum((n * 2654435761) % 97 < 40 for n in range(3000))
