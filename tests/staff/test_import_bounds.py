"""`import` does bounded work whatever the file: sizes, parts and cell extents are checked before the reader opens
it, a pipe or a device is never read, and every refusal is one located line with nothing written.

Files that would make the reader (calamine) abort the whole process run only in a child process here, so a
regression kills the child, not pytest; the property tests use lowered limits, where an over-limit file is still
small enough for the reader to survive a regression (the test then fails on what it returns)."""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from commands import BARE, here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from staff.crafted import (
    biff_records,
    ods_rows,
    patch_dimensions,
    patch_label,
    patch_record,
    xls_cells,
    xlsx_cells,
)

from generator.read.sources import column_letter
from generator.staff.bounds import LIMITS, Limits, TooLarge, Unreadable
from generator.staff.importer import plan_import
from generator.staff.read import read_sheet
from generator.staff.workbook import check_book

PROJECT = Path(__file__).resolve().parents[2]
SMALL = Limits(file_bytes=2_000_000, unpacked_bytes=4_000_000, members=20, ratio=40, ratio_from=20_000, rows=60,
               columns=12, cells=300, csv_bytes=50_000, csv_rows=40, cell_chars=200)
ADVICE = "请删除多余的行和列（选中后右键「删除」，不是只清除内容）后另存，或拆分成几个文件分批导入"
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def run_import(root: Path, source: Path) -> subprocess.CompletedProcess[str]:
    return here("import", str(source), "--dataset", "institutions", "--root", str(root), env=BARE)


