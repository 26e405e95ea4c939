"""An annual report as a journalist reads it on a phone and at desktop width: the text's numbers are the computed
ones, every figure is a visible row with its value and what the report says, and the footnote says what was checked.

A report page holds staff Markdown, so its whole article goes through the sanitiser, which drops the site's own
class names: the elements are found by structure and text.
"""

from __future__ import annotations

import pytest
from browsing import Visit, within_width

from generator.datasets import REGISTRY

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
#: A row's cells as a wide screen shows them (the phone's column labels, .tp-label, left out).
_CELLS_WITHOUT_LABELS = """r => Array.from(r.cells).map(c => Array.from(c.childNodes)
    .filter(n => !(n.classList && n.classList.contains('tp-label'))).map(n => n.textContent).join('')).join(' ')"""


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_report_text_shows_the_computed_figures(sized: Visit) -> None:
    page = sized.go("reports/2025/")
    text = page.locator("article").inner_text()  # type: ignore[attr-defined]
    assert "{{" not in text and "全县白名单机构32家" in text and "学科类培训机构1家" in text
    assert "罚款36,400元" in text
    assert sized.errors == []


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_every_figure_is_a_visible_row_within_the_window(sized: Visit) -> None:
    page = sized.go("reports/2025/")
    headings = page.locator("article h3").all_inner_texts()  # type: ignore[attr-defined]
    assert headings == ["截至2025年12月31日", "2025年全年", "2025年度"]
    rows = page.locator("article table tbody tr")  # type: ignore[attr-defined]
    assert rows.count() == len(REGISTRY.figures)  # every family's figure (the sample keeps every dataset)
    visible = [rows.nth(i) for i in range(rows.count()) if rows.nth(i).is_visible()]
    texts = [" ".join(r.evaluate(_CELLS_WITHOUT_LABELS).split()) for r in visible]
    assert len(texts) == len(REGISTRY.figures)
    if page.viewport_size["width"] < 500:  # a card per figure on a phone, each value with its column's name
        assert visible[0].inner_text().split() == ["项目：白名单机构数", "数值：32", "家", "报告正文：由本站按数据填入"]
    assert "白名单机构数 32 家 由本站按数据填入" in texts and "学科类培训机构数 1 家 由本站按数据填入" in texts
    assert "参加年度检查的民办学校和幼儿园 19 所 未写" in texts
    within_width(page, rows)


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_footnote_and_the_definitions(sized: Visit) -> None:
    page = sized.go("reports/2021/")
    note = page.locator("article p", has_text="表中数字由本站按数据自动计算")  # type: ignore[attr-defined]
    assert note.is_visible()
    assert "正文中的其他数字未经本站核对" in note.inner_text()
    assert "逐项核对" in note.inner_text() and "发布前已与数据逐项核对" not in page.locator("article").inner_text()
    details = page.locator("article details", has_text="各项数字的口径")  # type: ignore[attr-defined]
    details.locator("summary").click()
    item = details.locator("li", has_text="学科类培训机构数")
    assert item.is_visible() and "2021年12月31日当天结束时培训类别为学科类" in item.inner_text()
    within_width(page, details.locator("li"))
