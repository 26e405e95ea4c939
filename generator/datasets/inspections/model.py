"""Models of the 双随机、一公开 files: the 随机抽查事项清单 (data/inspection_items.yaml), the 抽查计划 with their
random draws (data/inspection_plans.csv) and the 抽查结果 (data/inspections.csv)."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ...schema.common import max_chars
from ...schema.types import SPLIT, Integer, IsoDate, Record

Population = Literal["白名单机构", "白名单学科类机构", "白名单非学科类机构"]
POPULATIONS: tuple[str, ...] = Population.__args__  # type: ignore[attr-defined]

Result = Literal["未发现问题", "发现问题已责令改正", "发现问题待后续处理", "未发现开展本次抽查涉及的经营活动",
                 "通过登记的住所无法联系", "不配合检查", "已关闭或注销"]
RESULTS: tuple[str, ...] = Result.__args__  # type: ignore[attr-defined]
#: Results that need no 发现的问题 (nothing was found, or there was nothing to inspect).
NOTHING_FOUND = frozenset({"未发现问题", "未发现开展本次抽查涉及的经营活动"})
#: Results that leave work to do: 后续处理 must say what.
FOLLOW_UP_NEEDED = frozenset({"发现问题待后续处理"})


def _at_least_one(value: int) -> int:
    if value < 1:
        raise PydanticCustomError("invalid-value", "至少抽取 1 家，现为「{value}」", {"value": value})
    return value


_HEX64 = re.compile(r"[0-9a-f]{64}")


def _sha256_hex(value: str) -> str:
    text = value.lower()
    if not _HEX64.fullmatch(text):
        raise PydanticCustomError("invalid-value", "应为 64 位十六进制数字（0-9、a-f），即种子的 SHA-256 值，"
                                                   "现有 {n} 个字符",
                                  {"n": len(value)})
    return text


class InspectionItem(Record):
    """随机抽查事项清单中的一项：本局对校外培训机构随机抽查什么、依据什么、抽多少、怎么查。"""

    code: Annotated[str, max_chars(20)] = Field(title="抽查事项编码")
    """抽查事项编码，全表唯一，例如 SJ-01；抽查计划和抽查结果用它引用事项，发布后不要再改。"""
    name: str = Field(title="抽查事项名称")
    """抽查事项名称，例如「校外培训机构办学行为检查」。"""
    matter_code: str = Field(title="执法事项编码")
    """对应的行政执法事项（enforcement_matters.yaml 中的 code），类别必须是「行政检查」。"""
    basis: str = Field(title="抽查依据")
    """抽查依据的法律、法规、规章和文件条款，例如「《中华人民共和国民办教育促进法》第四十一条」。"""
    object: str = Field(title="抽查对象")
    """被抽查的对象范围，例如「白名单内校外培训机构」。"""
    ratio: str = Field(title="抽查比例")
    """每次抽取的比例，例如「不低于5%」。"""
    frequency: str = Field(title="抽查频次")
    """多久抽查一次，例如「每年1次」。"""
    method: str = Field(title="检查方式")
    """检查方式，例如「现场检查、书面检查」。"""
    office: str = Field(title="承办股室")
    """负责实施抽查的股室，例如「民办教育股」。"""


class InspectionPlan(Record):
    """一次抽查计划及其随机抽取：从名单中按公开的随机种子抽出被检查的机构，任何人都可以复算；种子的来源或承诺值在抽取前公布。"""

    plan_no: Annotated[str, max_chars(60)] = Field(title="计划文号")
    """抽查计划的文号，全表唯一，例如「汾教双随机〔2025〕1号」；网址由其中的年份和序号生成，发布后不要再改。"""
    name: str = Field(title="计划名称")
    """计划名称，例如「2025年校外培训机构“双随机、一公开”抽查」。"""
    item_codes: Annotated[list[str], SPLIT, Field(min_length=1)] = Field(title="抽查事项")
    """本次抽查的事项编码（inspection_items.yaml 中的 code），可以写多个，用英文分号 ; 分隔，例如「SJ-01;SJ-02」。"""
    population: Population = Field(title="抽取范围")
    """从哪些机构中抽取：白名单机构、白名单学科类机构、白名单非学科类机构。以抽取日当天结束时的名单和培训类别为准。"""
    draw_date: IsoDate = Field(title="抽取日期")
    """随机抽取的日期，YYYY-MM-DD。"""
    sample_size: Annotated[Integer, AfterValidator(_at_least_one)] = Field(title="抽取数量")
    """抽取的机构家数，至少 1 家，不能超过抽取范围内的机构数。"""
    seed_source: str | None = Field(default=None, title="种子来源")
    """抽取前写明的种子来源：一个在抽取日之前谁也无法知道、抽取后任何人都能查到的公开数值，例如「抽取日当天开奖的中国福利彩票
    “快乐8”开奖号码，20 个号码按开奖公告顺序、每个写两位数字，连写不加空格」。抽取后把这个数值原样填入「随机种子」。
    与「种子承诺值」二选一（也可都填），必须在抽取日之前写好并提交，抽取后不要再改。"""
    seed_commitment: Annotated[str, AfterValidator(_sha256_hex)] | None = Field(default=None, title="种子承诺值")
    # The docstring in pieces: the guide and the JSON Schemas publish the joined text, "\n" included.
    ("抽取前公布的随机种子的 SHA-256 值（64 位十六进制数字）：先选定一个足够长的随机种子（例如 32 位十六进制随机数）"
     "并保密，\n只把它的 SHA-256 值写在这里，在抽取日之前提交；抽取后再公开种子，任何人都可以核对两者相符。"
     "承诺值中如果恰好出现像手机号\n的 11 位数字，检查会按手机号报错：请换一个种子重新计算。抽取后不要再改。")
    seed: Annotated[str, max_chars(64)] | None = Field(default=None, title="随机种子")
    ("随机种子：抽取时按「种子来源」取得的数值，或与「种子承诺值」相符的那个种子；抽取前不填（写进仓库就等于公开了）。\n"
     "机构按「种子:机构编号」的 SHA-256 值从小到大排列，取最前面的若干家。"
     "种子应有足够多的可能取值（超过一百万种，且不能只是日期）。\n抽取后不要再改，否则抽中的机构会变。")
    published_on: IsoDate = Field(title="公布日期")
    """在本站公布本计划的日期。最好在抽取日之前公布计划（抽取范围、数量、日期和种子来源或承诺值），抽取后再补填种子。"""
    remarks: str | None = Field(default=None, title="备注")
    """其他需要说明的情况，例如见证人、监督方式。"""


class Inspection(Record):
    """对一家被抽中机构的抽查结果（每家一行）。"""

    #: Column order of the file and the downloads.
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "task_no", "plan_no", "institution_id", "item_codes", "inspector_certs", "inspected_on", "result",
        "findings", "follow_up", "published_on", "penalty_no", "rectified_on", "recorded_steps")

    task_no: Annotated[str, max_chars(80)] = Field(title="任务编号")
    """抽查任务编号，全表唯一，通常是计划文号加序号，例如「汾教双随机〔2025〕1号-03」；网址由它生成，发布后不要再改。"""
    plan_no: str = Field(title="计划文号")
    """所属抽查计划的文号（inspection_plans.csv 中的 plan_no）。"""
    institution_id: str = Field(title="机构编号")
    """被检查机构的编号（institutions.csv 中的 id），必须是该计划随机抽中的机构：网站不能把没抽中的检查说成随机抽查。"""
    item_codes: Annotated[list[str], SPLIT, Field(min_length=1)] = Field(title="抽查事项")
    """本次检查的事项编码，用英文分号 ; 分隔，必须是所属计划中的事项。"""
    inspector_certs: Annotated[list[str], SPLIT, Field(min_length=1)] = Field(title="检查人员执法证号")
    ("实施检查的执法人员的执法证号（enforcement_officers.csv 中的 cert_no），用英文分号 ; 分隔。"
     "法律要求至少两名执法人员，\n证件在检查当日必须有效。网站公开检查人员的姓名和证号。")
    inspected_on: IsoDate = Field(title="检查日期")
    """实施检查的日期，YYYY-MM-DD，不早于计划的抽取日期。"""
    result: Result = Field(title="检查结果")
    """按全国统一的抽查结果类别填写：未发现问题、发现问题已责令改正、发现问题待后续处理、未发现开展本次抽查涉及的经营活动、
    通过登记的住所无法联系、不配合检查、已关闭或注销。"""
    findings: str | None = Field(default=None, title="发现的问题")
    """检查发现的问题；结果为「未发现问题」或「未发现开展本次抽查涉及的经营活动」时可以不填，其他结果必须填写。
    会公开显示：不要写自然人的姓名、身份证号或手机号。"""
    follow_up: str | None = Field(default=None, title="后续处理")
    """对发现问题的后续处理，例如「责令限期改正，2025年5月28日复查，已整改到位」；结果为「发现问题待后续处理」时必须填写。
    已作出行政处罚的，另在「处罚决定书文号」中填写文号；已整改的，另填「整改完成日期」：网站按这两列显示处理情况。"""
    published_on: IsoDate = Field(title="公示日期")
    """在本站公示检查结果的日期，不早于检查日期；应在检查后 20 个工作日内公示。"""
    penalty_no: str | None = Field(default=None, title="处罚决定书文号")
    ("这次检查发现的问题已作出行政处罚的，填处罚决定书文号（penalties.csv 中的 decision_no）："
     "网站显示「已作出行政处罚」\n并链接到该决定。处罚决定必须是对同一机构作出的。")
    rectified_on: IsoDate | None = Field(default=None, title="整改完成日期")
    """复查确认整改完成的日期，YYYY-MM-DD，不早于检查日期：网站显示「已整改」。没有整改完成的不填。"""
    recorded_steps: Annotated[list[str], SPLIT] = Field(default_factory=list, title="音像记录环节")
    """检查中做了全程音像记录的环节（选填），用英文分号 ; 分隔，例如「现场检查」；只能写抽查事项对应的执法事项办理流程
    （data/procedures.yaml）中须音像记录的环节名称，不写录像文件名或链接。"""
