"""Credit-platform export, layout: the 双公示 upload columns, party groups and file names, as one declared table.

A province whose template differs edits this table (order, labels, sources), not the export code. A column's
source is a field of our record, or one of the derived values the export knows: `=bureau.name`, `=bureau.uscc`,
`=publicity_end`, `=state` (有效 / 无效 on the export date), `=remarks` (备注, with why a decision no longer stands in
front) and `=` (always empty: never stored in the repository). A `wan:` prefix converts yuan to 万元, `date:` writes
YYYY/MM/DD, `date_or_long:` writes 2099/12/31 for an open end, `join:` joins a list with `;`. A column's label is
what the optional label row (`--label-row`) shows under the codes. `TO_COMPLETE` names the columns a clerk fills in
by hand before uploading, and for which rows.
"""

from __future__ import annotations

from dataclasses import dataclass

PENALTY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("CF_WSH", "行政处罚决定书文号", "decision_no"),
    ("CF_XDR_MC", "行政相对人名称", "party_name"),
    ("CF_XDR_LB", "行政相对人类别", "party_category"),
    ("CF_XDR_SHXYM", "行政相对人代码_1（统一社会信用代码）", "party_uscc"),
    ("CF_XDR_GSZC", "行政相对人代码_2（工商注册号）", "="),
    ("CF_XDR_ZZJG", "行政相对人代码_3（组织机构代码）", "="),
    ("CF_XDR_SWDJ", "行政相对人代码_4（税务登记号）", "="),
    ("CF_XDR_SYDW", "行政相对人代码_5（事业单位证书号）", "="),
    ("CF_XDR_SHZZ", "行政相对人代码_6（社会组织登记证号）", "="),
    ("CF_FRDB", "法定代表人", "legal_rep_name"),
    ("CF_FR_ZJLX", "法定代表人证件类型", "="),
    ("CF_FR_ZJHM", "法定代表人证件号码", "="),
    ("CF_XDR_ZJLX", "证件类型", "="),
    ("CF_XDR_ZJHM", "证件号码", "="),
    ("CF_WFXW", "违法行为类型", "violation_type"),
    ("CF_SY", "违法事实", "violation_facts"),
    ("CF_YJ", "处罚依据", "legal_basis"),
    ("CF_CFLB", "处罚类别", "join:penalty_types"),
    ("CF_NR", "处罚内容", "penalty_content"),
    ("CF_NR_FK", "罚款金额（万元）", "wan:fine_yuan"),
    ("CF_NR_WFFF", "没收违法所得、没收非法财物的金额（万元）", "wan:confiscated_yuan"),
    ("CF_NR_ZKDX", "暂扣或吊销证照名称及编号", "license_affected"),
    ("CF_JDRQ", "处罚决定日期", "date:decision_date"),
    ("CF_YXQ", "处罚有效期", "date:valid_until"),
    ("CF_GSJZQ", "公示截止期", "date:=publicity_end"),
    ("CF_CFJG", "处罚机关", "=bureau.name"),
    ("CF_CFJGDM", "处罚机关统一社会信用代码", "=bureau.uscc"),
    ("CF_SJLY", "数据来源单位", "=bureau.name"),
    ("CF_SJLYDM", "数据来源单位统一社会信用代码", "=bureau.uscc"),
    ("BZ", "备注", "=remarks"),
)

