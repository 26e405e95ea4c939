"""Model of data/site.yml: who publishes, how the site is labelled, and the rules its records are published by."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .common import RegionCode, Severity
from .types import Integer, Uscc

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, use_attribute_docstrings=True,
                     hide_input_in_errors=True)


class Bureau(BaseModel):
    """主办单位：发布本站信息的教育行政部门。"""

    model_config = _STRICT
    name: str = Field(title="主办单位")
    """机关全称，例如「曲沃县教育科技局」；显示在页脚，并作为每条决定的决定机关。"""
    uscc: Uscc = Field(title="统一社会信用代码")
    """机关的统一社会信用代码（18 位，按 GB 32100 校验），作为每条双公示决定的决定机关代码。"""
    region_code: RegionCode = Field(title="行政区划代码")
    """6 位行政区划代码（GB/T 2260），例如 141021。"""
    address: str = Field(title="地址")
    """办公地址，公开显示在页脚。"""
    phone: str = Field(title="联系电话")
    """办公电话（公开）。在这里登记的号码不会被隐私检查拦截。"""
    email: str | None = Field(default=None, title="邮箱")
    """公开的办公邮箱。"""


#: Characters that would end a text or an attribute in the pages the theme writes the title into raw.
_MARKUP = re.compile(r"[<>&\"'`\\{}]|[\x00-\x1f\x7f-\x9f]")
#: An absolute https URL with no character that could close the quoted attribute it is written into.
_BASE_URL = re.compile(r"https://[A-Za-z0-9.-]+(:\d{1,5})?(/[A-Za-z0-9._~%/+:@=!$*,;-]*)?")


def _plain_title(value: str) -> str:
    bad = _MARKUP.search(value)
    if bad:
        raise PydanticCustomError(
            "invalid-value", "网站名称只能是普通文字，不能含「{char}」（尖括号、引号、& 等标记符号和控制字符）："
                             "请删除该字符",
            {"char": bad.group() if bad.group().isprintable() else f"U+{ord(bad.group()):04X}"})
    if len(value) > 100:
        raise PydanticCustomError("invalid-value", "网站名称过长（{n} 个字），最多 100 个字", {"n": len(value)})
    return value


def _base_url(value: str) -> str:
    if not _BASE_URL.fullmatch(value):
        raise PydanticCustomError(
            "invalid-value", "应为以 https:// 开头的完整网址（例如 https://jyj.example.gov.cn/），不含空格、引号和尖括号，"
            "现为「{value}」", {"value": value})
    return value


class SiteInfo(BaseModel):
    """网站本身的名称、网址与备案信息。"""

    model_config = _STRICT
    title: Annotated[str, AfterValidator(_plain_title)] = Field(title="网站名称")
    """显示在每页标题栏与浏览器标签上的网站名称。"""
    base_url: Annotated[str, AfterValidator(_base_url)] = Field(title="网址")
    """网站正式网址，用于订阅源与规范链接，例如 https://jyj.example.gov.cn/。"""
    site_code: str | None = Field(default=None, title="网站标识码")
    """政府网站标识码（页脚显示）。"""
    icp: str | None = Field(default=None, title="ICP备案号")
    """ICP 备案号，页脚显示并链接到工业和信息化部备案查询页。"""
    psb: str | None = Field(default=None, title="公安机关备案号")
    """公安机关互联网站安全备案号（页脚显示）。"""


def _grades(value: list[str]) -> list[str]:
    seen: set[str] = set()
    for grade in value:
        if not grade.strip():
            raise PydanticCustomError("invalid-value", "年检结论等次不能为空白", {})
        if grade in seen:
            raise PydanticCustomError("invalid-value", "年检结论等次「{grade}」写了两次："
                                                       "每个等次只写一次", {"grade": grade})
        seen.add(grade)
    return value


#: The grade scale when data/site.yml declares none (policy.review_grades): best first.
DEFAULT_GRADES: tuple[str, ...] = ("合格", "基本合格", "不合格")

def _default_months() -> dict[Severity, int]:
    return {"轻微": 3, "一般": 12, "严重": 36}


class PublicityRules(BaseModel):
    """公示政策：公示期限、自然人姓名显示方式、公示时限。"""

    # The bureau's settings under `policy:` in site.yml (not a 政策文件: that record is datasets/policies/model.Policy).
    # The editors' JSON Schema keeps the name it was published with (render/jsonschemas.py names a $defs by its title).
    model_config = ConfigDict(**_STRICT, title="Policy")
    publicity_months: dict[Severity, Integer] = Field(default_factory=_default_months, title="公示期限（月）")
    """按失信程度的行政处罚公示期限（月，自公示日期起算）：默认 轻微 3、一般 12、严重 36。"""
    natural_person_names: Literal["masked", "full"] = Field(default="masked", title="自然人姓名显示")
    """masked（默认）：只显示姓氏，其余每字以 * 代替；full：显示全名。"""
    disclosure_working_days: Integer = Field(default=7, title="公示时限（工作日）")
    """作出决定后应在多少个工作日内公示（默认 7）；超过时给出警告。"""
    public_phones: list[str] = Field(default_factory=list, title="其他公开电话")
    """允许在数据中出现的其他公开号码（例如监督投诉手机），其余手机号一律视为个人信息。"""
    review_grades: Annotated[list[str], AfterValidator(_grades), Field(min_length=2)] = Field(
        default_factory=lambda: list(DEFAULT_GRADES), title="年检结论等次")
    """民办学校、幼儿园年度检查的结论等次，从好到差排列（默认 合格、基本合格、不合格）；第一项是「合格」一类的等次，
    其余等次的年检结果必须填写发现的主要问题和整改要求。"""


