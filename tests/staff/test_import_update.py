"""Issue 18, no silent loss: an update changes only what the sheet says, legal states only through their own columns,
ignored and look-alike columns are named, repeated keys point to sheet rows."""

from __future__ import annotations

import csv
import io
import random
import subprocess
from pathlib import Path

import pytest
from commands import BARE, here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from staff.sheets import xlsx
from validator.helpers import copy_sample

from generator.datasets import BY_NAME
from generator.staff.header import looks_like
from generator.staff.importer import plan_import

PROJECT = Path(__file__).resolve().parents[2]
PENALTIES = BY_NAME["penalties"]
WITHDRAWN = "汾教科罚决字〔2022〕第6号"  # 已撤销 in the sample
REPAIRED = "汾教科罚决字〔2024〕第8号"  # 信用修复 2025-03-18 in the sample
LEGAL = ("status", "withdrawn_on", "withdrawal_reason", "repaired_on")


def records(text: str) -> dict[str, dict[str, str]]:
    return {row["decision_no"]: row for row in csv.DictReader(io.StringIO(text))}


def year_sheet(root: Path, path: Path, keep: list[str], change: dict[tuple[str, str], str] | None = None,
               blank: set[tuple[str, str]] = frozenset()) -> Path:  # type: ignore[assignment]
    """The year's decisions as a clerk's sheet: only the columns `keep` (Chinese headings), some cells blank or
    changed."""
    rows = records((root / "data/penalties.csv").read_text(encoding="utf-8"))
    change = change or {}
    body = [[change.get((no, key), "" if (no, key) in blank else row[key]) for key in keep] for no, row in rows.items()]
    return xlsx(path, [PENALTIES.model.label_of(key) for key in keep], body,
                title="2022-2026年行政处罚决定（年度汇总）")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return here(*args, "--root", str(root), env=BARE)


def test_reimporting_the_years_sheet_without_remarks_and_states_changes_nothing(root: Path, tmp_path: Path) -> None:
    before = (root / "data/penalties.csv").read_bytes()
    keep = [key for key in PENALTIES.model.model_fields if key not in {"remarks", *LEGAL}]
    sheet = year_sheet(root, tmp_path / "2026年处罚汇总.xlsx", keep)
    result = run(root, "import", str(sheet), "--dataset", "penalties", "--update")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "data/penalties.csv").read_bytes() == before
    assert f"不变「{WITHDRAWN}」" in result.stdout and f"不变「{REPAIRED}」" in result.stdout


def test_an_update_prints_each_field_before_and_after_in_the_dry_run_and_the_real_run(root: Path,
                                                                                      tmp_path: Path) -> None:
    keep = ["decision_no", "party_name", "remarks", "fine_yuan"]
    sheet = year_sheet(root, tmp_path / "更正.xlsx", keep, change={(REPAIRED, "remarks"): "已按期缴纳罚款"})
    before = (root / "data/penalties.csv").read_bytes()
    dry = run(root, "import", str(sheet), "--dataset", "penalties", "--update", "--dry-run")
    assert dry.returncode == 0, dry.stdout
    line = f"改写「{REPAIRED}」（{sheet} 第 "
    changed = [text for text in dry.stdout.splitlines() if text.startswith(line)]
    assert len(changed) == 1 and changed[0].endswith(
        "第 22 行）：备注：当事人已按期整改并申请信用修复，2025-03-18 起停止公示 → 已按期缴纳罚款")
    assert (root / "data/penalties.csv").read_bytes() == before
    real = run(root, "import", str(sheet), "--dataset", "penalties", "--update")
    assert real.returncode == 0 and changed[0] in real.stdout.splitlines()
    after = records((root / "data/penalties.csv").read_text(encoding="utf-8"))
    assert after[REPAIRED]["remarks"] == "已按期缴纳罚款" and after[REPAIRED]["repaired_on"] == "2025-03-18"


def test_a_status_column_cannot_bring_a_withdrawn_decision_back(root: Path, tmp_path: Path) -> None:
    keep = ["decision_no", "status", "withdrawn_on"]
    sheet = year_sheet(root, tmp_path / "状态.xlsx", keep, change={(WITHDRAWN, "status"): "有效"})
    plan = plan_import(root, sheet, "penalties", update=True, shown="状态.xlsx")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(12, 2, "legal-state")]
    assert plan.problems[0].message.startswith("工作表「Sheet1」B12：这条决定在数据中是「已撤销」，表格中是「有效」")
    assert not plan.ok


