"""Registry stage: the decisions' files in the credit platform's 双公示 upload (the staff export), as declared tables.

A province whose template differs edits these tables (order, labels, sources), not the export code. A column is
(code, label, source): the source is a field of the record or a value the export derives (staff/platform.py says
which); the label is what the optional label row (`--label-row`) shows under the codes.
"""

from __future__ import annotations

from ...model import Upload

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

PENALTY_UPLOAD = Upload("行政处罚", "0301", PENALTY_COLUMNS, reports_ended=False)
LICENSE_UPLOAD = Upload("行政许可", "0102", LICENSE_COLUMNS, reports_ended=True)
