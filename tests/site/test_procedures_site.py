"""事前公开 on the sample site: each matter's page (basis, procedure as a list then as a flow chart, recorded steps,
remedies), the 音像记录事项清单, and the remedy and 简易程序 lines on decision pages."""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import pairwise
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from sitecheck import page

from generator.datasets.procedures import flow
from generator.render import recordindex

MATTER = "matters/141099-jy-cf-007/"  # 违规收费: 行政处罚普通程序 and 简易程序
SIMPLE = "penalties/2026-007/"  # 简易程序, recorded: 现场调查、当场送达
ORDINARY = "penalties/2024-006/"  # 普通程序 with a hearing
LICENCE = "licenses/2024-012/"
CHART = '<svg xmlns="http://www.w3.org/2000/svg" class="tp-flow-chart"'


def _matter_codes() -> list[str]:
    return [m["code"] for m in yaml.safe_load(Path("data/enforcement_matters.yaml").read_text(encoding="utf-8"))
            ["matters"]]


def test_the_matter_list_links_every_matter_page_and_each_exists(built_site: Path) -> None:
    hrefs = {a.get("href") for a in page(built_site, "matters/").find("a")}
    for code in _matter_codes():
        assert f"{code.lower()}/" in hrefs, code
        assert (built_site / "matters" / code.lower() / "index.html").is_file()


def test_a_matter_page_says_basis_then_the_steps_as_a_list_then_the_chart_then_recording_and_remedies(
        built_site: Path) -> None:
    p = page(built_site, MATTER)
    text = p.article_text()
    heads = [text.index(w) for w in ("实施依据", "办理流程", "1. 行政处罚普通程序", "2. 行政处罚简易程序",
                                     "执法全过程记录", "救济渠道")]
    assert heads == sorted(heads)
    assert "《中华人民共和国教育法》第七十八条" in text
    assert "时限：7 日内（自发现违法线索或者收到投诉、举报、移送材料之日起）" in text
    assert "时限：3 日内（当事人自收到告知书之日起提出陈述、申辩）" in text
    assert "适用情形：违法事实确凿并有法定依据" in text
    assert "现场检查（行政处罚普通程序）：《中华人民共和国行政处罚法》第四十七条" in text
    assert "听证（行政处罚普通程序）：《中华人民共和国行政处罚法》第六十四条" in text
    assert "60 日内向汾川县人民政府申请行政复议" in text and "6 个月内直接向汾川县人民法院提起行政诉讼" in text
    assert "监督电话 0357-5213361" in text and "汾川县司法局行政执法协调监督股反映（电话 0357-5212148）" in text
    html = p.html
    # the list comes first, the picture repeats it and says so
    assert html.index('<ol class="tp-steps">') < html.index(CHART)
    titles = re.findall(r'<svg [^>]*role="img" aria-labelledby="(flow-title-\d)"', html)
    assert titles == ["flow-title-1", "flow-title-2"]
    assert ('<title id="flow-title-1">流程图：行政处罚普通程序，共 10 个环节，内容与上方「办理流程」列表相同</title>'
            in html)


def test_the_flow_chart_is_drawn_from_the_steps_vertically_and_fits_a_phone(built_site: Path) -> None:
    html = page(built_site, MATTER).html
    start = html.index(CHART)
    svg = html[start:html.index("</svg>", start)]
    assert 'viewBox="0 0 340 ' in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    boxes = [(int(y), int(h)) for y, h in re.findall(r'<rect x="8" y="(\d+)" width="324" height="(\d+)"', svg)]
    assert len(boxes) == 10 and all(a[0] + a[1] < b[0] for a, b in pairwise(boxes))
    names = re.findall(r'font-weight="bold" fill="currentColor">(\d+\. [^<]+)</text>', svg)
    assert names[:3] == ["1. 立案", "2. 现场检查", "3. 调查询问"] and names[-1] == "10. 执行"
    assert svg.count("［须音像记录］") == 4


def test_a_matter_page_is_found_by_search(built_site: Path) -> None:
    assert MATTER in recordindex.search(built_site, "违反国家有关规定收取费用", "matters")
    assert MATTER in recordindex.search(built_site, "141099-JY-CF-007", "matters")


def test_the_recording_list_counts_every_recorded_step_and_links_the_matters(built_site: Path) -> None:
    p = page(built_site, "recording/")
    text = p.article_text()
    assert text.startswith("音像记录事项清单")
    assert "全程录音录像（共 10 项）" in text and "不在网上公开" in text
    assert "行政处罚普通程序（4）" in text and "行政处罚简易程序（2）" in text
    hrefs = {a.get("href") for a in p.find("a")}
    assert "../matters/141099-jy-xk-001/" in hrefs  # 民办学校设立审批 follows its own procedure


def test_decision_pages_state_the_remedies_and_a_simple_procedure_says_so(built_site: Path) -> None:
    simple = page(built_site, SIMPLE).article_text()
    assert "简易程序： 本决定适用简易程序，由执法人员当场作出" in simple
    assert simple.index("当场作出") < simple.index("决定文书号")
    assert "音像记录环节 现场调查、当场送达" in simple
    ordinary = page(built_site, ORDINARY).article_text()
    assert "当场作出" not in ordinary and "音像记录环节 现场检查、调查询问、听证、送达" in ordinary
    for url in (SIMPLE, ORDINARY, LICENCE):
        text = page(built_site, url).article_text()
        assert "救济渠道 行政复议：当事人对本决定不服的，可以自知道本决定之日起 60 日内向汾川县人民政府申请行政复议。" \
               " 行政诉讼：也可以自知道本决定之日起 6 个月内直接向汾川县人民法院提起行政诉讼。" in text, url
        assert text.index("救济渠道") < text.index("相关信息")
    hrefs = {a.get("href") for a in page(built_site, SIMPLE).find("a")}
    assert f"../../{MATTER}" in hrefs


def test_the_procedures_download_has_a_row_per_procedure_with_readable_steps(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "data/procedures.csv").read_text(encoding="utf-8-sig"))))
    cf = next(r for r in rows if r["code"] == "CF-PT")
    assert cf["steps"].startswith("1 立案｜行政执法股（报分管局领导批准）｜7 日内（自发现违法线索")
    assert cf["recorded_step_names"] == "现场检查;调查询问;听证;送达"
    assert "141099-JY-CF-007" in cf["applies_to"].split(";")
    document = json.loads((built_site / "data/procedures.json").read_text(encoding="utf-8"))
    assert document["count"] == len(rows) == 9
    penalties = (built_site / "data/penalties.csv").read_text(encoding="utf-8-sig")
    assert "recorded_steps" in penalties.splitlines()[0]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from([*"立案调查告知（）、，。；", "个工作日", "7 日", "15 个"]),
                     max_size=40).map("".join))
def test_chart_lines_keep_every_character_and_fit_their_box(text: str) -> None:
    lines = flow.wrap(text, 22)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # a number glued to its unit may pass the width by 2, closing marks hang after it
    assert all(sum(flow._width(c) for c in line.rstrip("".join(flow._NO_START))) <= 23 + 2 for line in lines)
    assert not any(line[:1] in flow._NO_START for line in lines[1:])
    assert not any(re.search(r"\d$", line) for line in lines[:-1])  # never 「15」 / 「个工作日」
