"""Models of data/penalties.csv and data/licenses.csv: 双公示 decisions (行政处罚, 行政许可)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field

from ...schema.common import PartyCategory, Severity, add_months, max_chars, pattern
from ...schema.types import SPLIT, Flag, IsoDate, Record, Uscc, Yuan

PenaltyType = Literal["警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
                      "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "其他"]
PenaltyStatus = Literal["有效", "已变更", "已撤销", "确认违法", "确认无效"]
#: The office that made a legal review (法制审核): a unit's name ends in a unit word; a reviewer's personal name does
#: not, and is refused here (the site publishes the office, never who reviewed).
ReviewOffice = Annotated[str, pattern(
    r".{2,60}(股|科|室|处|局|办|中心|部|所|组|委员会|委|队|站|院|厅|司)",
    "进行法制审核的机构（股室）名称，以股、科、室、处、局、办、中心等结尾，例如「汾川县教育科技局法制股」；"
    "不要写审核人员的姓名")]


class Party(Record):
    """Fields every 双公示 decision shares: who the decision is about."""

    decision_no: Annotated[str, max_chars(100)] = Field(title="决定文书号")
    """决定书文号，全表唯一，例如「曲教科罚决字〔2021〕第3号」；网址由其中的年份和序号生成，发布后不要再改。"""
    party_name: str = Field(title="行政相对人名称")
    """机构全称，或自然人姓名（自然人姓名在网站上按公示政策打码显示）。"""
    party_category: PartyCategory = Field(title="行政相对人类别")
    """法人及非法人组织、自然人、个体工商户。"""
    party_uscc: Uscc | None = Field(default=None, title="统一社会信用代码")
    """相对人的统一社会信用代码；自然人必须不填；个体工商户没有代码时填 00000000000000000X。"""
    legal_rep_name: str | None = Field(default=None, title="法定代表人")
    """法定代表人（负责人、经营者）姓名；相对人不是自然人时必填。"""
    institution_id: str | None = Field(default=None, title="关联机构")
    """如果相对人是 institutions.csv 中的培训机构，填它的机构编号，机构页面会列出这条决定。"""
    matter_code: str = Field(title="执法事项编码")
    """依据的执法事项（enforcement_matters.yaml 中的 code），类别必须相符。"""


class Penalty(Party):
    """一条行政处罚决定（双公示）。"""

    violation_type: str = Field(title="违法行为类型")
    """违法行为类型，例如「擅自举办民办学校」。"""
    violation_facts: str = Field(title="违法事实")
    """主要违法事实。"""
    legal_basis: str = Field(title="处罚依据")
    """处罚依据的法律条款。"""
    penalty_types: Annotated[list[PenaltyType], SPLIT, Field(min_length=1)] = Field(title="处罚类别")
    """一项或多项，用英文分号 ; 分隔，例如「警告;罚款」。"""
    penalty_content: str = Field(title="处罚内容")
    """处罚决定的具体内容。"""
    fine_yuan: Yuan | None = Field(default=None, title="罚款金额（元）")
    """罚款金额，单位元，最多两位小数；处罚类别含「罚款」时必填，否则不填。"""
    confiscated_yuan: Yuan | None = Field(default=None, title="没收违法所得、没收非法财物的金额（元）")
    """没收金额，单位元；处罚类别含「没收违法所得」或「没收非法财物」时必填，否则不填。"""
    license_affected: str | None = Field(default=None, title="暂扣或吊销证照名称及编号")
    """处罚类别含「暂扣许可证件」或「吊销许可证件」时必填，写证照名称和编号。"""
    procedure: Literal["简易程序", "普通程序"] = Field(title="程序类型")
    """简易程序 或 普通程序。"""
    severity: Severity = Field(title="失信严重程度")
    """轻微、一般、严重：决定公示期限（默认 3 个月、1 年、3 年）。"""
    decision_date: IsoDate = Field(title="处罚决定日期")
    """作出处罚决定的日期，YYYY-MM-DD。"""
    valid_until: IsoDate = Field(title="处罚有效期")
    """处罚决定的有效期截止日期，不早于决定日期。"""
    published_on: IsoDate = Field(title="公示日期")
    """在本站公示的日期，不早于决定日期；应在决定后 7 个工作日内。"""
    status: PenaltyStatus = Field(default="有效", title="状态")
    """有效（默认）、已变更、已撤销、确认违法、确认无效；不是「有效」时网站只保留撤销说明。"""
    withdrawn_on: IsoDate | None = Field(default=None, title="撤回日期")
    """状态不是「有效」时必填：撤销或变更的日期。"""
    withdrawal_reason: str | None = Field(default=None, title="撤回理由")
    """状态不是「有效」时必填：撤销或变更的理由，会公开显示。"""
    repaired_on: IsoDate | None = Field(default=None, title="信用修复日期")
    """完成信用修复的日期；填写后该决定在下次生成时从网站撤下（git 中仍保留）。"""
    remarks: str | None = Field(default=None, title="备注")
    """其他需要说明的情况。"""
    hearing_held: Flag | None = Field(default=None, title="是否举行听证")
    # The docstrings in pieces: the guide and the JSON Schemas publish the joined text.
    ("是 或 否：作出决定前是否应当事人的要求举行了听证（简易程序不举行听证）；不清楚时不填。"
     "重大执法决定法制审核目录清单把「经过听证」列为审核情形时，据此判断。")
    legal_review_date: IsoDate | None = Field(default=None, title="法制审核日期")
    ("重大执法决定法制审核的完成日期（法制审核意见的日期），不晚于处罚决定日期。属于 data/legal_review_catalogue.yaml "
     "目录清单情形的决定必填，决定页面显示「经法制审核」。")
    legal_review_office: ReviewOffice | None = Field(default=None, title="法制审核机构")
    ("进行法制审核的机构（股室），例如「汾川县教育科技局法制股」；只写机构名称，不写审核人员的姓名。"
     "与法制审核日期一起填写。")
    recorded_steps: Annotated[list[str], SPLIT] = Field(default_factory=list, title="音像记录环节")
    """办理中做了全程音像记录的环节（选填），用英文分号 ; 分隔，例如「现场检查;调查询问;送达」；只能写该事项办理流程
    （data/procedures.yaml）中须音像记录的环节名称，不写录像文件名或链接。"""

    #: Credit repair (repaired_on) ends its publicity early.
    CREDIT_REPAIR: ClassVar[bool] = True
    #: Publicity months by severity when no site.yml says otherwise (轻微 3 个月, 一般 1 年, 严重 3 年).
    DEFAULT_MONTHS: ClassVar[dict[str, int]] = {"轻微": 3, "一般": 12, "严重": 36}

    def publicity_end(self, site: Any) -> date:
        """Last day it stays public: the severity's months (site.yml's policy, else the defaults) from publication."""
        months = site.months_for(self.severity) if site else self.DEFAULT_MONTHS[self.severity]
        return add_months(self.published_on, months)


class License(Party):
    """一条行政许可决定（双公示）。"""

    #: Column order of data.md (and of the downloads): the decision's name follows its number.
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "decision_no", "doc_name", "party_name", "party_category", "party_uscc", "legal_rep_name", "institution_id",
        "matter_code", "license_category", "certificate_name", "license_no", "content", "decision_date",
        "valid_from", "valid_to", "status", "published_on", "remarks", "withdrawn_on", "withdrawal_reason", "ended_by")

    #: A licence's publicity does not end by credit repair.
    CREDIT_REPAIR: ClassVar[bool] = False

    def publicity_end(self, site: Any) -> date | None:
        """Last day it stays public: its validity's end (None: no fixed end)."""
        return self.valid_to

    doc_name: str = Field(title="行政许可决定文书名称")
    """决定文书名称，例如「准予行政许可决定书」。"""
    license_category: Literal["普通", "特许", "认可", "核准", "登记", "其他"] = Field(title="许可类别")
    """普通、特许、认可、核准、登记、其他。"""
    certificate_name: str | None = Field(default=None, title="许可证书名称")
    """颁发的证书名称，例如「民办学校办学许可证」。"""
    license_no: str | None = Field(default=None, title="许可编号")
    """许可证书编号。"""
    content: str = Field(title="许可内容")
    """许可的具体内容。"""
    decision_date: IsoDate = Field(title="许可决定日期")
    """作出许可决定的日期，YYYY-MM-DD。"""
    valid_from: IsoDate = Field(title="有效期自")
    """许可有效期起始日期。"""
    valid_to: IsoDate | None = Field(default=None, title="有效期至")
    """许可有效期截止日期（不早于起始日期）；长期有效不填。过期后从网站撤下。"""
    status: Literal["有效", "无效"] = Field(default="有效", title="状态")
    """有效（默认）或 无效（被撤销、撤回、注销或吊销，网站只保留说明）。"""
    published_on: IsoDate = Field(title="公示日期")
    """在本站公示的日期；应在决定后 7 个工作日内。"""
    remarks: str | None = Field(default=None, title="备注")
    """其他需要说明的情况。"""
    withdrawn_on: IsoDate | None = Field(default=None, title="撤回日期")
    """状态改为「无效」时填写：许可被撤销、撤回或注销的日期。"""
    withdrawal_reason: str | None = Field(default=None, title="撤回理由")
    """状态改为「无效」时填写：原因，会公开显示在说明中。"""
    ended_by: Literal["撤销", "撤回", "注销", "吊销"] | None = Field(default=None, title="失效方式")
    """状态为「无效」时必填，写明是哪一种法律行为使许可失效：撤销（许可违法作出，行政许可法第六十九条）、撤回（依据的法律或
    客观情况变化，第八条）、注销（第七十条，如终止办学）、吊销（由行政处罚决定作出，须在 penalties.csv 中有该处罚）。"""
