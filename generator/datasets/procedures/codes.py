"""Registry stage: the problem codes the 办理流程 and 音像记录 family reports besides the core ones (problems.py), one
record per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import ERROR, WARNING, Code, reporter, table

CODES = table(
    Code("step-order", ERROR, "办理流程的环节重复或先后顺序不对（例如「送达」排在「决定」之前）",
         "在 data/procedures.yaml 中按实际办理顺序排列 steps（立案或受理 → 调查 → 告知 → 听证 → 决定 → 送达 → 执行），"
         "同一流程中每个环节名称只写一次。"),
    Code("procedure-conflict", ERROR, "同一个执法事项（或同一个事项类别）被两个办理流程认领",
         "每个事项只能按一个流程办理：从其中一个流程的 matters 中删去该事项编码，或删去多余流程的 category。"),
    Code("procedure-missing", WARNING, "执法事项没有公布办理流程（事前公开）",
         "在 data/procedures.yaml 中为这个事项（matters 写它的编码）或它的类别（category）写一个办理流程。"),
    Code("recording-file", ERROR, "音像记录环节一栏写了录像文件名或网址（网站只说明哪些环节有音像记录，不公开录像）",
         "只写环节名称（如「现场检查;送达」），删除文件名、路径和链接；录像按档案管理规定保存，不提交到本仓库。"),
    Code("remedy-unnamed", WARNING,
         "site.yml 没有写明行政复议机关或行政诉讼法院（决定页面只能写「本级人民政府」「有管辖权的人民法院」）",
         "在 data/site.yml 中加上 remedies: 一节，写 reconsideration（行政复议机关，如 某某县人民政府）和 "
         "court（行政诉讼管辖法院，如 某某县人民法院），可再写 supervision_phone（监督电话）。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
