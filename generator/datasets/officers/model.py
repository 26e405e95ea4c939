"""Model of data/enforcement_officers.csv: 执法人员."""

from __future__ import annotations

from pydantic import Field

from ...schema.types import IsoDate, Record


class Officer(Record):
    """一名持证执法人员。"""

    name: str = Field(title="姓名")
    """执法人员姓名（执法公示要求公开姓名与证号）。"""
    cert_no: str = Field(title="执法证号")
    """行政执法证件号码，全表唯一。"""
    office: str = Field(title="所在股室")
    """所在股室，例如「行政执法股」。"""
    field: str = Field(title="执法类别")
    """执法领域或类别，例如「教育」。"""
    valid_until: IsoDate = Field(title="证件有效期至")
    """执法证件有效期截止日期，YYYY-MM-DD。过期的证件不再在网站上列出。"""