LICENSE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("XK_XDR_MC", "行政相对人名称", "party_name"),
    ("XK_XDR_LB", "行政相对人类别", "party_category"),
    ("XK_XDR_SHXYM", "行政相对人代码_1（统一社会信用代码）", "party_uscc"),
    ("XK_XDR_GSZC", "行政相对人代码_2（工商注册号）", "="),
    ("XK_XDR_ZZJG", "行政相对人代码_3（组织机构代码）", "="),
    ("XK_XDR_SWDJ", "行政相对人代码_4（税务登记号）", "="),
    ("XK_XDR_SYDW", "行政相对人代码_5（事业单位证书号）", "="),
    ("XK_XDR_SHZZ", "行政相对人代码_6（社会组织登记证号）", "="),
    ("XK_FRDB", "法定代表人", "legal_rep_name"),
    ("XK_FR_ZJLX", "法定代表人证件类型", "="),
    ("XK_FR_ZJHM", "法定代表人证件号码", "="),
    ("XK_XDR_ZJLX", "证件类型", "="),
    ("XK_XDR_ZJHM", "证件号码", "="),
    ("XK_XKWS", "行政许可决定文书名称", "doc_name"),
    ("XK_WSH", "行政许可决定文书号", "decision_no"),
    ("XK_XKLB", "许可类别", "license_category"),
    ("XK_XKZS", "许可证书名称", "certificate_name"),
    ("XK_XKBH", "许可编号", "license_no"),
    ("XK_NR", "许可内容", "content"),
    ("XK_JDRQ", "许可决定日期", "date:decision_date"),
    ("XK_YXQZ", "有效期自", "date:valid_from"),
    ("XK_YXQZI", "有效期至", "date_or_long:valid_to"),
    ("XK_XKJG", "许可机关", "=bureau.name"),
    ("XK_XKJGDM", "许可机关统一社会信用代码", "=bureau.uscc"),
    ("XK_ZT", "当前状态", "=state"),
    ("XK_LYDW", "数据来源单位", "=bureau.name"),
    ("XK_LYDWDM", "数据来源单位统一社会信用代码", "=bureau.uscc"),
    ("BZ", "备注", "=remarks"),
)



@dataclass(frozen=True)
class PlatformKind:
    """One kind of upload file: which dataset it carries, its columns, and what happens to a decision that ended."""

    dataset: str
    columns: tuple[tuple[str, str, str], ...]
    code: str
    """The kind's code in the file name (0301 行政处罚, 0102 行政许可)."""
    reports_ended: bool
    """True: a decision that no longer stands (expired, revoked, withdrawn) is uploaded as a row whose state says
    无效, so the platform's copy is corrected (行政许可, whose XK_ZT says 有效 / 无效). False: it is left out, and
    the clerk is told to take it down where the platform would still show it (行政处罚 has no state column: the
    platform ends its publicity by CF_GSJZQ; a withdrawal or a credit repair is done on the platform)."""


#: Kind -> how its upload file is made.
KINDS: dict[str, PlatformKind] = {
    "行政处罚": PlatformKind("penalties", PENALTY_COLUMNS, "0301", reports_ended=False),
    "行政许可": PlatformKind("licenses", LICENSE_COLUMNS, "0102", reports_ended=True),
}

#: XK_ZT of a decision that stands on the export date, and of one that no longer does.
IN_FORCE, ENDED = "有效", "无效"

#: Files per party type: the platform takes 法人 and 自然人 reports separately; 个体工商户 goes with 法人.
PARTY_GROUPS: dict[str, tuple[str, ...]] = {
    "法人及非法人组织": ("法人及非法人组织", "个体工商户"),
    "自然人": ("自然人",),
}

#: File name (without suffix); {stamp} is yyyyMMddHH of the export.
FILE_NAME = "{kind}-{group}-{code}_{stamp}"

LONG_TERM = "2099/12/31"

#: Columns a clerk completes by hand, per party group, with the rows they concern: (column code, rows where
#: it must be filled: "all", or "legal_rep" = rows with a legal representative, or "placeholder" = rows whose
#: credit code is the 个体工商户 placeholder).
TO_COMPLETE: dict[str, tuple[tuple[str, str], ...]] = {
    "法人及非法人组织": (("FR_ZJLX", "legal_rep"), ("FR_ZJHM", "legal_rep"), ("XDR_GSZC", "placeholder")),
    "自然人": (("XDR_ZJLX", "all"), ("XDR_ZJHM", "all")),
}
