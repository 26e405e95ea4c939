"""Privacy stage, attachments: Word, Excel, PowerPoint and OpenDocument files, every part: XML parts as their text and
attributes, embedded files and pictures through their own readers; macros and what cannot be read are refused."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from . import xmltext
from .base import Piece, Reading, prefixed
from .packages import chunks, members, names_and_comments, office_labels, open_zip, read_member, small
from .sheets import OdfContent, SharedStrings, Sheet
from .xmltext import Collector

#: How staff know a part, by its name (first match); the body of a document is "" (its paragraphs: 第 N 段).
_LABELS = [(re.compile(pattern), label) for pattern, label in (
    (r"^word/document\d*\.xml$|^content\.xml$", ""),
    (r"header\d*\.xml$", "页眉"), (r"footer\d*\.xml$", "页脚"),
    (r"footnotes\.xml$", "脚注"), (r"endnotes\.xml$", "尾注"),
    (r"comment|threadedComments|people\.xml$|/persons/|authors\.xml$", "批注"),
    (r"^docProps/|^meta\.xml$", "文档属性"), (r"^customXml/", "自定义数据"), (r"glossary/", "文档部件"),
    (r"/pivotCache/", "数据透视表缓存"), (r"/pivotTables/", "数据透视表"), (r"/externalLinks/", "外部链接的缓存"),
    (r"/drawings/|/diagrams/|/media/.*\.svg$", "图形或文本框"), (r"/charts?/", "图表"), (r"/tables/", "表格"),
    (r"^xl/workbook\.xml$", "工作簿（名称定义等）"),
    (r"slideMaster|slideLayout|notesMaster|handoutMaster", "幻灯片母版或版式"),
    (r"styles\.xml$", "样式"), (r"settings\.xml$", "文档设置"), (r"/queryTables/|connections\.xml$", "数据连接"),
)]

#: Folders of OpenDocument macros (Basic modules, scripts); their index files alone are no macro.
_ODF_MACROS = re.compile(r"^(?:Basic|Scripts)/(?!script-l[bc]\.xml$|dialog-l[bc]\.xml$)")
MACROS = ("含有宏（{part}）：宏会在打开文件的电脑上运行，其中的内容也无法检查，不予发布。请另存为不含宏的格式"
          "（Word 文档 .docx、Excel 工作簿 .xlsx、PowerPoint 演示文稿 .pptx）后再提交")


def label_of(name: str, labels: dict[str, str]) -> str:
    if name in labels:
        return labels[name]
    for pattern, label in _LABELS:
        if pattern.search(name):
            return f"{label}（{name}）" if label else ""
    return f"部件 {name} "


def office(data: bytes, reading: Reading, where: str = "") -> Iterator[Piece]:
    """Every part of an OOXML or OpenDocument package (or a nested one: `where` names it in the outer file)."""
    archive = open_zip(data, reading, where)
    names = {info.filename for info in archive.infolist()}
    odf = "mimetype" in names or "META-INF/manifest.xml" in names
    if odf and b"encryption-data" in small(archive, "META-INF/manifest.xml"):
        reading.stop("refused-file", f"{where or '文件'}设置了打开密码，无法检查：请在 WPS 或 LibreOffice "
                                     "中取消密码后另存再提交")
    labels = {} if odf else office_labels(archive, names)
    spreadsheet = b"spreadsheet" in small(archive, "mimetype")
    shared: list[str] = []
    used: set[int] = set()
    yield from names_and_comments(archive, "文件的部件")
    parts = sorted(members(archive), key=lambda item: not item[0].filename.endswith("sharedStrings.xml"))
    for info, name in parts:
        yield from _part(archive, info, name, reading, where, labels, shared, used, odf, spreadsheet)
    for index, text in enumerate(shared):
        if index not in used:
            yield index + 1, None, f"共享字符串第 {index + 1} 项（没有单元格显示它，但它在文件中）", text


def _part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, reading: Reading, where: str,
          labels: dict[str, str], shared: list[str], used: set[int], odf: bool, spreadsheet: bool) -> Iterator[Piece]:
    lower = name.lower()
    place = f"{where}中的 {name}" if where else name
    if "vbaproject" in lower or "/macrosheets/" in lower or (odf and _ODF_MACROS.match(name)):
        reading.refuse("refused-file", f"{where}{MACROS.format(part=name)}")
        return
    label = label_of(name, labels)
    if lower.endswith((".xml", ".rels")) and not lower.endswith(".vml"):
        collector = _collector(name, label, labels, shared, used, odf, spreadsheet)
        yield from xmltext.read(chunks(archive, info, reading, where), collector, reading, place)
        if isinstance(collector, SharedStrings):
            shared.extend(collector.values)
        return
    data = read_member(archive, info, reading, where)
    if not data:
        return
    if lower.endswith((".vml", ".svg")) or data.lstrip()[:5] in (b"<?xml", b"\xef\xbb\xbf<?x"):
        # Legacy VML (comments' shapes) may hold HTML-style <br>: made well-formed, then read as any XML part.
        fixed = data.replace(b"<br>", b"<br/>") if lower.endswith(".vml") else data
        yield from xmltext.read([fixed], Collector(label), reading, place, allow_dtd=lower.endswith(".svg"))
        return
    yield from prefixed(f"{place}：", reading.open(name, data, reading))


def _collector(name: str, label: str, labels: dict[str, str], shared: list[str], used: set[int], odf: bool,
               spreadsheet: bool) -> Collector:
    if name.endswith("sharedStrings.xml"):
        return SharedStrings(label or f"共享字符串（{name}）")
    if odf and name == "content.xml":
        return OdfContent(label, "工作表" if spreadsheet else "表格")
    if labels.get(name, "").startswith("工作表「") or re.search(r"(^|/)worksheets/[^/]+\.xml$", name):
        sheet = labels.get(name, f"工作表「{name}」")
        return Sheet(sheet.removeprefix("工作表「").removesuffix("」"), shared, used)
    return Collector(label)

