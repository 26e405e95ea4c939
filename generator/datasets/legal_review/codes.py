"""Registry stage: the problem codes the 重大执法决定法制审核 family reports besides the core ones (problems.py), one
record per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import ERROR, Code, reporter, table

CODES = table(
    Code("legal-review-missing", ERROR,
         "属于重大执法决定法制审核目录清单情形的有效处罚决定，没有填写法制审核日期",
         "在 penalties.csv 该行填写 legal_review_date（法制审核日期，不晚于处罚决定日期）和 legal_review_office"
         "（法制审核机构，例如「汾川县教育科技局法制股」）。确实未经法制审核的，不要补填日期：应依法纠正该决定"
         "（撤销后把状态改为「已撤销」并写明撤回日期和理由）。"),
    Code("legal-review-late", ERROR,
         "法制审核日期晚于处罚决定日期（法制审核应在决定作出之前完成）",
         "核对法制审核日期，填写法制审核意见的日期，不晚于处罚决定日期。确实是决定作出后才审核的，"
         "该决定未经事前法制审核，应依法纠正（撤销后把状态改为「已撤销」）。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
