"""Registry stage: the 民办学校、幼儿园年度检查 family (data/annual_reviews.csv): declaration, pages, synthetic rows.

One row per school per year, so no single field is unique: the dataset is keyless (like institution_events; the
comparer matches whole rows, /changes/ names a row by its year, school and credit code) and the family's own
rule reports a second row for the same (year, school_uscc) as `duplicate-id`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ...model import Dataset, Publication
from ...synth import words as W
from . import checks, pages
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .figures import FIGURES as FIGURES  # its annual report figures: the registry collects them
from .model import AnnualReview

REVIEWS = Dataset("annual_reviews", "民办学校年度检查", "data/annual_reviews.csv", AnnualReview, None,
                  label_field="school_name", checks=checks.RECORD_CHECKS, optional=True,
                  refs={"institution_id": ("institutions", "年检对象不是校外培训机构时不填")},
                  description="民办学校、幼儿园（及校外培训机构）每年的年度检查结论、发现的问题和整改要求。",
                  synth=lambda world: synth_reviews(world))

DATASETS = (REVIEWS,)
CATALOG_CHECKS = checks.CATALOG_CHECKS

PUBLICATIONS = (
    Publication("annual_reviews", pages.review_rows, pages.describe_review, page="reviews/", unit="所",
                duty="民办教育监管 · 年检结果公开", count=lambda view: len(pages.reviews_of(view).schools), card=7,
                group="执法公示", nav="年度检查", list_page=pages.reviews_page,
                record_pages=pages.school_pages, column="民办学校年度检查", cells=pages.CELLS, feed=pages.review_feed,
                related=pages.review_block, last_change=pages.last_review),
)


# --- synthetic rows ------------------------------------------------------------------------------------

_KINDS = (("民办幼儿园", "幼儿园", 70), ("民办小学", "小学", 10), ("民办初中", "初级中学", 8),
          ("民办九年一贯制学校", "学校", 5), ("民办高中", "高级中学", 3), ("民办职业学校", "职业学校", 4))
_WEIGHTS = tuple((kind, weight) for kind, _, weight in _KINDS)
_SUFFIX = {kind: suffix for kind, suffix, _ in _KINDS}
_PROBLEMS = ("消防设施维护记录不全", "保育员持证比例不足", "财务会计制度执行不规范", "年度招生简章未按规定备案",
             "校车安全管理台账缺失", "食堂食品留样记录不全")


def synth_reviews(world: Any) -> list[dict[str, Any]]:
    """About one school per 20 institutions (at least 3), reviewed every year from 2021 to last year: linear."""
    s = world.s
    last = min(s.today.year - 1, 2025)
    rows: list[dict[str, Any]] = []
    for n in range(1, max(3, world.scale // 20) + 1):
        school_type = s.pick(_WEIGHTS)
        suffix = _SUFFIX[school_type]
        name = f"{W.COUNTY}{s.rng.choice(W.PLACES)}{s.rng.choice(W.BRANDS)}{suffix}（{n}）"
        uscc = s.uscc("民办非企业单位")
        licence = f"教民{W.REGION}1{n:08d}号"
        for year in range(2021, last + 1):
            result = s.pick((("合格", 85), ("基本合格", 12), ("不合格", 3)))
            problems = rectification = due = recheck_on = recheck_result = ""
            if result != "合格":
                problems = s.rng.choice(_PROBLEMS)
                rectification = f"{year + 1} 年 6 月 30 日前整改到位并书面报告"
                due = f"{year + 1}-06-30"
                if s.rng.random() < 0.8:  # most are rechecked in time; the rest show as past their deadline
                    recheck_on, recheck_result = f"{year + 1}-06-{s.rng.randint(10, 28)}", "已整改到位"
            published = date(year + 1, s.rng.randint(1, 3), s.rng.randint(1, 28))
            rows.append({"year": str(year), "school_name": name, "school_uscc": uscc, "school_type": school_type,
                         "license_no": licence, "institution_id": "", "result": result, "problems": problems,
                         "rectification": rectification, "rectification_due": due, "recheck_on": recheck_on,
                         "recheck_result": recheck_result, "remarks": "", "published_on": published.isoformat()})
    return rows
