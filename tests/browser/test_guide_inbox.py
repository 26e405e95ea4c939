"""The guide's inbox section in real Chromium at phone width and on a desktop: every step readable, nothing off-screen,
and a screenshot of the section for a person to look at (written under /tmp/shots-inbox/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import AXE, Visit, guide_section, shot, within_width

WIDTHS = [390, 1280]
SHOTS = Path("/tmp/shots-inbox")

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("sized", WIDTHS, indirect=True)
def test_the_inbox_section_walks_a_clerk_through_github_and_gitlab(sized: Visit) -> None:
    page = guide_section(sized, "inbox", "用网页导入表格（收件箱）")
    width = page.viewport_size["width"]
    steps = page.locator("h3#inbox-steps ~ ol").first.locator("> li")
    assert steps.count() == 7
    texts = [step.inner_text() for step in steps.all()]
    assert [text.split("。")[0] for text in texts] == ["打开收件箱", "上传文件", "新建分支", "发起合并请求", "查看报告",
                                                      "有问题时改表格再上传", "核对，然后合并"]
    for text in texts[1:]:  # what to click, on each platform
        assert "\nGitHub：" in text and "\nGitLab：" in text, text
    assert "「Upload files」" in texts[1] and "「上传文件」（Upload file）" in texts[1]
    within_width(page, steps)
    meanings = page.locator("h3#inbox-report ~ ul").first.locator("> li")
    assert [item.locator("strong").inner_text() for item in meanings.all()] == [
        "「收件箱导入完成」", "「收件箱导入没有完成」", "「收件箱导入没有运行完成」"]
    # The section's top and bottom in page coordinates (the next section's heading ends it).
    top_y, bottom_y = page.evaluate("['inbox', 'privacy'].map(id => document.getElementById(id)"
                                    ".getBoundingClientRect().top + window.scrollY)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, path=str(SHOTS / f"guide-inbox-{width}.png"), full_page=True,  # type: ignore[attr-defined]
                    clip={"x": 0, "y": top_y - 16, "width": width, "height": bottom_y - top_y + 16})
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")] == []
    assert sized.errors == [] and sized.foreign_requests() == []
