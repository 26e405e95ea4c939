"""Registry stage: the 办理流程 and 音像记录 family (data/procedures.yaml): each enforcement matter's procedure
(事前公开: steps, time limits, documents), the steps recorded on audio and video (执法全过程记录), the /recording/
list, the report figure and synthetic rows.

The procedure, its flow chart and the remedies appear on each matter's page (datasets/matters/pages.py, which reads
index.by_matter); the remedies on every decision page come from site.yml (remedies.py).
"""

from __future__ import annotations

from typing import Any

from ...model import Dataset, Publication
from . import checks, pages
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .figures import FIGURES as FIGURES  # its annual report figures: the registry collects them
from .model import Procedure


def _guide() -> str:
    return ("<p>每个执法事项按哪个流程办理：先看哪个流程的 <code>matters</code> 写了它的编码；没有的，按 "
            "<code>category</code> 与它的事项类别相同的流程办理。一个事项、一个类别只能由一个流程认领。"
            "时限写成数字加单位（<code>7 日</code>、<code>5 个工作日</code>、<code>24 小时</code>、"
            "<code>3 个月</code>）或 <code>当场</code>，起算点写在 <code>limit_from</code> 中。"
            "环节按办理顺序排列：立案或受理 → 调查 → 告知 → 听证 → 决定 → 送达 → 执行。"
            "<code>recorded: true</code> 的环节列入音像记录事项清单（/recording/），处罚决定和双随机抽查结果的"
            "「音像记录环节」只能写这些环节的名称。</p>")


PROCEDURES = Dataset("procedures", "执法办理流程和音像记录事项", "data/procedures.yaml", Procedure, "code",
                     list_key="procedures", label_field="name", checks=checks.RECORD_CHECKS, optional=True,
                     names_checked=False, editor_schema=True, guide_notes=_guide,
                     refs={"matters": ("enforcement_matters", "流程的 matters 只写执法事项编码")},
                     description="每个执法事项的办理流程（环节、承办主体、时限、执法文书）和须全程音像记录的环节。",
                     synth=lambda world: synth_procedures(world))

DATASETS = (PROCEDURES,)
CATALOG_CHECKS = checks.CATALOG_CHECKS

PUBLICATIONS = (
    Publication("procedures", pages.rows, pages.describe, page=pages.PAGE, unit="项",
                duty="执法全过程记录 · 音像记录事项清单", count=pages.recorded_count, derived=pages.DERIVED, card=12,
                group="执法公示", nav="音像记录", list_page=pages.recording_page, last_change=pages.last_change),
)


# --- synthetic rows ------------------------------------------------------------------------------------

_RECORDING = ("《中华人民共和国行政处罚法》第四十七条；《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度"
              "重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）")

#: Steps by category: (name, actor, time limit, documents, recorded).
_STEPS: dict[str, list[tuple[str, str, str, str, bool]]] = {
    "行政处罚": [("立案", "承办股室", "7 日", "立案审批表", False),
             ("调查取证", "两名以上执法人员", "", "现场检查笔录;询问笔录", True),
             ("告知", "承办股室", "3 日", "行政处罚事先告知书", False),
             ("决定", "局长或局务会议", "90 日", "行政处罚决定书", False),
             ("送达", "执法人员", "7 日", "送达回证", True)],
    "行政许可": [("受理", "政务服务窗口", "5 个工作日", "受理通知书", False),
             ("审查", "承办股室", "", "现场核查记录", True),
             ("决定", "局长", "20 个工作日", "准予行政许可决定书", False),
             ("送达", "承办股室", "10 个工作日", "送达回证", False)],
    "行政检查": [("随机抽取检查对象", "承办股室", "", "抽查计划", False),
             ("现场检查", "两名以上执法人员", "", "现场检查笔录", True),
             ("结果公开", "承办股室", "20 个工作日", "", False)],
}


_PLAIN = [("受理", "承办股室", "5 个工作日", "受理通知书", False), ("审查", "承办股室", "", "", False),
          ("决定", "局长", "20 个工作日", "", False)]


def synth_recorded(category: str) -> list[str]:
    """The recorded steps of the synthetic procedure of `category` (what its records may name as recorded)."""
    return [name for name, *_, recorded in _STEPS.get(category) or _PLAIN if recorded]


def synth_procedures(world: Any) -> list[dict[str, Any]]:
    """A procedure per category of the synthetic matters (the three above, a plain one for the rest)."""
    rows = []
    categories = list(dict.fromkeys(m["category"] for m in world.tables["enforcement_matters"]))
    for n, category in enumerate(categories, 1):
        steps = _STEPS.get(category) or _PLAIN
        law = "《中华人民共和国行政处罚法》" if category == "行政处罚" else "《中华人民共和国行政许可法》"
        rows.append({"code": f"P-{n:02d}", "name": f"{category}办理流程", "category": category, "basis": law,
                     "published_on": "2021-07-01", "recording_basis": _RECORDING,
                     "steps": [{k: v for k, v in (("name", name), ("actor", actor), ("time_limit", limit),
                                                   ("documents", docs), ("recorded", "true" if recorded else "false"))
                                if v}
                               for name, actor, limit, docs, recorded in steps]})
    return rows
