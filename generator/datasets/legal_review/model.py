"""Model of data/legal_review_catalogue.yaml: 重大执法决定法制审核目录清单 (one entry per kind of decision that needs a
legal review before it is made, 行政处罚法 第五十八条)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ...schema.common import PartyCategory, pattern
from ...schema.types import SPLIT, Flag, IsoDate, Record, Yuan
from ..decisions.model import PenaltyType
from ..matters.model import Basis

EntryCode = Annotated[str, pattern(r"[A-Za-z0-9][A-Za-z0-9-]{0,19}",
                                   "英文字母、数字和连字符，最多 20 个字符（例如 ZD-01），"
                                   "它是目录页面上该项的网址锚点")]


class ReviewEntry(Record):
    """重大执法决定法制审核目录清单中的一项：哪一类行政处罚决定在作出前须经法制审核。"""

    code: EntryCode = Field(title="目录编号")
    """本项的编号，全表唯一，例如 ZD-01；网站上按它链接到本项，发布后不要再改。"""
    name: str = Field(title="审核情形")
    """本项情形的名称，例如「吊销许可证件」「较大数额罚款（自然人）」。"""
    penalty_types: Annotated[list[PenaltyType], SPLIT] | None = Field(default=None, title="处罚类别（含其一即适用）")
    # The docstrings in pieces: the guide and the JSON Schemas publish the joined text.
    ("决定的处罚类别含其中任何一项即适用，每项一行（以「- 」开头），用 penalties.csv 的处罚类别，"
     "例如「- 吊销许可证件」；不按处罚类别判断时不填。")
    party_categories: Annotated[list[PartyCategory], SPLIT] | None = Field(default=None, title="限于当事人类别")
    ("只对这些类别的当事人适用（法人及非法人组织、自然人、个体工商户），每项一行；不填则不限。"
     "它只限定本项的其他条件，不能单独作为条件，例如较大数额罚款对自然人和单位的标准不同时分成两项。")
    fine_at_least: Yuan | None = Field(default=None, title="罚款金额达到（元）")
    """罚款金额达到这个数额（含本数，单位元）即适用，例如 10000；不按罚款金额判断时不填。"""
    confiscated_at_least: Yuan | None = Field(default=None, title="没收金额达到（元）")
    """没收违法所得、没收非法财物的金额达到这个数额（含本数，单位元）即适用；不按没收金额判断时不填。"""
    hearing: Flag | None = Field(default=None, title="经过听证")
    """填 是（true）：举行了听证的决定适用（penalties.csv 的「是否举行听证」为「是」）；不按听证判断时不填。"""
    case_by_case: Flag | None = Field(default=None, title="逐案判断")
    ("填 是（true）：本项情形无法从数据判断（如涉及重大公共利益、案情疑难复杂），由承办股室逐案判断后送审，"
     "网站只列出本项，不据此检查决定。填了本项就不要再写上面的条件。")
    basis: Annotated[list[Basis], Field(min_length=1)] = Field(title="依据")
    """至少一条依据，每条写 law（法律法规或规范性文件名称，带书名号）和 article（条款）。"""
    effective_from: IsoDate = Field(title="施行日期")
    ("本项开始施行的日期，YYYY-MM-DD。此前作出的决定不要求补做法制审核，网站也不据本项标注；"
     "目录清单修订时，新增的项写新的施行日期。")
    note: str | None = Field(default=None, title="说明")
    """需要向公众说明的其他情况（选填）。"""
