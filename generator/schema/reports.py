"""Model of the front matter of content/reports/YYYY.md: annual reports."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .types import Integer, IsoDate, Record

ReportKind = Literal["法治政府建设年度报告", "政府信息公开工作年度报告"]
LAW_REPORT = "法治政府建设年度报告"
#: Last day (month, day) of year+1 by which each kind must be published.
DEADLINES: dict[str, tuple[int, int]] = {"法治政府建设年度报告": (4, 1), "政府信息公开工作年度报告": (1, 31)}


def _report_year(value: int) -> int:
    if not 1900 <= value <= 2999:  # deadlines and year-end figures need a real calendar year (and year + 1)
        raise PydanticCustomError("invalid-value", "应为四位数的年份（例如 2021），现为「{value}」",
                                  {"value": value})
    return value


class Report(Record):
    """年度报告的文首信息（Markdown 文件开头 --- 之间的部分）。"""

    year: Annotated[Integer, AfterValidator(_report_year)] = Field(title="年度")
    """报告所属年度，与文件名一致，例如 2021。"""
    title: str = Field(title="标题")
    """报告标题。"""
    kind: ReportKind = Field(title="报告类型")
    """法治政府建设年度报告 或 政府信息公开工作年度报告。"""
    published_on: IsoDate = Field(title="发布日期")
    """发布日期：法治政府建设报告应在次年 4 月 1 日前，信息公开年报应在次年 1 月 31 日前。"""
    figures: dict[str, str] = Field(default_factory=dict, title="数据核对")
    # The docstring in pieces: the guide and the JSON Schemas publish the joined text, "\n" included.
    ("报告所述的数字（可不填），例如 whitelisted: 29；与按当年 12 月 31 日的数据计算的数字核对，不一致即报错。"
     "正文中的数字也核对：紧跟在数据项名称之后的数字（如「白名单机构29家」「作出行政处罚 十二 件」，"
     "名称与数字之间只可有「数」「为」「共」「达」「增至」等字，数字后写单位）必须与数据一致；"
     "也可以在正文中写 {{白名单机构数}}（数据项名称或英文名），由网站按数据填入。数据项及其口径见下表。")
    body: str = Field(default="", title="正文", exclude=True)
    """Markdown 正文（文首信息之后的全部内容）。"""
