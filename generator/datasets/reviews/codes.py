"""Registry stage: the problem codes the 民办学校年检 family reports besides the core ones (problems.py), one record
per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import WARNING, Code, reporter, table

CODES = table(
    Code("late-review", WARNING, "民办学校年度检查结果晚于次年 3 月 31 日公布",
         "今后在次年 3 月 31 日前公布上一年度的年检结果；已公布的无需改动数据（这只是提醒）。"),
    Code("rectification-due", WARNING,
         "年检结论不是「合格」，但没有填写整改期限（网站无法提示整改是否逾期）",
         "在 rectification_due（整改期限）列填写整改必须完成的日期，如 2026-05-31；复查后在 recheck_on（复查日期）"
         "和 recheck_result（复查结论）列填写复查情况。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
