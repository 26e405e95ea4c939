"""Rules of data/policies.csv (规范性文件和政策文件), each located at the offending cell: (line, column, code).

The sample's rows (line: document): 2 〔2021〕5号, 3 〔2021〕9号, 4 〔2021〕12号 (已修订 by line 12), 5 〔2021〕16号,
6 〔2021〕19号 (失效), 7 〔2021〕23号, 8 〔2021〕27号 (失效), 9 〔2021〕31号 (PDF), 10 〔2021〕35号, 11 〔2021〕38号,
12 〔2024〕5号. Columns: doc_no 1, title 2, kind 3, issuer 4, issued_on 5, effective_on 6, expires_on 7, status 8,
status_date 9, replaced_by 10, text 11, summary 12, published_on 13.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from validator.helpers import append_rows, copy_row, found, set_cells

from generator.datasets import REGISTRY
from generator.datasets.policies.codes import CODES as POLICY_CODES
from generator.validate import validate

CSV = "data/policies.csv"
OLD = "汾教科发〔2021〕12号"  # 督学办法 2021, 已修订 (line 4)
NEW = "汾教科发〔2024〕5号"  # 督学办法 2024, 有效 (line 12)
EXPIRED = "汾教科发〔2021〕19号"  # 助学贷款方案, 失效 (line 6)
PLAN = "汾教科发〔2021〕5号"  # 三重一大, 其他政策文件, 有效 (line 2)
RULES = "汾教科发〔2021〕35号"  # 行政执法工作规程, 规范性文件, 有效 until 2026-12-31 (line 10)


def _policies(root: Path, today: date | None = None) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.code) for p in validate(root, today).problems if p.path == CSV]


def _message(root: Path, code: str, today: date | None = None) -> str:
    return next(p.message for p in validate(root, today).problems if p.code == code)


def test_sample_is_clean_today_and_at_the_site_builds_day(root: Path) -> None:
    assert found(root) == []
    assert [p for p in validate(root, date(2026, 11, 30)).problems
            if p.path.startswith(("data/policies", "content/policies"))] == []


def test_a_missing_policies_file_means_no_documents(root: Path) -> None:
    (root / CSV).unlink()
    assert found(root) == []


def test_missing_text_file_is_located_and_named(root: Path) -> None:
    set_cells(root, "policies", PLAN, text="content/policies/三重一大.md")
    # the text the row named before is now nobody's: a warning says it will not be published
    assert found(root) == [("content/policies/2021-005.md", 1, 1, "unused-policy-file"), (CSV, 2, 11, "policy-text")]
    assert "content/policies/三重一大.md 不存在" in _message(root, "policy-text")


def test_deleted_pdf_attachment_is_missing(root: Path) -> None:
    (root / "content/policies/2021-031.pdf").unlink()
    assert found(root) == [(CSV, 9, 11, "policy-text")]


@pytest.mark.parametrize("text", ["content/about.md", "content/policies/../about.md", "content/policies/x.txt",
                                  "content\\policies\\2021-005.md", "/etc/passwd"])
def test_text_must_be_a_markdown_pdf_or_docx_in_content_policies(root: Path, text: str) -> None:
    set_cells(root, "policies", PLAN, text=text)
    assert found(root) == [("content/policies/2021-005.md", 1, 1, "unused-policy-file"), (CSV, 2, 11, "policy-text")]


def test_replaced_by_unknown_document(root: Path) -> None:
    set_cells(root, "policies", OLD, replaced_by="汾教科发〔2024〕50号")
    assert found(root) == [(CSV, 4, 10, "unknown-reference")]


def test_revised_document_must_name_its_successor(root: Path) -> None:
    set_cells(root, "policies", OLD, replaced_by="")
    assert found(root) == [(CSV, 4, 10, "conditional-field")]


def test_replaced_document_still_in_force_is_an_error(root: Path) -> None:
    set_cells(root, "policies", OLD, status="有效", status_date="")
    assert found(root) == [(CSV, 4, 8, "policy-status")]
    assert "状态改为「已修订」" in _message(root, "policy-status")


def test_successor_older_than_the_revised_document(root: Path) -> None:
    set_cells(root, "policies", NEW, issued_on="2021-05-19", effective_on="", published_on="2021-05-20",
              expires_on="2026-05-18")
    assert found(root) == [(CSV, 4, 10, "date-order")]


def test_revision_cycle_is_reported_once_at_its_first_row(root: Path) -> None:
    # the 2024 办法 claims to be revised by the 2021 one, which it revised: a circle (and back in time)
    set_cells(root, "policies", NEW, status="已修订", status_date="2024-03-08", replaced_by=OLD)
    assert found(root) == [(CSV, 4, 10, "policy-status"), (CSV, 12, 10, "date-order")]
    assert ("循环（汾教科发〔2021〕12号 → 汾教科发〔2024〕5号 → 汾教科发〔2021〕12号）"
            in _message(root, "policy-status"))


def test_revision_cycle_on_one_day(root: Path) -> None:
    row = {"title": "甲", "kind": "其他政策文件", "issued_on": "2022-01-05", "status": "已修订",
           "status_date": "2022-01-05", "text": "content/policies/2021-005.md", "published_on": "2022-01-06"}
    append_rows(root, "policies", {**row, "doc_no": "汾教科发〔2022〕1号", "replaced_by": "汾教科发〔2022〕2号"},
                {**row, "doc_no": "汾教科发〔2022〕2号", "replaced_by": "汾教科发〔2022〕1号"})
    assert found(root) == [(CSV, 13, 10, "policy-status")]


def test_a_document_cannot_revise_itself(root: Path) -> None:
    set_cells(root, "policies", OLD, replaced_by=OLD)
    assert found(root) == [(CSV, 4, 10, "policy-status")]


def test_expired_document_naming_a_successor_should_say_revised(root: Path) -> None:
    set_cells(root, "policies", EXPIRED, replaced_by=NEW)
    assert found(root) == [(CSV, 6, 10, "conditional-field")]


@pytest.mark.parametrize(("key", "status_date", "line"), [(EXPIRED, "", 6), (OLD, "", 4), (PLAN, "2022-01-01", 2)])
def test_status_date_required_iff_not_in_force(root: Path, key: str, status_date: str, line: int) -> None:
    set_cells(root, "policies", key, status_date=status_date)
    assert found(root) == [(CSV, line, 9, "conditional-field")]


def test_expired_but_in_force_is_an_error_relative_to_today(root: Path) -> None:
    assert _policies(root, date(2026, 12, 31)) == []
    assert _policies(root, date(2027, 1, 1)) == [(10, 8, "policy-status")]
    assert "改为「失效」" in _message(root, "policy-status", date(2027, 1, 1))
    assert found(root) == []  # no day given: no deadline checks


def test_effective_before_issued_is_a_date_order_error(root: Path) -> None:
    set_cells(root, "policies", PLAN, effective_on="2021-03-11")
    assert found(root) == [(CSV, 2, 6, "date-order")]


def test_late_normative_document_is_a_warning_by_working_days(root: Path) -> None:
    set_cells(root, "policies", NEW, published_on="2024-04-08")  # 20 working days (清明 not counted)
    assert found(root) == []
    set_cells(root, "policies", NEW, published_on="2024-04-09")
    problems = [p for p in validate(root).problems]
    assert [(p.path, p.line, p.col, p.code, p.severity) for p in problems] == [
        (CSV, 12, 13, "late-policy", "warning")]
    assert "21 个工作日" in problems[0].message


def test_other_policy_documents_have_no_publication_deadline(root: Path) -> None:
    set_cells(root, "policies", PLAN, published_on="2021-09-01")
    assert found(root) == []


@pytest.mark.parametrize(("expires_on", "expected"), [("", [(CSV, 12, 7, "policy-no-term")]), ("2029-04-01", []),
                                                      ("2029-04-02", [(CSV, 12, 7, "policy-no-term")])])
def test_normative_document_term_of_at_most_five_years(root: Path, expires_on: str,
                                                       expected: list[tuple[str, int, int, str]]) -> None:
    set_cells(root, "policies", NEW, expires_on=expires_on)  # effective 2024-04-01
    assert found(root) == expected


def test_slug_collision_is_an_error(root: Path) -> None:
    copy_row(root, "policies", NEW, doc_no="汾教科办发〔2024〕5号")
    assert found(root) == [(CSV, 13, 1, "duplicate-id")]
    assert "/policies/2024-005/" in _message(root, "duplicate-id")


def test_unsafe_markup_in_a_text_is_warned_where_it_stands(root: Path) -> None:
    path = root / "content/policies/2021-005.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script> [链接](javascript:alert(2))\n",
                    encoding="utf-8")
    lines = path.read_text(encoding="utf-8").count("\n")
    assert found(root) == [("content/policies/2021-005.md", lines, 1, "unsafe-markup"),
                           ("content/policies/2021-005.md", lines, 32, "unsafe-markup")]


TEXT = "content/policies/2021-005.md"


def _append(root: Path, rel: str, text: str) -> int:
    """Append `text` to a file; returns the line it starts on."""
    path = root / rel
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


@pytest.mark.parametrize("link", [
    "[附件1](附件1.xlsx)",  # an annex that was never put beside the text
    "见[图](images/流程图.png)",
    "[报告](../reports/2030.md)",  # a report that does not exist
    "[外部](../../data/site.yml)",  # out of content/: never published
    "[草稿](草稿.md)",  # a Markdown file in content/policies/ that is no document's text
    "[年报附件](../reports/2021-附表.csv)",  # a file in content/reports/: not published as it is
])
def test_a_link_in_a_full_text_must_lead_somewhere_published(root: Path, link: str) -> None:
    if "草稿" in link:
        (root / "content/policies/草稿.md").write_text("# 草稿\n", encoding="utf-8")
    if "2021-附表" in link:
        (root / "content/reports/2021-附表.csv").write_text("项目,数量\n", encoding="utf-8")
    line = _append(root, TEXT, f"\n{link}\n") + 1
    assert found(root) == [(TEXT, line, link.index("](") + 3, "policy-link")]


def test_missing_annex_message_names_the_file_and_what_to_do(root: Path) -> None:
    _append(root, TEXT, "\n[附件1](附件1.xlsx)\n")
    message = _message(root, "policy-link")
    assert "content/policies/附件1.xlsx 不存在" in message and "放到这个位置" in message


def test_links_that_lead_somewhere_are_fine(root: Path) -> None:
    (root / "content/policies/附件 1.csv").write_text("项目,分值\n合计,100\n", encoding="utf-8")
    (root / "content/policies/img").mkdir()
    Image.new("RGB", (8, 8)).save(root / "content/policies/img/流程.png")  # a real picture: a broken one is refused
    _append(root, TEXT, "\n[附件](附件%201.csv) ![流程](img/流程.png) [另一文件](2021-009.md#第二条) "
                        "[年报](../reports/2021.md) [本页](#top) [外部](https://www.moe.gov.cn/) "
                        "[邮件](mailto:a@b.cn)\n")
    assert found(root) == []


def test_a_file_nobody_publishes_is_a_warning_at_the_file(root: Path) -> None:
    (root / "content/policies/2022-007.md").write_text("# 忘了登记的文件\n", encoding="utf-8")
    (root / "content/policies/旧附件.csv").write_text("项目,分值\n", encoding="utf-8")
    assert found(root) == [("content/policies/2022-007.md", 1, 1, "unused-policy-file"),
                           ("content/policies/旧附件.csv", 1, 1, "unused-policy-file")]
    assert "policies.csv" in _message(root, "unused-policy-file")


def test_new_codes_have_fixes() -> None:
    for code in ("policy-text", "policy-status", "policy-no-term", "late-policy", "policy-link", "unused-policy-file"):
        assert REGISTRY.codes[code].fix and code in POLICY_CODES


@pytest.mark.parametrize("text", ["content/policies/" + "师德专题教育方案" * 12 + ".md",
                                  "fc-" + "1" * 300 + "content/policies/2021-009.md"])
def test_a_full_text_name_no_file_system_takes_is_a_located_problem_not_a_crash(root: Path, text: str) -> None:
    """A name with a part over 255 bytes makes the file system refuse to look (pathlib raises instead of saying no
    such file): it is reported at its cell like any wrong name (found by the hostile-value fuzz)."""
    set_cells(root, "policies", "汾教科发〔2021〕9号", text=text)
    assert (3, 11, "policy-text") in _policies(root)