def refused(result: subprocess.CompletedProcess[str], root: Path, before: bytes) -> list[str]:
    """The error lines of a refused import, after checking it refused cleanly and wrote nothing."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert result.stdout.rstrip().endswith("后重新导入。") and "没有写入任何内容" in result.stdout
    assert (root / "data/institutions.csv").read_bytes() == before
    assert not list((root / "data").glob("*.import-tmp"))
    return [line for line in result.stdout.splitlines() if "error[" in line]


def extent_line(source: Path, row: int, col: int, what: str, over: str, sheet: str = "Sheet1") -> str:
    return (f"{source}:{row}:{col}: error[too-large] 文件: 工作表「{sheet}」{column_letter(col)}{row} 是{what}，"
            f"使表格达到{over}（读取它需要的内存过多）：{ADVICE}")


# --- the probe's files and their kin, through the command line -------------------------------------------------


def _crafted(kind: str, tmp: Path) -> tuple[Path, int, int, str, str]:
    """(file, row, col, what, over) of one file the reader could not survive."""
    value = "有内容的单元格"
    if kind == "xlsx-cell":
        return (xlsx_cells(tmp / "probe.xlsx", {(1, 1): "机构编号", (1048576, 16384): "x"}), 1048576, 16384, value,
                "第 1,048,576 行，超过 200,000 行的上限")
    if kind == "ods-repeated":
        return (ods_rows(tmp / "rep.ods", [(1, [(1, "机构编号")]), (1_000_000, [(1000, "x")])]), 1_000_001, 1000,
                value, "第 1,000,001 行，超过 200,000 行的上限")
    if kind == "xls-dimensions":
        book = patch_dimensions(xls_cells(tmp / "dims.xls", {(0, 0): "机构编号", (1, 1): "x"}), 0xFFFFFFFF, 0xFFFF)
        return book, 2**31, 65535, "声明的表格范围（DIMENSIONS）的右下角", "第 4,294,967,295 行，超过 200,000 行的上限"
    book = patch_label(xls_cells(tmp / "far.xls", {(0, 0): "机构编号", (1, 1): "x"}), 0xFFFF, 0xFF)
    return book, 65536, 256, value, " 65,536 行 × 256 列的区域，超过 4,000,000 个单元格的上限"


@pytest.mark.parametrize("kind", ["xlsx-cell", "ods-repeated", "xls-dimensions", "xls-far-cell"])
def test_a_sheet_spanning_too_much_is_refused_at_its_cell_before_the_reader_opens_it(root: Path, tmp_path: Path,
                                                                                        kind: str) -> None:
    before = (root / "data/institutions.csv").read_bytes()
    source, row, col, what, over = _crafted(kind, tmp_path)
    assert source.stat().st_size < 20_000  # a few KB that the reader would blow up to gigabytes
    lines = refused(run_import(root, source), root, before)
    if kind == "xls-dimensions":  # the line is capped; the message names the declared corner
        assert lines == [f"{source}:{row}:{col}: error[too-large] 文件: "
                         f"工作表「Sheet1」{column_letter(65535)}4294967295 是{what}，使表格达到{over}"
                         f"（读取它需要的内存过多）：{ADVICE}"]
    else:
        assert lines == [extent_line(source, row, col, what, over)]


def test_a_declared_range_beyond_excels_grid_is_refused(root: Path, tmp_path: Path) -> None:
    before = (root / "data/institutions.csv").read_bytes()
    book = xlsx_cells(tmp_path / "grid.xlsx", {(1, 1): "机构编号"}, dimension="A1:XFE16777217")
    assert refused(run_import(root, book), root, before) == [
        f"{book}:16777217:16385: error[sheet-unreadable] 文件: "
        "工作表「Sheet1」声明的表格范围（dimension）「A1:XFE16777217」超出了 Excel 表格的最大范围 XFD1048576："
        "文件已损坏或被构造过，请用 WPS/Excel 打开后另存为 .xlsx 再试"]


def test_a_stale_declared_range_within_the_grid_imports(root: Path, tmp_path: Path) -> None:
    """Excel and other programs leave <dimension> stale (A1:XFD1048576 over a few rows): that alone is no reason to
    refuse, because the reader sizes a sheet by its cells. Run in a child allowed 3 GB, so that a reader that one
    day trusts the declaration fails this test instead of taking the machine."""
    import resource

    header = ["机构编号", "机构名称", "统一社会信用代码", "办学许可证号", "培训类别", "细类", "主管部门", "登记类型",
              "培训地址", "纳入全国监管平台"]
    from staff.sheets import uscc

    row = ["fc-0101", "汾川县新星培训学校", uscc("52141099MJ1234567"), "教民141099070000099号", "非学科类", "科技",
           "教育", "民办非企业单位", "山西省临汾市汾川县文昌路1号", "是"]
    cells = {(1, col): text for col, text in enumerate(header, 1)} | {(2, col): text for col, text in enumerate(row, 1)}
    book = xlsx_cells(tmp_path / "stale.xlsx", cells, dimension="A1:XFD1048576")
    limit = 3 * 1024**3

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "generator", "import", str(book), "--dataset", "institutions",
                             "--dry-run", "--root", str(root)], cwd=PROJECT, capture_output=True, text=True,
                            timeout=300, preexec_fn=cap, env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "试运行：将新增 1 条" in result.stdout


def test_a_shared_string_table_declaring_billions_is_refused(root: Path, tmp_path: Path) -> None:
    before = (root / "data/institutions.csv").read_bytes()
    book = xlsx_cells(tmp_path / "sst.xlsx", {(1, 1): "机构编号"}, unique=4_294_967_295)
    assert refused(run_import(root, book), root, before) == [
        f"{book}:1:1: error[too-large] 文件: 表格文件的部件「xl/sharedStrings.xml」中 <sst> 的 count 声明了 "
        "4,294,967,295 项，超过 4,000,000 项的上限（读取时会按它预留内存）：文件可能被构造过，"
        "请用 WPS/Excel 打开后另存为 .xlsx 再试"]


def test_a_zip_bomb_is_refused_from_its_directory(root: Path, tmp_path: Path) -> None:
    before = (root / "data/institutions.csv").read_bytes()
    book = xlsx_cells(tmp_path / "bomb.xlsx", {(1, 1): "机构编号"})
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.xml", b"<a>" + b" " * (80 * 1024 * 1024) + b"</a>")
    assert book.stat().st_size < 200_000
    [line] = refused(run_import(root, book), root, before)
    assert line.startswith(f"{book}:1:1: error[too-large] 文件: 表格文件中的部件「xl/media/zeros.xml」压缩了 ")
    assert "超过 200 倍的上限" in line


def test_a_part_whose_declared_size_lies_is_cut_off_and_refused(root: Path, tmp_path: Path) -> None:
    """The directory says 1 KB; the data unpacks to 30 MB: reading stops at what was declared."""
    before = (root / "data/institutions.csv").read_bytes()
    book = xlsx_cells(tmp_path / "liar.xlsx", {(1, 1): "机构编号"}, extra="<row r='2'/>" * 3_000_000)
    data = bytearray(book.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    local = data.index(name) - 30  # the part's own header, then its entry in the central directory
    central = data.rindex(name) - 46
    assert data[local : local + 4] == b"PK\x03\x04" and data[central : central + 4] == b"PK\x01\x02"
    data[local + 22 : local + 26] = data[central + 24 : central + 28] = (1024).to_bytes(4, "little")
    book.write_bytes(bytes(data))
    [line] = refused(run_import(root, book), root, before)
    assert line.startswith(f"{book}:1:1: error[sheet-unreadable] 文件: "
                           "表格文件中的部件「xl/worksheets/sheet1.xml」已损坏")


def test_xls_shared_strings_declaring_billions_and_overlapping_sheets_are_refused(tmp_path: Path) -> None:
    book = patch_record(xls_cells(tmp_path / "sst.xls", {(0, 0): "机构编号"}), 0x00FC, 4, "<i", 2**31 - 1)
    with pytest.raises(TooLarge, match="共享字符串表声明了 2,147,483,647 项"):
        check_book(book.read_bytes())
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    for number in range(3):
        workbook.add_sheet(f"表{number}").write(0, 0, "机构编号" * 50)
    workbook.save(str(tmp_path / "three.xls"))
    first = next(p for p, kind, _s in biff_records((tmp_path / "three.xls").read_bytes()) if kind == 0x0085)
    offset = struct.unpack_from("<I", (tmp_path / "three.xls").read_bytes(), first + 4)[0]
    for index in (1, 2):  # every sheet read from the first one's records: the same data read three times
        patch_record(tmp_path / "three.xls", 0x0085, 0, "<I", offset, index=index)
    with pytest.raises(Unreadable, match="几个工作表指向同一段数据"):
        check_book((tmp_path / "three.xls").read_bytes())


def test_a_file_the_reader_panics_on_is_a_located_error(root: Path, tmp_path: Path) -> None:
    """A sheet placed past the end of the stream passes the bounds (nothing there to be large); the reader then
    panics, in Rust: that is a damaged file, said in one line, not a traceback."""
    before = (root / "data/institutions.csv").read_bytes()
    book = patch_record(xls_cells(tmp_path / "panic.xls", {(0, 0): "机构编号"}), 0x0085, 0, "<I", 0x7FFFFFFF)
    check_book(book.read_bytes())
    [line] = refused(run_import(root, book), root, before)
    assert line.startswith(f"{book}:1:1: error[sheet-unreadable] 文件: 无法打开表格文件（PanicException: ")


# --- what the source file is ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "dev-zero-link", "folder"])
def test_a_source_that_is_no_regular_file_is_refused_without_reading(root: Path, tmp_path: Path, kind: str) -> None:
    before = (root / "data/institutions.csv").read_bytes()
    source = tmp_path / "机构.csv"
    if kind == "fifo":
        os.mkfifo(source)  # nobody ever writes: opening it for reading would block forever
    elif kind == "dev-zero-link":
        source.symlink_to("/dev/zero")  # reading it would never end
    else:
        source.mkdir()
    what = {"fifo": "命名管道（FIFO），不是普通文件（读取它可能永远不会结束）", "folder": "文件夹，不是普通文件",
            "dev-zero-link": "字符设备，不是普通文件（读取它可能永远不会结束）"}[kind]
    assert refused(run_import(root, source), root, before) == [
        f"{source}:1:1: error[sheet-unreadable] 文件: 「{source}」是{what}：请选择保存在磁盘上的表格文件"]


#: What a source named like a spreadsheet may really be, and what staff are told (None: read as the file it is).
SOURCES = {"fifo": "是命名管道（FIFO），不是普通文件（读取它可能永远不会结束）：请选择保存在磁盘上的表格文件",
           "dev-zero": "是字符设备，不是普通文件（读取它可能永远不会结束）：请选择保存在磁盘上的表格文件",
           "dev-null": "是字符设备，不是普通文件（读取它可能永远不会结束）：请选择保存在磁盘上的表格文件",
           "socket": "是套接字，不是普通文件（读取它可能永远不会结束）：请选择保存在磁盘上的表格文件",
           "folder": "是文件夹，不是普通文件：请选择保存在磁盘上的表格文件", "dangling": None, "regular": None}
ROWS = [["机构编号", "机构名称"], ["fc-0101", "汾川县"]]


def _source(folder: Path, kind: str, suffix: str) -> Path:
    target = folder / f"t{suffix}"
    if kind == "fifo":
        os.mkfifo(target)  # nobody ever writes: opening it for reading would block forever
    elif kind in ("dev-zero", "dev-null"):
        target.symlink_to(f"/dev/{kind[4:]}")
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as listening:
            listening.bind(str(target))  # the socket file stays after the socket is closed
    elif kind == "folder":
        target.mkdir()
    elif kind == "dangling":
        target.symlink_to("nowhere" + suffix)
    elif suffix in (".csv", ".txt"):
        target.write_text("".join(",".join(row) + "\n" for row in ROWS), encoding="utf-8")
    elif suffix == ".xls":
        xls_cells(target, {(r, c): v for r, row in enumerate(ROWS) for c, v in enumerate(row)})
    elif suffix == ".ods":
        ods_rows(target, [(1, [(1, v) for v in row]) for row in ROWS])
    else:
        xlsx_cells(target, {(r, c): v for r, row in enumerate(ROWS, 1) for c, v in enumerate(row, 1)})
    return target


@PROPERTY
@given(kind=st.sampled_from(sorted(SOURCES)), links=st.integers(0, 3), absolute=st.booleans(),
       suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".xls", ".ods"]))
def test_a_source_of_any_kind_through_any_links_is_read_only_when_it_is_a_regular_file(
        kind: str, links: int, absolute: bool, suffix: str) -> None:
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="src-") as made:  # short: a socket's path has 108 bytes
        folder = Path(made)
        source = target = _source(folder, kind, suffix)
        for number in range(links):  # links to links: each resolved, none opened
            link = folder / f"l{number}{suffix}"
            link.symlink_to(source if absolute else source.name)
            source = link
        if kind == "regular":
            assert read_sheet(source).rows == read_sheet(target).rows == [(1, ROWS[0]), (2, ROWS[1])]
            return
        with pytest.raises(Unreadable) as caught:
            read_sheet(source)
        said = SOURCES[kind]
        assert str(caught.value) == (f"「{source}」{said}" if said else
                                     f"找不到文件「{source}」（或它是指向不存在文件的链接）：请检查文件名和路径")
        assert caught.value.code == "sheet-unreadable"


def test_a_link_to_a_regular_file_is_followed(root: Path, tmp_path: Path) -> None:
    from staff.sheets import xlsx

    book = xlsx(tmp_path / "real.xlsx", ["机构编号", "机构名称"], [["fc-0101", "汾川县新星培训学校"]])
    link = tmp_path / "link.xlsx"
    link.symlink_to(book)
    assert read_sheet(link).rows == read_sheet(book).rows != []


def test_a_csv_cell_over_the_repository_limit_is_refused_at_its_cell(root: Path, tmp_path: Path) -> None:
    before = (root / "data/institutions.csv").read_bytes()
    source = tmp_path / "机构.csv"
    source.write_text("机构编号,机构名称\nfc-0101,汾川县\n" + 'fc-0102,"' + "长" * 20_001 + '"\n', encoding="utf-8")
    assert refused(run_import(root, source), root, before) == [
        f"{source}:3:2: error[too-large] 文件: 第 3 行第 2 列（B3）有 20,001 个字符，超过 20,000 个字符的上限"
        "（常见原因：引号没有配对，后面的内容都被算进了这一格）"]


def test_a_file_that_is_no_spreadsheet_is_refused_before_the_reader(root: Path, tmp_path: Path) -> None:
    source = tmp_path / "网页.xls"
    source.write_text("<html><table><tr><td>机构编号</td></tr></table></html>", encoding="utf-8")
    plan = plan_import(root, source, "institutions")
    assert [(p.line, p.col, p.code) for p in plan.problems] == [(1, 1, "sheet-unreadable")]
    assert "不是 Excel、WPS 或 ODS 表格" in plan.problems[0].message


# --- properties: any position, any declaration, any repetition, any compression around the limits ------------


def _runs(values: dict[tuple[int, int], str], rows: int, cols: int) -> list[tuple[int, list[tuple[int, str | None]]]]:
    """The rows of an ODS sheet as LibreOffice writes them: empty rows and empty cells as repetitions."""
    out: list[tuple[int, list[tuple[int, str | None]]]] = []
    for row in range(1, rows + 1):
        cells: list[tuple[int, str | None]] = []
        for col in range(1, cols + 1):
            text = values.get((row, col))
            if text is None and cells and cells[-1][1] is None:
                cells[-1] = (cells[-1][0] + 1, None)
            else:
                cells.append((1, text))
        if out and cells == [(cols, None)] and out[-1][1] == cells:
            out[-1] = (out[-1][0] + 1, cells)
        else:
            out.append((1, cells))
    return out


def _fits(rows: int, cols: int, limits: Limits) -> bool:
    return rows <= limits.rows and cols <= limits.columns and rows * cols <= limits.cells


positions = st.tuples(st.integers(1, SMALL.rows + 20), st.integers(1, SMALL.columns + 6))


@PROPERTY
@given(cells=st.lists(positions, min_size=1, max_size=4, unique=True), form=st.sampled_from(["xlsx", "ods", "xls"]))
def test_any_cells_under_the_limits_are_read_and_over_them_refused_at_a_cell(tmp_path: Path, cells, form) -> None:
    values = {cell: f"v{cell[0]}-{cell[1]}" for cell in cells}
    rows, cols = max(r for r, _c in cells), max(c for _r, c in cells)
    if form == "xlsx":
        book = xlsx_cells(tmp_path / "any.xlsx", values)
    elif form == "xls":
        book = xls_cells(tmp_path / "any.xls", {(r - 1, c - 1): text for (r, c), text in values.items()})
    else:
        book = ods_rows(tmp_path / "any.ods", _runs(values, rows, cols))
    if _fits(rows, cols, SMALL):
        sheet = read_sheet(book, limits=SMALL)
        found = {(line, col): cell for line, cells_ in sheet.rows for col, cell in enumerate(cells_, 1) if cell != ""}
        assert found == values
        return
    with pytest.raises(TooLarge) as caught:
        read_sheet(book, limits=SMALL)
    if form == "xls":  # its DIMENSIONS record, written before the cells, declares the corner
        assert (caught.value.line, caught.value.col) == (rows, cols)
    else:  # the first cell in the file that takes the sheet over a limit
        assert (caught.value.line, caught.value.col) in values
    assert ADVICE in str(caught.value)


@PROPERTY
@given(row=st.integers(1, 2**24), col=st.integers(1, 2**15), declared=st.booleans())
def test_any_position_in_the_whole_sheet_is_judged_before_reading(tmp_path: Path, row: int, col: int,
                                                                   declared: bool) -> None:
    """Positions anywhere, up to XFD1048576 and beyond it, against the real limits: only the check runs, never the
    reader. A cell holding a value counts against the limits; a declared range only when it leaves Excel's grid."""
    cells = {(1, 1): "机构编号"} if declared else {(1, 1): "机构编号", (row, col): "x"}
    book = xlsx_cells(tmp_path / "far.xlsx", cells, dimension=f"A1:{column_letter(col)}{row}" if declared else None)
    if (declared and row <= 1_048_576 and col <= 16_384) or (not declared and _fits(row, col, LIMITS)):
        check_book(book.read_bytes())
        return
    with pytest.raises(Unreadable) as caught:
        check_book(book.read_bytes())
    assert (caught.value.code, caught.value.line, caught.value.col) == (
        "sheet-unreadable" if declared else "too-large", row, col)


