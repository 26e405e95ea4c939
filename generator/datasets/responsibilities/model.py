"""Model of data/law_education.yaml: 「谁执法谁普法」普法责任清单 (one entry per office)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ...schema.types import SPLIT, Integer, Record


class Responsibility(Record):
    """普法责任清单中一个股室（承办机构）的普法责任。"""

    office: str = Field(title="责任股室")
    """承担普法责任的股室，全表唯一，名称应与 enforcement_matters.yaml 中的承办机构（office）完全一致。"""
    year: Integer = Field(title="清单年度")
    """本清单适用的年度，例如 2026。"""
    laws: Annotated[list[str], SPLIT, Field(min_length=1)] = Field(title="普法内容（法律法规）")
    # The docstring in pieces: the guide and the JSON Schemas publish the joined text, "\n" included.
    ("该股室负责向社会宣传解读的法律法规，每项一行（以「- 」开头），带书名号，"
     "例如「- 《中华人民共和国民办教育促进法》」。\n该股室承办的执法事项所依据的每一部法律法规都必须列在这里。")
    audiences: Annotated[list[str], SPLIT, Field(min_length=1)] = Field(title="普法对象")
    """面向的人群，每项一行，例如 学校师生、学生家长、校外培训机构举办者、社会公众。"""
    means: Annotated[list[str], SPLIT, Field(min_length=1)] = Field(title="普法方式")
    """普法的方式，每项一行，例如 送法进校园、以案释法、新媒体普法、宪法日主题活动。"""
    focus: str | None = Field(default=None, title="年度重点")
    """本年度普法工作的重点（选填）。"""
