"""The privacy gate reads the documents staff attach under content/ (published as they are): real Excel files,
Word files and PDFs, located by sheet cell, paragraph or page; what it cannot read is refused, a scanned PDF is a
warning that says so."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from validator.documents import ID, docx, para, pdf_pages, xlsx
from validator.helpers import found

from generator.cli import main
from generator.validate import validate

MOBILE = "13912345678"


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    """A workbook whose sheet 「名单」 holds `rows` from A1."""
    path.write_bytes(xlsx({(r, c): value for r, row in enumerate(rows, 1) for c, value in enumerate(row, 1)}))


def test_id_number_in_an_excel_attachment_is_found_at_its_cell(root: Path) -> None:
    _xlsx(root / "content/名单.xlsx", [["机构", "联系人证件"], ["某培训学校", f"身份证 {ID}"]])
    assert found(root) == [("content/名单.xlsx", 2, 2, "personal-id-number")]
    [problem] = validate(root).problems
    assert problem.message.startswith("工作表「名单」B2 单元格：发现公民身份号码") and ID not in problem.message


def test_a_finding_in_column_a_is_placed_at_its_cell_not_at_its_offset(root: Path) -> None:
    _xlsx(root / "content/名单.xlsx", [["联系人证件"], [f"身份证 {ID}"]])
    assert found(root) == [("content/名单.xlsx", 2, 1, "personal-id-number")]


def test_a_mobile_typed_as_a_number_in_excel_is_found(root: Path) -> None:
    _xlsx(root / "content/联系.xlsx", [["电话"], [int(MOBILE)]])
    assert found(root) == [("content/联系.xlsx", 2, 1, "phone-number")]


def test_a_clean_excel_attachment_passes(root: Path) -> None:
    _xlsx(root / "content/统计.xlsx", [["年份", "处罚件数"], [2022, 9], [2023, 12]])
    assert found(root) == []


def test_id_number_in_a_word_attachment_is_found_at_its_paragraph(root: Path) -> None:
    (root / "content/通知.docx").write_bytes(docx(para("关于公布名单的通知") + para("联系人：张某")
                                                  + para(f"身份证号：{ID}")))
    assert found(root) == [("content/通知.docx", 3, 6, "personal-id-number")]
    assert validate(root).problems[0].message.startswith("第 3 段：")


def test_id_number_in_a_pdf_is_found_on_its_page(root: Path) -> None:
    (root / "content/公告.pdf").write_bytes(pdf_pages("Notice", f"Contact {MOBILE}"))
    assert [p.extract_text() for p in PdfReader(root / "content/公告.pdf").pages] == ["Notice", f"Contact {MOBILE}"]
    assert found(root) == [("content/公告.pdf", 2, 9, "phone-number")]
    assert validate(root).problems[0].message.startswith("第 2 页：")


def test_a_scanned_pdf_is_a_warning_an_old_office_file_and_a_damaged_one_are_refused(root: Path) -> None:
    (root / "content/扫描件.pdf").write_bytes(pdf_pages(""))
    (root / "content/旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    (root / "content/坏文件.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    outcome = validate(root)
    by_path = {p.path: p for p in outcome.problems}
    assert sorted((p.path, p.code, p.severity) for p in outcome.problems) == [
        ("content/坏文件.xlsx", "refused-file", "error"),  # cannot be read: cannot be proved clean
        ("content/扫描件.pdf", "unchecked-file", "warning"),  # readable, but its page images are not text
        ("content/旧表.xls", "unsupported-file", "error")]
    assert "扫描件" in by_path["content/扫描件.pdf"].message and "请人工核对" in by_path["content/扫描件.pdf"].message
    assert "另存为 .xlsx" in by_path["content/旧表.xls"].message
    assert "另存为一个新文件" in by_path["content/坏文件.xlsx"].message


def test_the_validator_prints_the_attachment_problem_as_a_located_line(root: Path, capsys: object) -> None:
    _xlsx(root / "content/名单.xlsx", [["证件"], [ID]])
    assert main(["validate", "--root", str(root)]) == 1
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out.startswith("content/名单.xlsx:2:1: error[personal-id-number] 身份证号: 工作表「名单」A2 单元格：")


def test_a_picture_is_read_for_its_metadata_not_its_pixels(root: Path) -> None:
    from PIL import Image

    Image.new("RGB", (4, 4)).save(root / "content/logo.png")
    assert found(root) == []
    (root / "content/坏图.png").write_bytes(b"\x89PNG\r\n\x1a\n" + ID.encode())  # no picture: cannot be read
    assert found(root) == [("content/坏图.png", 1, 1, "refused-file")]
