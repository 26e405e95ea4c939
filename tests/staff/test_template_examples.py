"""The template's example row is the bureau's own (its numbers, its county), fictional, and what the importer reads."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from validator.helpers import copy_sample, replace_text

from generator.datasets import BY_NAME, DATASETS
from generator.render.downloads import restore
from generator.staff.current import REFERENCES, read_current
from generator.staff.fields import kinds
from generator.staff.normalise import canonical
from generator.staff.read import read_sheet
from generator.staff.template import example_values, is_example, write_template

CSV_DATASETS = [ds for ds in DATASETS if ds.is_csv]
#: What the field docs' examples were written with: another county, or the fictional sample county.
FOREIGN = ("曲教", "曲沃", "汾教", "汾川", "临汾")
#: The sample's data files that hold the sample county's names and numbers.
NUMBERED = ("penalties", "licenses", "policies", "institution_events", "inspection_plans", "inspections")
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c not in "汾曲临沃川教科")


def template_texts(path: Path) -> list[str]:
    """Every text a clerk sees in the data sheet: headers, the example row, the prompts and error messages."""
    sheet = load_workbook(path).worksheets[0]
    texts = [str(c.value) for row in sheet.iter_rows(max_row=2) for c in row if c.value is not None]
    for check in sheet.data_validations.dataValidation:
        texts += [check.prompt or "", check.error or "", check.promptTitle or ""]
    return texts


def example_row(path: Path, name: str, resolve: bool = True) -> dict[str, str]:
    """Row 2 as the importer reads it (canonical cells); a reference cell 「名称（代码）」 as its code (resolve)."""
    ds = BY_NAME[name]
    sheet = read_sheet(path)
    header = [str(cell) for cell in sheet.rows[0][1]]
    keys = {info.title: key for key, info in ds.model.model_fields.items()}
    types = kinds(ds.model)
    row = {}
    for title, raw in zip(header, sheet.rows[1][1], strict=True):
        key = keys[title]
        if resolve and key in REFERENCES and isinstance(raw, str) and raw.endswith("）"):
            row[key] = raw.rsplit("（", 1)[1][:-1]
        elif (text := canonical(restore(raw) if isinstance(raw, str) else raw, types[key])):
            row[key] = text
    return row


@pytest.mark.parametrize(("name", "number"), [("penalties", "汾教科罚决字〔2021〕第3号"),
                                               ("licenses", "汾教科许决字〔2021〕第3号"),
                                               ("policies", "汾教科发〔2021〕12号")])
def test_example_shows_the_bureau_own_number_and_no_other_county(root: Path, tmp_path: Path, name: str,
                                                                   number: str) -> None:
    out = tmp_path / "模板.xlsx"
    write_template(BY_NAME[name], out, read_current(root, BY_NAME[name]))
    assert load_workbook(out).worksheets[0]["A2"].value == number
    assert not [text for text in template_texts(out) if "曲教" in text or "曲沃" in text]


def test_example_follows_the_bureau_own_records_numbering(root: Path, tmp_path: Path) -> None:
    """The issuer and shape of the bureau's most used numbers (here 「襄教罚字[2024]12号」), the doc's year and
    sequence."""
    replace_text(root, "data/penalties.csv", "汾教科罚决字〔", "襄教罚字[", count=30)
    text = (root / "data/penalties.csv").read_text(encoding="utf-8").replace("〕第", "]")
    (root / "data/penalties.csv").write_text(text, encoding="utf-8")
    write_template(BY_NAME["penalties"], tmp_path / "p.xlsx", read_current(root, BY_NAME["penalties"]))
    assert load_workbook(tmp_path / "p.xlsx").worksheets[0]["A2"].value == "襄教罚字[2021]3号"


@pytest.mark.parametrize(("bureau", "penalty", "licence", "title"), [
    ("襄汾县教育局", "襄教罚决字〔2021〕第3号", "襄教许决字〔2021〕第3号", "襄汾县督学聘任与管理办法"),
    ("临汾市尧都区教育科技局", "尧教科罚决字〔2021〕第3号", "尧教科许决字〔2021〕第3号", "尧都区督学聘任与管理办法"),
    (None, "××罚决字〔2021〕第3号", "××许决字〔2021〕第3号", "××县督学聘任与管理办法"),
])
def test_without_records_the_example_is_drawn_from_the_site_settings_or_neutral(
        root: Path, bureau: str | None, penalty: str, licence: str, title: str) -> None:
    for name in NUMBERED:
        _header_only(root, name)
    if bureau:
        replace_text(root, "data/site.yml", "name: 汾川县教育科技局", f"name: {bureau}")
    else:
        (root / "data/site.yml").write_text("bureau: [\n", encoding="utf-8")
    assert example_values(BY_NAME["penalties"], root)["decision_no"] == penalty
    assert example_values(BY_NAME["licenses"], root)["decision_no"] == licence
    assert example_values(BY_NAME["policies"], root)["title"] == title


def test_example_has_nothing_personal_from_the_data(root: Path, tmp_path: Path) -> None:
    people, ids = set(), set()
    for name in ("penalties", "licenses"):
        with (root / f"data/{name}.csv").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                people |= ({row["legal_rep_name"]}
                           | ({row["party_name"]} if row["party_category"] == "自然人" else set()))
                ids.add(row["party_uscc"])
    for name in ("penalties", "licenses", "annual_reviews", "institution_events", "inspections"):
        values = example_values(BY_NAME[name], root)
        shown = " ".join(values.values())
        assert not [p for p in people - {""} if p in shown] and not [i for i in ids - {""} if i in shown]
    institution = example_values(BY_NAME["penalties"], root)["institution_id"]
    with (root / "data/institutions.csv").open(encoding="utf-8", newline="") as f:
        kind = {row["id"]: row["registration_type"] for row in csv.DictReader(f)}[institution]
    assert kind == "民办非企业单位"  # an organisation: its name is no person's


@pytest.mark.parametrize("ds", CSV_DATASETS, ids=lambda ds: ds.name)
def test_example_values_are_what_the_importer_reads_from_the_example_row(root: Path, tmp_path: Path, ds) -> None:
    out = tmp_path / "模板.xlsx"
    write_template(ds, out, read_current(root, ds))
    assert example_row(out, ds.name) == example_values(ds, root)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample")) / "data"


#: A county's own name holds no unit word in the middle (「丁县一县」 is two places, the last of which is meant).
PLACE = st.text(HAN.filter(lambda c: c not in "县区市旗州省盟"), min_size=1, max_size=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=PLACE, unit=st.sampled_from(["县", "区", "市", "旗", "自治县"]),
       tech=st.booleans(), records=st.booleans(), issuer=st.text(HAN, min_size=1, max_size=4),
       brackets=st.sampled_from(["〔〕", "[]", "【】", "（）"]), sequence=st.sampled_from(["第{}号", "{}号"]))
def test_no_template_shows_another_county(sample: Path, tmp_path: Path, place: str, unit: str, tech: bool,
                                          records: bool, issuer: str, brackets: str, sequence: str) -> None:
    """Any bureau, with or without records of its own: no example or prompt of any template carries the docs'
    county (曲沃县, 汾川县) or its numbers; a decision number starts with the bureau's own issuer."""
    root = tmp_path / f"t{abs(hash((place, unit, tech, records, issuer, brackets, sequence)))}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(sample, root / "data")  # the data alone: a template reads nothing else
    county = place + unit
    bureau = f"{county}教育{'科技' if tech else ''}局"
    replace_text(root, "data/site.yml", "name: 汾川县教育科技局", f"name: {bureau}")
    own = issuer + "罚决字"
    for name in (*NUMBERED, "institutions", "annual_reviews"):
        path = root / f"data/{name}.csv"
        text = path.read_text(encoding="utf-8").replace("汾教科罚决字〔", own + brackets[0])
        for old, new in (("汾教科", issuer), ("汾教", issuer), ("汾川县", county), ("临汾市", "某市")):
            text = text.replace(old, new)
        path.write_text(text.replace("〕第", brackets[1] + sequence.split("{}")[0]), encoding="utf-8")
        if not records and name in NUMBERED:
            _header_only(root, name)
    for ds in CSV_DATASETS:
        out = root / f"{ds.name}.xlsx"
        write_template(ds, out, read_current(root, ds))
        assert not [t for t in template_texts(out) if any(word in t for word in FOREIGN)], ds.name
    penalty = example_values(BY_NAME["penalties"], root)["decision_no"]
    expected = own + brackets[0] if records else place[0] + "教" + ("科" if tech else "") + "罚决字〔"
    assert penalty.startswith(expected), penalty


