"""Privacy stage: the files staff attach under content/ (published as they are), read whole for the privacy gate.

Every part of a Word, Excel, PowerPoint or OpenDocument file (body, headers and footers, comments, properties, text
boxes, number formats, validation prompts, pivot caches, embedded files), a PDF's text, metadata, annotations, form
fields, bookmarks and attached files, a picture's metadata (EXIF, XMP, text chunks, comments), every file of a zip.
Each reader yields pieces (line, column, place, text): where the text sits as staff would find it again (a sheet's
row and column; a paragraph or page, with no column: the column is then where the finding stands in the text).
Only the types of ALLOWED may be published; a file that cannot be read whole raises Refused (an error, the reasons
name the part and what to do), a PDF without a text layer (a scan) raises Unchecked (a warning) after its pieces.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

from ..memo import Kept
from ..problems import Problem, Where, problem
from ..read.files import TooLarge, read_regular
from .documents import xmltext
from .documents.base import MAX_BYTES, MIB, Piece, Reading, Refused, Unchecked, masked, prefixed, suffix_of
from .documents.office import MACROS, office
from .documents.packages import DAMAGED, members, names_and_comments, open_zip, read_member
from .documents.pdfs import pdf
from .documents.pictures import kind_of, picture
from .documents.webtext import decode, lines, mht, page, rtf, strings

__all__ = ["ALLOWED", "ALLOWED_TEXT", "LEGACY", "MAX_BYTES", "PICTURES", "READERS", "UNREAD", "Piece", "Refused",
           "Unchecked", "pieces", "pieces_of", "svg_active", "unsupported"]

#: Text published as it is and read as text by the gate (privacy/inputs.py): pages, tables, data.
TEXT_TYPES = (".md", ".txt", ".csv", ".tsv", ".json", ".yml", ".yaml")
DOCUMENTS = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")
#: Pictures: their metadata is read (never their pixels). SVG is text, checked for script (svg_active).
PICTURES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
#: What may be published under content/: every other type is refused (unsupported-file).
ALLOWED = frozenset({*TEXT_TYPES, *DOCUMENTS, *PICTURES, ".svg", ".zip"})
#: The allow-list as staff read it (messages, the guide, the README).
ALLOWED_TEXT = "、".join(sorted(ALLOWED))
#: Inside a .zip (a download, never shown as a page by the site) saved web pages may travel too.
IN_ZIP = ALLOWED | {".html", ".htm", ".xhtml", ".css", ".js", ".xml"}

#: Binary files outside content/ (the theme's icons and fonts in site_overrides/) that carry no text a person typed:
#: not read there. Under content/ they are not allowed at all.
UNREAD = frozenset({".ico", ".bmp", ".woff", ".woff2", ".ttf", ".otf", ".eot"})
#: Old binary office formats: cannot be read here; saved again as .xlsx/.docx they can.
LEGACY = {".xls": ".xlsx", ".doc": ".docx", ".ppt": ".pptx", ".et": ".xlsx", ".wps": ".docx", ".dps": ".pptx"}
#: What to save another type as, for the message.
SAVE_AS = {**LEGACY, ".xlsm": ".xlsx", ".xlsb": ".xlsx", ".docm": ".docx", ".pptm": ".pptx", ".ppsx": ".pptx",
           ".rtf": ".docx", ".ofd": ".pdf", ".bmp": ".png", ".tif": ".png", ".tiff": ".png", ".heic": ".jpg",
           ".rar": ".zip", ".7z": ".zip", ".markdown": ".md", ".htm": ".md", ".html": ".md"}

_TEXT_PARTS = (".txt", ".csv", ".tsv", ".md", ".json", ".yml", ".yaml", ".css", ".js")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Parts read for the runs of text in them: metafiles (pasted charts), printer settings, HD Photo pictures, and
#: LibreOffice's layout cache.
_BINARY_WITH_STRINGS = (".emf", ".wmf", ".bin", ".wdp", ".jxr")
_FONTS = (".ttf", ".otf", ".odttf", ".fntdata", ".woff", ".woff2", ".eot")


def unsupported(rel: str) -> Problem | None:
    """An `unsupported-file` error for a file under content/ whose type is not on the allow-list."""
    suffix = suffix_of(rel)
    if suffix in ALLOWED:
        return None
    advice = (f"请在 WPS/Office 或相应软件中另存为 {SAVE_AS[suffix]} 后再提交" if suffix in SAVE_AS
              else "请转换成允许的类型（文档另存为 PDF、DOCX 或 XLSX，图片另存为 PNG 或 JPG），或删除这个文件")
    kind = f"{suffix} 文件" if suffix else "没有扩展名的文件"
    return problem("unsupported-file", Where(rel), "文件", (
        f"{kind}不能发布：网站只发布能逐项检查个人信息的文件类型（{ALLOWED_TEXT}）。{advice}"))


def pieces(path: Path) -> Iterator[Piece] | None:
    """The text pieces of an attachment; None for files read as plain text. Iterating raises Refused or Unchecked
    after the pieces that could be read (so every finding and every reason is reported at once)."""
    suffix = path.suffix.lower()
    if suffix in LEGACY:
        raise Refused([("unsupported-file",
                        f"旧版 {suffix} 格式无法检查：请在 WPS/Office 中另存为 {LEGACY[suffix]} 后再提交")])
    if suffix not in READERS:
        return None
    return _guarded(suffix, lambda: _load(path))


def pieces_of(name: str, data: bytes) -> Iterator[Piece] | None:
    """pieces() of a file's bytes (a past version from git history: its caller checks the size before reading it)."""
    suffix = suffix_of(name)
    if suffix not in READERS:
        return None

    def load() -> bytes:
        if len(data) > MAX_BYTES:
            raise _too_large(len(data))
        return data
    return _guarded(suffix, load)


