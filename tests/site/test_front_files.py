"""Issue 9: the poster PDFs and the list of decision numbers no longer public, as built."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
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
    for part in ("汾川县彩虹艺术培训中心", "91141099MA0N6751XQ", "教民141099070000111号",
                 "白名单：经审核可以开展校外培训", "名单状态截至2026-11-27", f"institutions/{WHITE}/", "0357-5213360"):
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
    for _key, (url, _) in gone.items():
        text = page(built_site, url).article_text()
        assert "当事人" not in text or "公示期" in text


def test_transformed_institution_poster_shows_its_current_category(built_site: Path) -> None:
    # fc-0009 was registered 学科类 and 转型 on 2021-12-10: a poster at the door must not say 学科类
    text = _text(built_site / "institutions" / "fc-0009" / "poster.pdf")
    assert "非学科类（2021-12-10由学科类转型）" in text


def test_every_poster_names_the_penalties_its_page_shows(built_site: Path) -> None:
    # a poster at the door must not look cleaner than the page its code opens: each decision number the page's
    # notice of penalties under publicity lists is on the poster, with the notice's heading and count
    warned = 0
    for pdf in sorted((built_site / "institutions").glob("*/poster.pdf")):
        html = page(built_site, f"institutions/{pdf.parent.name}/").html
        start = html.find('class="tp-notice tp-penalty-notice"')
        notice = html[start:html.find("</div>", start)] if start >= 0 else ""
        numbers = re.findall(r"<a [^>]*>([^<]+)</a>", notice)
        text = _text(pdf)
        if numbers:
            warned += 1
            assert f"注意：该机构有{len(numbers)}件行政处罚正在公示" in text, pdf
            assert all(n in text for n in numbers), pdf
        else:
            assert "行政处罚" not in text, pdf
    assert warned >= 2  # the sample has white-listed institutions with penalties under publicity (fc-0019, fc-0028)


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

    from generator.build import build
    from generator.datasets.institutions import posters

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


def _poster_of(name: str, address: str, penalties: int) -> bytes:
    """A poster of a made-up white-listed institution with `penalties` penalties under publicity."""
    from datetime import date
    from types import SimpleNamespace as NS

    from generator.datasets.institutions import posters

    record = NS(id="fc-9999", name=name, uscc="91141099MA0N6751XQ", school_license_no="教民141099070000111号",
                address=address)
    decisions = [NS(record=NS(decision_no=f"汾教科罚决字〔2026〕第{i + 1}号", decision_date=date(2026, 9, 1),
                              penalty_types=["警告", "罚款", "没收违法所得"])) for i in range(penalties)]
    inst = NS(record=record, url="institutions/fc-9999/", category="非学科类（2021-12-10 由学科类转型）",
              state=NS(listed_since=date(2021, 10, 20)), penalties=decisions)
    site = NS(site=NS(base_url="https://jkj.fenchuan.gov.cn/", title="汾川县教育科技局信息公开"),
              bureau=NS(name="汾川县教育科技局", phone="0357-5213360"))
    texts = [posters._PAGE_TEXT, name, address, site.bureau.name, site.site.base_url, site.site.title,
             "公示另有件扫码查看作出", *(v for _, v in posters._poster_lines(inst, date(2026, 12, 4))),
             *posters._penalty_lines(inst), _EVERY_PENALTY_CHARACTER]
    characters = frozenset("".join(texts))
    if characters not in _FONTS:  # as a build does: one font cut for every poster, holding all their characters
        _FONTS[characters] = posters._font_bytes(texts)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        font = Path(folder) / "f.ttf"
        font.write_bytes(_FONTS[characters])
        return posters.poster_pdf(inst, site, date(2026, 12, 4), font)


#: What any number of penalties adds to a poster: with it, every example's font holds the same characters and is cut
#: once (half a second each), as a build cuts one font for all its posters.
_EVERY_PENALTY_CHARACTER = "汾教科罚决字〔〕第号（）：、，警告罚款没收违法所得另有件扫码查看作出0123456789"
_FONTS: dict[frozenset[str], bytes] = {}


@settings(max_examples=12, deadline=None)
@given(name_len=st.integers(4, 40), address_len=st.integers(0, 70), penalties=st.integers(0, 9))
@example(name_len=40, address_len=70, penalties=9).via("the longest of everything")
@example(name_len=33, address_len=70, penalties=3).via("three penalties, no 另有 line")
def test_a_poster_keeps_its_code_and_footer_on_the_page_however_long_its_notice(
        name_len: int, address_len: int, penalties: int) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    data = _poster_of("汾川县" + "彩" * name_len, "山西省" + "路" * address_len, penalties)
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 1
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    rects = [tuple(map(float, m.groups())) for m in re.finditer(r"([\d.]+) ([\d.-]+) ([\d.]+) ([\d.-]+) re", content)]
    # PDF units from the bottom left: every rectangle (the QR code's modules, the frames) is on the page and the
    # code's lowest module stays above the two lines under it and the footer (272 mm from the top)
    assert rects and all(x >= 0 and x + w <= 595.3 and min(y, y + h) >= 0 and max(y, y + h) <= 841.9
                         for x, y, w, h in rects)
    modules = [r for r in rects if abs(r[3]) < 30]  # QR modules are 1-3 mm high; frames are 20 mm or taller
    assert min(min(y, y + h) for _, y, _, h in modules) > (297 - 256) * 72 / 25.4
    # and no line above the code runs into it: every text line but the three under it is higher than its top
    lines: list[tuple[float, str]] = []
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, *_: lines.append((tm[5] * cm[3] + cm[5], t))
                                 if t.strip() else None)
    above = [y for y, t in lines if not any(w in t for w in ("扫码查看", "本页网址", "监督举报"))]
    assert min(above) > max(max(y, y + h) for _, y, _, h in modules)
    text = re.sub(r"[\s\x00]+", "", reader.pages[0].extract_text())
    if penalties:
        assert f"注意：该机构有{penalties}件行政处罚正在公示" in text
        assert ("另有" in text) == (penalties > 3)
