"""`python -m generator template`: a fill-in workbook that imports clean once filled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from commands import BARE, here
from openpyxl import load_workbook
from staff.sheets import uscc

from generator.datasets import BY_NAME
from generator.staff.importer import plan_import
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]


def make(root: Path, name: str, out: Path) -> None:
    result = here("template", name, "--out", str(out), "--root", str(root), env=BARE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_template_has_titles_formats_dropdowns_prompts(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "处罚模板.xlsx"
    make(root, "penalties", out)
    book = load_workbook(out)
    sheet = book.worksheets[0]
    model = BY_NAME["penalties"].model
    assert [c.value for c in sheet[1]] == [info.title for info in model.model_fields.values()]
    assert sheet.freeze_panes == "A2"
    assert book["选项"].sheet_state == "hidden"
    assert sheet.column_dimensions["D"].number_format == "@"  # 统一社会信用代码: Excel keeps all 18 characters
    assert sheet.column_dimensions["R"].number_format == "yyyy-mm-dd"  # 处罚决定日期
    checks = sheet.data_validations.dataValidation
    assert len(checks) == len(model.model_fields)
    lists = {str(c.sqref): c.formula1 for c in checks if c.type == "list"}
    # the enum fields (category, penalty types, procedure, severity, status, hearing held) and the codes
    assert len(lists) == 8
    assert lists["Z2:Z2000"] == "'选项'!$H$2:$H$3"  # 是否举行听证: 是, 否
    assert lists["C2:C2000"] == "'选项'!$A$2:$A$4"
    assert (lists["F2:F2000"], lists["G2:G2000"]) == ("'选项'!$B$2:$B$74", "'选项'!$C$2:$C$13")  # 关联机构, 执法事项
    assert all(c.showInputMessage and len(c.prompt or "") <= 255 and len(c.promptTitle or "") <= 32 for c in checks)
    assert sheet["R2"].value.date() == date(2021, 9, 15) and sheet["R2"].number_format == "yyyy-mm-dd"


def test_filled_template_round_trips_through_import(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "机构模板.xlsx"
    make(root, "institutions", out)
    book = load_workbook(out)
    sheet = book.worksheets[0]
    sheet.append(["fc-0201", "汾川县星火编程培训中心", uscc("52141099MJ5550001"), "教民141099070000201号", "非学科类",
                  "科技", "科技", "民办非企业单位", "山西省临汾市汾川县文昌路9号", "是"])
    sheet.append(["fc-0202", "汾川县墨香书法工作室", uscc("92141099MA0N55502"), None, "非学科类", "文化艺术", "文旅",
                  "个体工商户", "山西省临汾市汾川县新华街8号", "否"])
    book.save(out)
    plan = plan_import(root, out, "institutions")
    assert plan.ok, [p.text() for p in plan.problems]
    assert plan.added == 2 and plan.skipped == ["第 2 行是模板自带的示例，未导入"]
    (root / "data/institutions.csv").write_text(plan.text or "", encoding="utf-8")
    assert validate(root).ok
