"""Render stage of the procedures family: a procedure's flow chart, drawn from its steps as an inline SVG picture.

A vertical column of boxes joined by arrows, one box per step, text wrapped by character width: it reads at 390 px
without scaling below 1:1, needs no library, script or font from elsewhere, and the same steps give the same bytes.
The chart repeats the ordered list above it (its title says so): the list is what assistive technology reads.
"""

from __future__ import annotations

import unicodedata
from html import escape

from .model import Procedure, Step, limit_words

WIDTH = 340
BOX_X, BOX_W = 8, 324
PAD = 10
TITLE_SIZE, TEXT_SIZE = 15, 13
LINE = 19
GAP = 26
#: Text width available in a box, in units of the text size (one kept free for a mark that may not start a line).
_TEXT_EMS = (BOX_W - 2 * PAD) / TEXT_SIZE - 1
#: Marks a line never starts with (they hang at the end of the line before, in the width kept free).
_NO_START = frozenset("、，。；：）》」』！？,.;:)")


def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6


def wrap(text: str, ems: float) -> list[str]:
    """Lines of at most `ems` character widths (a CJK character is 1, a Latin one 0.6); never splits a digit run."""
    lines: list[str] = []
    current, used = "", 0.0
    for token in _tokens(text):
        w = sum(_width(c) for c in token)
        if used + w > ems and current and token not in _NO_START:
            lines.append(current.rstrip())
            current, used = token.lstrip(), sum(_width(c) for c in token.lstrip())
        else:
            current, used = current + token, used + w
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Characters, with runs of ASCII letters and digits kept together with the space and the character after them
    (「15 个」 of 「15 个工作日」 never breaks)."""
    out: list[str] = []
    glue = False  # the last token is a run of letters or digits, possibly with its space: the next character joins
    for ch in text:
        if out and glue:
            out[-1] += ch
            glue = (ch.isascii() and ch.isalnum()) or ch == " "
        else:
            out.append(ch)
            glue = ch.isascii() and ch.isalnum()
    return out


def step_lines(step: Step) -> list[str]:
    """The detail lines of a step's box: who, how long, which documents, whether it is recorded."""
    details = [f"承办：{step.actor}"]
    limit = limit_words(step)
    if limit:
        details.append(f"时限：{limit}")
    if step.documents:
        details.append("文书：" + "、".join(step.documents))
    if step.recorded:
        details.append("［须音像记录］")
    return [line for text in details for line in wrap(text, _TEXT_EMS)]


def flow_svg(procedure: Procedure, ident: str) -> str:
    """The chart of `procedure` as inline SVG; `ident` makes its title's id unique on the page."""
    parts: list[str] = []
    y = 4
    count = len(procedure.steps)
    for n, step in enumerate(procedure.steps, 1):
        heads = wrap(f"{n}. {step.name}", (BOX_W - 2 * PAD) / TITLE_SIZE)
        lines = step_lines(step)
        height = PAD * 2 + len(heads) * (LINE + 2) + len(lines) * LINE
        parts.append(f'<rect x="{BOX_X}" y="{y}" width="{BOX_W}" height="{height}" rx="6" fill="none" '
                     f'stroke="currentColor" stroke-width="{2.5 if step.recorded else 1.5}"/>')
        ty = y + PAD + TITLE_SIZE
        for head in heads:
            parts.append(f'<text x="{BOX_X + PAD}" y="{ty}" font-size="{TITLE_SIZE}" font-weight="bold" '
                         f'fill="currentColor">{escape(head)}</text>')
            ty += LINE + 2
        for line in lines:
            parts.append(f'<text x="{BOX_X + PAD}" y="{ty}" font-size="{TEXT_SIZE}" fill="currentColor">'
                         f'{escape(line)}</text>')
            ty += LINE
        y += height
        if n < count:
            mid = WIDTH // 2
            parts.append(f'<path d="M{mid} {y} V{y + GAP - 8}" stroke="currentColor" stroke-width="1.5"/>'
                         f'<path d="M{mid - 6} {y + GAP - 9} L{mid} {y + GAP - 1} L{mid + 6} {y + GAP - 9} Z" '
                         'fill="currentColor"/>')
            y += GAP
    total = y + 4
    title = f"流程图：{procedure.name}，共 {count} 个环节，内容与上方「办理流程」列表相同"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="tp-flow-chart" viewBox="0 0 {WIDTH} {total}" '
            f'width="{WIDTH}" height="{total}" role="img" aria-labelledby="{ident}">'
            f'<title id="{ident}">{escape(title)}</title>{"".join(parts)}</svg>')
