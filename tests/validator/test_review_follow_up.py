"""What the site says became of a review result (datasets/reviews/pages.follow_up), over any dates: it is exactly as
strong as the data. Overdue only past the deadline with no recheck and no later result; a recheck always wins."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.datasets.reviews.pages import follow_up, grade_of

SCALE = ("合格", "基本合格", "不合格")
days = st.dates(min_value=date(2021, 1, 1), max_value=date(2028, 12, 31))


@settings(max_examples=200, deadline=None)
@given(result=st.sampled_from(SCALE), due=st.none() | days, recheck=st.none() | days, later=st.booleans(),
       today=days)
def test_a_follow_up_says_no_more_than_the_data(result: str, due: date | None, recheck: date | None, later: bool,
                                                today: date) -> None:
    review = SimpleNamespace(rectification_due=due, recheck_on=recheck,
                             recheck_result="已整改到位" if recheck else None)
    newer = SimpleNamespace(year=2026, result="合格") if later else None
    said = follow_up(review, grade_of(result, SCALE), newer, today)
    if result == "合格":
        assert said is None
        return
    assert said is not None
    if recheck:
        assert said.rechecked and said.text == f"复查（{recheck}）：已整改到位" and not said.overdue
    elif later:
        assert said.text == "未公布复查结果；2026 年度年检结论为「合格」" and not said.overdue
    elif due is None:
        assert said.text == "未公布整改期限和复查结果" and not said.overdue
    else:
        assert said.overdue == (due < today)
        assert (f"已过整改期限（{due}）" in said.text) == (due < today)
        assert ("尚未到期" in said.text) == (due >= today)


def test_the_deadline_day_itself_is_not_overdue() -> None:
    review = SimpleNamespace(rectification_due=date(2026, 5, 31), recheck_on=None, recheck_result=None)
    grade = grade_of("不合格", SCALE)
    assert not follow_up(review, grade, None, date(2026, 5, 31)).overdue  # type: ignore[union-attr]
    assert follow_up(review, grade, None, date(2026, 5, 31) + timedelta(days=1)).overdue  # type: ignore[union-attr]
