"""Model of the front matter of content/reports/YYYY.md: annual reports."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .govinfo import Appeals, Applications, Proactive
from .types import Integer, IsoDate, Record

ReportKind = Literal["法治政府建设年度报告", "政府信息公开工作年度报告"]
LAW_REPORT = "法治政府建设年度报告"
GOVINFO_REPORT = "政府信息公开工作年度报告"
#: A 政府信息公开 report's file name after its year: content/reports/2021-xxgk.md, published at /reports/2021-xxgk/
#: beside the 法治政府 report of the same year at /reports/2021/.
GOVINFO_SUFFIX = "-xxgk"
#: Fields only a 政府信息公开 report has (its State Council tables).
GOVINFO_FIELDS = ("proactive", "applications", "appeals")
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
    proactive: Proactive | None = Field(default=None, title="主动公开政府信息情况")
    """仅政府信息公开工作年度报告：表二的数字（规章、行政规范性文件、行政许可、行政处罚、行政强制、行政事业性收费）；
    数据中有的可以不写，由网站计算，写了就与数据核对。"""
    applications: Applications | None = Field(default=None, title="收到和处理政府信息公开申请情况")
    """仅政府信息公开工作年度报告，必填：表三各行的数字，每行 7 个数（自然人、商业企业、科研机构、社会公益组织、
    法律服务机构、其他、总计）；合计、总计和结转逐格核对。"""
    appeals: Appeals | None = Field(default=None, title="政府信息公开行政复议、行政诉讼情况")
    """仅政府信息公开工作年度报告：表四各行的数字，每行 5 个数（结果维持、结果纠正、其他结果、尚未审结、总计）；
    不写时全为 0。"""
    body: str = Field(default="", title="正文", exclude=True)
    """Markdown 正文（文首信息之后的全部内容）。"""

    @property
    def slug(self) -> str:
        """The report's page under /reports/: its file's name without .md (2021, 2021-xxgk)."""
        path = self.where().path
        if path.startswith("content/reports/") and path.endswith(".md"):
            return path.rsplit("/", 1)[-1].removesuffix(".md")
        return default_slug(self.year, self.kind)


def default_slug(year: int, kind: str) -> str:
    """The file name (without .md) a report of `kind` for `year` is given: 2021, or 2021-xxgk."""
    return f"{year}{GOVINFO_SUFFIX}" if kind == GOVINFO_REPORT else str(year)
