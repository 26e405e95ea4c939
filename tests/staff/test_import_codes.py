"""Issue 18, codes by name: a clerk writes a matter or an institution as they know it; the import writes the code.
A decision about an institution the data knows by its credit code is linked to it (import, validate and site)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from commands import BARE, here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from staff.sheets import xlsx
from validator.helpers import copy_sample, found

from generator.datasets import BY_NAME
from generator.datasets.views import PublicView
from generator.staff.codes import Named
from generator.staff.current import entry as labelled
from generator.staff.importer import plan_import
from generator.validate import validate

PENALTIES = BY_NAME["penalties"]
TITLES = [PENALTIES.model.label_of(k) for k in PENALTIES.model.model_fields if k not in {
    "status", "withdrawn_on", "withdrawal_reason", "repaired_on", "remarks", "confiscated_yuan", "license_affected",
    "recorded_steps", "hearing_held", "legal_review_date", "legal_review_office"}]
MATTER = ("141099-JY-CF-001", "对社会组织和个人擅自举办民办学校（含校外培训机构）的处罚")
GOLDEN = ("fc-0038", "汾川县金色童年文化传播有限公司", "91141099MA0K12663G")


def penalty(no: str, matter: object = MATTER[0], institution: object = "", party_uscc: str = GOLDEN[2],
            decided: object = "2026-11-02") -> list[object]:
    return [no, GOLDEN[1], "法人及非法人组织", party_uscc, "樊志勇", institution, matter, "擅自开展培训",
            "未取得办学许可证开展培训。", "《中华人民共和国民办教育促进法》第六十四条", "警告;罚款", "警告并罚款。",
            "3000", "普通程序", "一般", decided, "2027-11-01", "2026-11-04"]


def last_row(text: str | None) -> dict[str, str]:
    return list(csv.DictReader(io.StringIO(text or "")))[-1]


@pytest.mark.parametrize("written", [MATTER[0], MATTER[1], labelled(MATTER[1], MATTER[0]),
                                     f" {MATTER[1].replace('（', '(').replace('）', ')')} ",
                                     f"{MATTER[1]}({MATTER[0]})"])
def test_a_matter_by_code_name_or_dropdown_entry_is_written_as_its_code(root: Path, tmp_path: Path,
                                                                        written: str) -> None:
    book = xlsx(tmp_path / "处罚.xlsx", TITLES, [penalty("汾教科罚决字〔2026〕第31号", matter=written)])
    plan = plan_import(root, book, "penalties", shown="处罚.xlsx")
    assert plan.ok, [p.text() for p in plan.problems]
    assert last_row(plan.text)["matter_code"] == MATTER[0]


@pytest.mark.parametrize("written", [GOLDEN[0], GOLDEN[1], labelled(GOLDEN[1], GOLDEN[0]), GOLDEN[2],
                                     GOLDEN[2].lower()])
def test_an_institution_by_id_name_dropdown_entry_or_credit_code_is_written_as_its_id(
        root: Path, tmp_path: Path, written: str) -> None:
    book = xlsx(tmp_path / "处罚.xlsx", TITLES, [penalty("汾教科罚决字〔2026〕第31号", institution=written)])
    plan = plan_import(root, book, "penalties")
    assert plan.ok, [p.text() for p in plan.problems]
    assert last_row(plan.text)["institution_id"] == GOLDEN[0]


def test_a_dropdown_entry_whose_name_and_code_disagree_is_refused_at_its_cell(root: Path, tmp_path: Path) -> None:
    book = xlsx(tmp_path / "处罚.xlsx", TITLES, [penalty("汾教科罚决字〔2026〕第31号",
                                                         institution="汾川县启明培训学校（fc-0038）")])
    plan = plan_import(root, book, "penalties", shown="处罚.xlsx")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(2, 6, "unknown-reference")]
    assert "fc-0038 是「汾川县金色童年文化传播有限公司」" in plan.problems[0].message


def test_a_blank_institution_is_linked_by_the_partys_credit_code_with_a_notice(root: Path, tmp_path: Path) -> None:
    book = xlsx(tmp_path / "处罚.xlsx", TITLES, [penalty("汾教科罚决字〔2026〕第31号")])
    plan = plan_import(root, book, "penalties", shown="处罚.xlsx")
    assert plan.ok and last_row(plan.text)["institution_id"] == GOLDEN[0]
    assert ("工作表「Sheet1」D2：相对人的统一社会信用代码与机构 fc-0038（汾川县金色童年文化传播有限公司）相同，"
            "已填写关联机构 fc-0038：这条决定会列在该机构的页面上") in plan.notes


def test_validate_warns_at_the_blank_cell_and_the_site_lists_the_decision_on_the_institutions_page(root: Path) -> None:
    path = root / "data/penalties.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    line = next(n for n, row in enumerate(rows) if row[header.index("institution_id")] == GOLDEN[0]
                and row[header.index("party_uscc")] == GOLDEN[2])
    rows[line][header.index("institution_id")] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert found(root) == [("data/penalties.csv", line + 1, header.index("institution_id") + 1, "unlinked-institution")]
    outcome = validate(root)
    view = PublicView(outcome.catalog, date.fromisoformat(rows[line][header.index("published_on")]))
    golden = next(v for v in view.institutions if v.record.id == GOLDEN[0])
    assert rows[line][0] in [d.record.decision_no for d in golden.decisions]


def test_validate_warns_when_the_linked_institution_has_another_credit_code(root: Path) -> None:
    path = root / "data/penalties.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    line = next(n for n, row in enumerate(rows) if row[header.index("institution_id")] == GOLDEN[0])
    rows[line][header.index("institution_id")] = "fc-0023"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    problems = [p for p in validate(root).problems if p.code == "unlinked-institution"]
    assert [(p.line, p.col) for p in problems] == [(line + 1, header.index("institution_id") + 1)]
    assert "关联机构是 fc-0023，但相对人的统一社会信用代码是机构 fc-0038" in problems[0].message


INSTITUTION_HEADER = ["机构名称", "统一社会信用代码", "办学许可证号", "培训类别", "细类", "主管部门", "登记类型",
                      "培训地址", "纳入全国监管平台"]


def test_new_institutions_without_an_id_get_the_next_free_ones_and_a_known_credit_code_is_that_institution(
        root: Path, tmp_path: Path) -> None:
    new = ["汾川县新苗艺术培训学校", "52141099MJ83611126", "", "非学科类", "文化艺术", "教育", "民办非企业单位",
           "汾川县府前街1号", "是"]
    from staff.sheets import uscc

    new[1] = uscc("52141099MJ8361112")
    second = [*new]
    second[0], second[1] = "汾川县新苗体育培训学校", uscc("52141099MJ8361113")
    book = xlsx(tmp_path / "机构.xlsx", INSTITUTION_HEADER, [new, second])
    plan = plan_import(root, book, "institutions", shown="机构.xlsx")
    assert plan.ok, [p.text() for p in plan.problems]
    added = list(csv.DictReader(io.StringIO(plan.text or "")))[-2:]
    assert [row["id"] for row in added] == ["fc-0074", "fc-0075"]
    assert "新机构，编号为 fc-0074" in plan.notes[0]
    old = next(csv.DictReader(io.StringIO((root / "data/institutions.csv").read_text(encoding="utf-8"))))
    again = [old["name"], old["uscc"], old["school_license_no"], old["training_type"], old["subcategory"],
             old["competent_dept"], old["registration_type"], "汾川县文昌路26号三层", old["on_national_platform"]]
    refused = plan_import(root, xlsx(tmp_path / "更正.xlsx", INSTITUTION_HEADER, [again]), "institutions")
    assert [p.code for p in refused.problems] == ["duplicate-id"] and "fc-0001" in refused.problems[0].message
    updated = plan_import(root, xlsx(tmp_path / "更正2.xlsx", INSTITUTION_HEADER, [again]), "institutions", update=True)
    assert updated.ok
    assert [c.fields for c in updated.changes] == [[("培训地址", old["address"], "汾川县文昌路26号三层")]]


@settings(max_examples=40, deadline=None)
@given(codes=st.lists(st.from_regex(r"[a-z]{2}-0[0-9]{3}", fullmatch=True), min_size=1, max_size=30, unique=True),
       taken=st.sets(st.integers(0, 2000), max_size=5))
def test_the_next_code_is_free_and_follows_the_highest(codes: list[str], taken: set[int]) -> None:
    named = Named("机构", "机构编号")
    for n, code in enumerate(codes):
        named.add(code, f"机构{n}")
    busy = {f"{codes[0][:3]}{n:04d}" for n in taken}
    nxt = named.next_code(busy)
    assert nxt is not None and nxt not in named.names and nxt not in busy
    prefix = nxt[:3]
    assert all(int(nxt[3:]) > int(code[3:]) for code in codes if code.startswith(prefix))


NAMES = st.text(st.characters(whitelist_categories=("Lo", "Nd", "Ps", "Pe", "Zs")), min_size=1, max_size=20).filter(
    str.strip)  # a name is required: never blank


@settings(max_examples=60, deadline=None)
@given(names=st.lists(NAMES, min_size=1, max_size=12), pick=st.integers(0, 11))
def test_any_name_or_dropdown_entry_resolves_to_its_code_unless_shared(names: list[str], pick: int) -> None:
    named = Named("机构", "机构编号")
    codes = [f"fc-{n:04d}" for n in range(len(names))]
    for code, name in zip(codes, names, strict=True):
        named.add(code, name)
    code, name = codes[pick % len(codes)], names[pick % len(names)]
    assert named.resolve(code) == (code, None)
    assert named.resolve(labelled(name, code))[0] == code
    shared = sum(1 for other in names if "".join(other.split()) == "".join(name.split())) > 1
    resolved, why = named.resolve(name)
    if name.strip() and not shared and name not in codes:
        assert resolved == code, (name, names)
    if shared:
        assert why is not None and "请填写机构编号" in why


def test_an_excel_serial_date_in_a_general_cell_is_read_as_the_date_with_a_notice(root: Path, tmp_path: Path) -> None:
    serial = (date(2026, 11, 2) - date(1899, 12, 30)).days
    book = xlsx(tmp_path / "处罚.xlsx", TITLES, [penalty("汾教科罚决字〔2026〕第31号", decided=serial)])
    plan = plan_import(root, book, "penalties", shown="处罚.xlsx")
    assert plan.ok and last_row(plan.text)["decision_date"] == "2026-11-02"
    assert (f"工作表「Sheet1」P2：数字 {serial} 按 Excel 的日期序号读作 2026-11-02（单元格格式是「常规」）"
            in plan.notes[0])


def test_a_totals_row_is_not_a_record(root: Path, tmp_path: Path) -> None:
    total = [""] * len(TITLES)
    total[0], total[12] = "合　计", "3000"
    book = xlsx(tmp_path / "处罚.xlsx", TITLES, [penalty("汾教科罚决字〔2026〕第31号"), total])
    plan = plan_import(root, book, "penalties", shown="处罚.xlsx")
    assert plan.ok and plan.added == 1
    assert plan.skipped == ["工作表「Sheet1」A3：这一行是合计行，不是一条记录，未导入"]


def test_a_header_over_two_rows_says_to_make_it_one(root: Path, tmp_path: Path) -> None:
    groups = ["相对人信息", "", "", "", "", "处罚信息"] + [""] * (len(TITLES) - 6)
    top = [*TITLES[:8], *[""] * (len(TITLES) - 8)]
    bottom = [*[""] * 8, *TITLES[8:]]
    book = xlsx(tmp_path / "处罚.xlsx", groups, [top, bottom, penalty("汾教科罚决字〔2026〕第31号")])
    plan = plan_import(root, book, "penalties", shown="处罚.xlsx")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(2, 1, "sheet-header")]
    assert "表头占了两行（第 2、3 行）：请把两行合并成一行" in plan.problems[0].message


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("codes") / "repo")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written=st.sampled_from([GOLDEN[0], GOLDEN[1], labelled(*GOLDEN[1::-1]), GOLDEN[2], ""]),
       spaces=st.sampled_from(["", " ", "\u3000", "\u00a0"]))
def test_any_way_of_naming_the_institution_links_the_decision(shared: Path, tmp_path_factory: pytest.TempPathFactory,
                                                               written: str, spaces: str) -> None:
    text = spaces + written + spaces if written else written
    book = xlsx(tmp_path_factory.mktemp("s") / "处罚.xlsx", TITLES,
                [penalty("汾教科罚决字〔2026〕第31号", institution=text)])
    plan = plan_import(shared, book, "penalties")
    assert plan.ok, [p.text() for p in plan.problems]
    assert last_row(plan.text)["institution_id"] == GOLDEN[0]


def test_a_template_filled_from_its_dropdowns_imports_and_its_example_row_is_skipped(root: Path,
                                                                                     tmp_path: Path) -> None:
    """The whole clerk's path: make the template from the data, pick 执法事项 and 关联机构 from the dropdowns,
    import."""

    from openpyxl import load_workbook

    out = tmp_path / "处罚模板.xlsx"
    made = here("template", "penalties", "--out", str(out), "--root", str(root), env=BARE)
    assert made.returncode == 0, made.stdout + made.stderr
    book = load_workbook(out)
    sheet = book.worksheets[0]
    heads = [c.value for c in sheet[1]]
    lists = book["选项"]
    offered = {lists.cell(1, col).value: [c.value for c in next(lists.iter_cols(col, col, 2, lists.max_row)) if c]
               for col in range(1, lists.max_column + 1)}
    matter = next(e for entries in offered.values() for e in entries if e and e.endswith(f"（{MATTER[0]}）"))
    golden = next(e for entries in offered.values() for e in entries if e and e.endswith(f"（{GOLDEN[0]}）"))
    values = dict(zip(TITLES, penalty("汾教科罚决字〔2026〕第31号", matter=matter, institution=golden), strict=True))
    for col, head in enumerate(heads, start=1):
        if head in values:
            sheet.cell(3, col).value = values[head]
    book.save(out)
    plan = plan_import(root, out, "penalties", shown="处罚模板.xlsx")
    assert plan.ok, [p.text() for p in plan.problems]
    assert plan.added == 1 and plan.skipped == ["第 2 行是模板自带的示例，未导入"]
    row = last_row(plan.text)
    assert (row["matter_code"], row["institution_id"]) == (MATTER[0], GOLDEN[0])


def _book(path: Path, sheets: list[tuple[str, list[list[object]]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


INSTRUCTIONS = ("填表说明", [["填表说明"], ["1. 每条处罚决定填一行；2. 日期写成 2026-11-02。"]])


def test_an_instructions_sheet_placed_first_is_passed_over_with_a_notice(root: Path, tmp_path: Path) -> None:
    book = _book(tmp_path / "处罚.xlsx", [INSTRUCTIONS, ("12月", [TITLES, penalty("汾教科罚决字〔2026〕第31号")])])
    plan = plan_import(root, book, "penalties", shown="处罚.xlsx")
    assert plan.ok and plan.added == 1, [p.text() for p in plan.problems]
    assert "第一个工作表「填表说明」中没有表头，导入的是工作表「12月」" in plan.notes


def test_two_data_sheets_behind_instructions_are_refused_and_a_second_data_sheet_is_mentioned(
        root: Path, tmp_path: Path) -> None:
    data = [TITLES, penalty("汾教科罚决字〔2026〕第31号")]
    book = _book(tmp_path / "处罚.xlsx", [INSTRUCTIONS, ("11月", data), ("12月", data)])
    plan = plan_import(root, book, "penalties", shown="处罚.xlsx")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(1, 1, "sheet-header")]
    assert "工作表「11月」「12月」都像是行政处罚决定" in plan.problems[0].message
    first = plan_import(root, _book(tmp_path / "两月.xlsx", [("11月", data), ("12月", data)]), "penalties")
    assert first.ok and first.added == 1
    assert any(note.startswith("工作表「12月」也像是行政处罚决定，没有导入") for note in first.notes)
