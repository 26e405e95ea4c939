"""Registry stage: the 规范性文件 and policy documents family (data/policies.csv, full texts in content/policies/).

The full texts are not published as pages of their own: a Markdown text is shown inside its document's page
(through the staff-markup allow-list), a PDF or DOCX is published beside that page for download.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from typing import Any

from ...model import Dataset, Publication
from ...rules.publicity import add_months
from . import checks, pages
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .figures import FIGURES as FIGURES  # its annual report figures: the registry collects them
from .model import NORMATIVE, Policy

POLICIES = Dataset("policies", "规范性文件和政策文件", "data/policies.csv", Policy, "doc_no", label_field="title",
                   checks=checks.CHECKS, refs={"replaced_by": ("policies", "文号包括〔〕和「号」字")}, optional=True,
                   synth=lambda world: synth_policies(world),
                   description="本机关制发的规范性文件和其他政策文件：文号、有效期、现行状态和全文；失效和已修订的文件保留备查。")

DATASETS = (POLICIES,)

CATALOG_CHECKS = checks.CATALOG_CHECKS

PUBLICATIONS = (
    Publication("policies", pages.policy_rows, pages.describe_policy, page=pages.SECTION, unit="件",
                duty="政务公开 · 规范性文件", card=8, group="法治建设", nav="政策文件", list_page=pages.policy_list,
                record_pages=pages.policy_pages, column="政策文件", cells=pages.CELLS, feed=pages.policy_feed,
                last_change=pages.last_change, files=pages.attachments),
)


# --- synthetic documents (benchmarks) -------------------------------------------------------------------------------

_TOPICS = ("校外培训机构监管", "中小学作业管理", "课后服务", "学生体质健康监测", "校园食品安全", "教师继续教育",
           "民办学校年度检查", "学前教育普及普惠", "义务教育招生入学", "教育督导评估", "学校安全风险防控",
           "家庭经济困难学生资助", "校车安全管理", "中小学心理健康教育", "教育行政执法", "国家通用语言文字推广")
_NORMATIVE = ("管理办法", "实施细则", "管理规定")
_OTHER = ("工作方案", "实施方案", "的通知")


def synth_policies(world: Any) -> list[dict[str, str]]:
    """A modest number of documents (scale // 200 + 10), the first in the data's first year: a third 规范性文件 with
    five-year terms (expired ones 失效), some revised by a later document of the same name; every full text a short
    Markdown file."""
    s = world.s
    drafts = []
    for n in range(world.scale // 200 + 10):
        # the first in the data's first year, so that the report figures of every year can be told
        index = s.decision_day() if n else s.rng.randint(*s.year_span[min(s.year_span)])
        normative = s.rng.random() < 0.35
        topic = s.rng.choice(_TOPICS)
        suffix = s.rng.choice(_NORMATIVE if normative else _OTHER)
        title = f"汾川县{topic}{suffix}" if suffix != "的通知" else f"汾川县教育科技局关于加强{topic}工作的通知"
        drafts.append((s.workdays[index], s.published(index), normative, title))
    drafts.sort(key=lambda d: d[0])
    serial: dict[int, int] = {}
    rows: list[dict[str, str]] = []
    for number, (issued, published, normative, title) in enumerate(drafts, 1):
        serial[issued.year] = serial.get(issued.year, 0) + 1
        n = serial[issued.year]
        name = f"content/policies/text-{number:04d}.md"  # named by position: the same files whatever the seed
        row = {"doc_no": f"汾教科发〔{issued.year}〕{n}号", "title": title,
               "kind": NORMATIVE if normative else "其他政策文件", "issued_on": issued.isoformat(), "text": name,
               "published_on": published.isoformat(), "status": "有效"}
        world.files[name] = (f"# {title}\n\n第一条 为规范{title.removeprefix('汾川县')}相关工作，制定本文件。\n\n"
                             "第二条 本文件适用于本县各级各类学校和教育机构。\n\n"
                             "第三条 本文件由县教育科技局负责解释。\n")
        if normative:
            effective = issued + timedelta(days=s.rng.choice((0, 10, 30)))
            expires = add_months(effective, 60) - timedelta(days=1)
            row.update(effective_on=effective.isoformat(), expires_on=expires.isoformat())
            if expires < s.today:
                row.update(status="失效", status_date=expires.isoformat())
        rows.append(row)
    for older, newer in pairwise(rows):  # now and then a 规范性文件 is revised by the next one of its kind
        if (older["kind"] == newer["kind"] == NORMATIVE and older["status"] == "有效" and not older.get("replaced_by")
                and newer["issued_on"] > older["issued_on"] and s.rng.random() < 0.5):
            older.update(status="已修订", status_date=newer["issued_on"], replaced_by=newer["doc_no"])
            newer["title"] = older["title"]
    return rows
