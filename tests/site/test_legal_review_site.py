"""The 重大执法决定法制审核 on the built site: the catalogue's page with the reviews per year, the mark on each
penalty page, downloads, the guide, search, the home card and the 2021 report's figure; and what a bureau without
a catalogue, or a decision made before it took effect, is told."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from sitecheck import TODAY, copy_project, page, search_corpus

from generator.datasets import PUBLICATIONS
from generator.datasets.views import PublicView
from generator.validate import validate

REVIEWED = "penalties/2026-009/"  # 责令关闭, a natural person's fine of 19,600 元: ZD-02, ZD-03; reviewed 2026-10-16
OUTSIDE = "penalties/2026-011/"  # 警告 only
PERSON_FINE = "汾教科罚决字〔2024〕第11号"  # 自然人, 罚款 20,000 元: ZD-03 only; reviewed 2024-12-13
#: The 2021 report's sentence stating the figure of reviews (left out where the catalogue is).
SENTENCE = ("目录清单施行后作出的责令关闭、没收较大数额违法所得等决定均在作出前经法制审核，"
            "全年经法制审核的重大执法决定{{全年经法制审核的行政处罚决定}}件。")


def test_the_list_page_lists_every_entry_with_its_conditions_basis_and_date(built_site: Path) -> None:
    p = page(built_site, "legal-review/")
    text = p.article_text()
    assert text.startswith("重大执法决定法制审核目录清单 依照《中华人民共和国行政处罚法》第五十八条，"
                           "汾川县教育科技局作出下列情形的行政处罚决定之前，由负责法制审核的机构进行法制审核")
    assert "本目录清单共 7 项，2021-09-01 起施行" in text
    for code in ("zd-01", "zd-02", "zd-03", "zd-04", "zd-05", "zd-06", "zd-07"):
        assert p.find("section", id=f"entry-{code}"), code
        assert p.find("a", href=f"#entry-{code}"), code
    assert ("ZD-03 较大数额罚款（自然人） 适用情形 当事人为自然人，罚款金额达到 10,000.00 元 "
            "依据 《中华人民共和国行政处罚法》第六十三条第一款第（一）项") in text
    assert "适用情形 由承办股室逐案判断，属于本项情形的送法制审核" in text  # ZD-07, judged case by case
    assert text.index("ZD-06 直接关系") < text.index("ZD-07 涉及重大公共利益")


def test_the_list_page_counts_reviewed_decisions_per_year(built_site: Path) -> None:
    p = page(built_site, "legal-review/")
    text = p.article_text()
    table = text[text.index("各年度经法制审核的行政处罚决定（件）"):]
    # 2021: 7 decisions, of which 第2、6、8号 caught and reviewed (第1号, 2021-08-26, precedes the catalogue)
    assert "年份 作出的行政处罚决定 属于清单情形 经法制审核 2026 5 1 1 2025 4 1 1 2024 5 2 2 2023 4 2 2 " \
           "2022 4 2 2 2021 7 3 3" in table
    assert '<th scope="col">经法制审核</th>' in p.html


def test_a_reviewed_penalty_says_so_with_date_office_and_its_entries(built_site: Path) -> None:
    p = page(built_site, REVIEWED)
    text = p.article_text()
    assert "重大执法决定法制审核 经法制审核（审核日期：2026-10-16，审核机构：汾川县教育科技局法制股）" in text
    assert "ZD-02 责令停产停业、责令关闭、限制从业（含责令停止招生） 、 ZD-03 较大数额罚款（自然人）" in text
    assert p.find("a", href="../../legal-review/#entry-zd-02") and p.find("a", href="../../legal-review/#entry-zd-03")


def test_a_penalty_outside_the_catalogue_says_so_and_a_licence_says_nothing(built_site: Path) -> None:
    assert "重大执法决定法制审核 不属于重大执法决定法制审核目录清单所列情形" in page(built_site, OUTSIDE).article_text()
    shown = [text for folder in sorted((built_site / "licenses").iterdir()) if (folder / "index.html").is_file()
             and "决定机关" in (text := page(built_site, f"licenses/{folder.name}/").article_text())]
    assert shown and not any("法制审核" in text for text in shown)


def test_downloads_carry_the_review_columns_and_the_catalogue(built_site: Path) -> None:
    data = built_site / "data"
    rows = list(csv.DictReader(io.StringIO((data / "penalties.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["decision_no"] == "汾教科罚决字〔2024〕第6号")
    assert (row["hearing_held"], row["legal_review_date"], row["legal_review_office"]) == \
           ("是", "2024-07-05", "汾川县教育科技局法制股")
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    assert fields["penalties"]["legal_review_date"]["type"] == "date"
    assert fields["penalties"]["hearing_held"]["type"] == "boolean"
    assert fields["penalties"]["legal_review_office"]["title"] == "法制审核机构"
    catalogue = json.loads((data / "legal_review_catalogue.json").read_text(encoding="utf-8"))
    assert catalogue["count"] == 7 and catalogue["records"][0]["code"] == "ZD-01"


def test_the_guide_explains_the_catalogue_the_columns_the_codes_and_the_figure(built_site: Path) -> None:
    guide = page(built_site, "guide/")
    assert guide.find("h2", id="legal-review-catalogue") or 'id="legal-review-catalogue"' in guide.html
    text = guide.article_text()
    for said in ("data/legal_review_catalogue.yaml", "罚款金额达到（元）", "法制审核机构", "不写审核人员的姓名",
                 "legal-review-missing", "legal-review-late", "全年经法制审核的行政处罚决定"):
        assert said in text, said


def test_search_home_and_report(built_site: Path) -> None:
    corpus = search_corpus(built_site)
    assert "重大执法决定法制审核目录清单" in corpus and "较大数额罚款（自然人）" in corpus
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="legal-review/"' in home and "重大执法决定法制审核" in home
    report = page(built_site, "reports/2021/").article_text()
    assert "全年经法制审核的重大执法决定3件" in report
    assert "全年经法制审核的行政处罚决定 3 件" in report  # the report's table (its value checked in validator tests)


def _statement(root: Path, number: str) -> str | None:
    """The 法制审核 row of a penalty's page, rendered from a validated copy of the sample (no engine run)."""
    outcome = validate(root, date.fromisoformat(TODAY))
    assert [p for p in outcome.problems if p.severity == "error"] == []
    view = PublicView(outcome.catalog, date.fromisoformat(TODAY))
    pages = [p for p in PUBLICATIONS["penalties"].record_pages(view) if p.title == number]
    body = pages[0].body
    start = body.find("重大执法决定法制审核</th>")
    return None if start == -1 else body[start:body.index("</tr>", start)]


