"""Registry stage: the problem codes the 普法责任清单 family reports besides the core ones (problems.py), one record
per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import WARNING, Code, reporter, table

CODES = table(
    Code("office-without-matters", WARNING,
         "普法责任清单中的股室不承办任何执法事项（名称可能写错）",
         "把 office 改成与 enforcement_matters.yaml 中承办机构完全相同的名称；"
         "该股室确实不承办执法事项时可以不改（这只是提醒）。"),
    Code("law-not-explained", WARNING,
         "执法股室承办事项所依据的法律法规不在它的普法责任清单中（谁执法谁普法）",
         "在 data/law_education.yaml 中该股室的 laws 下加上提示中的法律法规（每项一行，以「- 」开头）；"
         "没有该股室的条目时按提示新增一条。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
