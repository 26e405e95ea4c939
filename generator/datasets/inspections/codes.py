"""Registry stage: the problem codes the 双随机抽查 family reports besides the core ones (problems.py), one record
per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import ERROR, WARNING, Code, reporter, table

CODES = table(
    Code("not-drawn", ERROR,
         "抽查结果中的机构不在该抽查计划随机抽中的机构之中",
         "核对机构编号和计划文号：只有计划随机抽中的机构（见该计划页面的「抽中的机构」）才能录入为该计划的抽查结果；"
         "对其他机构的检查不属于随机抽查，不在此公示。"),
    Code("sample-too-large", ERROR, "抽查计划的抽取数量超过了抽取范围内的机构数",
         "减少抽取数量，或核对抽取范围和抽取日期（以抽取日当天的白名单为准）；抽取已经公布的，不要改种子。"),
    Code("too-few-inspectors", ERROR, "抽查结果的检查人员少于两名",
         "在「检查人员执法证号」中填写全部（至少两名）检查人员的执法证号，用英文分号 ; 分隔。"),
    Code("expired-certificate", ERROR, "检查人员的执法证在检查当日已过有效期",
         "核对检查日期和执法证号；证件已换发的，先在 enforcement_officers.csv 中登记新证号再引用它。"),
    Code("seed-commitment-mismatch", ERROR,
         "公布的随机种子与抽取前公布的种子承诺值（种子的 SHA-256 值）不符",
         "核对「随机种子」是否与当初计算承诺值时的种子一字不差（空格、大小写、全角半角）；承诺值已经公布，不能改。"
         "确实找不回原来的种子时，这次抽取无法证明，请如实在备注中说明。"),
    Code("late-inspection-result", WARNING, "抽查结果公示日期晚于检查日期 20 个工作日以上",
         "今后在检查后 20 个工作日内公示抽查结果；已经发生的无需改动数据（这只是提醒）。"),
    Code("missing-inspection-result", WARNING,
         "抽取已超过 3 个月，仍有抽中的机构没有抽查结果",
         "在 inspections.csv 中为提示中的每家机构补录抽查结果（检查未能实施的，"
         "按实际情况选择「通过登记的住所无法联系」等结果）。"),
    Code("draw-unverifiable", WARNING,
         "抽查计划没有在抽取前公布种子承诺值或种子来源：无法证明种子不是在抽取后挑选的",
         "已经抽取的计划无法补救（事后补写承诺值没有意义，这只是提醒）。以后的计划："
         "抽取日之前在 inspection_plans.csv 中填好抽取范围、数量、日期和「种子承诺值」或「种子来源」并提交，"
         "「随机种子」留空；抽取后再填种子。"),
    Code("draw-published-late", WARNING,
         "git 记录不能证明种子承诺值或种子来源是在抽取日之前公布的（出现得晚，或提交日期可能被改动过）",
         "已经抽取的计划无法补救（这只是提醒，计划页面会如实说明）。以后的计划在抽取日之前提交承诺值或种子来源，"
         "通过合并请求进入主分支；不要修改提交日期。"),
    Code("plan-changed-after-draw", WARNING,
         "抽查计划的抽取范围、数量、日期或随机种子及其来源、承诺值在抽取日当天或之后被修改过",
         "抽取后不要再改抽取范围、数量、日期、随机种子、种子来源和承诺值；改动是为了更正录入错误的，在「备注」"
         "中写明原因（这只是提醒，计划页面会显示这次修改）。"),
    Code("seed-before-draw", WARNING, "随机种子在抽取日之前已经写入：抽取前任何人都能算出抽中的机构",
         "抽取前不要填写「随机种子」：在抽取日之后再填写。种子已经公开的，这次抽取可以被提前算出，请在备注中说明。"),
    Code("weak-seed", WARNING,
         "随机种子可能的取值太少（不超过一百万种）或只是日期，可以逐一试算",
         "以后的计划用足够长的种子：自选种子用 32 位十六进制随机数（先公布它的 SHA-256 承诺值），"
         "或选位数多的公开数值作为种子来源（例如「快乐8」的 20 个开奖号码）。已经抽取的计划不要改种子（这只是提醒）。"),
    Code("follow-up-mismatch", WARNING,
         "抽查结果与后续处理矛盾（例如没发现问题却有处罚），或后续处理写明的处罚、整改没有填在对应的列中",
         "已作出行政处罚的，在「处罚决定书文号」（penalty_no）填写文号；复查确认整改完成的，在「整改完成日期」"
         "（rectified_on）填写日期；检查结果与后续处理不符的，核对检查结果或文号。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
