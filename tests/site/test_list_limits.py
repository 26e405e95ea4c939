"""List pages of the new disclosures stay light at a province's scale: the limits, tried on the sample."""

from __future__ import annotations

from datetime import date

import pytest
from sitecheck import ROOT, TODAY

from generator.datasets.inspections import pages as inspection_pages
from generator.datasets.reviews import pages as review_pages
from generator.datasets.views import PublicView
from generator.validate import validate


@pytest.fixture(scope="module")
def view() -> PublicView:
    outcome = validate(ROOT, date.fromisoformat(TODAY))
    return PublicView(outcome.catalog, date.fromisoformat(TODAY))


def test_reviews_list_every_school_while_small(view: PublicView) -> None:
    text = review_pages.reviews_page(view)
    assert "汾川县童心艺术幼儿园" in text and "下表只列出结论不是「合格」的学校" not in text


def test_above_the_limit_reviews_list_only_schools_that_did_not_pass(view: PublicView,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_pages, "LIST_LIMIT", 10)
    text = review_pages.reviews_page(view)
    assert "下表只列出结论不是「合格」的学校" in text
    assert "汾川县七色花幼儿园" in text  # 不合格 in 2025
    assert "汾川县童心艺术幼儿园" not in text  # always passed
    assert "2025 年度（19 所）" in text  # the counts still cover every school


def test_above_the_limit_inspections_list_the_newest_results(view: PublicView,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inspection_pages, "LIST_LIMIT", 3)
    text = inspection_pages.list_page(view)
    assert "这里列出检查日期最近的 3 条" in text
    newest = inspection_pages.inspections_of(view).results
    assert len(newest) > 3
    assert all(f">{v.record.task_no}<" in text for v in newest[:3])
    assert not any(f'>{v.record.task_no}<' in text for v in newest[3:])
