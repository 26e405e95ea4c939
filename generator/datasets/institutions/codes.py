"""Registry stage: the problem codes the 校外培训机构 family reports besides the core ones (problems.py), one record
per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import WARNING, Code, reporter, table

CODES = table(
    Code("unusual-license-no", WARNING, "办学许可证号不是常见的「教民 + 15 位数字 + 号」格式",
         "对照办学许可证核对编号；确实如此可以不改（这只是提醒）。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
