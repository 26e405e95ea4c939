"""Text inside document files staff attach under content/ (spreadsheets, Word files, PDFs), for the privacy gate.

Everything under content/ is published as it is, so a spreadsheet or a PDF must be checked for ID numbers and
phone numbers like any page. Each reader yields (line, column, place, text): where a piece of text sits in the
document as a staff member would find it again (row and column of a sheet; paragraph or page, with no column:
the column is then where the finding stands in the text). A file that cannot
be read, or a PDF without extractable text (a scan), raises `Unchecked` with what to do instead.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..problems import Problem, Where, problem

Piece = tuple[int, int | None, str, str]
"""(line, column or None for "the offset within the text", place described for staff, text)."""

#: Uncompressed bytes read from one document at most: a larger one is reported, not read (zip bombs).
MAX_BYTES = 64 * 1024 * 1024

#: Formats that carry no text a person typed (pictures, fonts): not read. SVG is text (and can carry script).
PICTURES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".woff", ".woff2", ".ttf", ".otf"}

#: Old binary office formats: cannot be read here; saved again as .xlsx/.docx they can.
LEGACY = {".xls": ".xlsx", ".doc": ".docx", ".ppt": ".pptx", ".et": ".xlsx", ".wps": ".docx", ".dps": ".pptx"}


class Unchecked(Exception):
    """The file cannot be checked; the message says why and what to do (in Chinese, for staff)."""


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _xlsx(path: Path) -> Iterator[Piece]:
    from openpyxl import load_workbook

    _check_zip(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any reader failure means: not checkable
        raise Unchecked(f"无法打开这个 Excel 文件（{type(exc).__name__}）") from exc
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None and not isinstance(cell.value, bool):
                        value = cell.value
                        text = f"{value:.0f}" if isinstance(value, float) and value.is_integer() else str(value)
                        place = f"工作表「{sheet.title}」{_column_letter(cell.column)}{cell.row} 单元格"
                        yield cell.row, cell.column, place, text
    finally:
        book.close()
    yield from _xlsx_hidden(path)


_FORMULA = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*>(?:(?!</c>).)*?<f[^>]*>([^<]*)</f>', re.S)


def _xlsx_hidden(path: Path) -> Iterator[Piece]:
    """What the cell values do not show: formulas (="1101"&"05…"), comments, document properties, names."""
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        for number, name in enumerate(sheets, 1):
            for match in _FORMULA.finditer(archive.read(name).decode("utf-8", "replace")):
                letters, row, formula = match.groups()
                yield int(row), _column_number(letters), f"第 {number} 个工作表 {letters}{row} 单元格的公式", (
                    _formula_text(html.unescape(formula)))
        extra = [n for n in names if n.startswith(("xl/comments", "xl/threadedComments/", "docProps/"))
                 or n == "xl/workbook.xml"]
        yield from _xml_parts(archive, extra)


def _formula_text(formula: str) -> str:
    """A formula and the text its string pieces join to: ="1101"&"0519…" hides a number from a plain look."""
    return formula + " " + "".join(re.findall(r'"([^"]*)"', formula))


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _xml_parts(archive: zipfile.ZipFile, names: list[str]) -> Iterator[Piece]:
    for name in names:
        text = html.unescape(_TAG.sub(" ", archive.read(name).decode("utf-8", "replace")))
        if text.strip():
            what = "文档属性" if name.startswith("docProps/") else "批注" if "omment" in name else "名称定义"
            yield 1, None, f"{what}（{name}）", text


_ACTIVE_SVG = re.compile(r"<script|<foreignObject|\bon[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*[\"']?\s*(?:https?:|//|data:)"
                         r"|<!ENTITY|@import|url\(\s*[\"']?\s*(?:https?:|//)", re.I)


def svg_active(rel: str, text: str) -> list[Problem]:
    """An SVG is published as it is and runs as a page when opened: script, event handlers and outside
    references (which also break the promise of no outside requests) are refused."""
    found = []
    for match in _ACTIVE_SVG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(problem("active-svg", Where(rel, line, col), "SVG 图片", (
            f"SVG 图片中有脚本、事件属性或外部引用「{match.group()[:20]}」：发布后会在读者的浏览器中运行或向外部网站发请求，"
            "不予发布。请用 PNG/JPG 图片代替，或在绘图软件中导出不含脚本的「纯 SVG」")))
    return found


_PARAGRAPH_END = re.compile(r"</(?:w:p|a:p|text:p|text:h)>")
_TAG = re.compile(r"<[^>]+>")


def _zipped_xml(members: Callable[[str], bool], what: str) -> Callable[[Path], Iterator[Piece]]:
    """Word, PowerPoint and OpenDocument files: XML in a zip; a paragraph is a line."""

    def read(path: Path) -> Iterator[Piece]:
        _check_zip(path)
        try:
            with zipfile.ZipFile(path) as archive:
                names = sorted((n for n in archive.namelist() if members(n)), key=lambda n: (n.startswith("docProps/"), n))
                texts = [(n, archive.read(n).decode("utf-8", errors="replace")) for n in names]
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise Unchecked(f"无法打开这个{what}文件（{type(exc).__name__}）") from exc
        line = 0
        for _name, xml in texts:
            for paragraph in _PARAGRAPH_END.split(xml):
                text = html.unescape(_TAG.sub("", paragraph))
                line += 1
                if text.strip():
                    yield line, None, f"第 {line} 段", text
    return read


def _pdf(path: Path) -> Iterator[Piece]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise Unchecked("PDF 文件设置了密码或加密，无法检查")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Unchecked:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise Unchecked(f"无法读取这个 PDF 文件（{type(exc).__name__}）") from exc
    if pages and not any(p.strip() for p in pages):
        raise Unchecked("这个 PDF 没有可提取的文字（可能是扫描件），无法自动检查其中是否有身份证号、手机号")
    for number, text in enumerate(pages, 1):
        if text.strip():
            yield number, None, f"第 {number} 页", text


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unchecked(f"文件已损坏或不是它的扩展名所说的格式（{type(exc).__name__}）") from exc
    if total > MAX_BYTES:
        raise Unchecked(f"解压后超过 {MAX_BYTES // 1024 // 1024} MB，不予读取")


READERS: dict[str, Callable[[Path], Iterator[Piece]]] = {
    ".xlsx": _xlsx,
    ".xlsm": _xlsx,
    ".docx": _zipped_xml(lambda n: n.startswith(("word/", "docProps/")) and n.endswith(".xml"), " Word "),
    ".pptx": _zipped_xml(lambda n: n.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/comments", "docProps/"))
                         and n.endswith(".xml"), " PowerPoint "),
    ".odt": _zipped_xml(lambda n: n in ("content.xml", "meta.xml"), "文档"),
    ".ods": _zipped_xml(lambda n: n in ("content.xml", "meta.xml"), "表格"),
    ".pdf": _pdf,
}


def pieces(path: Path) -> Iterator[Piece] | None:
    """The text pieces of a document file; None for files read as plain text. Raises Unchecked."""
    suffix = path.suffix.lower()
    if suffix in LEGACY:
        raise Unchecked(f"旧版 {suffix} 格式无法检查：请在 WPS/Office 中另存为 {LEGACY[suffix]} 后再提交")
    reader = READERS.get(suffix)
    return reader(path) if reader else None
