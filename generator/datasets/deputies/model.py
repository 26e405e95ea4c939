"""Models of data/legal_deputies.csv (法治副校长名单) and data/legal_advisers.csv (本局法律顾问)."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field

from ...schema.common import max_chars
from ...schema.types import IsoDate, Record, Uscc

SchoolType = Literal["公办小学", "公办初中", "公办高中", "公办九年一贯制学校", "公办完全中学", "公办职业学校",
                     "公办幼儿园", "特殊教育学校", "民办小学", "民办初中", "民办高中", "民办九年一贯制学校",
                     "民办完全中学", "民办职业学校", "民办幼儿园"]
SCHOOL_TYPES: tuple[str, ...] = get_args(SchoolType)
#: 中小学: the 《中小学法治副校长聘任与管理办法》 (教育部令第52号) requires each to have at least one deputy. The
#: other schools (幼儿园, 职业学校, 特殊教育学校) may appoint one by its example: the page counts them apart.
REQUIRED_TYPES = frozenset(t for t in SCHOOL_TYPES
                           if t.endswith(("小学", "初中", "高中", "九年一贯制学校", "完全中学")))


class LegalDeputy(Record):
    """一所学校（幼儿园）聘任的一名法治副校长。一次聘任一行：续聘或改聘时新增一行，原来的一行保留（年度报告按它核对）。"""

    school_name: Annotated[str, max_chars(100)] = Field(title="学校名称")
    """学校（幼儿园）的全称，例如「汾川县实验小学」。"""
    school_uscc: Uscc = Field(title="学校统一社会信用代码")
    """学校的 18 位统一社会信用代码（按 GB 32100 校验）：公办学校通常以 12 开头，民办学校以 52 开头。
    民办学校的代码与年度检查结果（annual_reviews.csv）中的相同，学校的年检页面据此显示它的法治副校长。"""
    school_type: SchoolType = Field(title="学校类型")
    """公办小学、公办初中、公办高中、公办九年一贯制学校、公办完全中学、公办职业学校、公办幼儿园、特殊教育学校、
    民办小学、民办初中、民办高中、民办九年一贯制学校、民办完全中学、民办职业学校、民办幼儿园。"""
    deputy_name: Annotated[str, max_chars(20)] = Field(title="法治副校长姓名")
    """法治副校长的姓名。法治副校长是公职身份，姓名与执法人员一样在网站上完整公开；不要填写身份证号、手机号等个人信息。"""
    deputy_unit: Annotated[str, max_chars(100)] = Field(title="派出单位")
    """推荐或者委派的单位全称，例如「汾川县公安局城关派出所」；人民检察院、人民法院、司法局等也写全称。"""
    post: Annotated[str, max_chars(50)] | None = Field(default=None, title="职务")
    """在派出单位的职务，如副所长、民警、检察官、法官、司法所所长；只写职务，不写电话等联系方式。"""
    appointed_on: IsoDate = Field(title="聘任日期")
    """聘任（或续聘）的起始日期，YYYY-MM-DD。"""
    term_end: IsoDate = Field(title="聘期结束")
    """聘期的最后一天，不早于聘任日期（聘期一般为 3 年）。过了这一天，网站不再把他列为在任的法治副校长。"""
    remarks: Annotated[str, max_chars(200)] | None = Field(default=None, title="备注")
    """其他需要说明的情况，例如「2024 年 9 月续聘」。不要写身份证号、手机号。"""


class LegalAdviser(Record):
    """本局聘请的一名法律顾问（律师）。一份聘用合同一行：续聘时新增一行。"""

    firm: Annotated[str, max_chars(100)] = Field(title="律师事务所")
    """受聘律师所在律师事务所的全称，例如「汾川县明德律师事务所」。"""
    lawyer_name: Annotated[str, max_chars(20)] = Field(title="律师姓名")
    """担任法律顾问的律师姓名（受聘担任公职机关的法律顾问，姓名完整公开）；不要填写手机号、身份证号等个人信息。"""
    services: Annotated[str, max_chars(300)] = Field(title="服务内容")
    """法律顾问承担的工作，例如「重大执法决定法制审核；行政复议和行政诉讼应诉代理；校园法治讲座」。"""
    start: IsoDate = Field(title="聘期开始")
    """聘用合同约定的开始日期，YYYY-MM-DD。"""
    end: IsoDate = Field(title="聘期结束")
    """聘用合同约定的最后一天，不早于聘期开始。过了这一天，网站不再把它列为在聘的法律顾问。"""
