"""Staff fill-in template: an .xlsx whose header, formats, dropdowns and prompts match one dataset's model."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .. import paths
from ..datasets import Dataset
from ..render.downloads import neutralise
from ..rules.identifiers import uscc_check_char
from .fields import AMOUNT, CODE, DATE, FLAG, IDENT, LIST, TEXT, USCC, choices, kinds

LISTS_SHEET = "选项"
#: Rows the formats and dropdowns cover: a county's yearly decisions fit many times over.
TEMPLATE_ROWS = 2000
PROMPT_MAX, TITLE_MAX = 255, 32  # Excel's limits for an input message
_EXAMPLE_IN_DOC = re.compile(r"例如「([^」]+)」")
_FORMATS = {CODE: "@", USCC: "@", IDENT: "@", TEXT: "@", LIST: "@", FLAG: "@", DATE: "yyyy-mm-dd", AMOUNT: "0.00"}
_EXAMPLE_USCC = "91141099MA0K1266" + "0"


def example_values(ds: Dataset) -> dict[str, str]:
    """The template's example row, as the importer reads it back (so it can be recognised and skipped)."""
    values: dict[str, str] = {}
    types = kinds(ds.model)
    for key, info in ds.model.model_fields.items():
        allowed = choices(info)
        found = _EXAMPLE_IN_DOC.search(info.description or "")
        if types[key] == DATE:
            values[key] = "2021-09-15"
        elif types[key] == AMOUNT:
            values[key] = "5000.00"
        elif "uscc" in key:
            values[key] = _EXAMPLE_USCC + uscc_check_char(_EXAMPLE_USCC)
        elif allowed:
            values[key] = allowed[0]
        elif found:
            values[key] = found.group(1).split(";")[0] if types[key] != LIST else found.group(1)
        else:
            values[key] = f"示例{info.title or key}"
    return values


def write_template(ds: Dataset, out: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = ds.title[:31]
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    types = kinds(ds.model)
    example = example_values(ds)
    list_col = 0
    for col, (key, info) in enumerate(ds.model.model_fields.items(), start=1):
        letter = get_column_letter(col)
        head = text_cell(sheet, 1, col, info.title or key)
        head.font = Font(bold=True, color="C00000" if info.is_required() else "000000")
        head.fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[letter].width = max(12, min(40, 2 * len(info.title or key) + 4))
        sheet.column_dimensions[letter].number_format = _FORMATS[types[key]]
        _example_cell(sheet, col, example[key], types[key])
        allowed = choices(info)
        source = None
        if allowed:
            list_col += 1
            source = _write_list(lists, list_col, info.title or key, allowed)
        sheet.add_data_validation(_validation(ds, key, info, source, types[key], f"{letter}2:{letter}{TEMPLATE_ROWS}"))
    sheet.freeze_panes = "A2"
    with paths.staged(out) as temporary:  # `out` checked by the command (paths.check_output): never a link
        book.save(temporary)


def text_cell(sheet: Worksheet, row: int, col: int, value: str) -> Any:
    """A text cell, never a formula (openpyxl makes any "=…" one, whatever is set before the value): the import
    reads back exactly `value`."""
    cell = sheet.cell(row, col)
    cell.value = value
    cell.data_type = "s"
    return cell


def _example_cell(sheet: Worksheet, col: int, value: str, kind: str) -> None:
    if kind == DATE:
        cell = sheet.cell(2, col)
        cell.value = date.fromisoformat(value)
    else:  # text, amounts too: the example reads back exactly as example_values says (the import restores it)
        cell = text_cell(sheet, 2, col, neutralise(value))
    cell.number_format = _FORMATS[kind]
    cell.font = Font(italic=True, color="808080")


def _write_list(lists: Worksheet, col: int, title: str, allowed: tuple[str, ...]) -> str:
    letter = get_column_letter(col)
    text_cell(lists, 1, col, title)
    for row, value in enumerate(allowed, start=2):
        text_cell(lists, row, col, value)  # as the dropdown offers it: text, never run
    return f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(allowed) + 1}"


def _validation(ds: Dataset, key: str, info: object, source: str | None, kind: str, cells: str) -> DataValidation:
    title = (getattr(info, "title", None) or key)[:TITLE_MAX]
    need = "必填。" if getattr(info, "is_required")() else "选填。"
    prompt = (need + (getattr(info, "description", None) or "").strip())[:PROMPT_MAX]
    if source and kind != LIST:
        check = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                               errorTitle=title, error=f"请从下拉列表中选择{title}")
    elif source:  # several values joined by ";": the list only offers them, it cannot refuse a combination
        check = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                               errorStyle="information", errorTitle=title, error="可填多项，用英文分号 ; 分隔")
    else:
        check = DataValidation(allow_blank=True)
    check.showInputMessage = True
    check.promptTitle, check.prompt = title, prompt
    check.add(cells)
    return check
