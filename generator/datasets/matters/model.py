"""Model of data/enforcement_matters.yaml: 行政执法事项清单."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ...schema.types import Flag, Record

Category = Literal["行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励",
                   "行政裁决", "其他行政权力"]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]


class Basis(BaseModel):
    """一条实施依据。"""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, use_attribute_docstrings=True,
                              hide_input_in_errors=True)
    law: str = Field(title="法律法规名称")
    """法律、法规或规章的全称，带书名号，例如《中华人民共和国民办教育促进法》。"""
    article: str | None = Field(default=None, title="条款")
    """具体条款，例如「第六十四条」。"""


class Matter(Record):
    """行政执法事项清单中的一项。"""

    code: str = Field(title="事项编码")
    """事项编码，全表唯一，例如 141021-JY-CF-001；处罚、许可决定用它关联事项。"""
    name: str = Field(title="事项名称")
    """事项名称，例如「对擅自举办民办学校的处罚」。"""
    category: Category = Field(title="事项类别")
    """十类行政权力之一：行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力。"""
    basis: Annotated[list[Basis], Field(min_length=1)] = Field(title="实施依据")
    """至少一条依据，每条写 law（法律法规名称）和 article（条款）。"""
    subject: str | None = Field(default=None, title="实施主体")
    """实施主体；不写则为 site.yml 中的主办单位。"""
    office: str = Field(title="承办机构")
    """具体承办的股室，例如「行政执法股」。"""
    duties: str | None = Field(default=None, title="责任事项")
    """受理、审查、决定、送达、监管等环节的责任。"""
    accountability: str | None = Field(default=None, title="追责情形")
    """应当追究责任的情形。"""
    random_inspection: Flag | None = Field(default=None, title="纳入双随机抽查")
    """是否纳入「双随机、一公开」抽查事项：true / false。"""
    supervision_phone: str | None = Field(default=None, title="监督电话")
    """受理投诉举报的办公电话。"""
