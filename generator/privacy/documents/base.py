"""Privacy stage, attachments: what every reader shares: a piece of text, the limits of reading one attachment, and
the reasons a file is refused (errors) or only partly checked (a warning)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NoReturn

Piece = tuple[int, int | None, str, str]
"""(line, column or None for "the offset within the text", place described for staff, text)."""

MIB = 1024 * 1024
#: Uncompressed bytes read from one attachment at most, every part and nested file included (zip bombs).
MAX_BYTES = 256 * MIB
#: One part of a package, a file inside a zip or a PDF, at most.
MAX_MEMBER = 128 * MIB
#: Uncompressed / compressed size of one part above which it is a bomb, not a document (text rarely passes 20;
#: deflate cannot pass ~1030, which is what bombs use). Small parts are not judged.
MAX_RATIO = 200
RATIO_FROM = 1 * MIB
#: Parts of one package, nested packages and PDF objects: far above a real document's.
MAX_MEMBERS = 20_000
#: Files inside files inside files (a workbook in a Word file in a zip): deeper is refused (42.zip).
MAX_DEPTH = 3
#: Pixels of one picture: a larger one would take gigabytes to decode (only headers are read, never pixels).
MAX_PIXELS = 100_000_000

Code = str
Reason = tuple[Code, str]


class Unchecked(Exception):
    """A file the gate could not check whole. `reasons`: (problem code, message for staff); a warning when every
    code is `unchecked-file` (readable, but a scan's pictures cannot be read), else see Refused."""

    def __init__(self, reasons: list[Reason] | str) -> None:
        self.reasons = [("unchecked-file", reasons)] if isinstance(reasons, str) else list(reasons)
        super().__init__(self.reasons[0][1] if self.reasons else "")


class Refused(Unchecked):
    """A file that is not published: it cannot be read (damaged, encrypted, a format not allowed, macros, an
    embedded object) or it exceeds a limit."""


#: Opens one nested file: (name, bytes, reading) -> pieces. Set by attachments.py (the dispatcher): `open` reads a
#: part of a document by what it is, `attached` a file by its type, only the types allowed under content/.
Opener = Callable[[str, bytes, "Reading"], Iterator[Piece]]


@dataclass
class Reading:
    """The state of reading one attachment: what is left of its limits and the reasons found so far."""

    open: Opener
    attached: Opener  # a file a person put in a zip or a PDF: by its type, on the allow-list only
    left: int = MAX_BYTES
    members: int = MAX_MEMBERS
    depth: int = 0
    reasons: list[Reason] = field(default_factory=list)

    def refuse(self, code: Code, message: str) -> None:
        """A reason to refuse the file; reading goes on, so that staff learn every reason at once."""
        if (code, message) not in self.reasons:
            self.reasons.append((code, message))

    def stop(self, code: Code, message: str) -> NoReturn:
        """A reason that ends the reading now (a limit: reading on would be the harm)."""
        raise Refused([*self.reasons, (code, message)])

    def take(self, size: int, where: str) -> None:
        """Count `size` uncompressed bytes against the attachment's limit."""
        self.left -= size
        if self.left < 0:
            self.stop("too-large", f"{where}：解压后超过 {MAX_BYTES // MIB} MB（可能是「压缩炸弹」），不予读取和发布。"
                      "请拆分成几个较小的文件，或删除其中的大图片、视频后重新保存")

    def count(self, members: int, where: str) -> None:
        self.members -= members
        if self.members < 0:
            self.stop("too-large", f"{where}：包含的部件或对象超过 {MAX_MEMBERS} 个，不予读取和发布。请拆分成几个文件")

    @contextmanager
    def nested(self, where: str) -> Iterator[None]:
        """Inside a file inside this one: deeper than MAX_DEPTH is refused."""
        if self.depth >= MAX_DEPTH:
            self.stop("too-large", f"{where}：文件中嵌套的文件超过 {MAX_DEPTH} 层，不予读取和发布。"
                                   "请把嵌入的文件取出来单独提交")
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1


def worth(text: str) -> bool:
    """Whether a piece can hold what the gate looks for: a number takes 11 characters at least, a person's name a
    character outside ASCII. Shorter ASCII (cell references, sizes, style ids: most attributes) is skipped."""
    return (len(text) >= 11 or not text.isascii()) and not text.isspace()


_LONG_NUMBER = re.compile(r"\d(?:[\s\-_.·]?\d){10,}(?:[\s\-_.·]?[Xx])?")


def masked(text: str) -> str:
    """A place or reason as it may be printed: a part, sheet or member named after a number never shows it whole
    (the number itself is reported, masked, by the finding)."""
    return _LONG_NUMBER.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 5) + m.group()[-2:], text)


def prefixed(prefix: str, pieces: Iterator[Piece]) -> Iterator[Piece]:
    """The pieces of a nested file, their places prefixed with where that file sits in the outer one."""
    for line, col, place, text in pieces:
        yield line, col, f"{prefix}{place}", text


def suffix_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""