def test_a_withdrawal_through_its_own_columns_is_taken(root: Path, tmp_path: Path) -> None:
    keep = ["decision_no", "status", "withdrawn_on", "withdrawal_reason"]
    no = "汾教科罚决字〔2026〕第9号"  # a year without its report yet (a 2021 report counts its decisions)
    change = {(no, "status"): "已撤销", (no, "withdrawn_on"): "2026-11-20", (no, "withdrawal_reason"): "经复议撤销"}
    plan = plan_import(root, year_sheet(root, tmp_path / "撤销.xlsx", keep, change), "penalties", update=True)
    assert plan.ok, [p.text() for p in plan.problems]
    assert records(plan.text or "")[no]["status"] == "已撤销"
    assert [c.fields for c in plan.changes if c.key == no] == [[("状态", "有效", "已撤销"),
                                                                ("撤回日期", "", "2026-11-20"),
                                                                ("撤回理由", "", "经复议撤销")]]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("update") / "repo")


FIELDS = [key for key in PENALTIES.model.model_fields if key != "decision_no"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dropped=st.sets(st.sampled_from(FIELDS), max_size=len(FIELDS) - 1), blank_share=st.integers(0, 4),
       seed=st.integers(0, 2**32), remark=st.text(st.characters(whitelist_categories=("Lo",)), min_size=1, max_size=8))
def test_an_update_never_changes_a_field_the_sheet_lacks_or_leaves_blank(
        shared: Path, tmp_path_factory: pytest.TempPathFactory, dropped: set[str], blank_share: int, seed: int,
        remark: str) -> None:
    """Any columns left out, any cells left blank, remarks edited: every other field stays as the data file has it."""
    old = records((shared / "data/penalties.csv").read_text(encoding="utf-8"))
    keep = ["decision_no", *[key for key in FIELDS if key not in dropped]]
    cells = [(no, key) for no in old for key in keep[1:]]
    chance = random.Random(seed)
    blank = {cell for cell in cells if chance.random() < blank_share / 10}
    edited = REPAIRED if "remarks" in keep and (REPAIRED, "remarks") not in blank else None
    sheet = year_sheet(shared, tmp_path_factory.mktemp("s") / "年度.xlsx", keep,
                       change={(edited, "remarks"): remark} if edited else {}, blank=blank)
    plan = plan_import(shared, sheet, "penalties", update=True)
    assert plan.ok, [p.text() for p in plan.problems]
    new = records(plan.text or "")
    for no, row in old.items():
        expected = dict(row, remarks=remark) if no == edited else row
        assert new[no] == expected


def test_ignored_columns_are_named_one_by_one(root: Path, tmp_path: Path) -> None:
    header = ["序号", "机构编号", "机构名称", "统一社会信用代码", "办学许可证号", "培训类别", "细类", "主管部门",
              "登记类型", "培训地址", "纳入全国监管平台", "经办人", "联系人"]
    row = [1, "fc-0201", "汾川县新苗培训学校", "52141099MJ8361111X", "", "非学科类", "体育", "教育", "民办非企业单位",
           "山西省临汾市汾川县府前街1号", "是", "李四", "王五"]
    plan = plan_import(root, xlsx(tmp_path / "机构.xlsx", header, [row]), "institutions", ignore_column=True)
    assert plan.notes[:3] == ["工作表「Sheet1」A1：「序号」列未导入（不是校外培训机构的字段）",
                              "工作表「Sheet1」L1：「经办人」列未导入（不是校外培训机构的字段）",
                              "工作表「Sheet1」M1：「联系人」列未导入（不是校外培训机构的字段）"]


@pytest.mark.parametrize(("heading", "field"), [("当前状态", "status"), ("撤销日期", "withdrawn_on"),
                                                ("撤销原因", "withdrawal_reason"), ("修复日期", "repaired_on"),
                                                ("罚款金额（万元）", "fine_yuan"), ("处罚决定时间", "decision_date")])
def test_a_column_that_looks_like_a_field_is_refused_even_when_columns_are_ignored(
        root: Path, tmp_path: Path, heading: str, field: str) -> None:
    keep = ["decision_no", "party_name"]
    sheet = year_sheet(root, tmp_path / "处罚.xlsx", keep)
    from openpyxl import load_workbook

    book = load_workbook(sheet)
    book.active.cell(2, 3).value = heading
    book.save(sheet)
    plan = plan_import(root, sheet, "penalties", update=True, ignore_column=True, shown="处罚.xlsx")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(2, 3, "sheet-header")]
    assert f"像是「{PENALTIES.model.label_of(field)}」" in plan.problems[0].message and not plan.ok


