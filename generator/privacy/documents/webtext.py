"""Privacy stage, attachments: text that is not XML: plain text, web pages (.html, .mht saved from Word), RTF, and
the strings of small binary parts (printer settings, metafiles) that carry text without a structure to parse."""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from .base import Piece, Reading, worth


def decode(data: bytes) -> str:
    """Text as an editor would open it: a BOM says the encoding, else UTF-8, else GB18030 (Chinese Windows)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def lines(text: str, label: str) -> Iterator[Piece]:
    """Plain text line by line: 「第 N 行」."""
    for number, line in enumerate(text.split("\n"), 1):
        if worth(line):
            yield number, None, f"{label}第 {number} 行", line


#: Tags that end what is shown together (a paragraph, a cell, a line); inline tags (b, span, a) join their text.
_BLOCK = frozenset({"p", "div", "br", "li", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                    "section", "article", "header", "footer", "title", "blockquote", "pre", "hr", "dt", "dd", "option",
                    "script", "style", "head", "body", "html", "form", "textarea", "caption", "nav", "main", "aside"})


class _Page(HTMLParser):
    def __init__(self, label: str) -> None:
        super().__init__(convert_charrefs=True)
        self.label = label
        self.found: list[Piece] = []
        self._text: list[str] = []
        self._line = 1

    def _flush(self) -> None:
        text = "".join(self._text)
        self._text = []
        if worth(text):
            self.found.append((self._line, None, f"{self.label}第 {self._line} 行", text))
        self._line = self.getpos()[0]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._flush()
        for key, value in attrs:
            if value and worth(value):
                line = self.getpos()[0]
                self.found.append((line, None, f"{self.label}第 {line} 行（{tag} 的 {key} 属性）", value))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._text:
            self._line = self.getpos()[0]
        self._text.append(data)

    def handle_comment(self, data: str) -> None:
        if worth(data):
            self.found.append((self.getpos()[0], None, f"{self.label}第 {self.getpos()[0]} 行的注释", data))


def page(text: str, label: str) -> list[Piece]:
    """A web page as a reader sees it: tags dropped, entities decoded, each block apart; attributes and comments
    (not shown, still published) apart."""
    parser = _Page(label)
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.found


def mht(data: bytes, reading: Reading, label: str) -> Iterator[Piece]:
    """A web archive (.mht, what Word saves as 「单个文件网页」 and puts in altChunk parts): each MIME part decoded
    and read as what it is (page, text, picture)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for key in ("Subject", "From", "To", "Snapshot-Content-Location", "Content-Location"):
        value = message.get(key)
        if value and worth(str(value)):
            yield 1, None, f"{label}的 {key}", str(value)
    for number, part in enumerate(message.walk(), 1):
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            continue
        kind = part.get_content_type()
        where = f"{label}第 {number} 部分"
        if kind == "text/html":
            yield from page(_charset(payload, part.get_content_charset()), f"{where}")
        elif kind.startswith("text/"):
            yield from lines(_charset(payload, part.get_content_charset()), where)
        else:
            name = part.get_filename() or str(part.get("Content-Location", f"part{number}"))
            reading.take(len(payload), where)
            yield from reading.open(name, payload, reading)


def _charset(payload: bytes, charset: str | None) -> str:
    if charset:
        try:
            return payload.decode(charset, "replace")
        except LookupError:
            pass
    return decode(payload)


_RTF = re.compile(rb"\\'([0-9a-fA-F]{2})|\\u(-?[0-9]{1,6}) ?|\\([a-z]{1,32})(-?[0-9]{1,10})? "
                  rb"?|\\([^a-z])|([{}])|([^\\{}\r\n]+)")
_RTF_BREAKS = frozenset({b"par", b"line", b"cell", b"row", b"tab", b"sect", b"page", b"pard"})


def rtf(data: bytes, reading: Reading, label: str) -> Iterator[Piece]:
    """An RTF file's text: paragraphs and cells apart, \\'hh bytes in its code page, \\uN characters; a picture's
    hex skipped; an embedded object refused."""
    codepage = re.search(rb"\\ansicpg([0-9]{3,5})", data[:4096])
    encoding = f"cp{int(codepage[1])}" if codepage else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "gb18030"
    out: list[str] = []
    raw = bytearray()
    depth, skip_from, number = 0, None, 1

    def flush() -> Iterator[Piece]:
        nonlocal number
        out.append(bytes(raw).decode(encoding, "replace"))
        raw.clear()
        text = "".join(out)
        out.clear()
        if worth(text):
            yield number, None, f"{label}第 {number} 段", text
        number += 1

    for hexbyte, uni, word, _arg, symbol, brace, plain in (m.groups() for m in _RTF.finditer(data)):
        if brace:
            depth += 1 if brace == b"{" else -1
            if skip_from is not None and depth < skip_from:
                skip_from = None
        elif skip_from is not None:
            continue
        elif word in (b"pict", b"bin", b"themedata", b"colorschememapping", b"datastore"):
            skip_from = depth  # binary or hex data, no text
        elif word in (b"object", b"objdata"):
            reading.refuse("refused-file", f"{label}中嵌入了对象（RTF \\object），无法检查：请删除该对象后重新保存")
            skip_from = depth
        elif word in _RTF_BREAKS:
            yield from flush()
        elif hexbyte:
            raw.append(int(hexbyte, 16))
        elif uni:
            out.append(bytes(raw).decode(encoding, "replace"))
            raw.clear()
            out.append(chr(int(uni) % 65536))
        elif symbol:
            raw.extend(symbol if symbol in b"\\{}" else b"")
        elif plain:
            raw.extend(plain)
    yield from flush()


# --- strings of binary parts ---------------------------------------------------------------------------------

_UTF8_RUN = re.compile(rb"(?:[\x20-\x7e]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}){4,}")
_UTF16LE_RUN = re.compile(rb"(?:[\x20-\x7e]\x00|[\x00-\xff][\x4e-\x9f]|[\x00-\xff][\x30\xff]){2,}")


def strings(data: bytes, label: str) -> Iterator[Piece]:
    """Runs of text (UTF-8, ASCII, UTF-16) in binary data: what a person could read with a hex viewer."""
    for match in _UTF8_RUN.finditer(data):
        text = match.group().decode("utf-8", "replace")
        if worth(text):
            yield 1, None, label, text
    for match in _UTF16LE_RUN.finditer(data):
        text = match.group()[:len(match.group()) // 2 * 2].decode("utf-16-le", "replace")
        if worth(text):
            yield 1, None, label, text
