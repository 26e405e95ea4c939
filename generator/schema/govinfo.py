"""Model of the tables of a 政府信息公开工作年度报告 (front matter of content/reports/<year>-xxgk.md).

The report follows the State Council's format (国办公开办函〔2021〕30号): 一、总体情况 (text), 二、主动公开政府信息
情况 (table), 三、收到和处理政府信息公开申请情况 (the applications table), 四、政府信息公开行政复议、行政诉讼情况
(table), 五、存在的主要问题及改进情况 and 六、其他需要报告的事项 (text). Staff write the text in the body and the
numbers of the three tables in the front matter; the site draws the tables, computes what the data holds and checks
the rest for internal consistency (rules/govinfo.py).

The rows are declared once here (key, label, level): the model, the checks, the report page and the staff guide
all follow them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, use_attribute_docstrings=True,
                     hide_input_in_errors=True)

#: The applications table's columns: 申请人情况 (自然人, then 法人或其他组织 in five kinds) and 总计.
APPLICANTS: tuple[str, ...] = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
#: The columns under 法人或其他组织 (between 自然人 and 总计).
ORGANISATIONS = APPLICANTS[1:-1]
#: The appeals table's columns, for 行政复议 and each kind of 行政诉讼.
OUTCOMES: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
#: 规章 and 行政规范性文件: the three numbers of each.
DOCUMENT_COLUMNS: tuple[str, ...] = ("本年制发件数", "本年废止件数", "现行有效件数")

_INTEGER = re.compile(r"\d{1,9}")
_WAN_YUAN = re.compile(r"\d{1,9}(\.\d{1,4})?")


def _count(value: Any) -> Any:
    text = str(value).strip()
    if not _INTEGER.fullmatch(text):
        raise PydanticCustomError("invalid-value", "应为 0 或正整数（件数），现为「{value}」", {"value": text[:40]})
    return int(text)


def _wan_yuan(value: Any) -> Any:
    text = str(value).strip().replace(",", "")
    if not _WAN_YUAN.fullmatch(text):
        raise PydanticCustomError("invalid-value", "应为以万元为单位的金额（0 或正数，最多四位小数，例如 0 或 1.25），"
                                                   "现为「{value}」", {"value": text[:40]})
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern rules it out
        raise PydanticCustomError("invalid-value", "金额「{value}」无法识别", {"value": text[:40]}) from None


Count = Annotated[int, BeforeValidator(_count)]
WanYuan = Annotated[Decimal, BeforeValidator(_wan_yuan)]


def _width(columns: tuple[str, ...]) -> AfterValidator:
    def check(value: list[int]) -> list[int]:
        if len(value) != len(columns):
            raise PydanticCustomError(
                "invalid-value", "这一行应有 {n} 个数，依次为{names}；现有 {m} 个（例如 [{zeros}]）",
                {"n": len(columns), "names": "、".join(columns), "m": len(value),
                 "zeros": ", ".join("0" for _ in columns)})
        return value
    return AfterValidator(check)


Row = Annotated[list[Count], _width(APPLICANTS)]
Outcomes = Annotated[list[Count], _width(OUTCOMES)]
Documents = Annotated[list[Count], _width(DOCUMENT_COLUMNS)]


def _zeros(n: int) -> Any:
    return lambda: [0] * n


def _row(title: str) -> Any:
    return Field(default_factory=_zeros(len(APPLICANTS)), title=title)


class Withheld(BaseModel):
    """（三）不予公开，按理由分列。"""

    model_config = ConfigDict(**_STRICT, title="GovInfoWithheld")
    state_secret: Row = _row("1.属于国家秘密")
    """属于国家秘密。"""
    prohibited: Row = _row("2.其他法律行政法规禁止公开")
    """其他法律行政法规禁止公开。"""
    three_safeties: Row = _row("3.危及“三安全一稳定”")
    """危及国家安全、公共安全、经济安全和社会稳定。"""
    third_party: Row = _row("4.保护第三方合法权益")
    """保护第三方合法权益。"""
    internal_affairs: Row = _row("5.属于三类内部事务信息")
    """属于三类内部事务信息。"""
    process_info: Row = _row("6.属于四类过程性信息")
    """属于四类过程性信息。"""
    enforcement_files: Row = _row("7.属于行政执法案卷")
    """属于行政执法案卷。"""
    query_matters: Row = _row("8.属于行政查询事项")
    """属于行政查询事项。"""


class Unavailable(BaseModel):
    """（四）无法提供，按理由分列。"""

    model_config = ConfigDict(**_STRICT, title="GovInfoUnavailable")
    not_held: Row = _row("1.本机关不掌握相关政府信息")
    """本机关不掌握相关政府信息。"""
    needs_creation: Row = _row("2.没有现成信息需要另行制作")
    """没有现成信息需要另行制作。"""
    still_unclear: Row = _row("3.补正后申请内容仍不明确")
    """补正后申请内容仍不明确。"""


class NotProcessed(BaseModel):
    """（五）不予处理，按理由分列。"""

    model_config = ConfigDict(**_STRICT, title="GovInfoNotProcessed")
    complaints: Row = _row("1.信访举报投诉类申请")
    """信访举报投诉类申请。"""
    repeated: Row = _row("2.重复申请")
    """重复申请。"""
    publications: Row = _row("3.要求提供公开出版物")
    """要求提供公开出版物。"""
    excessive: Row = _row("4.无正当理由大量反复申请")
    """无正当理由大量反复申请。"""
    confirmation: Row = _row("5.要求行政机关确认或重新出具已获取信息")
    """要求行政机关确认或重新出具已获取信息。"""


class OtherHandling(BaseModel):
    """（六）其他处理，按情形分列。"""

    model_config = ConfigDict(**_STRICT, title="GovInfoOtherHandling")
    overdue_correction: Row = _row("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    """申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请。"""
    unpaid_fees: Row = _row("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    """申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请。"""
    other: Row = _row("3.其他")
    """其他。"""


class Applications(BaseModel):
    """三、收到和处理政府信息公开申请情况：每行 7 个数，依次为 自然人、商业企业、科研机构、社会公益组织、
    法律服务机构、其他、总计；没写的行按全 0 计。"""

    model_config = ConfigDict(**_STRICT, title="GovInfoApplications")
    received: Row = _row("一、本年新收政府信息公开申请数量")
    """本年新收的申请。"""
    carried_over: Row = _row("二、上年结转政府信息公开申请数量")
    """上年结转的申请：应与上一年度报告的「结转下年度继续办理」一致。"""
    disclosed: Row = _row("（一）予以公开")
    """予以公开。"""
    partly_disclosed: Row = _row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    """部分公开（区分处理的，只计这一情形，不计其他情形）。"""
    withheld: Withheld = Field(default_factory=Withheld, title="（三）不予公开")
    """不予公开，按 8 种理由分列（state_secret、prohibited、three_safeties、third_party、internal_affairs、
    process_info、enforcement_files、query_matters）。"""
    unavailable: Unavailable = Field(default_factory=Unavailable, title="（四）无法提供")
    """无法提供，按 3 种理由分列（not_held、needs_creation、still_unclear）。"""
    not_processed: NotProcessed = Field(default_factory=NotProcessed, title="（五）不予处理")
    """不予处理，按 5 种情形分列（complaints、repeated、publications、excessive、confirmation）。"""
    other: OtherHandling = Field(default_factory=OtherHandling, title="（六）其他处理")
    """其他处理，按 3 种情形分列（overdue_correction、unpaid_fees、other）。"""
    total: Row = _row("（七）总计")
    """办理结果总计：等于（一）至（六）各行之和。"""
    carried_forward: Row = _row("四、结转下年度继续办理")
    """结转下年度继续办理：本年新收 + 上年结转 = 办理结果总计 + 结转下年度。"""


class Appeals(BaseModel):
    """四、政府信息公开行政复议、行政诉讼情况：每行 5 个数，依次为 结果维持、结果纠正、其他结果、尚未审结、总计。"""

    model_config = ConfigDict(**_STRICT, title="GovInfoAppeals")
    review: Outcomes = Field(default_factory=_zeros(len(OUTCOMES)), title="行政复议")
    """行政复议。"""
    suit_direct: Outcomes = Field(default_factory=_zeros(len(OUTCOMES)), title="行政诉讼：未经复议直接起诉")
    """行政诉讼中未经复议直接起诉的。"""
    suit_after_review: Outcomes = Field(default_factory=_zeros(len(OUTCOMES)), title="行政诉讼：复议后起诉")
    """行政诉讼中复议后起诉的。"""


class Proactive(BaseModel):
    """二、主动公开政府信息情况。本站数据中有的数（行政规范性文件、行政许可、行政处罚）可以不写，由网站按数据
    计算；写了就与数据核对。"""

    model_config = ConfigDict(**_STRICT, title="GovInfoProactive")
    regulations: Documents = Field(default_factory=_zeros(3), title="规章")
    """规章的本年制发件数、本年废止件数、现行有效件数，如 [0, 0, 0]（县级部门不制定规章，默认全 0）。"""
    normative: Documents | None = Field(default=None, title="行政规范性文件")
    """行政规范性文件的本年制发件数、本年废止件数、现行有效件数，如 [1, 0, 3]；不写时按 data/policies.csv 计算。"""
    licensing: Count | None = Field(default=None, title="行政许可")
    """本年行政许可处理决定数量；不写时按 data/licenses.csv 计算。"""
    penalising: Count | None = Field(default=None, title="行政处罚")
    """本年行政处罚处理决定数量；不写时按 data/penalties.csv 计算。"""
    coercing: Count = Field(default=0, title="行政强制")
    """本年行政强制处理决定数量（默认 0）。"""
    fees_wan_yuan: WanYuan = Field(default=Decimal(0), title="行政事业性收费（万元）")
    """本年行政事业性收费金额，单位万元（默认 0）。"""


#: Cells of 二、主动公开 the data may hold, as (field, index in its row or None): a family's report figure that
#: computes one names it in its `govinfo` ("normative[0]", "licensing"; rules/figures.py Figure).
DATA_CELLS: tuple[tuple[str, int | None], ...] = (
    ("normative", 0), ("normative", 1), ("normative", 2), ("licensing", None), ("penalising", None),
)


def cell_name(name: str, index: int | None) -> str:
    """A cell of 二 as a figure names it and the front matter's path ends: normative[0], licensing."""
    return name if index is None else f"{name}[{index}]"


def rows(model: type[BaseModel]) -> list[tuple[str, str, int]]:
    """(dotted path, label, level) of every row of a table model, in the State Council's order: a group's own
    label (level 0) then its items (level 1)."""
    found: list[tuple[str, str, int]] = []
    for name, info in model.model_fields.items():
        sub = info.annotation if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel) else None
        if sub is not None:
            found.append((name, info.title or name, 0))
            found += [(f"{name}.{inner}", sub_info.title or inner, 1) for inner, sub_info in sub.model_fields.items()]
        else:
            found.append((name, info.title or name, 0))
    return found


def row_values(table: BaseModel, path: str) -> list[int] | None:
    """The numbers of the row at dotted `path` (None for a group's heading)."""
    value: Any = table
    for part in path.split("."):
        value = getattr(value, part)
    return value if isinstance(value, list) else None
