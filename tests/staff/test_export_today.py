"""The credit-platform export holds what the site shows on the export day: no penalty whose publicity ended or
whose credit was repaired, every licence that ended marked 无效 with why, and an optional row of Chinese labels."""

from __future__ import annotations

import calendar
import csv
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from commands import BARE, here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sitecheck import TODAY
from validator.helpers import copy_sample

from generator.datasets.decisions.platform import LICENSE_COLUMNS, PENALTY_COLUMNS
from generator.datasets.views import PublicView
from generator.rules.publicity import EXPIRED, PUBLIC, WITHDRAWN
from generator.rules.slugs import decision_slug
from generator.staff.export import export_credit_platform
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
GROUPS = ("法人及非法人组织", "自然人")
FILES = {"行政处罚": "0301", "行政许可": "0102"}


def export(root: Path, out: Path, *extra: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    return here("export", "credit-platform", "--out", str(out), "--root", str(root), "--today", today, *extra,
                env=BARE)


def sheet(path: Path, skip: int = 1) -> list[dict[str, str]]:
    """The first sheet of an upload file as read by python-calamine: one dict per data row, keyed by the codes."""
    table = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return [dict(zip(table[0], (str(v) for v in row), strict=True)) for row in table[skip:]]


def exported(out: Path, kind: str, stamp: str = "2026112700", skip: int = 1) -> list[dict[str, str]]:
    """Every row of one kind, both party files (a file is not written when it would have no row)."""
    found = []
    for group in GROUPS:
        path = out / f"{kind}-{group}-{FILES[kind]}_{stamp}.xlsx"
        if path.exists():
            found += sheet(path, skip)
    return found


def site_rows(site: Path, name: str) -> list[dict[str, str]]:
    with (site / "data" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the built site and the export, same day -------------------------------------------------------------------


def test_the_export_holds_what_the_built_site_shows_that_day(built_site: Path, tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")  # the data the session's site was built from, on the same --today
    result = export(root, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    penalties = exported(tmp_path / "out", "行政处罚")
    on_site = site_rows(built_site, "penalties")
    assert len(penalties) == len(on_site) == 10  # the sample had 30 standing penalties exported, 20 of them gone
    assert sorted(r["CF_WSH"] for r in penalties) == sorted(r["decision_no"] for r in on_site)
    assert {r["CF_WSH"]: r["CF_GSJZQ"] for r in penalties} == {
        r["decision_no"]: r["publicity_ends_on"].replace("-", "/") for r in on_site}
    licences = exported(tmp_path / "out", "行政许可")
    standing = sorted(r["XK_WSH"] for r in licences if r["XK_ZT"] == "有效")
    assert standing == sorted(r["decision_no"] for r in site_rows(built_site, "licenses"))
    ended = {r["XK_WSH"]: r["BZ"] for r in licences if r["XK_ZT"] == "无效"}
    assert set(ended) == {"汾教科许决字〔2021〕第11号", "汾教科许决字〔2021〕第15号"}
    for number in ended:  # the site no longer lists them: a withdrawal notice, or the page of a publicity ended
        page = (built_site / "licenses" / decision_slug(number) / "index.html").read_text(encoding="utf-8")
        assert "已吊销" in page or "公示期已满" in page, number
    assert ("行政处罚：公示期已满的 18 条、已信用修复的 1 条、已撤销或变更的 1 条未导出"
            "（与网站 2026-11-27 显示的一致）。") in result.stdout.splitlines()


def test_an_ended_licence_is_reported_invalid_with_why_and_a_revoked_one_with_its_act(root: Path,
                                                                                     tmp_path: Path) -> None:
    result = export(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    rows = {r["XK_WSH"]: r for r in exported(tmp_path / "out", "行政许可")}
    expired, revoked = rows["汾教科许决字〔2021〕第11号"], rows["汾教科许决字〔2021〕第15号"]
    assert (expired["XK_ZT"], expired["XK_YXQZI"], expired["BZ"]) == ("无效", "2026/09/15",
                                                                      "有效期已于 2026/09/15 届满")
    assert revoked["XK_ZT"] == "无效"
    assert revoked["BZ"] == ("许可证件已吊销（吊销日期 2022/08/16，依据 汾教科罚决字〔2022〕第9号）："
                             "超出办学许可范围违规开展义务教育阶段学科类培训，被依法吊销办学许可证；"
                             "办学许可证已于2022-08-16被吊销（汾教科罚决字〔2022〕第9号）")
    assert all(r["XK_ZT"] == "有效" and "届满" not in r["BZ"] for n, r in rows.items() if n not in (
        "汾教科许决字〔2021〕第11号", "汾教科许决字〔2021〕第15号"))
    assert ("已生成 " + str(tmp_path / "out") + "/行政许可-法人及非法人组织-0102_2026112700.xlsx 和 .csv："
            "行政许可（法人及非法人组织）11 条，其中已失效 2 条（当前状态「无效」，"
            "备注写明原因）。") in result.stdout.splitlines()


@pytest.mark.parametrize(("ended_by", "words"), [("撤销", "已撤销（撤销日期 2026/10/08）：许可违法作出"),
                                                  ("撤回", "已撤回（撤回日期 2026/10/08）：许可违法作出"),
                                                  ("注销", "已注销（注销日期 2026/10/08）：许可违法作出")])
def test_a_withdrawn_licence_says_which_act_ended_it(root: Path, tmp_path: Path, ended_by: str, words: str) -> None:
    from validator.helpers import set_cells

    set_cells(root, "licenses", "汾教科许决字〔2023〕第8号", status="无效", withdrawn_on="2026-10-08",
              withdrawal_reason="许可违法作出", ended_by=ended_by)
    result = export(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    row = next(r for r in exported(tmp_path / "out", "行政许可") if r["XK_WSH"] == "汾教科许决字〔2023〕第8号")
    assert (row["XK_ZT"], row["BZ"]) == ("无效", words)


def test_a_withdrawn_or_repaired_penalty_still_in_its_period_is_named_to_take_down(root: Path,
                                                                                  tmp_path: Path) -> None:
    from validator.helpers import set_cells

    set_cells(root, "penalties", "汾教科罚决字〔2025〕第10号", repaired_on="2026-11-01")
    set_cells(root, "penalties", "汾教科罚决字〔2026〕第5号", status="已撤销", withdrawn_on="2026-10-30",
              withdrawal_reason="复议撤销")
    result = export(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    numbers = {r["CF_WSH"] for r in exported(tmp_path / "out", "行政处罚")}
    assert len(numbers) == 8 and not numbers & {"汾教科罚决字〔2025〕第10号", "汾教科罚决字〔2026〕第5号"}
    lines = result.stdout.splitlines()
    assert ("行政处罚：汾教科罚决字〔2025〕第10号 已于 2026-11-01 完成信用修复，未导出；如已报送，"
            "请在信用平台上办理信用修复，停止公示。") in lines
    assert ("行政处罚：汾教科罚决字〔2026〕第5号 状态为「已撤销」（2026-10-30），未导出；"
            "如已报送，请在信用平台上撤下或更正。") in lines
    assert not any("〔2022〕第6号" in line for line in lines)  # withdrawn in 2022, its publicity over: nothing to do


# --- the label row ---------------------------------------------------------------------------------------------


def test_the_label_row_carries_the_chinese_titles_under_the_codes(root: Path, tmp_path: Path) -> None:
    result = export(root, tmp_path / "out", "--label-row")
    assert result.returncode == 0, result.stderr
    for kind, columns in (("行政处罚", PENALTY_COLUMNS), ("行政许可", LICENSE_COLUMNS)):
        base = tmp_path / "out" / f"{kind}-自然人-{FILES[kind]}_2026112700"
        book = load_workbook(base.with_suffix(".xlsx")).active
        assert [c.value for c in book[1]] == [code for code, _label, _source in columns]
        assert [c.value for c in book[2]] == [label for _code, label, _source in columns]
        assert all(c.data_type == "s" and c.number_format == "@" for c in book[2])
        with base.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
        assert table[1] == [label for _code, label, _source in columns]
        assert [r[0] for r in table[2:]] == [book.cell(i, 1).value for i in range(3, book.max_row + 1)]
    people = exported(tmp_path / "out", "行政处罚", skip=2)
    assert sorted(r["CF_WSH"] for r in people) == sorted(r["CF_WSH"] for r in exported(
        _plain(root, tmp_path), "行政处罚"))
    assert ("  须人工补填 CF_XDR_ZJHM（证件号码）：第 3、4、5、6 行（仓库中不保存证件号码等信息）"
            in result.stdout.splitlines())


def _plain(root: Path, tmp_path: Path) -> Path:
    out = tmp_path / "plain"
    assert export(root, out).returncode == 0
    return out


def test_without_the_label_row_data_starts_on_row_two(root: Path, tmp_path: Path) -> None:
    result = export(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    book = load_workbook(tmp_path / "out/行政处罚-自然人-0301_2026112700.xlsx").active
    assert book.cell(2, 1).value == "汾教科罚决字〔2023〕第7号"
    assert ("  须人工补填 CF_XDR_ZJHM（证件号码）：第 2、3、4、5 行（仓库中不保存证件号码等信息）"
            in result.stdout.splitlines())


# --- any decisions, any export day: the export's set is the site's set ------------------------------------------

MONTHS = {"轻微": 3, "一般": 12, "严重": 36}  # the sample's site.yml policy, as data.md states it
PENALTY_BASES = ("汾教科罚决字〔2026〕第5号", "汾教科罚决字〔2025〕第4号", "汾教科罚决字〔2026〕第2号")
LICENCE_BASES = ("汾教科许决字〔2022〕第3号", "汾教科许决字〔2022〕第9号")
DAY = st.dates(date(2026, 1, 1), date(2028, 12, 31))


def _months_later(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@st.composite
def penalty(draw: st.DrawFn, serial: int) -> dict[str, str]:
    decided = draw(DAY)
    row = {"base": draw(st.sampled_from(PENALTY_BASES)), "decision_no": f"汾教科罚决字〔{decided.year}〕第{serial}号",
           "decision_date": str(decided), "valid_until": str(decided + timedelta(days=365)),
           "published_on": str(decided + timedelta(days=draw(st.integers(0, 6)))),
           "severity": draw(st.sampled_from(list(MONTHS))), "repaired_on": "", "status": "有效", "withdrawn_on": "",
           "withdrawal_reason": ""}
    if draw(st.integers(0, 3)) == 0:
        row["repaired_on"] = str(decided + timedelta(days=draw(st.integers(0, 900))))
    if draw(st.integers(0, 4)) == 0:
        row.update(status=draw(st.sampled_from(["已撤销", "已变更", "确认违法", "确认无效"])),
                   withdrawal_reason="复议撤销", withdrawn_on=str(decided + timedelta(days=draw(st.integers(0, 400)))))
    return row


@st.composite
def licence(draw: st.DrawFn, serial: int) -> dict[str, str]:
    decided = draw(DAY)
    row = {"base": draw(st.sampled_from(LICENCE_BASES)), "decision_no": f"汾教科许决字〔{decided.year}〕第{serial}号",
           "decision_date": str(decided), "valid_from": str(decided),
           "published_on": str(decided + timedelta(days=draw(st.integers(0, 6)))),
           "valid_to": draw(st.sampled_from(["", str(decided + timedelta(days=draw(st.integers(0, 1500))))])),
           "status": "有效", "withdrawn_on": "", "withdrawal_reason": "", "ended_by": ""}
    if draw(st.integers(0, 3)) == 0:
        row.update(status="无效", ended_by=draw(st.sampled_from(["撤销", "撤回", "注销"])),
                   withdrawal_reason="终止办学", withdrawn_on=str(decided + timedelta(days=draw(st.integers(0, 400)))))
    return row


def _add(root: Path, dataset: str, rows: list[dict[str, str]]) -> None:
    path = root / "data" / f"{dataset}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    bases = {r["decision_no"]: r for r in table}
    for row in rows:
        table.append({**bases[row["base"]], **{k: v for k, v in row.items() if k != "base"}})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def _rows(root: Path, dataset: str) -> list[dict[str, str]]:
    with (root / "data" / f"{dataset}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def penalties_under_publicity(root: Path, today: date) -> set[str]:
    """data.md's rule, read straight from the CSV: published, standing, not repaired, within its period."""
    return {r["decision_no"] for r in _rows(root, "penalties")
            if _day(r["published_on"]) <= today and r["status"] in ("", "有效")  # type: ignore[operator]
            and not (r["repaired_on"] and _day(r["repaired_on"]) <= today)  # type: ignore[operator]
            and today <= _months_later(_day(r["published_on"]), MONTHS[r["severity"]])}  # type: ignore[arg-type]


def licence_states(root: Path, today: date) -> dict[str, str]:
    """Published licences: 有效 while standing and not past valid_to, else 无效."""
    return {r["decision_no"]: "有效" if r["status"] in ("", "有效") and (
        not r["valid_to"] or today <= _day(r["valid_to"])) else "无效"  # type: ignore[operator]
        for r in _rows(root, "licenses") if _day(r["published_on"]) <= today}  # type: ignore[operator]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample without its policy documents (their terms end in 2027: a later export day would not validate)."""
    root = copy_sample(tmp_path_factory.mktemp("county") / "repo")
    (root / "data/policies.csv").unlink()
    shutil.rmtree(root / "content/policies")
    return root


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), today=st.dates(date(2021, 6, 1), date(2031, 12, 31)))
def test_any_decisions_any_day_the_export_is_what_the_site_lists(county: Path, tmp_path_factory, data: st.DataObject,
                                                                 today: date) -> None:
    added_penalties = [data.draw(penalty(100 + i)) for i in range(data.draw(st.integers(0, 6)))]
    added_licences = [data.draw(licence(100 + i)) for i in range(data.draw(st.integers(0, 5)))]
    originals = {name: (county / f"data/{name}.csv").read_bytes() for name in ("penalties", "licenses")}
    out = tmp_path_factory.mktemp("out")
    try:
        _add(county, "penalties", added_penalties)
        _add(county, "licenses", added_licences)
        export_credit_platform(county, out, today)
        site = PublicView(validate(county, today).catalog, today)
        listed = {d.record.decision_no for d in site.decisions("penalties") if d.listed}
        shown = {d.record.decision_no: "有效" if d.state == PUBLIC else "无效" for d in site.decisions("licenses")
                 if d.state in (PUBLIC, WITHDRAWN, EXPIRED)}
        expected_penalties, expected_licences = penalties_under_publicity(county, today), licence_states(county, today)
    finally:
        for name, content in originals.items():
            (county / f"data/{name}.csv").write_bytes(content)
    stamp = today.strftime("%Y%m%d") + "00"
    penalties = [r["CF_WSH"] for r in exported(out, "行政处罚", stamp)]
    assert sorted(penalties) == sorted(listed) == sorted(expected_penalties)
    licences = {r["XK_WSH"]: (r["XK_ZT"], r["BZ"]) for r in exported(out, "行政许可", stamp)}
    assert {n: state for n, (state, _note) in licences.items()} == shown == expected_licences
    assert all(note for state, note in licences.values() if state == "无效")  # never 无效 without saying why
    shutil.rmtree(out)


def test_the_staff_guide_says_what_the_export_holds(built_site: Path) -> None:
    guide = (built_site / "guide/index.html").read_text(encoding="utf-8")
    section = guide[guide.index('id="credit-platform"'):guide.index('id="codes"')]
    for words in ("网站上正在公示的决定", "「当前状态」（XK_ZT）填「无效」", "按 git 提交记录", "只在它失效",
                  "--label-row"):
        assert words in section, words
