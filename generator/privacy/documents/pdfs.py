"""Privacy stage, attachments: a PDF's page text (pypdf), and every string in its objects (document info,
annotations and form fields, bookmarks, page labels), its XMP metadata, the metadata of its JPEG pictures, its
attached files (through the same readers), and the text of earlier saved versions still inside the file."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from ...lazy import load
from .base import MIB, Piece, Reading, Refused, prefixed, worth
from .webtext import decode, page

#: pypdf's own limits, tightened: no stream decompresses past these, no outside program is called.
LIMITS: dict[str, Any] = {
    "maximum_declared_stream_length": 64 * MIB, "zlib_maximum_output_length": 32 * MIB,
    "lzw_maximum_output_length": 32 * MIB, "run_length_maximum_output_length": 32 * MIB,
    "array_based_stream_maximum_output_length": 32 * MIB, "stream_decoding_work_maximum_length": 64 * MIB,
    "jbig2dec_binary": None, "outline_maximum_entries": 10_000, "page_tree_maximum_entries": 20_000,
}
MAX_PAGES = 5_000
#: Objects visited for their strings at most (a real document has a few thousand).
MAX_OBJECTS = 200_000
#: Earlier versions kept by incremental saves that are read too (a "deleted" text is still in the file).
MAX_REVISIONS = 3


def pdf(data: bytes, reading: Reading, where: str) -> Iterator[Piece]:
    name = where or "PDF 文件"
    found, pages, texts = _read(data, reading, name)
    yield from found
    if pages and not texts:
        reading.refuse("unchecked-file", f"{name}没有可提取的文字（可能是扫描件），无法自动检查其中是否有身份证号、"
                       "手机号（文档属性、批注等已检查）。此文件会原样发布到网站上：请人工核对；能用文字发布的内容，"
                       "最好改写为 Markdown 页面")
    yield from _revisions(data, {text for *_, text in found}, reading, name)


def library() -> None:
    """pypdf imported (before a process forks the workers that read PDFs: once, not in each)."""
    load("pypdf")
    load("pypdf.errors")
    load("pypdf.generic")


def _read(data: bytes, reading: Reading, name: str, strict: bool = True) -> tuple[list[Piece], int, int]:
    """(pieces, pages, pages with text). Everything is read at once, inside pypdf's configuration."""
    pypdf = load("pypdf")  # imported from a thread of its own (see generator/lazy.py)
    PdfReader, apply_configuration = pypdf.PdfReader, pypdf.apply_configuration
    LimitReachedError = load("pypdf.errors").LimitReachedError

    found: list[Piece] = []
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # damaged files make pypdf log warnings: the refusal says it once
    try:
        with apply_configuration(**LIMITS), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(BytesIO(data), strict=False)
            if reader.is_encrypted and not _opens(reader):
                reading.stop("refused-file", f"{name}设置了打开密码或加密，无法检查：请另存为不加密的 PDF 后再提交")
            pages = reader.pages
            if len(pages) > MAX_PAGES:
                reading.stop("too-large", f"{name}有 {len(pages)} 页，超过 {MAX_PAGES} 页的上限：请拆分")
            texts = 0
            for number, sheet in enumerate(pages, 1):
                sheet.get_contents()  # raises on a stream past the limits, which extract_text would pass over silently
                text = sheet.extract_text() or ""
                texts += bool(text.strip())
                if worth(text):
                    found.append((number, None, f"第 {number} 页", text))
            found += _objects(reader, reading, name)
            return found, len(pages), texts
    except Refused:
        raise
    except LimitReachedError:
        reading.stop("too-large", f"{name}中有超过上限的数据流或结构（可能是「压缩炸弹」），不予读取和发布："
                                  "请用 PDF 软件另存或重新导出")
    except RecursionError:
        reading.stop("refused-file", f"{name}的结构嵌套过深，文件已损坏或是恶意构造的：请用 PDF 软件重新导出")
    except Exception as exc:  # pypdf raises many kinds on damaged files
        if not strict:
            return found, 0, 0
        reading.stop("refused-file",
                     f"{name}已损坏，无法读取（{type(exc).__name__}）：请用 PDF 软件或 WPS 重新导出 PDF")
    finally:
        quiet.setLevel(level)