def test_a_decision_made_before_its_entry_took_effect_says_so(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    path = root / "data" / "legal_review_catalogue.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  - code: ZD-03"))
    done = next(i for i in range(at, len(lines)) if lines[i].startswith("    effective_from:"))
    lines[done] = "    effective_from: 2025-01-01\n"
    path.write_text("".join(lines), encoding="utf-8")
    rows = (root / "data" / "penalties.csv").read_text(encoding="utf-8")
    (root / "data" / "penalties.csv").write_text(
        rows.replace("2024-12-13,汾川县教育科技局法制股", ","), encoding="utf-8")
    said = _statement(root, PERSON_FINE)
    assert said is not None
    assert ("本决定作出时（2024-12-17），重大执法决定法制审核目录清单的相应情形尚未施行（2025-01-01 起施行），"
            "不要求法制审核") in said
    assert 'href="../../legal-review/#entry-zd-03"' in said


def test_without_a_catalogue_a_page_says_nothing_unless_a_review_is_recorded(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (root / "data" / "legal_review_catalogue.yaml").unlink()
    report = root / "content" / "reports" / "2021.md"
    text = report.read_text(encoding="utf-8").replace("  legal_reviews: 3\n", "")
    report.write_text(text.replace(SENTENCE, ""), encoding="utf-8")
    assert _statement(root, "汾教科罚决字〔2026〕第11号") is None  # nothing either way: no catalogue declared
    said = _statement(root, PERSON_FINE)
    assert said is not None and "经法制审核（审核日期：2024-12-13，审核机构：汾川县教育科技局法制股）" in said
    assert "目录清单" not in said
    assert "legal_review_catalogue" not in {p.dataset for p in
                                            PUBLICATIONS.values() if validate(root).catalog.kept(p.dataset)}