@PROPERTY
@given(row_repeat=st.integers(1, 3_000_000), col_repeat=st.integers(1, 20_000), filled=st.booleans(),
       trailing=st.integers(0, 2_000_000))
def test_ods_repetitions_count_as_what_they_repeat(tmp_path: Path, row_repeat: int, col_repeat: int, filled: bool,
                                                   trailing: int) -> None:
    rows = [(1, [(1, "机构编号")]), (row_repeat, [(col_repeat, "x" if filled else None)])]
    if trailing:
        rows.append((trailing, [(1024, None)]))  # what LibreOffice writes below the data: never counts
    book = ods_rows(tmp_path / "rep.ods", rows)
    span = (1 + row_repeat, col_repeat) if filled else (1, 1)
    if _fits(*span, LIMITS):
        check_book(book.read_bytes())
        return
    with pytest.raises(TooLarge) as caught:
        check_book(book.read_bytes())
    assert (caught.value.line, caught.value.col) == span


@PROPERTY
@given(last_row=st.integers(1, 2**32 - 1), last_col=st.integers(1, 2**16 - 1))
def test_xls_declared_dimensions_are_judged_before_reading(tmp_path: Path, last_row: int, last_col: int) -> None:
    book = patch_dimensions(xls_cells(tmp_path / "dims.xls", {(0, 0): "机构编号"}), last_row, last_col)
    if _fits(last_row, last_col, LIMITS):
        check_book(book.read_bytes())
        return
    with pytest.raises(TooLarge) as caught:
        check_book(book.read_bytes())
    assert (caught.value.line, caught.value.col) == (min(last_row, 2**31), last_col)