TITLES = {key: PENALTIES.model.label_of(key) for key in PENALTIES.model.model_fields}
DECOR = st.sampled_from(["当前", "目前", "最新", ""])
SUFFIX = st.sampled_from(["", "（填写）", "(必填)", "栏", "信息"])


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(sorted(TITLES)), before=DECOR, after=SUFFIX)
def test_any_decorated_title_is_taken_for_its_field_or_refused_never_dropped(key: str, before: str, after: str) -> None:
    heading = before + TITLES[key] + after
    from generator.staff.fields import header_labels, label_key

    if label_key(heading) in header_labels(PENALTIES):
        return  # a label the import knows: read into its field
    assert key in looks_like(PENALTIES, heading)


@pytest.mark.parametrize("heading", ["序号", "经办人", "联系电话", "录入人", "审核意见", "所属乡镇"])
def test_unrelated_columns_do_not_look_like_a_field(heading: str) -> None:
    assert looks_like(PENALTIES, heading) == []


def test_a_key_repeated_in_the_sheet_is_refused_at_both_sheet_rows(root: Path, tmp_path: Path) -> None:
    keep = ["decision_no", "remarks"]
    rows = [[REPAIRED, "第一次"], [WITHDRAWN, ""], [REPAIRED, "第二次"]]
    sheet = xlsx(tmp_path / "重复.xlsx", [TITLES[k] for k in keep], rows, title="更正")
    plan = plan_import(root, sheet, "penalties", update=True, shown="重复.xlsx")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(5, 1, "duplicate-id")]
    assert "在本表第 3 行已经出现" in plan.problems[0].message


def test_a_duplicate_against_the_data_file_names_the_data_files_line_not_a_bare_number(root: Path,
                                                                                       tmp_path: Path) -> None:
    old = records((root / "data/penalties.csv").read_text(encoding="utf-8"))[REPAIRED]
    row = dict(old, decision_no=REPAIRED.replace("第8号", "第08号"))  # the same number (and page) spelt otherwise
    keep = [k for k in PENALTIES.model.model_fields if k not in {"repaired_on"}]
    sheet = xlsx(tmp_path / "新增.xlsx", [TITLES[k] for k in keep], [[row[k] for k in keep]])
    plan = plan_import(root, sheet, "penalties", shown="新增.xlsx")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(2, 1, "duplicate-id")]
    assert f"与data/penalties.csv 第 21 行的「{REPAIRED}」" in plan.problems[0].message  # the data file's line, said so


HIDING = ["机构编号", "机构名称", "统一社会信用代码", "办学许可证号", "培训类别", "细类", "主管部门", "登记类型",
          "培训地址", "纳入全国监管平台"]


def hiding_rows(count: int) -> list[list[object]]:
    from staff.sheets import uscc

    return [HIDING, *[[f"fc-{201 + n:04d}", f"汾川县新苗{n}号培训学校", uscc(f"52141099MJ83{n:05d}"), "", "非学科类",
                       "体育", "教育", "民办非企业单位", f"汾川县府前街{n + 1}号", "是"] for n in range(count)]]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from([".xlsx", ".xls", ".ods"]), rows=st.sets(st.integers(2, 5), max_size=2),
       cols=st.sets(st.integers(1, 10), max_size=2))
def test_hidden_rows_and_columns_with_content_are_refused_at_their_cells_and_nothing_is_written(
        shared: Path, tmp_path_factory: pytest.TempPathFactory, suffix: str, rows: set[int], cols: set[int]) -> None:
    from staff.sheets import hiding_book

    book = hiding_book(tmp_path_factory.mktemp("h") / f"机构{suffix}", hiding_rows(4), rows, cols)
    plan = plan_import(shared, book, "institutions", shown="机构")
    hidden = [(p.line, p.col) for p in plan.problems if p.code == "sheet-hidden"]
    assert hidden == [(line, 1) for line in sorted(rows)] + [(1, col) for col in sorted(cols)]
    assert plan.ok == (not rows and not cols) and (plan.text is None) == bool(rows or cols)
