"""Value types shared by the dataset models: each turns one cell's text into a typed value or a coded error."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from ..problems import Where
from .identifiers import USCC_PLACEHOLDER, uscc_problem

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"-?\d{1,13}(\.\d{1,2})?")  # up to ten trillion yuan: longer is a typing slip
_INTEGER = re.compile(r"-?\d+")


def _short(value: Any) -> str:
    """A value as quoted back in a message: a mistyped 5,000-digit number must not fill the screen."""
    text = str(value).strip()
    return text if len(text) <= 40 else f"{text[:20]}…（共 {len(text)} 个字符）"


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    known = _DAYS.get(text)
    if known is not None:
        return known
    if _ISO_DATE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise PydanticCustomError("invalid-date", "日期「{value}」不存在，请核对年月日",
                                      {"value": _short(text)}) from None
        if len(_DAYS) < _DAYS_MOST:
            _DAYS[text] = day
        return day
    if _ISO_DATE.fullmatch(unicodedata.normalize("NFKC", text)):
        raise PydanticCustomError("invalid-date", "日期中有全角字符，请用半角（英文输入法）数字和连字符输入：{fixed}",
                                  {"fixed": unicodedata.normalize("NFKC", text)})
    raise PydanticCustomError("invalid-date", "日期应写成 YYYY-MM-DD（例如 2021-09-15），现为「{value}」",
                              {"value": _short(text)})


#: Dates read so far, by their text: a file repeats a few thousand days in a hundred thousand cells, each parsed
#: once and kept once (dates are immutable). Bounded, whatever the input.
_DAYS: dict[str, date] = {}
_DAYS_MOST = 1 << 15


def _yuan(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(",", "")
    if not _DECIMAL.fullmatch(text):
        raise PydanticCustomError(
            "invalid-value", "金额应以「元」为单位写成数字，最多两位小数，不带单位和逗号（例如 5000 或 1200.50），"
                             "现为「{value}」",
            {"value": _short(value)})
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        raise PydanticCustomError("invalid-value", "金额「{value}」无法识别", {"value": _short(text)}) from None
    if amount <= 0:
        raise PydanticCustomError("invalid-value", "金额必须大于 0，现为「{value}」", {"value": _short(text)})
    return amount


def _integer(value: Any) -> Any:
    text = str(value).strip()
    if not _INTEGER.fullmatch(text) or len(text) > 12:
        raise PydanticCustomError("invalid-value", "应为整数，现为「{value}」", {"value": _short(text)})
    return int(text)


def _flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "是"}:
        return True
    if text in {"false", "否"}:
        return False
    raise PydanticCustomError("invalid-enum", "只能填「是」或「否」（或 true / false），现为「{value}」",
                              {"value": _short(value)})


def _uscc(value: str) -> str:
    if value == USCC_PLACEHOLDER:
        return value  # whether the placeholder is allowed depends on the party: a conditional rule
    reason = uscc_problem(value)
    if reason:
        raise PydanticCustomError("invalid-uscc", "{reason}", {"reason": reason})
    return value


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;；]", value) if part.strip()]
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Yuan = Annotated[Decimal, BeforeValidator(_yuan)]
Integer = Annotated[int, BeforeValidator(_integer)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Uscc = Annotated[str, AfterValidator(_uscc)]
#: A `;`-joined cell read as a list (a Chinese full-width `；` is accepted too).
SPLIT = BeforeValidator(_split_list)


#: Where a record was read is kept in its __dict__ beside the fields, not as a pydantic private attribute (those
#: cost a third of validation time at 100k rows); it never reaches dumps, comparisons or hashes.
SOURCE = "_src"


class Record(BaseModel):
    """Base of every published record: strict fields, Chinese labels as titles, docstrings as descriptions."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        use_attribute_docstrings=True,
        hide_input_in_errors=True,
    )
    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """Column order of the CSV file and the downloads (data.md's order)."""
        return getattr(cls, "COLUMNS", None) or tuple(cls.model_fields)

    def where(self, field: str = "") -> Where:
        """Where a field's value stands in the source file."""
        src = self.__dict__.get(SOURCE)
        if src is None:
            return Where("<memory>")
        return src.where(field)  # type: ignore[no-any-return]

    @classmethod
    def label_of(cls, field: str) -> str:
        info = cls.model_fields.get(field)
        return (info.title if info and info.title else field) or field
