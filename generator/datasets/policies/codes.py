"""Registry stage: the problem codes the 规范性文件 family reports besides the core ones (problems.py), one record
per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import ERROR, WARNING, Code, reporter, table

CODES = table(
    Code("policy-text", ERROR,
         "政策文件的全文文件不存在，或不是 content/policies/ 中的 Markdown、PDF、DOCX 文件",
         "把全文保存为 content/policies/ 中的 .md 文件（或 PDF、DOCX 附件），在 policies.csv 的「全文文件」"
         "中写同一个路径（例如 content/policies/督学聘任与管理办法.md）。"),
    Code("policy-link", ERROR,
         "政策文件全文中的链接或图片指向的文件不存在，或网站上不会发布",
         "附件、图片放进 content/policies/，全文中的链接只写文件名（例如 [附件1](附件1.xlsx)）；"
         "链接别的政策文件时写它的全文文件名，网站会改成那份文件的页面。"),
    Code("policy-status", ERROR,
         "政策文件的状态与有效期或修订关系不符（过期仍为有效、被修订仍为有效、修订关系循环）",
         "按提示改状态：过了有效期的改为「失效」，被新文件修订的改为「已修订」，并在「失效或修订日期」中写日期；"
         "修订关系循环时核对「修订后的文件」的文号。"),
    Code("policy-no-term", WARNING,
         "有效的规范性文件没有写有效期，或有效期超过 5 年",
         "按文件正文规定填写「有效期至」（规范性文件有效期一般不超过 5 年）；"
         "文件确实另有规定时可以不改（这只是提醒）。"),
    Code("unused-policy-file", WARNING,
         "content/policies/ 中的文件既不是哪份政策文件的全文，也没有被全文链接，不会发布",
         "在 policies.csv 中录入这份文件并在「全文文件」中写它的路径，或在全文中链接它；"
         "不需要的文件从 content/policies/ 删除。"),
    Code("late-policy", WARNING, "规范性文件的公开日期晚于成文日期 20 个工作日以上",
         "今后在规范性文件印发后 20 个工作日内公开；已经发生的无需改动数据（这只是提醒）。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
