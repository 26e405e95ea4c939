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
from ..schema.identifiers import uscc_check_char
from .current import DOC_PLACES, NUMBER, Current, localise, read_current, reference_options, references
from .fields import AMOUNT, CODE, DATE, FLAG, IDENT, LIST, TEXT, USCC, choices, kinds
from .read import LISTS_SHEET, MARKER_SHEET, MARKER_TAG

#: The hidden marker of a template's dataset (contracts18 §1): a very hidden sheet, A1 the tag, B1 the dataset name.
#: Rows the formats and dropdowns cover: a county's yearly decisions fit many times over.
TEMPLATE_ROWS = 2000
PROMPT_MAX, TITLE_MAX, ERROR_MAX = 255, 32, 255  # Excel's limits for an input or error message
EXAMPLE_DAY = "2021-09-15"
_OOXML_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)|[\r\ufffe\uffff]")
_EXAMPLE_IN_DOC = re.compile(r"例如「([^」]+)」")
_FORMATS = {CODE: "@", USCC: "@", IDENT: "@", TEXT: "@", LIST: "@", FLAG: "@", DATE: "yyyy-mm-dd", AMOUNT: "0.00"}
_EXAMPLE_USCC = "91141099MA0K1266" + "0"


def example_values(ds: Dataset, root: Path | None = None) -> dict[str, str]:
    """The template's example row as the data file would store it (the code of 执法事项 and 关联机构, which the cell
    shows as 「名称（代码）」), so that the importer can recognise and skip it. `root`: the data repository the
    template was made from (its settings, matters, institutions and numbers); None: the neutral example."""
    current = read_current(root, ds) if root is not None else Current()
    return {key: value for key, (value, _shown) in examples(ds, current).items() if value}


def is_example(ds: Dataset, values: dict[str, str]) -> bool:
    """Whether an imported row is a template's example row, whenever and from whatever data the template was made:
    each field the example takes from the data (numbers, county, 执法事项, 关联机构) is filled, each other field is
    exactly the fixed example, and one of them is a 「示例…」 text no real row has. Columns a clerk deleted are
    simply absent. `values`: the row's non-empty cells as `canonical` reads them."""
    fixed = {key: value for key, (value, _shown) in examples(ds, Current()).items()}
    refs = references(ds)
    drawn = {key for key, info in ds.model.model_fields.items() if key in refs or _drawn_doc(info)}
    if not values.keys() <= fixed.keys() or not any("示例" in fixed[key] for key in values.keys() - drawn):
        return False
    return all(key in drawn or value == fixed[key] for key, value in values.items())


def _drawn_doc(info: Any) -> bool:
    found = _EXAMPLE_IN_DOC.search(info.description or "")
    return bool(found and (NUMBER.search(found.group(1)) or any(place in found.group(1) for place in DOC_PLACES)))


def examples(ds: Dataset, current: Current) -> dict[str, tuple[str, str]]:
    """Field key -> (value as stored, text the example cell shows). Fictional: no person or ID from the data; the
    bureau's own number patterns and county; dates and sequence numbers fixed (the example does not move)."""
    values: dict[str, tuple[str, str]] = {}
    types = kinds(ds.model)
    refs = references(ds)
    for key, info in ds.model.model_fields.items():
        if key in refs:
            values[key] = _reference_example(ds, key, current) or (f"示例{info.title or key}",) * 2
            continue
        allowed = choices(info)
        found = _EXAMPLE_IN_DOC.search(info.description or "")
        if types[key] == DATE:
            value = EXAMPLE_DAY
        elif types[key] == AMOUNT:
            value = "5000.00"
        elif "uscc" in key:
            value = _EXAMPLE_USCC + uscc_check_char(_EXAMPLE_USCC)
        elif allowed:
            value = allowed[0]
        elif found:
            value = found.group(1).split(";")[0] if types[key] != LIST else found.group(1)
            value = localise(value, key, current, ds.number_kinds.get(key))
        else:
            value = f"示例{info.title or key}"
        values[key] = (value, value)
    return values


def _reference_example(ds: Dataset, key: str, current: Current) -> tuple[str, str] | None:
    """The first record the dropdown offers whose category an example may show (the first matter of the dataset's
    category; the first institution that is an organisation: never a person's name)."""
    offer = references(ds)[key].offer
    shown = offer.example_categories if offer else ()
    pick = next((o for o in reference_options(ds, key, current) or () if not shown or o.category in shown), None)
    return (pick.code, pick.entry) if pick else None


