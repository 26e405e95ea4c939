"""The procedures (data/procedures.yaml): time limits, step order, recording, which matter follows which procedure,
the recorded steps a penalty or an inspection result names and the remedies in site.yml, each reported where staff
fix it."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from validator.helpers import copy_sample, drop_column, found, replace_text, set_cells

from generator.datasets.procedures import checks
from generator.datasets.procedures.model import Procedure, Step, parse_time_limit, time_limit_problem
from generator.privacy.numbers import scan_text
from generator.validate import validate

PROC = "data/procedures.yaml"
MATTERS = "data/enforcement_matters.yaml"
PENALTIES = "data/penalties.csv"
RESULTS = "data/inspections.csv"
#: Line 10 of inspections.csv: items SJ-01;SJ-02;SJ-03;SJ-06 (matters JC-001, JC-002: 行政检查程序, which records
#: 现场检查); recorded_steps is its column 13. A penalty's recorded_steps is column 29.
RESULT, RESULT_LINE, RESULT_COL = "汾教双随机〔2025〕1号-03", 10, 13
PENALTY, PENALTY_LINE, PENALTY_COL = "汾教科罚决字〔2024〕第6号", 20, 29
SITE = "data/site.yml"
# CF-PT (行政处罚普通程序): its steps' names at lines 13 立案 … 54 决定, 61 送达, 68 信息公示; time_limit of 立案 at
# line 15 (value at column 21); recorded: true at lines 24, 30 (听证 at 51 has its own basis), 67.
#: CF-JY (简易程序): its second step, 现场调查, named at line 92.
STEP_AFTER = 92


def _messages(root: Path) -> list[str]:
    return [p.message for p in validate(root).problems]


def test_the_sample_procedures_validate_clean(root: Path) -> None:
    assert found(root) == []


@pytest.mark.parametrize(("written", "said"), [("七日", "阿拉伯数字"), ("7 天", "「日」"), ("7", "数字加单位"),
                                               ("0 日", "不能是 0"), ("自立案之日起7日", "数字加单位"),
                                               ("3 周", "7 日为一周")])
def test_a_time_limit_that_is_not_a_number_with_a_unit_is_located_at_its_value(root: Path, written: str,
                                                                             said: str) -> None:
    replace_text(root, PROC, "        time_limit: 7 日\n        limit_from: 自发现",
                 f"        time_limit: {written}\n        limit_from: 自发现")
    assert found(root) == [(PROC, 15, 21, "invalid-value")]
    (message,) = _messages(root)
    assert said in message and "time_limit" not in message.split("：", 1)[0]


def test_a_time_limit_in_full_width_or_without_the_measure_word_is_read_as_the_site_writes_it(root: Path) -> None:
    replace_text(root, PROC, "        time_limit: 7 日\n        limit_from: 自发现",
                 "        time_limit: ７工作日\n        limit_from: 自发现")
    outcome = validate(root)
    assert outcome.problems == []
    (cf,) = [p for p in outcome.catalog.records("procedures") if p.code == "CF-PT"]
    assert cf.steps[0].time_limit == "7 个工作日"


def test_a_step_out_of_order_is_named_at_the_later_step(root: Path) -> None:
    replace_text(root, PROC, "      - name: 表明身份\n", "      - name: 送达执法证件复印件\n")
    assert found(root) == [(PROC, STEP_AFTER, 15, "step-order")]
    (message,) = _messages(root)
    assert "「现场调查」排在「送达执法证件复印件」之后，但调查应在它之前办理" in message


def test_a_step_named_twice_is_a_located_error(root: Path) -> None:
    replace_text(root, PROC, "      - name: 信息公示\n", "      - name: 立案\n")
    assert found(root) == [(PROC, 68, 15, "step-order")]
    assert "第 1 项和第 9 项" in _messages(root)[0]


def test_a_recorded_step_without_a_basis_is_missing_its_basis(root: Path) -> None:
    replace_text(root, PROC, "    recording_basis: 《中华人民共和国行政处罚法》第四十七条；《国务院办公厅",
                 "    remarks: 《国务院办公厅")
    assert found(root) == [(PROC, 24, 19, "missing-field"), (PROC, 30, 19, "missing-field"),
                           (PROC, 67, 19, "missing-field")]


def test_an_unknown_matter_code_is_one_located_unknown_reference(root: Path) -> None:
    replace_text(root, PROC, "      - 141099-JY-XK-001\n", "      - 141099-JY-XK-999\n")
    assert found(root) == [(PROC, 158, 9, "unknown-reference")]
    (message,) = _messages(root)
    assert "「141099-JY-XK-999」" in message and "请先在" in message


def test_two_main_procedures_for_one_category_conflict_at_the_second(root: Path) -> None:
    replace_text(root, PROC, "    applies_when: 违法事实确凿", "    remarks: 违法事实确凿")
    assert found(root) == [(PROC, 81, 15, "procedure-conflict")]


def test_a_procedure_for_nothing_must_say_what_it_applies_to(root: Path) -> None:
    replace_text(root, PROC, "    name: 其他行政权力办理程序\n    category: 其他行政权力\n",
                 "    name: 其他行政权力办理程序\n")
    problems = found(root)
    assert (PROC, 290, 5, "conditional-field") in problems
    assert [p for p in problems if p[3] == "procedure-missing"] == [(MATTERS, 338, 11, "procedure-missing"),
                                                                   (MATTERS, 349, 11, "procedure-missing")]


def test_a_penalty_names_recorded_steps_never_a_file_or_a_link(root: Path) -> None:
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第6号", recorded_steps="现场检查;录像/2024-06-03.mp4")
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第8号", recorded_steps="https://pan.example.com/s/abc")
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第11号", recorded_steps="送达;现场勘验")
    set_cells(root, "penalties", "汾教科罚决字〔2024〕第3号", recorded_steps="VID_0012.MOV")
    problems = [p for p in validate(root).problems if p.path == PENALTIES]
    assert [(p.code, p.col) for p in problems] == [("recording-file", 29)] * 3 + [("unknown-reference", 29)]
    assert "可填 现场检查、调查询问、听证、送达、现场调查、当场送达" in problems[-1].message
    assert "「现场勘验」" in problems[-1].message


def test_an_inspection_result_names_recorded_steps_by_the_same_rule_at_its_cell(root: Path) -> None:
    set_cells(root, "inspections", RESULT, recorded_steps="现场检查;录像/2025-11-12.mp4;调查询问")
    assert [p.text() for p in validate(root).problems] == [
        f"{RESULTS}:{RESULT_LINE}:{RESULT_COL}: error[recording-file] recorded_steps: 「录像/2025-11-12.mp4」"
        "像是录像文件或链接：这一栏只写做了音像记录的环节名称（可填：现场检查），用英文分号 ; 分隔；录像不在本站公开",
        f"{RESULTS}:{RESULT_LINE}:{RESULT_COL}: error[unknown-reference] recorded_steps: 「调查询问」不是事项 "
        "141099-JY-JC-001、141099-JY-JC-002 的办理流程（行政检查程序（“双随机、一公开”））中须音像记录的环节："
        "可填 现场检查；请核对名称，或先在 data/procedures.yaml 中修改流程",
    ]


def test_without_procedures_a_result_still_refuses_a_file_and_accepts_a_step_name(root: Path) -> None:
    (root / PROC).unlink()
    replace_text(root, "content/reports/2021.md", "  recorded_steps: 6\n", "")
    replace_text(root, "content/reports/2021.md", "年末公布的音像记录事项{{音像记录事项}}项；", "")
    set_cells(root, "inspections", RESULT, recorded_steps="调查询问;VID_0012.MOV")
    assert [p.text() for p in validate(root).problems] == [
        f"{RESULTS}:{RESULT_LINE}:{RESULT_COL}: error[recording-file] recorded_steps: 「VID_0012.MOV」像是录像文件"
        "或链接：这一栏只写做了音像记录的环节名称，用英文分号 ; 分隔；录像不在本站公开"]


def test_a_results_file_without_the_column_stays_valid(root: Path) -> None:
    drop_column(root, "inspections", "recorded_steps")
    assert found(root) == []


def test_without_remedies_the_site_still_validates_and_is_told_what_to_add(root: Path) -> None:
    text = (root / SITE).read_text(encoding="utf-8")
    (root / SITE).write_text(text[:text.index("remedies:")], encoding="utf-8")
    assert found(root) == [(SITE, 1, 1, "remedy-unnamed")]
    assert "reconsideration" in _messages(root)[0] and "court" in _messages(root)[0]


def test_a_remedy_without_its_court_is_named_at_the_remedies_line(root: Path) -> None:
    replace_text(root, SITE, "  court: 汾川县人民法院\n", "")
    line = (root / SITE).read_text(encoding="utf-8").splitlines().index("remedies:") + 1
    assert found(root) == [(SITE, line, 1, "remedy-unnamed")]


def test_an_existing_site_without_procedures_or_remedies_stays_valid(root: Path) -> None:
    (root / PROC).unlink()
    text = (root / SITE).read_text(encoding="utf-8")
    (root / SITE).write_text(text[:text.index("remedies:")], encoding="utf-8")
    replace_text(root, "content/reports/2021.md", "  recorded_steps: 6\n", "")
    replace_text(root, "content/reports/2021.md", "年末公布的音像记录事项{{音像记录事项}}项；", "")
    assert found(root) == []


# --- properties -----------------------------------------------------------------------------------------------

UNITS = {"日": "日", "个工作日": "个工作日", "工作日": "个工作日", "小时": "小时", "个月": "个月"}


def _step(limit: str) -> Step:
    return Step.model_validate({"name": "立案", "actor": "股室", "time_limit": limit})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 9999), unit=st.sampled_from(sorted(UNITS)), gap=st.sampled_from(["", " ", "  ", "\u3000"]))
def test_any_number_with_a_unit_is_kept_as_number_space_unit(n: int, unit: str, gap: str) -> None:
    kept = _step(f"{n}{gap}{unit}").time_limit
    assert kept == f"{n} {UNITS[unit]}"
    assert parse_time_limit(kept) == (n, UNITS[unit])


@settings(max_examples=300, deadline=None)
@given(text=st.text(min_size=1, max_size=12))
def test_any_other_text_is_kept_and_reported_never_a_crash(text: str) -> None:
    kept = _step(text).time_limit
    why = None if kept is None else time_limit_problem(kept)
    if why is None:
        assert kept is None or kept == "当场" or parse_time_limit(kept) is not None
    else:
        assert "时限" in why
        with pytest.raises(ValueError):
            parse_time_limit(kept)


#: The order check reads no other record.
NO_CATALOG: Any = None
RANKED = ["立案", "调查取证", "告知", "听证", "决定", "送达", "执行"]


@settings(max_examples=200, deadline=None)
@given(order=st.permutations(RANKED), extra=st.lists(st.sampled_from(["审核", "备案", "公示", "复核"]), max_size=3,
                                                      unique=True))
def test_steps_are_refused_exactly_when_a_ranked_step_comes_before_one_it_follows(order: list[str],
                                                                                  extra: list[str]) -> None:
    names = [*order[:2], *extra, *order[2:]]
    procedure = Procedure.model_validate({"code": "X", "name": "流程", "category": "行政处罚", "basis": "依据",
                                          "published_on": "2021-01-01",
                                          "steps": [{"name": n, "actor": "股室"} for n in names]})
    problems = list(checks.steps_in_order(procedure, NO_CATALOG))
    ranks = [RANKED.index(n) for n in names if n in RANKED]
    in_order = all(a < b for a, b in pairwise(ranks))
    assert (problems == []) == in_order
    assert all(p.code == "step-order" for p in problems)


# --- the recorded-steps gate over generated values --------------------------------------------------------------

#: Any printable text: links, paths, file names and numbers in any width or script (not the separator, not what
#: other gates own: control and zero-width characters).
_ANY = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"), blacklist_characters=";；,\"'"),
               min_size=1, max_size=16)


@pytest.fixture(scope="module", params=["with procedures", "without procedures"])
def kept(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("recorded"))
    if request.param == "without procedures":  # nothing to check a name against: the gate alone stands
        (root / PROC).unlink()
    return root


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_ANY)
def test_anything_but_a_step_name_in_chinese_is_refused_at_its_cell(kept: Path, value: str) -> None:
    """A recorded step is a name in Chinese characters: any other text, in any spelling, is refused where it stands
    (a recording's link or file name must never reach a page), whether or not a procedure is there to check it; in
    a penalty and in an inspection result alike (one validation per value checks both: one rule, two callers)."""
    value = value.strip()
    chinese = re.fullmatch(r"[\u3400-\u4dbf\u4e00-\u9fff]+", value)
    assume(value and not chinese and not any(scan_text(value, frozenset())))
    set_cells(kept, "penalties", PENALTY, recorded_steps=f"现场检查;{value}")
    set_cells(kept, "inspections", RESULT, recorded_steps=f"现场检查;{value}")
    problems = [(p.path, p.line, p.col, p.code) for p in validate(kept).problems if p.path in (PENALTIES, RESULTS)]
    assert problems == [(RESULTS, RESULT_LINE, RESULT_COL, "recording-file"),
                        (PENALTIES, PENALTY_LINE, PENALTY_COL, "recording-file")], (value, problems)
