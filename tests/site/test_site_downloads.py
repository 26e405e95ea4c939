"""Open data downloads and the feed: files that parse in the tools citizens and journalists use."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
from frictionless import validate

from generator.datasets import DATASETS


def test_every_dataset_downloads_as_excel_friendly_csv_and_json(built_site: Path) -> None:
    for ds in DATASETS:
        raw = (built_site / "data" / f"{ds.name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), ds.name  # BOM: Excel and WPS open it as UTF-8
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        document = json.loads((built_site / "data" / f"{ds.name}.json").read_text(encoding="utf-8"))
        assert document["count"] == len(rows) == len(document["records"]), ds.name
        assert list(rows[0]) == list(document["records"][0]), ds.name


def test_downloads_hold_only_public_records(built_site: Path) -> None:
    penalties = list(csv.DictReader(io.StringIO((built_site / "data/penalties.csv").read_text(encoding="utf-8-sig"))))
    assert len(penalties) == 10
    assert all(p["status"] == "有效" and not p["repaired_on"] for p in penalties)
    assert {p["party_name"] for p in penalties if p["party_category"] == "自然人"} == {"高**", "白**", "孙**", "任**"}


def test_frictionless_accepts_the_data_package(built_site: Path) -> None:
    report = validate(str(built_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((built_site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [f"{ds.name}.csv" for ds in DATASETS]


def test_feed_parses_with_new_disclosures_and_withdrawals(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert titles[0] == "行政处罚：汾教科罚决字〔2026〕第11号（汾川县乐动街舞培训中心）"
    assert "行政处罚决定已撤销：汾教科罚决字〔2022〕第6号" in titles
    assert not any("〔2021〕第2号" in t for t in titles)
    assert all(e.link.startswith("https://jkj.fenchuan.gov.cn/") for e in feed.entries)
