"""Model of data/institutions.csv and data/institution_events.csv: 校外培训机构 and their list history."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...schema.common import RecordId
from ...schema.types import Flag, IsoDate, Record, Uscc

EventKind = Literal["列入白名单", "移出白名单", "列入黑名单", "移出黑名单", "营转非登记", "注销公示", "已注销", "转型",
                    "剥离义务教育阶段培训", "取缔", "吊销办学许可证", "重新取得办学许可"]
UNREGISTERED = "未登记"


class Institution(Record):
    """一家校外培训机构的身份信息（名单状态由变动记录推算，不在此填写）。"""

    id: RecordId = Field(title="机构编号")
    """机构编号：小写字母、数字和连字符，全表唯一且永不更改，它是机构网页的地址。"""
    name: str = Field(title="机构名称")
    """登记的机构全称。"""
    uscc: Uscc | None = Field(default=None, title="统一社会信用代码")
    """18 位统一社会信用代码（按 GB 32100 校验）；只有登记类型为「未登记」时可以不填。"""
    school_license_no: str | None = Field(default=None, title="办学许可证号")
    """办学许可证号，通常为「教民」+15 位数字+「号」。"""
    training_type: Literal["学科类", "非学科类"] = Field(title="培训类别")
    # The docstring in pieces: the guide and the JSON Schemas publish the joined text, "\n" included.
    ("登记时的培训类别：学科类 或 非学科类。学科类机构转型后不要改这里，追加一行「转型」变动即可，"
     "网站按变动显示现在的类别。")
    subcategory: Literal["体育", "文化艺术", "科技", "其他"] | None = Field(default=None, title="细类")
    """非学科类的细类：体育、文化艺术、科技、其他。学科类不填。"""
    competent_dept: Literal["教育", "科技", "文旅", "体育"] = Field(title="主管部门")
    """主管部门：教育、科技、文旅、体育。"""
    registration_type: Literal["民办非企业单位", "企业", "个体工商户", "未登记"] = Field(title="登记类型")
    """民办非企业单位、企业、个体工商户，或 未登记（无证无照）。"""
    address: str = Field(title="培训地址")
    """实际培训场所地址。"""
    on_national_platform: Flag | None = Field(default=None, title="纳入全国监管平台")
    """是否已纳入全国校外教育培训监管与服务综合平台：是 / 否。"""


class InstitutionEvent(Record):
    """名单与状态的一次变动。只追加、不修改：更正请追加新的一行。"""

    institution_id: str = Field(title="机构编号")
    """institutions.csv 中已有的机构编号。"""
    date: IsoDate = Field(title="日期")
    """变动发生（文件印发）的日期，YYYY-MM-DD。"""
    event: EventKind = Field(title="变动事项")
    """列入白名单、移出白名单、列入黑名单、移出黑名单、营转非登记、注销公示、已注销、转型、剥离义务教育阶段培训、取缔、
    吊销办学许可证、重新取得办学许可。每种变动对名单、状态、类别和许可证的作用见下表；相互矛盾的顺序会被拒绝。"""
    reason: str | None = Field(default=None, title="原因")
    """变动原因；列入黑名单和取缔时必填（例如「无证无照办学」）。"""
    basis_doc_no: str | None = Field(default=None, title="依据文号")
    """依据的文件文号，例如「汾教科发〔2021〕35号」；吊销办学许可证填行政处罚决定书文号，重新取得办学许可填许可决定书文号。"""
    note: str | None = Field(default=None, title="备注")
    """其他说明。"""