def write_template(ds: Dataset, out: Path, current: Current | None = None) -> None:
    """The fill-in workbook: the data sheet, the hidden list sheet 选项 and the very hidden marker sheet."""
    current = current or Current()
    book = Workbook()
    sheet = book.active
    sheet.title = ds.title[:31]
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    types = kinds(ds.model)
    example = examples(ds, current)
    list_col = 0
    for col, (key, info) in enumerate(ds.model.model_fields.items(), start=1):
        letter = get_column_letter(col)
        _head(sheet, col, info)
        sheet.column_dimensions[letter].number_format = _FORMATS[types[key]]
        _example_cell(sheet, col, example[key][1], types[key])
        offered = _offered(ds, key, info, current)
        source = None
        if offered:
            list_col += 1
            source = _write_list(lists, list_col, info.title or key, offered)
        check = _validation(ds, key, info, source, types[key], current)
        check.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        sheet.add_data_validation(check)
    _marker(book, ds)
    sheet.freeze_panes = "A2"
    with paths.staged(out) as temporary:  # `out` checked by the command (paths.check_output): never a link
        book.save(temporary)


def _head(sheet: Worksheet, col: int, info: Any) -> None:
    title = info.title or ""
    head = text_cell(sheet, 1, col, title)
    head.font = Font(bold=True, color="C00000" if info.is_required() else "000000")
    head.fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.column_dimensions[get_column_letter(col)].width = max(12, min(40, 2 * len(title) + 4))


def _offered(ds: Dataset, key: str, info: Any, current: Current) -> tuple[str, ...]:
    if key in references(ds):
        return tuple(option.entry for option in reference_options(ds, key, current) or ())
    return choices(info)


def _marker(book: Workbook, ds: Dataset) -> None:
    marker = book.create_sheet(MARKER_SHEET)
    text_cell(marker, 1, 1, MARKER_TAG)
    text_cell(marker, 1, 2, ds.name)
    marker.sheet_state = "veryHidden"


def text_cell(sheet: Worksheet, row: int, col: int, value: str) -> Any:
    """A text cell, never a formula (openpyxl makes any "=…" one, whatever is set before the value): Excel, WPS and
    the import read back exactly `value`, whatever characters it holds (see ooxml_text)."""
    cell = sheet.cell(row, col)
    cell.value = ooxml_text(value)
    cell.data_type = "s"
    return cell


def ooxml_text(value: str) -> str:
    """`value` as a cell stores it (ECMA-376 ST_Xstring): a literal 「_x0041_」 escaped (Excel would show 「A」), a
    carriage return and the two characters XML cannot hold written as _xHHHH_ (XML reads a bare CR as a LF; the
    others would make the whole file unreadable: they stay escaped, the only readable way to store them)."""
    return _OOXML_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)


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


def _validation(ds: Dataset, key: str, info: Any, source: str | None, kind: str, current: Current) -> DataValidation:
    title = (info.title or key)[:TITLE_MAX]
    doc = _EXAMPLE_IN_DOC.sub(lambda m: f"例如「{_shown_example(ds, key, m.group(1), current)}」",
                              info.description or "")
    need = "必填。" if info.is_required() else "选填。"
    target = references(ds).get(key)
    offer = target.offer if target else None
    prompt = (need + (offer.pick if source and offer else "") + doc.strip())[:PROMPT_MAX]
    if source and offer:  # warn_only: a new record's name, a credit code or an id may be typed
        check = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                               errorStyle="warning" if offer.warn_only else None, errorTitle=title,
                               error=offer.refused[:ERROR_MAX])
    elif source and kind != LIST:
        check = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                               errorTitle=title, error=f"请从下拉列表中选择{title}")
    elif source:  # several values joined by ";": the list only offers them, it cannot refuse a combination
        check = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                               errorStyle="information", errorTitle=title, error="可填多项，用英文分号 ; 分隔")
    else:
        check = DataValidation(allow_blank=True)
    check.showInputMessage = True
    check.promptTitle, check.prompt = title, prompt
    return check


def _shown_example(ds: Dataset, key: str, example: str, current: Current) -> str:
    return localise(example, key, current, ds.number_kinds.get(key))
