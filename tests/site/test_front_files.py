"""Issue 9: the poster PDFs and the list of decision numbers no longer public, as built."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sitecheck import page

WHITE = "fc-0011"  # 汾川县彩虹艺术培训中心
BLACK = "fc-0043"


def _text(pdf: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    return re.sub(r"[\s\x00]+", "", reader.pages[0].extract_text())  # pypdf reads fpdf2's code 0 as NUL


def test_white_listed_poster_holds_name_code_licence_verdict_and_address(built_site: Path) -> None:
    text = _text(built_site / "institutions" / WHITE / "poster.pdf")
    for part in ("汾川县彩虹艺术培训中心", "91141099MA0N6751XQ", "教民141099070000111号", "白名单：经审核可以开展校外培训",
                 "名单状态截至2026-11-27", f"institutions/{WHITE}/", "0357-5213360"):
        assert part in text, part
    head = (built_site / "institutions" / WHITE / "poster.pdf").read_bytes()[:8]
    assert head.startswith(b"%PDF-")


def test_posters_only_for_the_white_list(built_site: Path) -> None:
    posters = sorted(p.parent.name for p in (built_site / "institutions").glob("*/poster.pdf"))
    assert WHITE in posters and BLACK not in posters
    for name in posters:
        assert "白名单" in page(built_site, f"institutions/{name}/").article_text().split("机构信息")[0]


def test_poster_dates_come_from_the_build_not_the_clock(built_site: Path) -> None:
    data = (built_site / "institutions" / WHITE / "poster.pdf").read_bytes()
    assert b"/CreationDate (D:20261127000000Z" in data


def test_gone_numbers_carry_no_party(built_site: Path) -> None:
    gone = {k: v for f in sorted((built_site / "search-index" / "gone").glob("*.json"))
            for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
    assert gone and all(len(v) == 2 and v[0].startswith(("penalties/", "licenses/")) for v in gone.values())
    assert all(re.fullmatch(r"[0-9a-z\u4e00-\u9fff]+", k) for k in gone)
    for key, (url, _) in gone.items():
        text = page(built_site, url).article_text()
        assert "当事人" not in text or "公示期" in text


def test_transformed_institution_poster_shows_its_current_category(built_site: Path) -> None:
    # fc-0009 was registered 学科类 and 转型 on 2021-12-10: a poster at the door must not say 学科类
    text = _text(built_site / "institutions" / "fc-0009" / "poster.pdf")
    assert "非学科类（2021-12-10由学科类转型）" in text


def test_posters_on_demand_for_the_white_list_only(tmp_path: Path) -> None:
    import subprocess
    import sys

    from sitecheck import ROOT

    def posters(*ids: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", "posters", "--out", str(tmp_path / "out"),
                               "--today", "2026-11-27", *ids], capture_output=True, text=True, cwd=ROOT)

    done = posters(WHITE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"{WHITE}.pdf"]
    assert "名单状态截至2026-11-27" in _text(tmp_path / "out" / f"{WHITE}.pdf")
    refused = posters(BLACK)
    assert refused.returncode == 2 and f"机构编号「{BLACK}」不是截至 2026-11-27 的白名单机构" in refused.stderr


def test_a_province_sized_white_list_builds_no_posters(tmp_path: Path, monkeypatch: object) -> None:
    """Above POSTER_LIMIT white-listed institutions the build makes none and the pages offer none."""
    from datetime import date

    from sitecheck import ROOT

    from generator.render import posters
    from generator.build import build

    monkeypatch.setattr(posters, "POSTER_LIMIT", 5)  # type: ignore[attr-defined]
    result = build(ROOT, tmp_path / "site", date(2026, 11, 27))
    assert result.ok, result.log
    assert not list((tmp_path / "site" / "institutions").glob("*/poster.pdf"))
    assert "poster.pdf" not in (tmp_path / "site" / "institutions" / WHITE / "index.html").read_text(encoding="utf-8")


def test_gone_numbers_are_filed_by_their_last_two_digits(built_site: Path) -> None:
    """A query fetches one of a hundred small files, not the whole list (hundreds of KB at a province's scale)."""
    files = sorted(p.name for p in (built_site / "search-index" / "gone").glob("*.json"))
    assert files == [f"{n:02d}.json" for n in range(100)]
    filed = 0
    for f in (built_site / "search-index" / "gone").glob("*.json"):
        for key in json.loads(f.read_text(encoding="utf-8")):
            assert "".join(c for c in key if c.isdigit())[-2:].rjust(2, "0") == f.stem, key
            filed += 1
    assert filed >= 5