def _load(path: Path) -> bytes:
    """The bytes of an ordinary file, as every reader of content/ opens one (never through a link, never waiting on
    a pipe: read.files.NotRegular, an OSError, is the caller's), refused above MAX_BYTES before any is read."""
    try:
        return read_regular(path, MAX_BYTES)
    except TooLarge as exc:
        raise _too_large(exc.size) from None


def _too_large(size: int) -> Refused:
    return Refused([("too-large", f"文件有 {size // MIB} MB，超过附件 {MAX_BYTES // MIB} MB 的上限："
                                  "请拆分或压缩图片后再提交")])


#: How a reading ended short of whole: Refused or Unchecked, and the reasons.
_Ending = tuple[type[Unchecked], list[tuple[str, str]]]
#: What reading an attachment found, by its type and the digest of its bytes, for the newest files read (memo.Kept:
#: their text at most 16 Mi characters in all, a tenth of that each): the same bytes read again (by the input gate,
#: then in the built site by the publish scan; in each past version by the history scan; by the preview's next
#: build) are not parsed again. Reading is a function of the bytes alone, so what is given again is what reading
#: would find: the same pieces, then the same reasons.
_READ: Kept[tuple[tuple[Piece, ...], _Ending | None]] = Kept(16 * MIB)


def _guarded(suffix: str, load: Callable[[], bytes]) -> Iterator[Piece]:
    data = load()  # an OSError here is the caller's (unreadable-path)
    key = (suffix, hashlib.sha256(data).digest())
    kept = _READ.find(key)
    if kept is not None:
        found, ending = kept
        yield from found
        if ending is not None:
            kind, reasons = ending
            raise kind(reasons)
        return
    read: list[Piece] = []
    try:
        for piece in _read(suffix, data):
            read.append(piece)
            yield piece
    except Unchecked as exc:  # Refused too
        if not isinstance(exc, _OutOfMemory):  # what this machine could not do this time: read again next time
            _keep(key, read, (type(exc), list(exc.reasons)))  # not the exception: its frames hold the file's bytes
        raise
    _keep(key, read, None)


class _OutOfMemory(Refused):
    """Refused for want of memory: said now, not kept for the same bytes."""


def _keep(key: tuple[str, bytes], read: list[Piece], ending: _Ending | None) -> None:
    _READ.put(key, (tuple(read), ending), _size(read))


def _size(read: tuple[Piece, ...] | list[Piece]) -> int:
    return sum(len(text) + len(place) for _line, _col, place, text in read)


def _read(suffix: str, data: bytes) -> Iterator[Piece]:
    reading = Reading(open=_open, attached=_attached)
    try:
        for line, col, place, text in READERS[suffix](data, reading, ""):
            yield line, col, masked(place), text
    except Unchecked as exc:
        raise type(exc)([(code, masked(message)) for code, message in exc.reasons]) from None
    except MemoryError:
        raise _OutOfMemory([*reading.reasons,
                            ("too-large", "文件太大或结构异常，读取时内存不足：请拆分后再提交")]) from None
    except Exception as exc:  # hostile files make readers fail in any way: refused, never a traceback
        raise Refused([*reading.reasons, ("refused-file",
                                          f"无法完整读取这个文件（{type(exc).__name__}），它可能已损坏："
                                          "请用原来的软件打开后另存为一个新文件再提交")]) from exc
    if reading.reasons:
        errors = any(code != "unchecked-file" for code, _ in reading.reasons)
        raise (Refused if errors else Unchecked)([(code, masked(message)) for code, message in reading.reasons])


def _archive(data: bytes, reading: Reading, where: str) -> Iterator[Piece]:
    """A .zip: every member's name and content, each member a type of the allow-list (web pages allowed too)."""
    archive = open_zip(data, reading, where)
    yield from names_and_comments(archive, "压缩包")
    for info, name in members(archive):
        base = name.rsplit("/", 1)[-1]
        if name.startswith("__MACOSX/") or base in (".DS_Store", "Thumbs.db", "desktop.ini"):
            content = read_member(archive, info, reading, where)
            yield from strings(content or b"", f"压缩包中系统自动生成的文件 {name}")
        elif suffix_of(name) not in IN_ZIP:
            _not_allowed(name, reading, "压缩包")
        else:
            content = read_member(archive, info, reading, where)
            if content is not None:
                yield from prefixed(f"压缩包中的 {name}：", _attached(name, content, reading))


