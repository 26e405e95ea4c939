"""A template's dropdown lists read back exactly, whatever the names, and each dropdown points at its whole list."""

from __future__ import annotations

import re
from pathlib import Path

import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from generator.datasets import BY_NAME
from generator.read.sources import CONTROL
from generator.staff.current import Current, Option, entry, split_entry
from generator.staff.template import LISTS_SHEET, TEMPLATE_ROWS, write_template

#: Names as data files can hold them (read refuses control and direction characters; the model trims the ends),
#: weighted towards what breaks spreadsheets: quotes, commas, brackets, formula starts, separators, line breaks and
#: the spreadsheet's own escapes (a literal 「_x0041_」 is shown as 「A」 unless escaped).
TRICKY = ["\"", "'", ",", "，", ";", "=", "+", "-", "@", "（", "）", "(", ")", "【", "】", "[", "]", "<", "&", "\\",
          " ", "　", "「", "」", "_x0041_", "_x005F_", "_x000D_", "_", "\r", "\r\n", "\n", "\t"]
FRAGMENTS = st.one_of(st.sampled_from(TRICKY), st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                      st.characters(blacklist_categories=("Cs", "Cc", "Cf"), blacklist_characters="\ufffe\uffff")
                      .filter(lambda c: not CONTROL.match(c)))
LONG = st.tuples(st.lists(FRAGMENTS, min_size=1, max_size=8), st.integers(60, 400)).map(lambda t: t[0] * t[1])
NAMES = st.one_of(st.lists(FRAGMENTS, min_size=1, max_size=30), LONG).map("".join).map(str.strip).filter(bool)
PENALTIES = BY_NAME["penalties"]


def _options(names: list[str], bulk: int, prefix: str, category: str = "") -> tuple[Option, ...]:
    made = [Option(f"{prefix}-{i:05d}", name, category) for i, name in enumerate(names)]
    made += [Option(f"{prefix}-b{i:05d}", f"批量机构{i}号，\"分校\"（第{i}校区）", category) for i in range(bulk)]
    return tuple(made)


def _read_back(path: Path, title: str) -> tuple[str, list[str], list[str]]:
    """The dropdown's formula, and the list it points at as openpyxl and calamine read it."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    col = [c.value for c in sheet[1]].index(title) + 1
    letter = sheet.cell(1, col).column_letter
    [check] = [c for c in sheet.data_validations.dataValidation if str(c.sqref) == f"{letter}2:{letter}{TEMPLATE_ROWS}"]
    target = re.fullmatch(r"'选项'!\$([A-Z]+)\$2:\$\1\$(\d+)", check.formula1)
    assert target, check.formula1
    column, last = target.group(1), int(target.group(2))
    lists = book[LISTS_SHEET]
    assert lists[f"{column}1"].value == title and lists[f"{column}{last + 1}"].value is None  # the list ends there
    # openpyxl gives the text as stored; decoded as the standard says (ST_Xstring), it is what Excel and calamine show
    by_openpyxl = [unescape(lists[f"{column}{row}"].value) for row in range(2, last + 1)]
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(LISTS_SHEET).to_python()
    index = lists[f"{column}1"].column - 1
    by_calamine = [row[index] for row in rows[1:last] if index < len(row)]
    return check.formula1, by_openpyxl, by_calamine


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(matter_names=st.lists(NAMES, min_size=1, max_size=12), institution_names=st.lists(NAMES, max_size=12),
       bulk=st.sampled_from([0, 0, 40, 3000]))
def test_lists_read_back_exactly_and_the_dropdown_points_at_the_whole_list(tmp_path: Path, matter_names: list[str],
                                                                           institution_names: list[str],
                                                                           bulk: int) -> None:
    matters = (_options(matter_names, 0, "141099-JY-CF", "行政处罚")
               + _options(["某项许可"], 0, "141099-JY-XK", "行政许可"))
    institutions = _options(institution_names, bulk, "jg")
    out = tmp_path / "处罚.xlsx"
    write_template(PENALTIES, out, Current(options={"enforcement_matters": matters, "institutions": institutions}))
    formula, by_openpyxl, by_calamine = _read_back(out, "执法事项编码")
    assert by_openpyxl == by_calamine == [f"{m.name}（{m.code}）" for m in matters if m.category == "行政处罚"]
    if institutions:
        formula, by_openpyxl, by_calamine = _read_back(out, "关联机构")
        assert by_openpyxl == by_calamine == [f"{i.name}（{i.code}）" for i in institutions]
        assert formula.endswith(f"${len(institutions) + 1}")


def test_characters_xml_cannot_hold_leave_a_readable_file(tmp_path: Path) -> None:
    """U+FFFE and U+FFFF made the file unreadable (openpyxl wrote them raw); escaped, it opens and the code is kept."""
    out = tmp_path / "处罚.xlsx"
    matters = (Option("0101", "事项\ufffe\uffff", "行政处罚"),)
    write_template(PENALTIES, out, Current(options={"enforcement_matters": matters, "institutions": ()}))
    _formula, by_openpyxl, by_calamine = _read_back(out, "执法事项编码")
    assert by_openpyxl == ["事项\ufffe\uffff（0101）"] and by_calamine == ["事项_xFFFE__xFFFF_（0101）"]


def test_thousands_of_institutions_are_one_range_not_an_inline_list(tmp_path: Path) -> None:
    """Excel caps an inline list at 255 characters: a county's institutions are a range of the list sheet."""
    institutions = _options([], 6000, "jg")
    out = tmp_path / "处罚.xlsx"
    write_template(PENALTIES, out, Current(options={"enforcement_matters": (), "institutions": institutions}))
    formula, by_openpyxl, by_calamine = _read_back(out, "关联机构")
    assert formula == "'选项'!$B$2:$B$6001"  # column A: 行政相对人类别
    assert by_openpyxl == by_calamine == [option.entry for option in institutions]


@settings(max_examples=60, deadline=None)
@given(name=NAMES, code=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="（）"), min_size=1))
def test_an_entry_splits_back_into_its_name_and_code(name: str, code: str) -> None:
    assert split_entry(entry(name, code)) == (name, code)
    assert split_entry(name.replace("（", "(").replace("）", ")")) is None