def _opens(reader: Any) -> bool:
    """A PDF with only a permissions password opens without one (many official PDFs): read it then."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a missing AES library or a damaged dictionary: not readable here
        return False


#: Keys never followed: back references (the page tree from each annotation) and font data (no text of a person).
_SKIP = frozenset({"/Parent", "/P", "/Font", "/Widths", "/FontDescriptor", "/ID"})


def _objects(reader: Any, reading: Reading, name: str) -> list[Piece]:
    """Every string reachable from the document (its info, catalogue and each page's annotations), the streams that
    are text (XMP, scripts), JPEG pictures' metadata and attached files; each object once (cycles end)."""
    NameObject = load("pypdf.generic").NameObject

    todo: list[tuple[Any, str, int, str]] = [(reader.trailer.get("/Info"), "文档属性", 1, ""),
                                             (reader.trailer.get("/Root"), "文档目录", 1, "")]
    for number, sheet in enumerate(reader.pages, 1):
        todo.append(({k: v for k, v in sheet.items() if k not in ("/Parent", "/Contents", "/Resources")},
                     f"第 {number} 页的批注、表单或链接", number, ""))
        resources = sheet.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        if isinstance(resources, dict):
            todo.append((resources.get("/XObject"), f"第 {number} 页的图片", number, ""))
    seen: set[tuple[int, int]] = set()
    found: list[Piece] = []
    while todo:
        item, label, line, key = todo.pop()
        if hasattr(item, "idnum"):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > MAX_OBJECTS:
                reading.stop("too-large", f"{name}中的对象超过 {MAX_OBJECTS} 个，不予读取和发布：请拆分或重新导出")
            item = item.get_object()
        if isinstance(item, NameObject):
            continue
        if isinstance(item, str | bytes):
            text = item if isinstance(item, str) else _bytes_text(item)
            if text and worth(text):
                found.append((line, None, f"{label}（{key}）" if key else label, text))
        elif isinstance(item, dict):
            found += _stream(item, label, line, key, reading, name)
            todo += [(value, _NAMES.get(k, label), line, k) for k, value in item.items()
                     if k not in _SKIP or isinstance(value, str | bytes)]  # /P: a page, or a page label's prefix
        elif isinstance(item, list):
            todo += [(value, label, line, key) for value in item]
    return found


_NAMES = {"/Outlines": "书签", "/AcroForm": "表单", "/Names": "名称（附件、脚本、跳转目标）", "/PageLabels": "页码标签",
          "/OpenAction": "打开时的动作", "/AA": "动作", "/StructTreeRoot": "标签结构（替代文字）",
          "/Metadata": "XMP 元数据", "/EmbeddedFiles": "附件", "/JavaScript": "脚本"}


def _stream(item: Any, label: str, line: int, key: str, reading: Reading, name: str) -> list[Piece]:
    """What a stream holds that is not page content: XMP or XML, a script, a JPEG's metadata, an attached file."""
    found: list[Piece] = []
    if item.get("/EF") is not None:  # a file specification: the attached file, by its name
        title = str(item.get("/UF") or item.get("/F") or "附件")
        stream = item["/EF"].get_object().get("/F")
        if stream is not None:
            data = stream.get_object().get_data()
            reading.take(len(data), f"{name}的附件 {title}")
            with reading.nested(title):
                found += list(prefixed(f"附件 {title}：", reading.attached(title, data, reading)))
        return found
    if not hasattr(item, "get_data"):
        return found
    kind, subtype = item.get("/Type"), item.get("/Subtype")
    if kind == "/Metadata" or subtype == "/XML" or key in ("/JS", "/XFA"):
        found += page(decode(item.get_data()), f"{label}（{key or kind or subtype}）")
    elif subtype == "/Image" and "/DCTDecode" in str(item.get("/Filter")):
        found += list(prefixed(f"{label}：", reading.open("图片.jpg", item.get_data(), reading)))
    return found


def _bytes_text(data: bytes) -> str | None:
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _revisions(data: bytes, known: set[str], reading: Reading, name: str) -> Iterator[Piece]:
    """An incremental save appends the changes and keeps the old version in the file: its text is read too."""
    ends = [m.end() for m in re.finditer(rb"%%EOF", data)][:-1][-MAX_REVISIONS:]
    for number, end in enumerate(ends, 1):
        try:
            found, _pages, _texts = _read(data[:end], reading, name, strict=False)
        except Refused:
            continue  # an earlier version that does not open is no text left in this one
        for line, col, place, text in found:
            if text not in known:
                yield line, col, f"早先保存的第 {number} 个版本（仍在文件中）的{place}", text