def _not_allowed(name: str, reading: Reading, inside: str) -> None:
    suffix = suffix_of(name)
    reading.refuse("unsupported-file", f"{inside}中的 {name} 是{f' {suffix} ' if suffix else '没有扩展名的'}文件，"
                   f"不能发布：{inside}中也只能有可检查的类型（{'、'.join(sorted(IN_ZIP))}）。"
                   "请删除它或转换成这些类型后重新打包")


def _attached(name: str, data: bytes, reading: Reading) -> Iterator[Piece]:
    """A file a person put inside a zip or a PDF: read by its type, like the same file under content/."""
    suffix = suffix_of(name)
    if suffix not in IN_ZIP:
        _not_allowed(name, reading, "PDF 附件")
    elif suffix in READERS:
        with reading.nested(name):
            yield from READERS[suffix](data, reading, name)
    elif suffix in (".html", ".htm", ".xhtml"):
        yield from page(decode(data), "")
    elif suffix in (".svg", ".xml"):
        yield from xmltext.read([data], xmltext.Collector(""), reading, name, allow_dtd=True)
    else:
        yield from lines(decode(data), "")


def _open(name: str, data: bytes, reading: Reading) -> Iterator[Piece]:
    """A part of a document that is not XML, by what it is: an embedded file, a picture, a page, a metafile; what
    cannot be read (OLE objects, macros, fonts, unknown binaries) is a reason to refuse the document."""
    suffix, lower = suffix_of(name), name.lower()
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        with reading.nested(name):
            yield from (office if _is_office(data) else _archive)(data, reading, name)
    elif data[:8] == _OLE or "vbaproject" in lower:
        reading.refuse("refused-file", MACROS.format(part=name) if "vba" in lower else (
            f"嵌入了其他程序的对象（{name}，例如旧版 Word/Excel 对象、公式编辑器或控件），其内容无法检查，不予发布。"
            "请在原文档中删除该嵌入对象，改为直接粘贴文字、表格或图片后另存"))
    elif data.startswith(b"%PDF") or suffix == ".pdf":
        with reading.nested(name):
            yield from pdf(data, reading, name)
    elif kind_of(data):
        yield from picture(data, reading, name)
    elif suffix in _BINARY_WITH_STRINGS or lower.endswith("layout-cache") or data[40:44] == b" EMF" or (
            data[:4] == b"\xd7\xcd\xc6\x9a"):
        yield from strings(data, "")  # metafiles, printer settings, HD Photo: text runs, no structure worth parsing
    elif suffix in (".htm", ".html", ".xhtml"):
        yield from page(decode(data), "")
    elif suffix in (".mht", ".mhtml"):
        yield from mht(data, reading, "")
    elif suffix == ".rtf" or data.startswith(b"{\\rtf"):
        yield from rtf(data, reading, "")
    elif suffix in _TEXT_PARTS or _is_text(data):
        yield from lines(decode(data), "")
    elif suffix in _FONTS:
        reading.refuse("refused-file", f"嵌入了字体（{name}），其中的文字无法检查：请在「文件 → 选项 → 保存」中取消"
                       "「将字体嵌入文件」后另存")
    else:
        reading.refuse("refused-file", f"含有无法检查的部件 {name}（{suffix or '未知格式'}）：请删除其中嵌入的对象、"
                       "音频或视频后另存；不清楚是什么时，把内容复制到一个新文档中保存")


def _is_text(data: bytes) -> bool:
    """Text whatever its name (an OpenDocument's mimetype, a part without a suffix): read as text, not refused."""
    if b"\0" in data[:8192]:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_office(data: bytes) -> bool:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except DAMAGED:
        return False
    return "[Content_Types].xml" in names or "mimetype" in names


READERS: dict[str, Callable[[bytes, Reading, str], Iterator[Piece]]] = {
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"), office),
    ".pdf": pdf,
    **dict.fromkeys(PICTURES, picture),
    ".zip": _archive,
}


_ACTIVE_SVG = re.compile(r"<script|<foreignObject|\bon[a-z]+\s*=|javascript:|(?:href|src)"
                         r"\s*=\s*[\"']?\s*(?:https?:|//|data:)|<!ENTITY|@import|url\(\s*[\"']?\s*(?:https?:|//)", re.I)


def svg_active(rel: str, text: str) -> list[Problem]:
    """An SVG is published as it is and runs as a page when opened: script, event handlers and outside
    references (which also break the promise of no outside requests) are refused."""
    found = []
    for match in _ACTIVE_SVG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(problem("active-svg", Where(rel, line, col), "SVG 图片", (
            f"SVG 图片中有脚本、事件属性或外部引用「{match.group()[:20]}」："
            "发布后会在读者的浏览器中运行或向外部网站发请求，不予发布。请用 PNG/JPG 图片代替，"
            "或在绘图软件中导出不含脚本的「纯 SVG」")))
    return found
