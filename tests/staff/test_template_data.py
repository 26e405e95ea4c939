"""`python -m generator template`: dropdowns of the current matters and institutions, the dataset marker, and a
template made (with a note) when the data has errors elsewhere."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
import python_calamine
import yaml
from commands import BARE, here
from openpyxl import load_workbook
from validator.helpers import append_rows, replace_text

from generator.datasets import DATASETS
from generator.staff.template import LISTS_SHEET, MARKER_SHEET, MARKER_TAG

PROJECT = Path(__file__).resolve().parents[2]
CSV_DATASETS = [ds.name for ds in DATASETS if ds.is_csv]


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return here(*args, cwd=root, env=BARE)


def make(root: Path, name: str, out: Path) -> str:
    done = run(root, "template", name, "--out", str(out), "--root", str(root))
    assert (done.returncode, done.stderr) == (0, ""), done.stdout + done.stderr
    return done.stdout


def matters(root: Path, category: str) -> list[str]:
    items = yaml.safe_load((root / "data/enforcement_matters.yaml").read_text(encoding="utf-8"))["matters"]
    return [f"{m['name']}（{m['code']}）" for m in items if m["category"] == category]


def institutions(root: Path) -> list[str]:
    with (root / "data/institutions.csv").open(encoding="utf-8", newline="") as f:
        return [f"{row['name']}（{row['id']}）" for row in csv.DictReader(f)]


def dropdown(path: Path, title: str) -> tuple[list[str], list[str], object]:
    """The entries of the dropdown under the header `title`, as openpyxl and as calamine read them, and its check."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    col = [c.value for c in sheet[1]].index(title) + 1
    letter = sheet.cell(1, col).column_letter
    [check] = [c for c in sheet.data_validations.dataValidation if str(c.sqref) == f"{letter}2:{letter}2000"]
    target = check.formula1.split("!")[1].replace("$", "")
    first, last = target.split(":")
    assert first[0] == last[0] and first[1:] == "2", check.formula1
    lists = book[LISTS_SHEET]
    by_openpyxl = [lists[f"{first[0]}{row}"].value for row in range(2, int(last[1:]) + 1)]
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(LISTS_SHEET).to_python()
    index = ord(first[0]) - ord("A")
    by_calamine = [row[index] for row in rows[1:] if index < len(row) and row[index] != ""]
    assert lists[f"{first[0]}1"].value == title and lists[f"{first[0]}{int(last[1:]) + 1}"].value is None
    return by_openpyxl, by_calamine, check


@pytest.mark.parametrize(("name", "category"), [("penalties", "行政处罚"), ("licenses", "行政许可")])
def test_matter_dropdown_lists_every_matter_of_the_category_by_name_and_code(root: Path, tmp_path: Path, name: str,
                                                                            category: str) -> None:
    out = tmp_path / f"{name}.xlsx"
    make(root, name, out)
    by_openpyxl, by_calamine, check = dropdown(out, "执法事项编码")
    assert by_openpyxl == by_calamine == matters(root, category) and len(by_openpyxl) > 4
    assert check.errorStyle in (None, "stop") and "data/enforcement_matters.yaml" in check.error  # every code listed


@pytest.mark.parametrize(("name", "title"), [("penalties", "关联机构"), ("licenses", "关联机构"),
                                             ("institution_events", "机构编号"), ("inspections", "机构编号"),
                                             ("annual_reviews", "关联机构")])
def test_institution_dropdown_lists_the_current_institutions_and_lets_a_new_one_be_typed(
        root: Path, tmp_path: Path, name: str, title: str) -> None:
    append_rows(root, "institutions", {"id": "fc-0900", "name": "汾川县\"星火\",编程=培训（总部）中心",
                                       "training_type": "非学科类", "subcategory": "科技", "competent_dept": "科技",
                                       "registration_type": "未登记", "address": "山西省临汾市汾川县文昌路9号"})
    out = tmp_path / f"{name}.xlsx"
    make(root, name, out)
    by_openpyxl, by_calamine, check = dropdown(out, title)
    assert by_openpyxl == by_calamine == institutions(root)
    assert by_openpyxl[-1] == "汾川县\"星火\",编程=培训（总部）中心（fc-0900）"  # the data as it is now
    assert check.errorStyle == "warning" and "统一社会信用代码" in check.error and len(check.error) <= 255
    assert "名称（代码）" in check.prompt and len(check.prompt) <= 255


