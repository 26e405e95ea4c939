"""Staff import, places: problems and notices at the spreadsheet's own cells (`FILE:row:col`, the cell's name)."""

from __future__ import annotations

from ..problems import Problem, Where, problem
from ..read.sources import column_letter
from .read import Sheet


class Place:
    """Problems at the spreadsheet's own cells: `FILE:row:col` and the cell's name in the message."""

    def __init__(self, shown: str, sheet: Sheet):
        self.shown, self.sheet = shown, sheet

    def cell(self, line: int, col: int) -> str:
        """The cell as a clerk finds it: 工作表「Sheet1」C4, or 第 4 行第 3 列（C4） in a CSV file."""
        name = f"{column_letter(col)}{line}"
        return f"第 {line} 行第 {col} 列（{name}）" if self.sheet.is_csv else f"工作表「{self.sheet.name}」{name}"

    def row(self, line: int) -> str:
        return f"第 {line} 行" if self.sheet.is_csv else f"工作表「{self.sheet.name}」第 {line} 行"

    def at(self, code: str, line: int, col: int, label: str, message: str) -> Problem:
        return problem(code, Where(self.shown, line, col), label, f"{self.cell(line, col)}：{message}")