_POST_CODE = re.compile(r"\d{6}")


def _post_code(value: str) -> str:
    if not _POST_CODE.fullmatch(value):
        raise PydanticCustomError("invalid-value", "邮政编码应为 6 位数字（例如 041000），现为「{value}」",
                                  {"value": value[:40]})
    return value


#: Office hours a bureau keeps unless site.yml says otherwise (the usual hours of a county office in Shanxi).
DEFAULT_HOURS = "法定工作日 上午 8:00—12:00，下午 14:30—17:30"


class GovInfo(BaseModel):
    """政府信息公开：依申请公开的受理机构与联系方式（政府信息公开指南页面 /xxgk/ 和申请表使用）。"""

    model_config = ConfigDict(**_STRICT, title="GovInfo")
    office: str | None = Field(default=None, title="受理机构")
    """受理政府信息公开申请的机构，例如「汾川县教育科技局办公室」；不填时为主办单位。"""
    address: str | None = Field(default=None, title="受理地址")
    """当面递交和邮寄申请的地址；不填时为主办单位地址。"""
    post_code: Annotated[str, AfterValidator(_post_code)] | None = Field(default=None, title="邮政编码")
    """受理地址的邮政编码（6 位数字）；不填时指南中不写邮政编码。"""
    phone: str | None = Field(default=None, title="咨询电话")
    """政府信息公开咨询电话（公开，不会被隐私检查拦截）；不填时为主办单位电话。"""
    email: str | None = Field(default=None, title="电子邮箱")
    """接收电子邮件申请的邮箱；不填时为主办单位邮箱，两者都没有时指南不提供电子邮件申请方式。"""
    hours: str = Field(default=DEFAULT_HOURS, title="办公时间")
    """当面申请和电话咨询的时间；默认「法定工作日 上午 8:00—12:00，下午 14:30—17:30」。"""
    review_body: str | None = Field(default=None, title="行政复议机关")
    """对本机关政府信息公开行为申请行政复议的机关，例如「汾川县人民政府」；不填时用 remedies 的行政复议机关，
    两处都没有时指南只写「依法申请行政复议」。"""
    court: str | None = Field(default=None, title="行政诉讼法院")
    """受理行政诉讼的人民法院，例如「汾川县人民法院」；不填时用 remedies 的法院，
    两处都没有时指南只写「依法提起行政诉讼」。"""
    complaint_body: str | None = Field(default=None, title="投诉举报受理机关")
    """条例第五十一条的投诉、举报受理机关（上一级行政机关或政府信息公开工作主管部门），例如「汾川县人民政府办公室」；
    不填时指南写「上一级行政机关或者政府信息公开工作主管部门」。"""


class Remedies(BaseModel):
    """救济渠道：当事人对行政处罚、行政许可等决定不服时，向谁申请行政复议、向哪个法院提起行政诉讼，以及监督电话。"""

    model_config = _STRICT
    reconsideration: str | None = Field(default=None, title="行政复议机关")
    """受理行政复议申请的机关全称，例如「汾川县人民政府」；不写时网站写「本级人民政府」，不点名。"""
    reconsideration_days: Integer = Field(default=60, title="申请行政复议期限（日）")
    """自知道决定之日起申请行政复议的期限（日），默认 60（《中华人民共和国行政复议法》第二十条）。"""
    court: str | None = Field(default=None, title="行政诉讼管辖法院")
    """受理行政诉讼的人民法院全称，例如「汾川县人民法院」；不写时网站写「有管辖权的人民法院」。"""
    litigation_months: Integer = Field(default=6, title="提起行政诉讼期限（月）")
    """自知道决定之日起提起行政诉讼的期限（月），默认 6（《中华人民共和国行政诉讼法》第四十六条）。"""
    supervision_phone: str | None = Field(default=None, title="执法监督电话")
    """执法监督机构（如县司法局）受理对行政执法投诉、举报的电话，写在执法事项自己的监督电话（没有时为主办单位的联系
    电话）之后（选填）。"""
    supervision_office: str | None = Field(default=None, title="执法监督机构")
    """supervision_phone 所属的机构，例如「汾川县司法局行政执法协调监督股」（选填；不写时称「行政执法监督机构」）。"""


class SiteConfig(BaseModel):
    """data/site.yml 的全部内容。"""

    model_config = _STRICT
    bureau: Bureau = Field(title="主办单位")
    """发布机关。"""
    site: SiteInfo = Field(title="网站")
    """网站名称、网址与备案信息。"""
    policy: PublicityRules = Field(default_factory=PublicityRules, title="公示政策")
    """公示期限等政策；不写则用默认值。"""
    gov_info: GovInfo = Field(default_factory=GovInfo, title="政府信息公开")
    """依申请公开的受理机构、地址、邮政编码、电话、邮箱和办公时间；不写则用主办单位的地址、电话和邮箱。"""
    remedies: Remedies = Field(default_factory=Remedies, title="救济渠道")
    """行政复议机关、行政诉讼法院与期限、监督电话：写在每条处罚和许可决定、每个执法事项的页面上；不写则用默认说法。"""

    def months_for(self, severity: Severity) -> int:
        return self.policy.publicity_months.get(severity, _default_months()[severity])
