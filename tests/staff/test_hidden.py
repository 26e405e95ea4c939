"""Reading a clerk's sheet: the rows, columns and sheets Excel, WPS or LibreOffice hide are known to the import
(the reader reads hidden cells like any other), and a hidden sheet is never read without a word.

Every file is real: openpyxl and xlwt write what Excel and WPS save, the .ods what LibreOffice saves, and the
crafted .xlsx parts hold each way Excel itself marks a line hidden (hidden="1", a height or width of 0, rows
hidden by default)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from staff.crafted import biff_records, patch_record, xlsx_part
from staff.sheets import hiding_book, ods_book, ods_tables

from generator.datasets import BY_NAME
from generator.read.sources import column_letter
from generator.staff.bounds import Hidden, Limits
from generator.staff.read import TEMPLATE_SHEETS, Unreadable, hidden_cells, read_sheet
from generator.staff.template import LISTS_SHEET, write_template
from generator.staff.workbook import check_book

#: Limits far below the real ones: a line hidden beyond them costs nothing, and is never a line of the answer.
SMALL = Limits(rows=60, columns=12, cells=300)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FORMS = [".xlsx", ".xls", ".ods"]
ROWS = [["机构编号", "机构名称", "备注", "内部意见", "负责人"], ["jg-0001", "阳光培训学校", "", "草稿", "王某"],
        ["jg-0002", "星火编程中心", "已核", "", "李某"], ["jg-0003", "墨香书法工作室", "", "作废", "赵某"]]


def _values(sheet) -> dict[tuple[int, int], object]:
    return {(line, col): cell for line, cells in sheet.rows for col, cell in enumerate(cells, 1) if cell != ""}


# --- hidden rows and columns, as each program saves them ---------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMS)
def test_hidden_rows_and_columns_are_read_and_located(tmp_path: Path, suffix: str) -> None:
    book = hiding_book(tmp_path / f"机构{suffix}", ROWS, hidden_rows=[2, 4], hidden_cols=[4])
    sheet = read_sheet(book)
    assert (sheet.hidden_rows, sheet.hidden_cols, sheet.hidden_sheets) == ({2, 4}, {4}, ())
    assert _values(sheet)[(2, 4)] == "草稿"  # the reader reads hidden cells: only these sets tell them apart
    found = hidden_cells(sheet)
    assert [(row, col) for row, col, _m in found] == [(2, 1), (4, 1), (1, 4)]
    assert found[0][2].startswith("这一行在 Excel/WPS 中是隐藏的") and "「取消隐藏」" in found[0][2]
    assert found[2][2].startswith("D 列在 Excel/WPS 中是隐藏的") and "整列删除" in found[2][2]


@pytest.mark.parametrize("suffix", FORMS)
def test_a_sheet_hiding_nothing_has_nothing_to_locate(tmp_path: Path, suffix: str) -> None:
    sheet = read_sheet(hiding_book(tmp_path / f"机构{suffix}", ROWS))
    assert (sheet.hidden_rows, sheet.hidden_cols, hidden_cells(sheet)) == (frozenset(), frozenset(), [])


def test_rows_hidden_by_an_autofilter_are_hidden(tmp_path: Path) -> None:
    """Excel saves a filtered-out row as a hidden row under the sheet's autoFilter: openpyxl writes the same."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    for row in ROWS:
        ws.append(row)
    ws.auto_filter.ref = "A1:E4"
    ws.auto_filter.add_filter_column(2, ["已核"])
    for line in (2, 4):  # the rows whose 备注 is not 已核
        ws.row_dimensions[line].hidden = True
    book.save(tmp_path / "筛选.xlsx")
    sheet = read_sheet(tmp_path / "筛选.xlsx")
    assert (sheet.hidden_rows, sheet.hidden_cols) == ({2, 4}, frozenset())


def test_an_ods_row_filtered_out_is_hidden(tmp_path: Path) -> None:
    rows = "".join(f'<table:table-row table:visibility="{state}"><table:table-cell office:value-type="string">'
                   f"<text:p>{text}</text:p></table:table-cell></table:table-row>"
                   for state, text in [("visible", "机构编号"), ("filter", "jg-0001"), ("collapse", "jg-0002"),
                                       ("visible", "jg-0003")])
    sheet = read_sheet(ods_book(tmp_path / "筛选.ods", rows))
    assert sheet.hidden_rows == {2, 3}


