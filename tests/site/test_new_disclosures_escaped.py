"""Hostile text in the four new disclosures (双随机, 年度检查, 普法责任, 规范性文件) shows as text everywhere.

One build with markup, a spreadsheet formula and a table separator typed into a text field of every new data
file: the pages show the characters, no page carries the markup, and downloads neutralise the formula.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sitecheck import html_files, page, run_build
from validator.helpers import replace_text, set_cells
from validator.test_fuzz import active_content

HOSTILE = '=cmd()|<script>alert("x")</script>&amp;'
IMG = "<img src=x onerror=alert(1)>"


def test_hostile_text_in_every_new_disclosure_is_shown_as_text(project: Path) -> None:
    set_cells(project, "inspections", "汾教双随机〔2025〕1号-02", findings=HOSTILE, follow_up=IMG)
    set_cells(project, "annual_reviews", {"school_uscc": "52141099MJ1177685L", "year": "2025"}, remarks=HOSTILE)
    set_cells(project, "policies", "汾教科发〔2024〕5号", title=HOSTILE, summary=IMG)
    replace_text(project, "data/inspection_items.yaml", "name: 校外培训机构办学资质检查",
                 "name: '" + HOSTILE.replace("'", "''") + "'")
    replace_text(project, "data/law_education.yaml", "      - 民办学校举办者\n", f"      - '{IMG}'\n")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr

    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        assert active_content(text) == [], path
        assert '<script>alert("x")' not in text and "<img src=x" not in text, path
    assert HOSTILE in page(site, "inspections/2025-1-02/").article_text()
    assert IMG in page(site, "inspections/2025-1-02/").article_text()
    assert HOSTILE in page(site, "inspections/").article_text()  # the item's name
    assert HOSTILE in page(site, "reviews/52141099mj1177685l/").article_text()
    assert page(site, "policies/2024-005/").article_text().startswith(HOSTILE)
    assert IMG in page(site, "responsibilities/").article_text()

    rows = list(csv.DictReader(io.StringIO((site / "data/policies.csv").read_text(encoding="utf-8-sig"))))
    assert [r["title"] for r in rows if r["doc_no"] == "汾教科发〔2024〕5号"] == ["'" + HOSTILE]
    rows = list(csv.DictReader(io.StringIO((site / "data/inspections.csv").read_text(encoding="utf-8-sig"))))
    assert [r["findings"] for r in rows if r["task_no"] == "汾教双随机〔2025〕1号-02"] == ["'" + HOSTILE]
