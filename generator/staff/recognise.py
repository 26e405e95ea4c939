"""Staff inbox, recognising: which dataset a clerk's spreadsheet holds (the template's marker, else its headers)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from ..datasets import BY_NAME, DATASETS, Dataset
from ..problems import Problem, Where, problem
from .bounds import LIMITS, Unreadable, load
from .header import HEADER_SEARCH_ROWS, header_row
from .place import Place
from .read import EXCEL_SUFFIXES, MARKER_SHEET, Sheet, read_sheet
from .read import MARKER_TAG as MARKER
from .workbook import check_book

#: The very hidden sheet every fill-in template carries: A1 says it is ours, B1 names the dataset (contracts18 §1).
#: Fewer matching header cells than this is not a header row at all (a title line that happens to say 文号).
MIN_HITS = 2


@dataclass
class Recognised:
    """The dataset a sheet belongs to (None: not recognised, see problems) and how it was told."""

    name: str | None
    how: str = ""
    problems: list[Problem] = field(default_factory=list)


def importable() -> list[Dataset]:
    return [ds for ds in DATASETS if ds.is_csv]


def recognise(path: Path, shown: str) -> Recognised:
    """The template's marker when the workbook has one, else the dataset whose labels match most header cells."""
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            marked = _marker(path, shown)
            if marked is not None:
                return marked
        sheet = read_sheet(path)
    except Unreadable as exc:
        return Recognised(None, problems=[problem(exc.code, Where(shown, exc.line, exc.col), "文件", str(exc))])
    except OSError as exc:
        return Recognised(None, problems=[problem("sheet-unreadable", Where(shown), "文件", str(exc))])
    return by_headers(sheet, shown)


def _marker(path: Path, shown: str) -> Recognised | None:
    """The marker sheet's dataset; None when the workbook has no marker (a clerk's own sheet)."""
    from python_calamine import CalamineWorkbook

    data = load(path, LIMITS.file_bytes)
    check_book(data)  # the bounds first: the reader sizes its memory from what the file declares
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if MARKER_SHEET not in book.sheet_names:
            return None
        rows = book.get_sheet_by_name(MARKER_SHEET).to_python(skip_empty_area=False)
    except BaseException as exc:  # calamine's errors and panics: the import names the damage when it reads the sheet
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        return None
    first = rows[0] if rows else []
    if not first or first[0] != MARKER:
        return None  # a sheet of that name the clerk made: the headers decide
    name = str(first[1]).strip() if len(first) > 1 else ""
    if name in BY_NAME and BY_NAME[name].is_csv:
        return Recognised(name, "模板标记")
    message = (f"工作表「{MARKER_SHEET}」B1：模板标记的数据集「{name}」不存在或不能从表格导入。"
               "这个模板可能来自旧版本或别的网站：请用新生成的填报模板重新填写")
    return Recognised(None, problems=[problem("sheet-dataset", Where(shown, 1, 2), "数据集", message)])


def by_headers(sheet: Sheet, shown: str) -> Recognised:
    """The dataset whose labels match most cells of one of the first rows; a tie is refused (a sheet of only
    文号、当事人、统一社会信用代码 could be penalties or licences: guessing would import into the wrong file)."""
    scores = {ds.name: _score(ds, sheet) for ds in importable()}
    best = max(score.hits for score in scores.values())
    top = [name for name, score in scores.items() if score.hits == best]
    if best < MIN_HITS:
        return Recognised(None, problems=[_unknown(sheet, shown)])
    if len(top) > 1:
        return Recognised(None, problems=[_tie(sheet, shown, {name: scores[name] for name in top})])
    return Recognised(top[0], "表头")


@dataclass(frozen=True)
class _Score:
    hits: int
    """Columns of the dataset named in the row (each once, whatever its label)."""
    line: int
    missing: tuple[str, ...]
    """Required columns the row lacks (said in the message when the sheet is refused)."""


def _score(ds: Dataset, sheet: Sheet) -> _Score:
    """How well the dataset's labels match its best row among the first rows of the sheet."""
    required = _required(ds)
    line, keys = header_row(ds, sheet)
    if line is None:
        return _Score(0, sheet.rows[0][0] if sheet.rows else 1, tuple(required))
    return _Score(len(keys), line, tuple(key for key in required if key not in keys))


def _where(sheet: Sheet, line: int) -> str:
    return Place("", sheet).row(line)


def _titles(ds: Dataset, keys: list[str]) -> str:
    return "、".join(ds.model.label_of(key) for key in keys)


def _unknown(sheet: Sheet, shown: str) -> Problem:
    line = sheet.rows[0][0] if sheet.rows else 1
    examples = "；".join(f"{ds.title}：{_titles(ds, _required(ds)[:3])}……" for ds in importable()[:3])
    message = (f"{_where(sheet, line)}：前 {HEADER_SEARCH_ROWS} 行中找不到认识的列名，"
               "无法判断这个表格要导入哪个数据集。请用填报模板填写，或把表头改成「数据填报说明」中的中文列名（例如 "
               f"{examples}）")
    return problem("sheet-dataset", Where(shown, line, 1), "表头", message)


def _tie(sheet: Sheet, shown: str, tied: dict[str, _Score]) -> Problem:
    line = min(score.line for score in tied.values())
    titles = "」和「".join(BY_NAME[name].title for name in tied)
    hints = "；".join(f"{BY_NAME[name].title}还缺：{_titles(BY_NAME[name], list(score.missing))}"
                     for name, score in tied.items() if score.missing)
    message = (f"{_where(sheet, line)}：表头同时像「{titles}」，无法判断要导入哪一个。"
               f"请用对应数据集的填报模板填写，或补上该数据集的必填列" + (f"（{hints}）" if hints else ""))
    return problem("sheet-dataset", Where(shown, line, 1), "表头", message)


def _required(ds: Dataset) -> list[str]:
    return [key for key, info in ds.model.model_fields.items() if info.is_required()]
