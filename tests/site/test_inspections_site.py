"""双随机、一公开 on the built sample site: list page, plan page with its draw, result pages, institution block,
search, feed and downloads."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from xml.etree import ElementTree as ET

from sitecheck import page

from generator.render import recordindex

PLAN = "inspections/plan-2025-1/"
PENDING = "inspections/plan-2027-1/"  # announced with its seed source, not drawn yet
RESULT = "inspections/2025-1-02/"  # fc-0028 悦读口才: 发现问题待后续处理, then penalty 〔2025〕第10号 (penalty_no)
SEED_2025 = "068e0045e6c0274c3b6eddb9ba42af1e"
#: Sentences the plan pages said before they said only what the record proves: never again.
OVERSTATED = ("当场产生", "抽取后不能再改", "不能事后调换", "抽中谁不由任何人事先决定")
ATOM = "{http://www.w3.org/2005/Atom}"


def test_list_page_has_items_directories_plans_and_results(built_site: Path) -> None:
    p = page(built_site, "inspections/")
    text = p.article_text()
    # the policy's definition, then what this site can show of it: the objects' draw, not how inspectors were chosen
    assert text.startswith("双随机、一公开 “双随机、一公开”要求监管部门随机抽取检查对象、随机选派执法检查人员，")
    assert "本站的数据没有记录检查人员是怎样选派的，不能据此证明检查人员是随机选派的" in text
    assert "随机选派执法检查人员实施检查" not in text
    assert "已公示 10 次检查结果" in text
    assert "SJ-01 校外培训机构办学资质检查 抽查依据 《中华人民共和国民办教育促进法》第四十一条" in text
    assert "抽查比例 不低于5% 抽查频次 每年1次 检查方式 现场检查、书面检查 承办股室 民办教育股" in text
    assert "检查对象名录库 ：就是本站的 校外培训机构名单" in text and "目前白名单上有 32 家机构" in text
    assert "执法检查人员名录库 ：就是本站的 执法人员名单 ，目前有 7 名持有效执法证的人员" in text
    assert ("汾教双随机〔2025〕1号 2025年校外培训机构“双随机、一公开”抽查："
            "2025-10-20 从「白名单机构」32 家中随机抽取 4 家。") in text
    assert ("汾教双随机〔2027〕1号 2027年校外培训机构“双随机、一公开”抽查："
            "将于 2027-04-12 从「白名单机构」中随机抽取 4 家。") in text
    # a result is listed by what became of it: the penalty decided after it, the 整改 confirmed
    assert "2025-11-18 汾川县悦读口才培训中心 汾教双随机〔2025〕1号-02 ! 已作出行政处罚" in text
    assert "2025-11-13 汾川县乐动街舞培训中心 汾教双随机〔2025〕1号-04 ✔ 已整改" in text
    assert "待后续处理" not in text
    hrefs = {a["href"] for a in p.find("a")}
    assert {"../institutions/", "../officers/", f"../{PLAN}", f"../{RESULT}", "../institutions/fc-0028/"} <= hrefs
    assert "双随机抽查" in p.html.split("<article")[0]  # in the navigation


def test_home_page_card_counts_results(built_site: Path) -> None:
    text = page(built_site, "").article_text()
    assert "双随机抽查结果 10 次 双随机、一公开 · 抽查结果" in text


def test_plan_page_shows_seed_population_draw_and_a_snippet_that_recomputes_it(built_site: Path) -> None:
    p = page(built_site, PLAN)
    text = p.article_text()
    assert f"随机种子 {SEED_2025}" in text
    assert "种子承诺值 12817a1fce99095b3650d4facf6bdf6ff9ec3094cd716d4427ff83d24dfbd5e2" in text
    assert "抽取范围 白名单机构（2025-10-20 当天结束时，共 32 家）" in text
    drawn = text[text.index("抽中的机构（4 家）"):text.index("怎样抽取")]
    assert re.findall(r"fc-\d{4}", drawn) == ["fc-0066", "fc-0028", "fc-0021", "fc-0030"]
    population = text[text.index("抽取范围（32 家）"):]
    assert len(re.findall(r"fc-\d{4} ", population)) == 32
    assert "fc-0028 汾川县悦读口才培训中心 0de4cc08 ✔ 抽中" in population
    assert "fc-0009 汾川县致远培训学校 bc6cd410 未抽中" in population
    draw_code, check_code = (unescape(c) for c in re.findall(r'<pre class="tp-snippet"><code>(.*?)</code></pre>',
                                                            p.html, re.S))
    assert len(draw_code.splitlines()) == 6 and len(check_code.splitlines()) == 2
    out = subprocess.run([sys.executable, "-c", draw_code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['fc-0066', 'fc-0028', 'fc-0021', 'fc-0030']"
    out = subprocess.run([sys.executable, "-c", check_code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def test_plan_pages_say_only_what_the_record_proves(built_site: Path) -> None:
    # The sample's plans reached its git record long after their draws (or, in a shallow clone or a working tree, at
    # no known day): whichever, no page may say the commitment was public before the draw, nor the old promises.
    for url in (PLAN, "inspections/plan-2024-1/", "inspections/plan-2023-1/"):
        text = page(built_site, url).article_text()
        assert "不能从本站记录确认「种子承诺值」是在抽取前公开的；种子与承诺值相符" in text
        assert "录入本站记录（早于抽取日" not in text and "，早于抽取日" not in text
        assert not [s for s in OVERSTATED if s in text]
        assert "公布的种子与承诺值相符：种子的 SHA-256 值等于承诺值" in text
    assert not [s for s in OVERSTATED if s in page(built_site, "inspections/").article_text()]


def test_a_plan_announced_before_its_draw_shows_its_source_and_no_draw(built_site: Path) -> None:
    p = page(built_site, PENDING)
    text = p.article_text()
    assert "抽取范围 白名单机构（以 2027-04-12 当天结束时的名单为准）" in text
    assert "种子来源 2027年4月12日（抽取日）开奖的中国福利彩票“快乐8”开奖号码" in text
    assert "随机种子 尚未公布（抽取后填写）" in text
    assert "本计划还没有抽取：抽取日 2027-04-12 之后公布种子" in text and "请在抽取日之前保存本页" in text
    assert not p.find("h2", id="drawn") and not p.find("h2", id="population") and "tp-snippet" not in p.html


def test_result_page_names_inspectors_result_and_the_penalty(built_site: Path) -> None:
    p = page(built_site, RESULT)
    text = p.article_text()
    assert text.startswith("抽查结果：汾川县悦读口才培训中心 ! 已作出行政处罚 双随机抽查结果 · 检查日期 2025-11-18")
    assert ("处理情况： 已作出行政处罚 （2025-12-09 作出行政处罚决定 汾教科罚决字〔2025〕第10号）。"
            "检查当日的结论是「发现问题待后续处理」。") in text
    assert "检查结果 发现问题待后续处理（检查当日的结论）" in text
    assert "处理情况 ! 已作出行政处罚 汾教科罚决字〔2025〕第10号 （2025-12-09 作出）" in text
    assert "检查人员 郭晋平 （执法证号 14109920210001 ）、 赵志强 （执法证号 14109920210004 ）" in text
    assert "发现的问题 以“阅读写作”课程名义，面向小学生开展语文学科类培训。" in text
    hrefs = {a["href"] for a in p.find("a")}
    assert {"../../penalties/2025-010/", "../../officers/", "../../institutions/fc-0028/", f"../../{PLAN}"} <= hrefs
    # the status is said in words beside its mark, never by colour alone; no badge says 待后续处理 any more
    assert '<span aria-hidden="true">!</span> 已作出行政处罚' in p.html
    assert "! 发现问题待后续处理" not in text


def test_result_page_says_which_steps_were_recorded_as_a_penalty_page_does(built_site: Path) -> None:
    text = page(built_site, RESULT).article_text()
    assert "检查日期 2025-11-18 音像记录环节 现场检查 检查结果 发现问题待后续处理" in text
    penalty = page(built_site, "penalties/2024-006/").article_text()  # the row reads the same on a penalty's page
    assert "音像记录环节 现场检查、调查询问、听证、送达" in penalty
    # a result that names none has no such row (nothing is claimed either way)
    assert "音像记录环节" not in page(built_site, "inspections/2023-1-01/").article_text()


def test_result_without_findings_says_so(built_site: Path) -> None:
    text = page(built_site, "inspections/2025-1-01/").article_text()
    assert "– 未发现开展本次抽查涉及的经营活动" in text and "发现的问题 无" in text


def test_institution_page_lists_its_inspections(built_site: Path) -> None:
    p = page(built_site, "institutions/fc-0030/")
    text = p.article_text()
    assert "双随机抽查记录 汾教双随机〔2025〕1号-04 ：2025-11-13 检查，已整改" in text
    assert p.find("h2", id="inspections")
    assert not page(built_site, "institutions/fc-0011/").find("h2", id="inspections")  # never inspected


def test_search_finds_an_inspection_by_institution_name_and_task_number(built_site: Path) -> None:
    assert "inspections/2025-1-02/" in recordindex.search(built_site, "悦读口才")
    assert recordindex.search(built_site, "汾教双随机〔2025〕1号-02", "inspections")[0] == "inspections/2025-1-02/"
    found = set(recordindex.search(built_site, "汾教双随机〔2024〕1号", "inspections"))
    assert found == {"inspections/2024-1-01/", "inspections/2024-1-02/", "inspections/2024-1-03/",
                     "inspections/plan-2024-1/"}
    assert recordindex.search(built_site, "汾教双随机〔2027〕1号", "inspections") == [PENDING]
    manifest = json.loads((built_site / "search-index" / "index.json").read_text(encoding="utf-8"))
    assert manifest["cells"]["inspections"] == [{"label": "对象"}, {"label": "日期", "prefix": "日期 "},
                                                {"label": "结果"}]


def test_feed_has_the_published_results(built_site: Path) -> None:
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())
    titles = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry")}
    assert titles["抽查结果：汾川县悦读口才培训中心（已作出行政处罚）"] == "2025-12-10T00:00:00+08:00"


def test_downloads_parse_and_carry_the_draw(built_site: Path) -> None:
    def rows(name: str) -> list[dict[str, str]]:
        text = (built_site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    assert [r["code"] for r in rows("inspection_items")] == [f"SJ-0{n}" for n in range(1, 7)]
    plans = {r["plan_no"]: r for r in rows("inspection_plans")}
    assert plans["汾教双随机〔2025〕1号"]["drawn"] == "fc-0066;fc-0028;fc-0021;fc-0030"
    assert plans["汾教双随机〔2025〕1号"]["population_size"] == "32"
    assert plans["汾教双随机〔2025〕1号"]["proof"].startswith("不能从本站记录确认「种子承诺值」是在抽取前公开的")
    assert plans["汾教双随机〔2027〕1号"]["drawn"] == plans["汾教双随机〔2027〕1号"]["seed"] == ""
    results = rows("inspections")
    assert len(results) == 10 and results[0]["institution_name"] == "汾川县晋韵戏曲艺术培训中心"
    assert [r["recorded_steps"] for r in results].count("现场检查") == 6 and results[0]["recorded_steps"] == ""
    status = {r["task_no"]: (r["result"], r["status"], r["penalty_no"]) for r in results}
    assert status["汾教双随机〔2025〕1号-02"] == ("发现问题待后续处理", "已作出行政处罚", "汾教科罚决字〔2025〕第10号")
    assert status["汾教双随机〔2025〕1号-04"][:2] == ("发现问题已责令改正", "已整改")
    document = json.loads((built_site / "data" / "inspections.json").read_text(encoding="utf-8"))
    assert document["count"] == 10 and document["records"][0]["inspector_certs"] == ["14109920210003",
                                                                                   "14109920210004"]
    assert document["records"][1]["recorded_steps"] == ["现场检查"] and document["records"][0]["recorded_steps"] == []
    fields = next(r for r in json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
                  ["resources"] if r["path"] == "inspections.csv")["schema"]["fields"]
    assert {"name": "recorded_steps", "title": "音像记录环节"}.items() <= next(
        f for f in fields if f["name"] == "recorded_steps").items()
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    paths = [r["path"] for r in package["resources"]]
    assert {"inspection_items.csv", "inspection_plans.csv", "inspections.csv"} <= set(paths)


def test_guide_explains_the_files(built_site: Path) -> None:
    text = page(built_site, "guide/").article_text()
    assert "data/inspections.csv" in text and "法律要求至少两名执法人员" in text
    assert "SHA-256" in text
    assert "种子承诺值" in text and "处罚决定书文号" in text
    assert "检查中做了全程音像记录的环节（选填）" in text
    for code in ("not-drawn", "sample-too-large", "too-few-inspectors", "late-inspection-result", "weak-seed",
                 "seed-commitment-mismatch", "draw-published-late", "plan-changed-after-draw", "follow-up-mismatch"):
        assert code in text
