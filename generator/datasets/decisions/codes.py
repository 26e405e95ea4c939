"""Registry stage: the problem codes the 双公示决定 family reports besides the core ones (problems.py), one record
per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import WARNING, Code, reporter, table

CODES = table(
    Code("unlinked-institution", WARNING,
         "决定的相对人与某个培训机构的统一社会信用代码相同，但没有填关联机构，或关联的是另一个机构",
         "相对人就是这个培训机构时，在「关联机构」填写报告中给出的机构编号（机构页面会列出这条决定）；"
         "确实不是同一机构时，核对统一社会信用代码。"),
    Code("late-disclosure", WARNING, "公示日期晚于决定日期 7 个工作日以上",
         "今后在决定作出后 7 个工作日内公示；已经发生的无需改动数据（这只是提醒）。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
