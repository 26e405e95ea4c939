"""`python -m generator import`: clerks' real spreadsheets become canonical rows, or nothing changes."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from commands import BARE, here
from staff.sheets import gbk_csv, ods, uscc, xls, xlsx

from generator.staff.importer import plan_import
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
INSTITUTION_HEADER = ["机构编号", "机构名称", "统一社会信用代码", "办学许可证号", "培训类别", "细类", "主管部门",
                      "登记类型", "培训地址", "纳入全国监管平台"]
GOOD_USCC = uscc("52141099MJ1234567")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return here(*args, "--root", str(root), env=BARE)


def institution(id_: str, uscc_: object = GOOD_USCC, name: str = "汾川县新星培训学校") -> list[object]:
    return [id_, name, uscc_, "教民１４１０９９０７０００００９９号", "非学科类", "科技", "教育", "民办非企业单位",
            "山西省临汾市汾川县\u00a0文昌路\u200b１号", "是"]


def test_xlsx_with_title_row_appends_canonical_rows_and_leaves_existing_lines(root: Path, tmp_path: Path) -> None:
    before = (root / "data/institutions.csv").read_text(encoding="utf-8")
    book = xlsx(tmp_path / "机构导入.xlsx", INSTITUTION_HEADER,
                [institution("ＦＣ-0101"), institution("fc-0102", uscc("52141099MJ7654321"),
                                                       "汾川县\u3000晨光艺术培训中心"),
                 [None] * 10, [None] * 10], title="2026年校外培训机构登记表（盖章）")
    result = run(root, "import", str(book), "--dataset", "institutions")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "新增 2 条" in result.stdout
    after = (root / "data/institutions.csv").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before):].splitlines() == [
        f"fc-0101,汾川县新星培训学校,{GOOD_USCC},教民141099070000099号,非学科类,科技,教育,民办非企业单位,"
        "山西省临汾市汾川县文昌路1号,是",
        f"fc-0102,汾川县晨光艺术培训中心,{uscc('52141099MJ7654321')},教民141099070000099号,非学科类,科技,教育,"
        "民办非企业单位,山西省临汾市汾川县文昌路1号,是"]
    assert validate(root).ok


def test_one_bad_row_changes_nothing_and_names_its_cell(root: Path, tmp_path: Path) -> None:
    before = (root / "data/institutions.csv").read_bytes()
    bad = GOOD_USCC[:-1] + ("0" if GOOD_USCC[-1] != "0" else "1")
    book = xlsx(tmp_path / "机构导入.xlsx", INSTITUTION_HEADER,
                [institution("fc-0101"), institution("fc-0102", bad)], title="机构登记表")
    result = run(root, "import", str(book), "--dataset", "institutions")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "error[" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{book}:4:3: error[invalid-uscc] 统一社会信用代码: 工作表「Sheet1」C4：")
    assert "没有写入任何内容" in result.stdout
    assert (root / "data/institutions.csv").read_bytes() == before


def test_gbk_csv_as_excel_saves_it_with_every_date_spelling(root: Path, tmp_path: Path) -> None:
    header = ["机构编号", "日期", "变动事项", "原因", "依据文号", "备注"]
    # fc-0071 was banned in 2025: banning it again (取缔后又擅自办学) is a repeatable event
    why = "取缔后擅自恢复办学"
    rows = [["ＦＣ-0071", "2026/3/5", "取缔", why, "", "日期写法一"],
            ["fc-0071", "2026.3.6", "取缔", why, "", "写法二"], ["fc-0071", "2026年3月7日", "取缔", why, "", "写法三"],
            ["fc-0071", "20260308", "取缔", why, "", "写法四"]]
    sheet = gbk_csv(tmp_path / "变动.csv", header, rows)
    plan = plan_import(root, sheet, "institution_events")
    assert plan.ok, plan.problems
    added = (plan.text or "").splitlines()[-4:]
    assert [line.split(",")[1] for line in added] == ["2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"]
    assert plan.added == 4


def test_ods_number_and_date_cells(root: Path, tmp_path: Path) -> None:
    sheet = ods(tmp_path / "人员.ods", [["执法人员名单"], ["姓名", "执法证号", "所在股室", "执法类别", "证件有效期至"],
                                       ["王芳", 14109920210008.0, "行政执法股", "教育", date(2020, 6, 30)]])
    plan = plan_import(root, sheet, "enforcement_officers")
    assert plan.ok, plan.problems
    assert (plan.text or "").splitlines()[-1] == "王芳,14109920210008,行政执法股,教育,2020-06-30"


def test_legacy_xls_as_wps_saves_it(root: Path, tmp_path: Path) -> None:
    """A real BIFF8 .xls: merged title row, date cells, a certificate number typed as a number, full-width text."""
    header = ["姓名", "执法证号", "所在股室", "执法类别", "证件有效期至"]
    # certificates that ended in 2020, so the annual reports' officer counts stay as they are
    book = xls(tmp_path / "执法人员.xls", header, [["王芳", 14109920210008, "行政执法股", "教育", date(2020, 6, 30)],
                                                ["赵　磊", "１４１０９９２０２１０００９", "行政执法股", "教育",
                                                 "2020年6月30日"]],
               title="汾川县教育科技局执法人员名单（2020年）")
    result = run(root, "import", str(book), "--dataset", "enforcement_officers")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (root / "data/enforcement_officers.csv").read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ["王芳,14109920210008,行政执法股,教育,2020-06-30",
                          "赵磊,14109920210009,行政执法股,教育,2020-06-30"]
    assert validate(root).ok


def test_legacy_xls_bad_date_names_its_cell_and_writes_nothing(root: Path, tmp_path: Path) -> None:
    before = (root / "data/enforcement_officers.csv").read_bytes()
    header = ["姓名", "执法证号", "所在股室", "执法类别", "证件有效期至"]
    book = xls(tmp_path / "执法人员.xls", header, [["王芳", 14109920210008, "行政执法股", "教育", "2027年13月30日"]],
               title="执法人员名单")
    result = run(root, "import", str(book), "--dataset", "enforcement_officers")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if "error[" in line]
    assert len(errors) == 1 and errors[0].startswith(f"{book}:3:5: error[invalid-date] ")
    assert "工作表「Sheet1」E3" in errors[0]
    assert (root / "data/enforcement_officers.csv").read_bytes() == before


def test_existing_key_refused_unless_update_which_rewrites_only_that_line(root: Path, tmp_path: Path) -> None:
    path = root / "data/institutions.csv"
    before = path.read_text(encoding="utf-8").splitlines()
    row = before[1].split(",")
    row[8] = "山西省临汾市汾川县文昌路28号"
    book = xlsx(tmp_path / "更正.xlsx", INSTITUTION_HEADER, [row])
    refused = plan_import(root, book, "institutions", shown="更正.xlsx")
    assert [p.text() for p in refused.problems] == [
        "更正.xlsx:2:1: error[duplicate-id] 机构编号: 工作表「Sheet1」A2：「fc-0001」在 data/institutions.csv "
        "中已经存在（第 2 行）：如果要修改这条记录，请加参数 --update"]
    result = run(root, "import", str(book), "--dataset", "institutions", "--update")
    assert result.returncode == 0, result.stdout
    after = path.read_text(encoding="utf-8").splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [1]
    assert after[1] == ",".join(row)


def test_unknown_column_is_an_error_unless_ignored(root: Path, tmp_path: Path) -> None:
    book = xlsx(tmp_path / "机构.xlsx", [*INSTITUTION_HEADER, "联系人"], [[*institution("fc-0101"), "张老师"]])
    plan = plan_import(root, book, "institutions", shown="机构.xlsx")
    assert len(plan.problems) == 1
    assert plan.problems[0].text().startswith("机构.xlsx:1:11: error[sheet-header] 联系人: 工作表「Sheet1」K1："
                                              "列名「联系人」不是校外培训机构的字段。可用的列名：机构编号（id）、")
    assert plan_import(root, book, "institutions", ignore_column=True).ok


def test_privacy_gate_covers_columns_not_imported(root: Path, tmp_path: Path) -> None:
    book = xlsx(tmp_path / "机构.xlsx", [*INSTITUTION_HEADER, "负责人身份证"],
                [[*institution("fc-0101"), "11010519491231002X"]])
    plan = plan_import(root, book, "institutions", ignore_column=True, shown="机构.xlsx")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(2, 11, "personal-id-number")]
    assert not plan.ok


def test_18_digit_number_cell_is_refused_at_its_cell(root: Path, tmp_path: Path) -> None:
    book = xlsx(tmp_path / "机构.xlsx", INSTITUTION_HEADER, [institution("fc-0101", 521410991234567890)])
    plan = plan_import(root, book, "institutions", shown="机构.xlsx")
    precision = [p for p in plan.problems if p.code == "invalid-value"]
    assert [(p.line, p.col) for p in precision] == [(2, 3)]
    assert "15 位有效数字" in precision[0].message and not plan.ok


PENALTY_HEADER = ["行政处罚决定书文号", "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人",
                  "执法事项编码", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额",
                  "程序类型", "失信严重程度", "处罚决定日期", "处罚有效期", "公示日期"]


def penalty(no: str, fine: object) -> list[object]:
    return [no, "汾川县某某文化传播有限公司", "法人及非法人组织", uscc("91141099MA0K99999"), "张某", "141099-JY-CF-001",
            "超范围培训", "超出核准范围开展培训。", "《中华人民共和国民办教育促进法》第六十二条", "警告、罚款",
            "警告并罚款。", fine, "普通程序", "一般", datetime(2026, 10, 9), "2027年10月8日", "2026/10/12"]


def test_penalty_amounts_lists_and_dry_run(root: Path, tmp_path: Path) -> None:
    book = xlsx(tmp_path / "处罚.xlsx", PENALTY_HEADER,
                [penalty("汾教科罚决字〔2026〕第21号", "1,200元"), penalty("汾教科罚决字〔2026〕第22号", "0.5万元"),
                 penalty("汾教科罚决字〔2026〕第23号", 2000)], title="行政处罚决定信息")
    before = (root / "data/penalties.csv").read_bytes()
    dry = run(root, "import", str(book), "--dataset", "penalties", "--dry-run")
    assert dry.returncode == 0, dry.stdout
    assert "试运行" in dry.stdout and (root / "data/penalties.csv").read_bytes() == before
    plan = plan_import(root, book, "penalties")
    assert plan.ok, plan.problems
    rows = (plan.text or "").splitlines()[-3:]
    assert [r.split(",")[12] for r in rows] == ["1200.00", "5000.00", "2000.00"]
    assert all(",警告;罚款," in r and ",2026-10-09,2027-10-08,2026-10-12," in r for r in rows)


# --- formulas: what the downloads and the export neutralise imports back as the same text -------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from validator.helpers import copy_sample, get_cell  # noqa: E402

from generator.render.downloads import neutralise  # noqa: E402
from generator.staff.fields import TEXT  # noqa: E402
from generator.staff.normalise import canonical  # noqa: E402

FORMULAS = st.sampled_from(["=", "+", "-", "@", "'", "'=", " =", "\t", "＝", "\u3000＋", "=HYPERLINK(\"x\")"])
WORDS = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo", "P", "S")), min_size=1, max_size=10)


def test_a_clerks_quoted_formula_imports_as_the_same_text(root: Path, tmp_path: Path) -> None:
    facts = '=HYPERLINK("https://evil.example/","点击")'
    row = penalty("汾教科罚决字〔2026〕第21号", 1200)
    row[7] = neutralise(facts)  # as the site's download or the export hands it out: '=HYPERLINK(…)
    book = xlsx(tmp_path / "处罚.xlsx", PENALTY_HEADER, [row])
    assert run(root, "import", str(book), "--dataset", "penalties").returncode == 0
    assert get_cell(root, "penalties", "汾教科罚决字〔2026〕第21号", "violation_facts") == facts


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("formulas") / "repo")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=FORMULAS, rest=WORDS, as_csv=st.booleans())
def test_any_neutralised_value_round_trips_through_the_import(shared: Path, tmp_path_factory: pytest.TempPathFactory,
                                                              prefix: str, rest: str, as_csv: bool) -> None:
    value = prefix + rest
    row = penalty("汾教科罚决字〔2026〕第21号", 1200)
    row[7] = neutralise(value)
    folder = tmp_path_factory.mktemp("sheet")
    if as_csv:
        sheet = folder / "处罚.csv"
        out = io.StringIO(newline="")
        csv.writer(out).writerows([PENALTY_HEADER, [str(v) if not isinstance(v, datetime) else v.date().isoformat()
                                                    for v in row]])
        sheet.write_text(out.getvalue(), encoding="utf-8-sig")
    else:
        sheet = xlsx(folder / "处罚.xlsx", PENALTY_HEADER, [row])
    plan = plan_import(shared, sheet, "penalties")
    assert plan.ok, [p.text() for p in plan.problems]
    last = next(csv.reader(io.StringIO((plan.text or "").splitlines()[-1])))
    assert last[8] == canonical(value, TEXT)  # violation_facts: as if the clerk had typed the value as text
