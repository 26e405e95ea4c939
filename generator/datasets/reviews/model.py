"""Model of data/annual_reviews.csv: 民办学校、幼儿园年度检查结果 (one row per school per year)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...schema.types import Integer, IsoDate, Record, Uscc

SchoolType = Literal["民办幼儿园", "民办小学", "民办初中", "民办高中", "民办九年一贯制学校", "民办完全中学",
                     "民办职业学校", "校外培训机构"]
SCHOOL_TYPES: tuple[str, ...] = SchoolType.__args__  # type: ignore[attr-defined]


class AnnualReview(Record):
    """一所民办学校（幼儿园、校外培训机构）某一年度的年度检查结果。同一学校每年一行。"""

    year: Integer = Field(title="检查年度")
    """年检所属年度，四位数字，例如 2024。同一学校同一年度只能有一行。"""
    school_name: str = Field(title="学校名称")
    """学校（幼儿园、机构）登记的全称；更名后按新名称填写，网站会同时列出曾用名。"""
    school_uscc: Uscc = Field(title="统一社会信用代码")
    """学校的 18 位统一社会信用代码（按 GB 32100 校验），民办学校通常以 52 开头；它是学校年检网页的地址，不要改动。"""
    school_type: SchoolType = Field(title="学校类型")
    """民办幼儿园、民办小学、民办初中、民办高中、民办九年一贯制学校、民办完全中学、民办职业学校、校外培训机构。"""
    license_no: str | None = Field(default=None, title="办学许可证号")
    """办学许可证号，通常为「教民」+15 位数字+「号」；选填。"""
    institution_id: str | None = Field(default=None, title="关联机构")
    """年检对象是 institutions.csv 中的校外培训机构时，填它的机构编号，机构页面会列出年检结果；其他学校不填。"""
    result: str = Field(title="年检结论")
    """合格、基本合格、不合格（data/site.yml 的 policy.review_grades 另有规定时按其填写）。"""
    problems: str | None = Field(default=None, title="发现的主要问题")
    """年检发现的主要问题；结论不是「合格」时必填。"""
    rectification: str | None = Field(default=None, title="整改要求及期限")
    """整改要求和整改期限，例如「2025 年 6 月 30 日前补齐消防验收手续」；结论不是「合格」时必填。"""
    rectification_due: IsoDate | None = Field(default=None, title="整改期限")
    """整改必须完成的日期，例如 2026-05-31；结论不是「合格」时应填写。期限过后仍没有复查结论的，学校页面会写明
    「已过整改期限，尚未公布复查结果」。"""
    recheck_on: IsoDate | None = Field(default=None, title="复查日期")
    """复查整改情况的日期；与复查结论一起填写。"""
    recheck_result: str | None = Field(default=None, title="复查结论")
    """复查的结论，例如「已整改到位」「未按期整改，已依法处理」；与复查日期一起填写，会公开在学校的年检页面上。"""
    remarks: str | None = Field(default=None, title="备注")
    """其他需要说明的情况。"""
    published_on: IsoDate = Field(title="公布日期")
    """在本站公布年检结果的日期，不早于检查年度的 1 月 1 日；应在次年 3 月 31 日前公布。"""

    @property
    def slug(self) -> str:
        """The school's page under /reviews/ (its credit code, lower case)."""
        return self.school_uscc.lower()
