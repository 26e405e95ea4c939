"""Model of data/procedures.yaml: each enforcement matter's procedure (事前公开) and the steps recorded on video."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ...schema.types import SPLIT, Flag, IsoDate, Record
from ..matters.model import Category

#: Units a time limit is counted in, as the site writes them (a 工作日 excludes weekends and holidays).
UNITS = ("小时", "日", "个工作日", "个月")
#: A time limit of a step done on the spot (简易程序: 当场作出).
ON_THE_SPOT = "当场"
_LIMIT = re.compile(r"(\d{1,4})\s*(小时|日|个工作日|工作日|个月)")
_CHINESE_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_WRONG_UNIT = {"天": "日", "个日": "日", "工作天": "个工作日", "个小时": "小时", "月": "个月", "周": "日（7 日为一周）"}


def parse_time_limit(value: str) -> tuple[int, str] | None:
    """(number, unit) of a time limit as the site keeps it (「7 日」, 「5 个工作日」), None for 当场."""
    if value == ON_THE_SPOT:
        return None
    found = _LIMIT.fullmatch(value)
    if not found:
        raise ValueError(value)
    return int(found.group(1)), found.group(2)


def time_limit_problem(value: str) -> str | None:
    """Why `value` is not a time limit as the site keeps it (None: it is one); see _time_limit."""
    try:
        _time_limit(value)
    except PydanticCustomError as exc:
        return exc.message()
    return None


def _kept(value: Any) -> Any:
    """The time limit as the site keeps it when it reads as one; else as written, for the checks to report at its
    line (a typing slip in one step must not drop the whole procedure, and every matter and penalty with it)."""
    if not isinstance(value, str):
        return value
    try:
        return _time_limit(value)
    except PydanticCustomError:
        return value.strip()


def _time_limit(value: str) -> str:
    """A time limit: a whole number and a unit (日, 个工作日, 小时, 个月), or 当场; normalised to 「7 日」."""
    text = value.strip()
    if text == ON_THE_SPOT:
        return text
    plain = unicodedata.normalize("NFKC", text).replace(" ", "")
    found = _LIMIT.fullmatch(plain)
    if found:
        number, unit = int(found.group(1)), found.group(2)
        if number == 0:
            raise PydanticCustomError("invalid-value",
                                      "时限不能是 0：没有时限的环节不填 time_limit，当场办理的写「当场」", {})
        return f"{number} {'个工作日' if unit == '工作日' else unit}"
    number_part = re.match(r"\d+", plain)
    unit = plain[number_part.end():] if number_part else ""
    if number_part and unit in _WRONG_UNIT:
        raise PydanticCustomError("invalid-value",
                                  "时限的单位应写「{fixed}」，现为「{value}」：例如「{n} {fixed}」",
                                  {"fixed": _WRONG_UNIT[unit], "value": text, "n": number_part.group()})
    if _CHINESE_NUMBER.match(plain):
        raise PydanticCustomError("invalid-value",
                                  "时限的数字请用阿拉伯数字写，例如「7 日」「3 个工作日」，现为「{value}」",
                                  {"value": text})
    raise PydanticCustomError(
        "invalid-value", "时限应写成数字加单位（日、个工作日、小时、个月），例如「7 日」「5 个工作日」，"
        "当场办理的写「当场」；起算点写在 limit_from 中，现为「{value}」",
        {"value": text if len(text) <= 40 else text[:20] + "…"})


TimeLimit = Annotated[str, BeforeValidator(_kept)]


class Step(BaseModel):
    """办理流程中的一个环节。"""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, use_attribute_docstrings=True,
                              hide_input_in_errors=True)
    name: str = Field(title="环节名称")
    """环节名称，同一流程中不重复，例如「立案」「调查取证」「告知」「决定」「送达」。"""
    actor: str = Field(title="承办主体")
    """由谁办理，例如「行政执法股（两名以上执法人员）」「局长或局务会议」。"""
    time_limit: TimeLimit | None = Field(default=None, title="办理时限")
    """数字加单位：日、个工作日、小时、个月，例如「7 日」「5 个工作日」；当场办理的写「当场」；没有法定时限的不填。"""
    limit_from: str | None = Field(default=None, title="时限起算")
    """时限从何时起算，例如「自发现违法线索之日起」（选填）。"""
    documents: Annotated[list[str], SPLIT] = Field(default_factory=list, title="执法文书")
    """本环节使用的执法文书，每项一行（以「- 」开头），例如「- 立案审批表」。"""
    recorded: Flag = Field(default=False, title="音像记录")
    """本环节是否必须全程音像记录（录音录像）：true / false（默认 false）；为 true 的环节列入音像记录事项清单。"""
    recording_basis: str | None = Field(default=None, title="音像记录依据")
    """本环节须音像记录的依据；不写则用流程的 recording_basis。"""
    note: str | None = Field(default=None, title="说明")
    """补充说明，例如「当事人要求听证的」（选填）。"""


class Procedure(Record):
    """一个执法办理流程：适用于哪些执法事项、按什么顺序办、每个环节的时限和文书、哪些环节须音像记录。"""

    code: str = Field(title="流程编号")
    """流程编号，全表唯一，例如 CF-PT（处罚普通程序）；其他文件和网址用它指代这个流程。"""
    name: str = Field(title="流程名称")
    """流程名称，例如「行政处罚普通程序」。"""
    category: Category | None = Field(default=None, title="适用事项类别")
    """适用于这一类别的全部执法事项（例如 行政处罚）；某个事项另有专门流程的，以专门流程为准。与 matters 至少填一项。"""
    matters: list[str] = Field(default_factory=list, title="适用事项")
    """专门适用的执法事项编码（enforcement_matters.yaml 中的 code），每项一行；这些事项按本流程办理，不按类别流程。"""
    applies_when: str | None = Field(default=None, title="适用情形")
    """只在某些情形下适用的补充流程写明情形，例如简易程序写「违法事实确凿并有法定依据，对公民处 200 元以下、对法人或者
    其他组织处 3000 元以下罚款或者警告的」；写了适用情形的流程可以与同一事项（类别）的主流程并存，不写的是主流程。"""
    basis: str = Field(title="程序依据")
    """规定这一程序的法律条款，例如「《中华人民共和国行政处罚法》第五十四条至第六十五条」。"""
    published_on: IsoDate = Field(title="公布日期")
    """本流程在本站公布（或本局印发）的日期，YYYY-MM-DD。"""
    steps: Annotated[list[Step], Field(min_length=1)] = Field(title="办理环节")
    """按办理顺序逐项写出每个环节：name（环节名称）、actor（承办主体）、time_limit（办理时限）、limit_from（起算）、
    documents（执法文书）、recorded（是否音像记录）、recording_basis、note。"""
    recording_basis: str | None = Field(default=None, title="音像记录依据")
    """本流程中须音像记录的环节的共同依据，例如「《中华人民共和国行政处罚法》第四十七条」。"""
    remarks: str | None = Field(default=None, title="备注")
    """其他需要说明的情况（选填）。"""

    def limit_of(self, step: Step) -> str | None:
        return limit_words(step)

    def recorded_steps(self) -> list[Step]:
        return [s for s in self.steps if s.recorded]

    def step_basis(self, step: Step) -> str | None:
        return step.recording_basis or self.recording_basis


def limit_words(step: Step) -> str | None:
    """A step's time limit as the site says it: 「7 日内（自立案之日起）」, 「当场」; None without one."""
    if not step.time_limit:
        return None
    words = step.time_limit if step.time_limit == ON_THE_SPOT or not _LIMIT.fullmatch(step.time_limit) else \
        f"{step.time_limit}内"
    return f"{words}（{step.limit_from}）" if step.limit_from else words


def step_line(step: Step, number: int) -> str:
    """One step as a download cell: 「1 立案｜行政执法股｜7 日（自…起）｜立案审批表｜音像记录」."""
    parts = [f"{number} {step.name}", step.actor, limit_words(step) or "—", "、".join(step.documents) or "—"]
    if step.recorded:
        parts.append("音像记录")
    return "｜".join(parts)


def dump(procedure: Procedure) -> dict[str, Any]:
    row = procedure.model_dump()
    row["steps"] = [step_line(s, n) for n, s in enumerate(procedure.steps, 1)]
    return row