def _header_only(root: Path, name: str) -> None:
    path = root / f"data/{name}.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")



@pytest.mark.parametrize("ds", CSV_DATASETS, ids=lambda ds: ds.name)
def test_an_old_template_example_row_is_recognised_after_the_data_moved_on(root: Path, tmp_path: Path, ds) -> None:
    """Templates are kept and reused: the example row is still recognised when the bureau's name, its numbers and
    its first institution have changed since, names resolved to codes or not, with columns deleted."""
    out = tmp_path / "模板.xlsx"
    write_template(ds, out, read_current(root, ds))
    # what the data's move changes: the county's name and numbers, the first institution
    moved = [value for value in example_values(ds, root).values() if "汾川" in value or "汾教" in value
             or value == "fc-0001"]
    replace_text(root, "data/site.yml", "name: 汾川县教育科技局", "name: 襄汾县教育局")
    for name in NUMBERED:
        path = root / f"data/{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("汾教", "襄教"), encoding="utf-8")
    path = root / "data/institutions.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("fc-0001,")), encoding="utf-8")
    assert example_row(out, ds.name) != example_values(ds, root) or not moved, moved  # else the test proves nothing
    for resolve in (True, False):
        row = example_row(out, ds.name, resolve)
        assert is_example(ds, row)
        assert is_example(ds, {key: value for i, (key, value) in enumerate(row.items()) if i % 3})


@pytest.mark.parametrize("ds", CSV_DATASETS, ids=lambda ds: ds.name)
def test_no_record_of_the_data_is_taken_for_an_example(root: Path, ds) -> None:
    with (root / ds.path).open(encoding="utf-8", newline="") as f:
        rows = [{key: value for key, value in row.items() if value} for row in csv.DictReader(f)]
    assert rows and not [row for row in rows if is_example(ds, row)]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_row_differing_from_the_example_in_any_fixed_field_is_imported(data: st.DataObject) -> None:
    ds = data.draw(st.sampled_from(CSV_DATASETS), label="dataset")
    row = example_values(ds)
    types = kinds(ds.model)
    fixed = [key for key, value in row.items()
             if key not in REFERENCES and (value.startswith("示例") or types[key] == "date")]
    assert [key for key in fixed if row[key].startswith("示例")], ds.name  # a text no real row has
    key = data.draw(st.sampled_from(fixed), label="field")
    other = data.draw(st.text(min_size=1).filter(lambda v: v != row[key]), label="value")
    assert is_example(ds, row) and not is_example(ds, {**row, key: other})