@PROPERTY
@given(noise=st.integers(0, 30_000), zeros=st.integers(0, 200_000), seed=st.integers(0, 2**32 - 1))
def test_any_compression_ratio_over_the_limit_is_refused(tmp_path: Path, noise: int, zeros: int, seed: int) -> None:
    import random

    book = xlsx_cells(tmp_path / "ratio.xlsx", {(1, 1): "机构编号"})
    filler = random.Random(seed).randbytes(noise).hex()[:noise].encode() + b"0" * zeros
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/filler.bin", filler)
    info = zipfile.ZipFile(book).getinfo("xl/media/filler.bin")
    bomb = info.file_size > SMALL.ratio_from and info.file_size > SMALL.ratio * max(info.compress_size, 1)
    if not bomb:
        assert read_sheet(book, limits=SMALL).rows == [(1, ["机构编号"])]
        return
    with pytest.raises(TooLarge, match=r"「xl/media/filler.bin」压缩了"):
        read_sheet(book, limits=SMALL)


@PROPERTY
@given(lines=st.integers(1, SMALL.csv_rows + 10), width=st.integers(0, SMALL.cell_chars + 10),
       at=st.integers(1, 3))
def test_csv_rows_and_cells_around_the_limits(tmp_path: Path, lines: int, width: int, at: int) -> None:
    source = tmp_path / "any.csv"
    rows = [["a", "b", "c"] for _ in range(lines)]
    rows[-1][at - 1] = "长" * width
    source.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    if lines <= SMALL.csv_rows and width <= SMALL.cell_chars:
        assert len(read_sheet(source, limits=SMALL).rows) == lines
        return
    with pytest.raises(TooLarge) as caught:
        read_sheet(source, limits=SMALL)
    assert (caught.value.line, caught.value.col) == ((SMALL.csv_rows + 1, 1) if lines > SMALL.csv_rows else (lines, at))


