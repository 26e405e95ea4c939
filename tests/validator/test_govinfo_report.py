"""The 政府信息公开工作年度报告: its State Council tables add up cell by cell, the numbers the data holds are checked,
its file is named for its kind, and its text has the sections the format asks for; every problem where it stands."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from validator.helpers import found, replace_text

from generator.model import CatalogLike
from generator.problems import Problem
from generator.read.load import _read_report
from generator.rules.govinfo import application_tables
from generator.schema.govinfo import APPLICANTS, Applications, row_values, rows
from generator.schema.reports import Report
from generator.validate import validate

X2021 = "content/reports/2021-xxgk.md"
X2022 = "content/reports/2022-xxgk.md"
DISCLOSED = "  disclosed:       [3, 0, 0, 0, 0, 0, 3]\n"
FORWARD = "  carried_forward: [0, 1, 0, 0, 0, 0, 1]\n"


def test_the_sample_reports_are_clean(root: Path) -> None:
    assert found(root) == []


def test_a_row_whose_total_is_not_the_sum_of_its_columns(root: Path) -> None:
    """One wrong cell: its row's 总计 and its column's （七）总计 both disagree, which names the cell."""
    replace_text(root, X2021, DISCLOSED, DISCLOSED.replace("[3,", "[4,"))
    assert found(root) == [(X2021, 16, 39, "report-table"), (X2021, 20, 21, "report-table")]
    row, column = validate(root).problems
    assert row.message == ("表三「（一）予以公开」一行的总计写的是 3，但前 6 列（自然人、商业企业、科研机构、"
                           "社会公益组织、法律服务机构、其他）之和为 4：请核对这一行")
    assert column.message.startswith("表三「（七）总计」一行「自然人」列（applications.total）写的是 5，"
                                     "但（一）至（六）各行该列之和为 6")


def test_what_is_carried_forward_must_be_carried_over_the_next_year(root: Path) -> None:
    """2021 carried 1 申请 of a 商业企业 forward; saying none was is wrong in 2021 (received 6, settled 5) and
    disagrees with the 2022 report, which carried it over."""
    replace_text(root, X2021, FORWARD, "  carried_forward: [0, 0, 0, 0, 0, 0, 0]\n")
    assert found(root) == [(X2021, 21, 24, "report-table"), (X2021, 21, 39, "report-table"),
                           (X2022, 9, 24, "report-table"), (X2022, 9, 39, "report-table")]
    messages = [p.message for p in validate(root).problems]
    assert messages[0].startswith("表三「商业企业」列：本年新收 1 + 上年结转 0 = 1，但办理结果总计 0 + "
                                  "结转下年度继续办理 0 = 0")
    assert messages[2].startswith("表三「二、上年结转政府信息公开申请数量」一行「商业企业」列"
                                  "（applications.carried_over）写的是 1，但 2021 年度报告"
                                  "（content/reports/2021-xxgk.md）的「结转下年度继续办理」该列为 0")


def test_a_stated_decision_count_is_checked_against_the_data(root: Path) -> None:
    replace_text(root, X2021, "  penalising: 7\n", "  penalising: 8\n")
    assert found(root) == [(X2021, 9, 15, "figure-mismatch")]
    [problem] = validate(root).problems
    assert problem.message.startswith("表二「行政处罚」的本年处理决定数量写的是 8，但按本站数据，"
                                      "全年作出的行政处罚决定（2021年全年）为 7")


def test_stated_normative_documents_are_checked_cell_by_cell(root: Path) -> None:
    """2021: three 规范性文件 issued, none repealed, three in force (data/policies.csv)."""
    replace_text(root, X2021, "  licensing: 3\n", "  normative: [3, 0, 2]\n  licensing: 3\n")
    assert found(root) == [(X2021, 8, 21, "figure-mismatch")]
    replace_text(root, X2021, "  normative: [3, 0, 2]\n", "  normative: [3, 0, 3]\n")
    assert found(root) == []


def test_an_appeal_row_must_add_up(root: Path) -> None:
    replace_text(root, X2022, "  review: [1, 0, 0, 0, 1]\n", "  review: [1, 0, 0, 0, 0]\n")
    assert found(root) == [(X2022, 21, 24, "report-table")]


def test_the_applications_table_is_required(root: Path) -> None:
    text = (root / X2022).read_text(encoding="utf-8")
    start, end = text.index("applications:\n"), text.index("appeals:\n")
    (root / X2022).write_text(text[:start] + text[end:], encoding="utf-8")
    assert found(root) == [(X2022, 4, 7, "conditional-field")]


def test_the_tables_belong_to_the_govinfo_report(root: Path) -> None:
    replace_text(root, "content/reports/2023.md", "published_on: 2024-03-22\n",
                 "published_on: 2024-03-22\nappeals:\n  review: [0, 0, 0, 0, 0]\n")
    assert found(root) == [("content/reports/2023.md", 7, 3, "conditional-field")]  # at its rows


def test_one_report_of_a_kind_a_year(root: Path) -> None:
    (root / "content/reports/2021.md").unlink()
    text = (root / X2021).read_text(encoding="utf-8")
    (root / "content/reports/2021.md").write_text(text, encoding="utf-8")  # the old naming of the same report
    assert found(root) == [("content/reports/2021.md", 4, 7, "duplicate-id")]


@pytest.mark.parametrize(("name", "kind", "where"), [
    ("2021-xxgk.md", "法治政府建设年度报告", (4, 7)),  # the name says 政府信息公开
    ("2021-gk.md", "政府信息公开工作年度报告", (2, 7)),
])
def test_the_file_name_says_the_year_and_the_kind(root: Path, name: str, kind: str, where: tuple[int, int]) -> None:
    text = (root / X2021).read_text(encoding="utf-8").replace("kind: 政府信息公开工作年度报告", f"kind: {kind}")
    (root / X2021).unlink()
    (root / "content/reports" / name).write_text(text, encoding="utf-8")
    problems = [p for p in validate(root).problems if p.path.endswith(name)]
    assert [(p.line, p.col, p.code) for p in problems] == [(*where, "invalid-value")]
    assert "2021-xxgk.md" in problems[0].message


def test_the_sections_staff_write_and_the_ones_the_site_draws(root: Path) -> None:
    replace_text(root, X2021, "## 五、存在的主要问题及改进情况\n", "## 存在的问题\n")
    replace_text(root, X2021, "## 六、其他需要报告的事项\n",
                 "## 三、收到和处理政府信息公开申请情况\n\n共6件。\n\n## 六、其他需要报告的事项\n")
    body_start = 29  # the body's first character (after the blank line)
    lines = (root / X2021).read_text(encoding="utf-8").splitlines()
    heading = lines.index("## 三、收到和处理政府信息公开申请情况") + 1
    assert found(root) == [(X2021, body_start, 1, "report-section"), (X2021, heading, 1, "report-section")]
    missing, drawn = validate(root).problems
    assert "「## 五、存在的主要问题及改进情况」" in missing.message
    assert "由网站按文首信息生成" in drawn.message


@pytest.mark.parametrize(("old", "new", "where", "code"), [
    (DISCLOSED, "  disclosed:       [3, 0, 0]\n", (16, 20), "invalid-value"),  # 3 numbers, 7 wanted
    (DISCLOSED, "  disclosed:       [3, 0, 0, 0, 0, -1, 2]\n", (16, 36), "invalid-value"),
    (DISCLOSED, "  disclosed:       [3, 0, 0, 0, 0, 一, 3]\n", (16, 36), "invalid-value"),
    (DISCLOSED, "  disclosd:       [3, 0, 0, 0, 0, 0, 3]\n", (16, 19), "unknown-field"),
    ("  coercing: 0\n", "  coercing: 0\n  fees_wan_yuan_x: 1\n", (11, 20), "unknown-field"),
    ("  fees_wan_yuan: 0\n", "  fees_wan_yuan: -3\n", (11, 18), "invalid-value"),
])
def test_table_values_are_located(root: Path, old: str, new: str, where: tuple[int, int], code: str) -> None:
    replace_text(root, X2021, old, new)
    assert [p for p in found(root) if p[0] == X2021 and p[3] == code][:1] == [(X2021, *where, code)]


def test_a_missing_report_names_the_file_of_its_kind(root: Path) -> None:
    (root / X2022).unlink()
    problems = [p for p in validate(root, today=date(2026, 12, 4)).problems if p.code == "missing-report"]
    assert [p.message for p in problems] == [
        "2022 年的政府信息公开工作年度报告应在 2023-01-31 前发布，截至 2026-12-04 仍未见："
        "请添加 content/reports/2022-xxgk.md（kind: 政府信息公开工作年度报告）"]


# --- any inconsistency of the applications table is found, at its row and its column --------------------------

#: The rows of 表三 that hold numbers, in order, and which are 办理结果 (summed into （七）总计).
ROWS = [path for path, _label, _level in rows(Applications) if row_values(Applications(), path) is not None]
RESULTS = [p for p in ROWS if p not in ("received", "carried_over", "total", "carried_forward")]
WIDTH = len(APPLICANTS)


def _consistent(results: dict[str, list[int]], forward: list[int], over: list[int]) -> dict[str, list[int]]:
    """A table that adds up: 6 columns each row, its 总计, and 新收 = 总计 + 结转下年度 - 上年结转."""
    table = {path: [*values, sum(values)] for path, values in results.items()}
    total = [sum(table[p][c] for p in RESULTS) for c in range(WIDTH)]
    forward_row, over_row = [*forward, sum(forward)], [*over, sum(over)]
    received = [total[c] + forward_row[c] - over_row[c] for c in range(WIDTH)]
    return {**table, "total": total, "carried_forward": forward_row, "carried_over": over_row, "received": received}


def _yaml(table: dict[str, list[int]]) -> str:
    out: list[str] = ["applications:"]
    group = ""
    for path in ROWS:
        head, _, item = path.rpartition(".")
        if head and head != group:
            out.append(f"  {head}:")
        group = head
        out.append(f"{'    ' if head else '  '}{item}: [{', '.join(str(v) for v in table[path])}]")
    return "\n".join(out) + "\n"


def _problems(table: dict[str, list[int]]) -> tuple[list[Problem], Report]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content/reports").mkdir(parents=True)
        rel = "content/reports/2021-xxgk.md"
        (root / rel).write_text("---\nyear: 2021\ntitle: 报告\nkind: 政府信息公开工作年度报告\n"
                                f"published_on: 2022-01-20\n{_yaml(table)}---\n正文\n", encoding="utf-8")
        report, problems = _read_report(root, rel)
        assert problems == [] and report is not None
        assert isinstance(report, Report)
        return list(application_tables(cast(CatalogLike, SimpleNamespace(reports=(report,))))), report


counts = st.lists(st.integers(0, 40), min_size=WIDTH - 1, max_size=WIDTH - 1)
small = st.lists(st.integers(0, 5), min_size=WIDTH - 1, max_size=WIDTH - 1)


@settings(max_examples=60, deadline=None)
@given(results=st.fixed_dictionaries({p: counts for p in RESULTS}), forward=small, over=small,
       row=st.sampled_from(ROWS), column=st.integers(0, WIDTH - 1),
       delta=st.integers(-3, 3).filter(bool))
def test_any_wrong_cell_is_found_at_its_row_and_its_column(results: dict[str, list[int]], forward: list[int],
                                                           over: list[int], row: str, column: int,
                                                           delta: int) -> None:
    table = _consistent(results, forward, over)
    clean, _report = _problems(table)
    assert clean == []
    if table[row][column] + delta < 0:
        delta = -delta
    table[row][column] += delta
    problems, report = _problems(table)
    at = {(p.line, p.col) for p in problems}

    def cell(path: str, c: int) -> tuple[int, int]:
        where = report.where(f"applications.{path}[{c}]")
        return where.line, where.col

    expected = {cell(row, WIDTH - 1)}  # its row's 总计 no longer adds up (or, in the 总计 column, is itself wrong)
    if row in RESULTS:
        expected.add(cell("total", column))
    elif row == "total":
        expected |= {cell("total", column), cell("carried_forward", column)}
    else:
        expected.add(cell("carried_forward", column))
    assert at == expected
    assert all(p.code == "report-table" for p in problems)


# --- the allow-list keeps what lets a keyboard reach a scrolling table box, nothing more ----------------------------


@pytest.mark.parametrize(("markup", "kept", "dropped"), [
    ('<div class="gk-table" tabindex="0"><table></table></div>', '<div class="gk-table" tabindex="0">', False),
    ('<div tabindex="1">x</div>', "<div>", True),  # would change the page's focus order
    ('<div tabindex="-1">x</div>', "<div>", True),
    ('<span tabindex="0">x</span>', "<span>", True),  # only a box (div) may be made reachable
])
def test_only_tabindex_zero_on_a_box_is_kept(markup: str, kept: str, dropped: bool) -> None:
    from generator.rules.sanitiser import sanitise

    cleaned, removed = sanitise(markup)
    assert cleaned.startswith(kept)
    assert [r.what for r in removed] == ([f"<{kept[1:-1]}> 的 tabindex 属性"] if dropped else [])


# --- the 依申请公开 settings: the bureau's own contacts unless site.yml says otherwise ------------------------------


def test_a_post_code_that_is_not_six_digits_is_located(root: Path) -> None:
    replace_text(root, "data/site.yml", "  post_code: 041900\n", "  post_code: 04190\n")
    assert found(root) == [("data/site.yml", 23, 14, "invalid-value")]
    [problem] = validate(root).problems
    assert "邮政编码应为 6 位数字" in problem.message


def test_without_gov_info_the_bureau_receives_the_applications(root: Path) -> None:
    from generator.render.govinfo import contacts

    text = (root / "data/site.yml").read_text(encoding="utf-8")
    without = re.sub(r"gov_info:\n(?:  .*\n)+", "", text)
    (root / "data/site.yml").write_text(without, encoding="utf-8")
    assert found(root) == []
    site = validate(root).catalog.site
    expected = {
        "office": "汾川县教育科技局", "address": "山西省临汾市汾川县文昌路88号", "post_code": None,
        "phone": "0357-5213360", "email": "jkjbgs@fenchuan.gov.cn",
        "hours": "法定工作日 上午 8:00—12:00，下午 14:30—17:30",
        # the bodies of 复议 and 诉讼 are the decisions' (remedies:): one setting for one court
        "review_body": "汾川县人民政府", "court": "汾川县人民法院", "complaint_body": None}
    assert contacts(site) == expected
    # without remedies either, the guide names no body (it says 依法)
    (root / "data/site.yml").write_text(re.sub(r"remedies:\n(?:  .*\n)+", "", without), encoding="utf-8")
    assert contacts(validate(root).catalog.site) == {**expected, "review_body": None, "court": None}


def test_a_mobile_given_as_the_gov_info_phone_is_public(root: Path) -> None:
    """A phone declared for 依申请公开 is an office's public number, like the bureau's own (not a private mobile)."""
    replace_text(root, "data/site.yml", "  office: 汾川县教育科技局办公室\n",
                 "  office: 汾川县教育科技局办公室\n  phone: \"13912345678\"\n")
    assert found(root) == []
