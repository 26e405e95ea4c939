"""Privacy stage, attachments: the text of one XML part, streamed through defusedxml (no entities, no DTD): what is
shown together is read together (the runs of a paragraph, a cell, a shared string), every attribute value apart."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from xml.etree.ElementTree import ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .base import Piece, Reading, worth

#: Elements whose text a reader sees as one, matched by local name (so Strict OOXML and any prefix read the same):
#: a paragraph or heading (Word, PowerPoint, OpenDocument), a shared or inline string, a cell and its formula
#: (Excel), a table cell (OpenDocument), a comment's or a shape's text. A number split over two runs is one number.
CONTAINERS = frozenset({"p", "h", "si", "is", "c", "f", "table-cell", "covered-table-cell", "text"})
PARAGRAPHS = frozenset({"p", "h"})

#: Elements that say what their text is, for staff looking for it.
CONTEXTS = {
    "headerFooter": "页眉/页脚", "oddHeader": "页眉", "evenHeader": "页眉", "firstHeader": "页眉",
    "oddFooter": "页脚", "evenFooter": "页脚", "firstFooter": "页脚", "header": "页眉", "footer": "页脚",
    "header-left": "页眉", "footer-left": "页脚", "header-first": "页眉", "footer-first": "页脚",
    "dataValidation": "数据验证提示", "numFmt": "数字格式", "number-style": "数字格式", "currency-style": "数字格式",
    "date-style": "数字格式", "text-style": "数字格式", "percentage-style": "数字格式", "time-style": "数字格式",
    "txbxContent": "文本框", "textbox": "文本框", "text-box": "文本框", "annotation": "批注", "comment": "批注",
    "definedName": "名称定义", "hyperlink": "超链接", "docVar": "文档变量", "note": "脚注", "del": "已删除的修订",
    "tracked-changes": "修订记录", "sdt": "内容控件", "instrText": "域代码",
}

#: Bytes fed to the parser at a time: pieces found so far are handed on between feeds (memory stays flat).
CHUNK = 1024 * 1024


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


class Collector:
    """A target for the XML parser that turns one part into pieces (`ready`, drained by `read`).

    `label` names the part for staff ("页眉（word/header1.xml）"; "" for a document's body). Subclasses place pieces
    more precisely (sheet cells) by overriding `container`.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.ready: list[Piece] = []
        self.paragraphs = 0
        self.strings = 0
        self._stack: list[tuple[str, str | None, int]] = []  # (local name, context, line) of each open element
        self._buffers: list[list[str]] = []  # the text of each open container
        self._loose: list[str] = []  # text outside any container since the last tag

    # --- the parser's target protocol -------------------------------------------------------------
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local(tag)
        context = CONTEXTS.get(name) or (self._stack[-1][1] if self._stack else None)
        self._flush(self._stack[-1][1] if self._stack else None)
        if name in PARAGRAPHS:
            self.paragraphs += 1
        elif name == "si":
            self.strings += 1
        line = self.strings if name == "si" else self.paragraphs or 1
        self._stack.append((name, context, line))
        if name in CONTAINERS:
            self._buffers.append([])
        for key, value in attrib.items():
            if worth(value):
                self.ready.append(self.attribute(name, local(key), value, context, line))

    def data(self, text: str) -> None:
        (self._buffers[-1] if self._buffers else self._loose).append(text)

    def end(self, tag: str) -> None:
        name, context, line = self._stack.pop()
        if name in CONTAINERS:
            piece = self.container(name, "".join(self._buffers.pop()), context, line)
            if piece is not None:
                self.ready.append(piece)
        else:
            self._flush(context)

    def close(self) -> None:
        self._flush(None)

    # --- where each piece is, for staff ------------------------------------------------------------
    def where(self, context: str | None) -> str:
        if not context:
            return self.label or "正文"
        if not self.label or self.label.startswith(context):  # a comment in the comments part: 「批注（…）」 once
            return self.label or context
        return f"{self.label}的{context}"

    def container(self, name: str, text: str, context: str | None, line: int) -> Piece | None:
        if not worth(text):
            return None
        if name in PARAGRAPHS:
            return line, None, f"{self.where(context) if context else self.label}第 {line} 段", text
        if name == "si":
            return line, None, f"{self.where(context)}第 {line} 项", text
        return line, None, self.where(context), text

    def attribute(self, name: str, key: str, value: str, context: str | None, line: int) -> Piece:
        return line, None, f"{self.where(context)}（{name} 的 {key} 属性）", value

    def _flush(self, context: str | None) -> None:
        if self._loose:
            text = "".join(self._loose)
            self._loose = []
            if worth(text):
                self.ready.append((self.paragraphs or 1, None, self.where(context), text))


def read(chunks: Iterable[bytes], collector: Collector, reading: Reading, where: str,
         allow_dtd: bool = False) -> Iterator[Piece]:
    """The pieces of one XML part, streamed. An entity declaration or a DTD (billion laughs, outside files) or XML
    that does not parse is a reason to refuse the file; what was read until then is still handed on."""
    parser = DefusedXMLParser(target=collector, forbid_dtd=not allow_dtd)
    try:
        for chunk in chunks:
            parser.feed(chunk)
            ready, collector.ready = collector.ready, []
            yield from ready
        parser.close()
    except DefusedXmlException:
        reading.refuse("refused-file", f"{where} 中有 XML 实体或文档类型声明（DTD），正常的 Office/WPS 文件没有，"
                       "它们可以让读取卡死或读取其他文件：不予发布。请用 Office 或 WPS 打开后另存为一个新文件")
    except (ParseError, ValueError, LookupError) as exc:
        at = getattr(exc, "position", None)
        spot = f"（第 {at[0]} 行第 {at[1] + 1} 列）" if at else ""
        reading.refuse("refused-file", f"{where} 不是完整的 XML{spot}，文件已损坏，无法检查其中的文字：不予发布。"
                       "请用 Office 或 WPS 打开后另存为一个新文件；打不开时请用原始文件重新制作")
    yield from collector.ready
    collector.ready = []


def elements(data: bytes, wanted: set[str], limit: int = 100_000) -> list[tuple[str, dict[str, str]]]:
    """(local name, attributes with local keys) of the `wanted` elements of a small part (workbook, relationships),
    in document order, at most `limit` of them."""
    found: list[tuple[str, dict[str, str]]] = []

    class Target:
        def start(self, tag: str, attrib: dict[str, str]) -> None:
            name = local(tag)
            if name in wanted and len(found) < limit:
                found.append((name, {local(k): v for k, v in attrib.items()}))

        def end(self, tag: str) -> None:
            pass

        def data(self, text: str) -> None:
            pass

        def close(self) -> None:
            pass

    parser = DefusedXMLParser(target=Target(), forbid_dtd=True)
    try:
        parser.feed(data)
        parser.close()
    except (DefusedXmlException, ParseError, ValueError, LookupError):
        return found  # the same part is read again as text, and refused there
    return found