@PROPERTY
@given(size=st.integers(0, SMALL.file_bytes + 10))
def test_any_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path: Path, size: int) -> None:
    source = tmp_path / "any.xlsx"
    source.write_bytes(b"\0" * size)
    with pytest.raises(Unreadable) as caught:
        read_sheet(source, limits=SMALL)
    assert caught.value.code == ("too-large" if size > SMALL.file_bytes else "sheet-unreadable")


@PROPERTY
@given(form=st.sampled_from(["xls", "xlsx", "ods"]),
       edits=st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)), min_size=1, max_size=6),
       cut=st.integers(0, 10**6))
def test_a_damaged_file_is_judged_without_a_traceback(tmp_path: Path, form: str, edits, cut: int) -> None:
    """Bytes overwritten anywhere, the file cut anywhere: the check passes or refuses with a message, nothing else."""
    if form == "xls":
        book = xls_cells(tmp_path / "d.xls", {(0, 0): "机构编号", (3, 2): "x"})
    elif form == "xlsx":
        book = xlsx_cells(tmp_path / "d.xlsx", {(1, 1): "机构编号", (3, 2): "x"}, dimension="A1:B3")
    else:
        book = ods_rows(tmp_path / "d.ods", [(1, [(1, "机构编号")]), (2, [(2, "x")])])
    data = bytearray(book.read_bytes())
    for at, raw in edits:
        at %= len(data)
        data[at : at + len(raw)] = raw
    data = data[: max(cut % (len(data) + 1), 1)] if cut % 3 == 0 else data
    try:
        check_book(bytes(data))
    except Unreadable as exc:
        assert str(exc) and exc.code in ("sheet-unreadable", "too-large")