@pytest.mark.parametrize("name", CSV_DATASETS)
def test_every_template_carries_its_dataset_on_a_very_hidden_marker_sheet(root: Path, tmp_path: Path,
                                                                         name: str) -> None:
    out = tmp_path / "模板.xlsx"
    make(root, name, out)
    book = python_calamine.CalamineWorkbook.from_path(str(out))
    shown = {m.name: str(m.visible).rsplit(".", 1)[-1] for m in book.sheets_metadata}
    assert next(iter(shown.values())) == "Visible"
    assert (shown[LISTS_SHEET], shown[MARKER_SHEET]) == ("Hidden", "VeryHidden")
    assert book.get_sheet_by_name(MARKER_SHEET).to_python() == [[MARKER_TAG, name]]
    sheet = load_workbook(out)[MARKER_SHEET]
    assert (sheet.sheet_state, sheet["A1"].value, sheet["B1"].value) == \
        ("veryHidden", "transparency-publisher-dataset", name)


def test_template_is_made_when_the_data_has_errors_elsewhere_and_says_what_was_left_out(root: Path,
                                                                                        tmp_path: Path) -> None:
    replace_text(root, "data/institutions.csv", "fc-0002,汾川县博雅文化培训学校,52141099MJ8361897L",
                 "fc-0002,汾川县博雅文化培训学校,52141099MJ8361897X")  # a wrong check character: the row is refused
    replace_text(root, "data/penalties.csv", "汾教科罚决字〔2021〕第2号,",
                 "汾教科罚决字〔2021〕第2号,,")  # a ragged row
    (root / "data/enforcement_matters.yaml").write_text("matters: [\n", encoding="utf-8")
    out = tmp_path / "处罚.xlsx"
    said = make(root, "penalties", out).splitlines()
    assert said == [
        "注意：data/enforcement_matters.yaml 有 1 处错误，出错的记录没有列入下拉列表：请运行 `python -m generator "
        "validate` 查看并改正",
        "注意：data/institutions.csv 有 1 处错误，出错的记录没有列入下拉列表：请运行 `python -m generator validate` "
        "查看并改正",
        "注意：读不出 data/enforcement_matters.yaml，模板中「执法事项编码」一列没有下拉列表",
        f"已生成填报模板：{out}（行政处罚决定；填好后用 `python -m generator import {out} --dataset penalties` 导入）"]
    by_openpyxl, _by_calamine, _check = dropdown(out, "关联机构")
    assert by_openpyxl == [entry for entry in institutions(root) if not entry.endswith("（fc-0002）")]
    sheet = load_workbook(out).worksheets[0]
    assert "G2:G2000" not in {str(c.sqref) for c in sheet.data_validations.dataValidation if c.type == "list"}


def test_template_outside_a_data_repository_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    done = run(tmp_path, "template", "penalties", "--out", "模板.xlsx")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (f"用法错误：{tmp_path.resolve()} 中没有 data/ 文件夹：模板的下拉列表和示例取自数据，"
                           "请在数据仓库的根目录运行，或用 --root 指定数据仓库\n")
    assert list(tmp_path.iterdir()) == []


def test_a_broken_site_file_is_said_and_the_example_number_is_neutral(root: Path, tmp_path: Path) -> None:
    for name in ("penalties", "licenses"):  # no numbers of its own either: the example can only be neutral
        path = root / f"data/{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    (root / "data/site.yml").write_text("bureau:\n  name: [\n", encoding="utf-8")
    out = tmp_path / "许可.xlsx"
    said = make(root, "licenses", out).splitlines()
    assert said[0] == ("注意：data/site.yml 有 1 处错误，示例行可能以「××」代替本局的文号和县名：请运行 `python -m "
                       "generator validate` 查看并改正")
    assert len(said) == 2 and load_workbook(out).worksheets[0]["A2"].value == "××许决字〔2021〕第3号"