def test_each_sheet_of_a_workbook_has_its_own_hidden_lines(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "一月"
    second = book.create_sheet("二月")
    for ws in (first, second):
        for row in ROWS:
            ws.append(row)
    first.row_dimensions[2].hidden = True
    second.row_dimensions[3].hidden = True
    second.column_dimensions["B"].hidden = True
    book.save(tmp_path / "两月.xlsx")
    assert check_book((tmp_path / "两月.xlsx").read_bytes()) == {
        "一月": Hidden(frozenset({2}), frozenset()), "二月": Hidden(frozenset({3}), frozenset({2}))}
    assert read_sheet(tmp_path / "两月.xlsx", "二月").hidden_rows == {3}


def test_an_excel_95_workbook_whose_names_the_readers_spell_differently_keeps_its_hidden_rows(tmp_path: Path) -> None:
    """The BIFF5 sheet name is read differently by the two readers: the sheet's place in the workbook decides."""
    book = hiding_book(tmp_path / "旧.xls", [["a"], ["b"], ["c"]], hidden_rows=[2], sheet="Ab")
    data = bytearray(book.read_bytes())
    for pos, kind, _size in biff_records(bytes(data)):
        if kind == 0x0809:  # every BOF: version 5
            struct.pack_into("<H", data, pos + 4, 0x0500)
    book.write_bytes(bytes(data))
    sheet = read_sheet(book)
    assert sheet.name != "Ab" and sheet.hidden_rows == {2}


def test_our_own_template_hides_no_line_and_no_sheet_worth_a_mention(tmp_path: Path) -> None:
    assert LISTS_SHEET in TEMPLATE_SHEETS
    write_template(BY_NAME["penalties"], tmp_path / "处罚模板.xlsx")
    sheet = read_sheet(tmp_path / "处罚模板.xlsx")
    assert (sheet.name, sheet.hidden_rows, sheet.hidden_cols, sheet.hidden_sheets) == (
        BY_NAME["penalties"].title[:31], frozenset(), frozenset(), ())


# --- any hidden lines, read back exactly --------------------------------------------------------------------------

grids = st.tuples(st.integers(1, 9), st.integers(1, 6))


@PROPERTY
@given(grid=grids, data=st.data(), suffix=st.sampled_from(FORMS))
def test_any_hidden_rows_and_columns_are_read_back_exactly(tmp_path: Path, grid: tuple[int, int], data,
                                                          suffix: str) -> None:
    """Any rows and columns hidden, as each program saves them; lines hidden beyond the last value are no part of
    the sheet the reader reads, and are left out."""
    rows, cols = grid
    filled = data.draw(st.sets(st.tuples(st.integers(1, rows), st.integers(1, cols)), max_size=rows * cols))
    values = {cell: f"v{cell[0]}-{cell[1]}" for cell in filled | {(rows, cols)}}
    hidden_rows = data.draw(st.sets(st.integers(1, rows + 3)))
    hidden_cols = data.draw(st.sets(st.integers(1, cols + 3)))
    table = [[values.get((r, c), "") for c in range(1, cols + 1)] for r in range(1, rows + 1)]
    sheet = read_sheet(hiding_book(tmp_path / f"any{suffix}", table, hidden_rows, hidden_cols), limits=SMALL)
    assert _values(sheet) == values
    assert sheet.hidden_rows == {r for r in hidden_rows if r <= rows}
    assert sheet.hidden_cols == {c for c in hidden_cols if c <= cols}
    located = {(row, col) for row, col, _m in hidden_cells(sheet)}
    assert located == ({(r, min(c for rr, c in values if rr == r)) for r, _c in values if r in hidden_rows}
                       | {(min(r for r, cc in values if cc == c), c) for _r, c in values if c in hidden_cols})


_ROW_WAYS = {"shown": "", "hidden": ' hidden="1"', "hidden-true": ' hidden="true"',
             "no-height": ' ht="0" customHeight="1"'}
_COL_WAYS = {"shown": ' width="12" customWidth="1"', "hidden": ' hidden="1" width="0"', "hidden-true": ' hidden="true"',
             "no-width": ' width="0" customWidth="1"'}


@PROPERTY
@given(grid=grids, data=st.data(), by_default=st.booleans())
def test_any_way_excel_marks_a_line_hidden_is_read(tmp_path: Path, grid: tuple[int, int], data,
                                                   by_default: bool) -> None:
    """hidden="1" or "true", a height or width of 0, ranges of columns (up to XFD), rows without an r attribute,
    and zeroHeight: every row the sheet does not list is hidden (what Excel writes after 「隐藏」 of all rows below)."""
    rows, cols = grid
    values = {(r, c): f"v{r}-{c}" for r in range(1, rows + 1) for c in range(1, cols + 1)
              if data.draw(st.booleans()) or (r, c) == (rows, cols)}
    expected_rows, body, last = set(), "", 0
    for r in range(1, rows + 4):
        listed = any(rr == r for rr, _c in values) or data.draw(st.booleans())
        if not listed:
            expected_rows |= {r} if by_default else set()
            continue
        way = data.draw(st.sampled_from(sorted(_ROW_WAYS)))
        expected_rows |= {r} if way != "shown" else set()
        ref = "" if r == last + 1 and data.draw(st.booleans()) else f' r="{r}"'
        cells = "".join(f'<c r="{column_letter(c)}{r}" t="inlineStr"><is><t>{text}</t></is></c>'
                        for (rr, c), text in sorted(values.items()) if rr == r)
        body, last = body + f"<row{ref}{_ROW_WAYS[way]}>{cells}</row>", r
    expected_cols, spans, first = set(), "", 1
    while first <= cols + 3:
        last = data.draw(st.sampled_from([first, first + 1, first + 2, 16_384]))
        way = data.draw(st.sampled_from([None, *sorted(_COL_WAYS)]))
        if way is not None:
            spans += f'<col min="{first}" max="{last}"{_COL_WAYS[way]}/>'
            expected_cols |= set(range(first, last + 1)) if way != "shown" else set()
        first = last + 1
    head = '<sheetFormatPr defaultRowHeight="15" zeroHeight="1"/>' if by_default else ""
    book = xlsx_part(tmp_path / "excel.xlsx", f"{head}<cols>{spans}</cols><sheetData>{body}</sheetData>"
                     if spans else f"{head}<sheetData>{body}</sheetData>")
    sheet = read_sheet(book, limits=SMALL)
    assert _values(sheet) == values
    assert sheet.hidden_rows == {r for r in expected_rows if r <= rows}
    assert sheet.hidden_cols == {c for c in expected_cols if c <= cols}


@PROPERTY
@given(grid=grids, data=st.data())
def test_any_ods_repetition_of_hidden_lines_counts_as_what_it_repeats(tmp_path: Path, grid: tuple[int, int],
                                                                      data) -> None:
    """LibreOffice writes runs of alike rows and columns once, repeated; collapse (hidden) and filter (filtered
    out) both hide; header rows and column groups count like any other."""
    rows, cols = grid
    states = ["visible", "collapse", "filter"]
    col_xml, expected_cols, at = "", set(), 0
    while at < cols + 2:
        repeat, state = data.draw(st.integers(1, 4)), data.draw(st.sampled_from(states))
        attrs = (f' table:number-columns-repeated="{repeat}"' if repeat > 1 else "") + f' table:visibility="{state}"'
        wrap = data.draw(st.sampled_from(["", "table:table-header-columns", "table:table-column-group"]))
        column = f"<table:table-column{attrs}/>"
        col_xml += f"<{wrap}>{column}</{wrap}>" if wrap else column
        expected_cols |= set(range(at + 1, at + repeat + 1)) if state != "visible" else set()
        at += repeat
    row_xml, expected_rows, at = "", set(), 0
    while at < rows:
        repeat, state = data.draw(st.integers(1, rows - at)), data.draw(st.sampled_from(states))
        attrs = (f' table:number-rows-repeated="{repeat}"' if repeat > 1 else "") + f' table:visibility="{state}"'
        cells = (f'<table:table-cell table:number-columns-repeated="{cols}" office:value-type="string">'
                 f"<text:p>r{at + 1}</text:p></table:table-cell>")  # a value in every column of every row repeated
        wrap = data.draw(st.sampled_from(["", "table:table-header-rows", "table:table-row-group"]))
        row = f"<table:table-row{attrs}>{cells}</table:table-row>"
        row_xml += f"<{wrap}>{row}</{wrap}>" if wrap else row
        expected_rows |= set(range(at + 1, at + repeat + 1)) if state != "visible" else set()
        at += repeat
    row_xml += ('<table:table-row table:number-rows-repeated="1000" table:visibility="collapse"><table:table-cell/>'
                "</table:table-row>")  # what is left of the sheet, hidden by a tidy clerk: no part of it
    sheet = read_sheet(ods_book(tmp_path / "any.ods", col_xml + row_xml), limits=SMALL)
    assert set(_values(sheet)) == {(r, c) for r in range(1, rows + 1) for c in range(1, cols + 1)}
    assert sheet.hidden_rows == expected_rows
    assert sheet.hidden_cols == {c for c in expected_cols if c <= cols}


@PROPERTY
@given(rows=st.integers(1, 9), data=st.data())
def test_xls_rows_hidden_by_default_and_columns_of_no_width_are_hidden(tmp_path: Path, rows: int,
                                                                       data) -> None:
    """DEFAULTROWHEIGHT's fDyZero hides every row without a ROW record; a COLINFO of width 0 hides its columns."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    ws = workbook.add_sheet("Sheet1")
    filled = {r for r in range(1, rows + 1) if data.draw(st.booleans())} | {rows}
    listed = filled | {r for r in range(1, rows + 1) if data.draw(st.booleans())}
    hidden = {r for r in listed if data.draw(st.booleans())}
    for r in listed:
        ws.row(r - 1).hidden = r in hidden
    for r in filled:
        ws.write(r - 1, 0, f"r{r}")
        ws.write(r - 1, 3, "d")
    narrow = data.draw(st.sets(st.integers(1, 4)))
    for col in narrow:
        ws.col(col - 1).width = 0
    workbook.save(str(tmp_path / "default.xls"))
    book = patch_record(tmp_path / "default.xls", 0x0225, 0, "<H", 0x0002)
    sheet = read_sheet(book, limits=SMALL)
    assert sheet.hidden_rows == hidden | (set(range(1, rows + 1)) - listed)
    assert sheet.hidden_cols == narrow


def test_lines_hidden_far_beyond_the_values_cost_no_more_than_the_limits(tmp_path: Path) -> None:
    """A range of columns up to XFD, a row at 1048576 and every row hidden by default: clipped to the limits while
    read, and to the values' rectangle in the answer."""
    body = ('<sheetFormatPr zeroHeight="1"/><cols><col min="2" max="16384" hidden="1"/></cols><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c>'
            '</row><row r="3"><c r="A3" t="inlineStr"><is><t>b</t></is></c></row><row r="1048576" hidden="1"/>'
            "</sheetData>")
    sheet = read_sheet(xlsx_part(tmp_path / "far.xlsx", body), limits=SMALL)
    assert (sheet.hidden_rows, sheet.hidden_cols) == ({2}, {2, 3})
    far = ('<table:table-row table:number-rows-repeated="1048575" table:visibility="collapse">'
           '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
    sheet = read_sheet(ods_book(tmp_path / "far.ods", '<table:table-column table:number-columns-repeated="16384" '
                                'table:visibility="collapse"/><table:table-row><table:table-cell office:value-type='
                                '"string"><text:p>a</text:p></table:table-cell></table:table-row>' + far),
                       limits=SMALL)
    assert (sheet.hidden_rows, sheet.hidden_cols) == (frozenset(), {1})


# --- hidden sheets --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMS)
def test_the_first_visible_sheet_is_read_and_the_other_hidden_ones_named(tmp_path: Path, suffix: str) -> None:
    before = (("旧表", "hidden"), ("深藏", "veryHidden"), (LISTS_SHEET, "hidden"), ("_dataset", "veryHidden"))
    book = hiding_book(tmp_path / f"多表{suffix}", ROWS, sheet="本月", before=before)
    sheet = read_sheet(book)
    assert (sheet.name, sheet.hidden_sheets) == ("本月", ("旧表", "深藏"))
    assert sheet.rows[0] == (1, ROWS[0])


@pytest.mark.parametrize("suffix", FORMS)
def test_a_hidden_sheet_named_on_the_command_line_is_refused(tmp_path: Path, suffix: str) -> None:
    book = hiding_book(tmp_path / f"多表{suffix}", ROWS, sheet="本月", before=(("旧表", "hidden"),))
    with pytest.raises(Unreadable) as caught:
        read_sheet(book, "旧表")
    assert str(caught.value) == (
        "工作表「旧表」是隐藏的工作表（在 Excel/WPS 中看不到它，里面可能是旧的或草稿数据），不能导入：请在 Excel/WPS 中"
        "右键任一工作表标签 →「取消隐藏」，选中「旧表」，核对内容后保存再导入；不需要这个工作表时，取消隐藏后把它删除")
    assert read_sheet(book, "本月").hidden_sheets == ("旧表",)


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_a_very_hidden_sheet_named_on_the_command_line_is_refused(tmp_path: Path, suffix: str) -> None:
    book = hiding_book(tmp_path / f"多表{suffix}", ROWS, sheet="本月", before=(("深藏", "veryHidden"),))
    with pytest.raises(Unreadable) as caught:
        read_sheet(book, "深藏")
    assert str(caught.value).startswith("工作表「深藏」被设为「深度隐藏」（veryHidden：在 Excel/WPS 的「取消隐藏」"
                                        "列表中也看不到）")
    assert "Alt+F11" in str(caught.value)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_a_workbook_whose_every_sheet_is_hidden_is_refused(tmp_path: Path, suffix: str) -> None:
    """Excel never saves one (a workbook keeps a visible sheet), but another program may."""
    if suffix == ".ods":
        book = ods_tables(tmp_path / "全藏.ods", [("甲", "<table:table-row/>", True),
                                                  ("乙", "<table:table-row/>", True)])
    else:
        book = hiding_book(tmp_path / "全藏.xls", [["x"]], before=(("甲", "hidden"),))
        book = patch_record(book, 0x0085, 4, "<B", 1)  # the last sheet (BOUNDSHEET hsState) hidden too
    with pytest.raises(Unreadable) as caught:
        read_sheet(book)
    assert str(caught.value).startswith("文件中没有可见的工作表（工作表「甲」「")
    assert "「取消隐藏」" in str(caught.value)
