"""`python -m generator inbox`: each sheet in inbox/ becomes one git commit, or nothing changes and a report says
why."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from commands import here
from gitdiff.gitrepos import GIT_ENV
from staff.sheets import gbk_csv, ods, uscc, xls, xlsx
from validator.helpers import copy_sample

from generator.datasets import BY_NAME
from generator.staff.importer import plan_import
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
ENV = {**GIT_ENV, "PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}
NEW_USCC = uscc("52141099MJ7654321")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, env=ENV, check=True,
                          capture_output=True, text=True).stdout


def inbox(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return here("inbox", "--root", str(root), *args, env=ENV)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the sample data and an inbox/ with its README, all committed."""
    root = copy_sample(tmp_path / "repo")
    (root / "inbox").mkdir()
    (root / "inbox/README.md").write_text("把要导入的表格上传到这里。\n", encoding="utf-8")
    (root / "inbox/.gitkeep").write_text("", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "样例数据")
    return root


def upload(root: Path, *names: str) -> str:
    """Commit the sheets as a clerk's web upload does; the commit id."""
    git(root, "add", "--", *(f"inbox/{name}" for name in names))
    git(root, "commit", "-q", "-m", "上传文件")
    return git(root, "rev-parse", "HEAD").strip()


def rows(root: Path, dataset: str) -> list[dict[str, str]]:
    with open(root / BY_NAME[dataset].path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sheet_of(dataset: str, records: list[dict[str, str]]) -> tuple[list[str], list[list[str]]]:
    """Chinese column titles and the records' cells, every column of the data file."""
    keys = list(records[0])
    model = BY_NAME[dataset].model
    return [model.label_of(key) for key in keys], [[record[key] for key in keys] for record in records]


def penalties_sheet(root: Path, path: Path, numbers: list[int], updated: str | None = None,
                    institution: str | None = None) -> Path:
    """New penalties copied from an organisation's decision under new numbers; `updated` rewrites that decision."""
    model = next(r for r in rows(root, "penalties") if r["decision_no"] == "汾教科罚决字〔2021〕第2号")
    records = []
    if updated:
        records.append({**model, "penalty_content": updated})
    for n in numbers:
        records.append({**model, "decision_no": f"汾教科罚决字〔2026〕第{n}号", "decision_date": "2026-12-01",
                        "valid_until": "2027-11-30", "published_on": "2026-12-03"})
        if institution:
            records[-1].update(institution_id=institution, party_name="汾川县晨光艺术培训中心", party_uscc=NEW_USCC)
    header, cells = sheet_of("penalties", records)
    return xlsx(path, header, cells, title="2026年12月行政处罚决定公示表")


def institution_row() -> list[object]:
    return ["fc-0101", "汾川县晨光艺术培训中心", NEW_USCC, "教民141099070000199号", "非学科类", "文化艺术", "教育",
            "民办非企业单位", "山西省临汾市汾川县文昌路1号", "是"]


INSTITUTION_HEADER = ["机构编号", "机构名称", "统一社会信用代码", "办学许可证号", "培训类别", "细类", "主管部门",
                      "登记类型", "培训地址", "纳入全国监管平台"]


def subjects(root: Path, count: int) -> list[str]:
    return git(root, "log", f"-{count}", "--format=%s").splitlines()[::-1]


def touched(root: Path, commit: str = "HEAD") -> set[tuple[str, str]]:
    out = git(root, "show", "--format=", "--name-status", commit)
    return {tuple(line.split("\t")) for line in out.splitlines()}  # type: ignore[misc]


def test_a_good_sheet_becomes_one_commit_with_its_data_change_and_the_sheets_removal(repo: Path) -> None:
    before = rows(repo, "penalties")
    penalties_sheet(repo, repo / "inbox/2026年12月处罚.xlsx", [21, 22, 23], updated="责令停止办学。")
    start = upload(repo, "2026年12月处罚.xlsx")
    report = repo.parent / "report.md"
    result = inbox(repo, "--report", str(report))
    assert result.returncode == 0, result.stdout + result.stderr
    assert subjects(repo, 1) == ["导入 2026年12月处罚.xlsx：新增 3 条，改写 1 条"]
    assert git(repo, "rev-parse", "HEAD~1").strip() == start
    assert touched(repo) == {("M", "data/penalties.csv"), ("D", "inbox/2026年12月处罚.xlsx")}
    after = rows(repo, "penalties")
    assert after[:len(before)] == [{**r, "penalty_content": "责令停止办学。"}
                                   if r["decision_no"].endswith("〔2021〕第2号") else r for r in before]
    assert [r["decision_no"] for r in after[len(before):]] == [f"汾教科罚决字〔2026〕第{n}号" for n in (21, 22, 23)]
    assert git(repo, "status", "--porcelain") == ""
    assert sorted(os.listdir(repo / "inbox")) == [".gitkeep", "README.md"]
    assert report.read_text(encoding="utf-8") == result.stdout
    assert "### 2026年12月处罚.xlsx" in result.stdout and "新增 3 条，改写 1 条" in result.stdout
    assert validate(repo).ok


def test_two_files_become_two_commits_and_the_second_sees_the_first(repo: Path) -> None:
    """The penalty names an institution that only the first file adds: planned alone it would be refused."""
    xlsx(repo / "inbox/1-新机构.xlsx", INSTITUTION_HEADER, [institution_row()], title="校外培训机构登记表")
    penalties_sheet(repo, repo / "inbox/2-处罚.xlsx", [31], institution="fc-0101")
    upload(repo, "1-新机构.xlsx", "2-处罚.xlsx")
    alone = plan_import(repo, repo / "inbox/2-处罚.xlsx", "penalties", update=True)
    assert "unknown-reference" in {p.code for p in alone.problems} and not alone.ok
    result = inbox(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert subjects(repo, 2) == ["导入 1-新机构.xlsx：新增 1 条，改写 0 条", "导入 2-处罚.xlsx：新增 1 条，改写 0 条"]
    assert touched(repo, "HEAD~1") == {("M", "data/institutions.csv"), ("D", "inbox/1-新机构.xlsx")}
    assert touched(repo) == {("M", "data/penalties.csv"), ("D", "inbox/2-处罚.xlsx")}
    assert rows(repo, "penalties")[-1]["institution_id"] == "fc-0101"
    assert validate(repo).ok


def test_ods_gbk_csv_and_xls_are_recognised_and_committed(repo: Path) -> None:
    ods(repo / "inbox/人员.ods", [["执法人员名单"], ["姓名", "执法证号", "所在股室", "执法类别", "证件有效期至"],
                                  ["王芳", 14109920210008.0, "行政执法股", "教育", date(2020, 6, 30)]])
    gbk_csv(repo / "inbox/变动.csv", ["机构编号", "日期", "变动事项", "原因", "依据文号", "备注"],
            [["fc-0071", "2026年3月5日", "取缔", "取缔后擅自恢复办学", "", ""]])
    xls(repo / "inbox/机构.xls", INSTITUTION_HEADER, [institution_row()], title="机构登记表")
    upload(repo, "人员.ods", "变动.csv", "机构.xls")
    result = inbox(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert subjects(repo, 3) == ["导入 人员.ods：新增 1 条，改写 0 条", "导入 变动.csv：新增 1 条，改写 0 条",
                                 "导入 机构.xls：新增 1 条，改写 0 条"]
    assert rows(repo, "enforcement_officers")[-1]["cert_no"] == "14109920210008"
    assert rows(repo, "institution_events")[-1]["date"] == "2026-03-05"
    assert rows(repo, "institutions")[-1]["id"] == "fc-0101"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}


def test_a_bad_sheet_next_to_a_good_one_writes_nothing_and_the_report_names_sheet_and_cell(repo: Path) -> None:
    penalties_sheet(repo, repo / "inbox/好.xlsx", [21])
    bad = penalties_sheet(repo, repo / "inbox/坏.xlsx", [22, 23])
    from openpyxl import load_workbook

    book = load_workbook(bad)
    book.active.title = "十二月"
    book.active["N4"] = "一千二"  # confiscated amount of the second decision: not a number
    book.save(bad)
    start = upload(repo, "好.xlsx", "坏.xlsx")
    files = snapshot(repo)
    report = repo.parent / "report.md"
    result = inbox(repo, "--report", str(report))
    assert result.returncode == 1
    assert git(repo, "rev-parse", "HEAD").strip() == start and git(repo, "status", "--porcelain") == ""
    assert snapshot(repo) == files
    text = report.read_text(encoding="utf-8")
    assert text == result.stdout
    assert text.startswith("## 收件箱导入没有完成：发现 1 个问题\n")
    assert "1. 工作表「十二月」N4：" in text and "一千二" in text and "怎么改：" in text
    good = text.split("### 好.xlsx", 1)[1].split("###")[0]
    assert "没有问题" in good and "新增 1 条" in good


def test_a_file_that_is_not_a_sheet_is_refused_and_readme_is_left_alone(repo: Path) -> None:
    (repo / "inbox/通知.docx").write_bytes(b"PK\x03\x04")
    (repo / "inbox/旧表").mkdir()
    penalties_sheet(repo, repo / "inbox/处罚.xlsx", [21])
    start = upload(repo, "通知.docx", "处罚.xlsx")
    result = inbox(repo)
    assert result.returncode == 1
    assert "`inbox/通知.docx`：不是可以导入的表格（.docx）" in result.stdout
    assert "`inbox/旧表`：是文件夹，不是表格文件" in result.stdout
    assert git(repo, "rev-parse", "HEAD").strip() == start and (repo / "inbox/处罚.xlsx").exists()


def test_an_empty_inbox_does_nothing(repo: Path) -> None:
    start = git(repo, "rev-parse", "HEAD")
    result = inbox(repo)
    assert (result.returncode, result.stdout) == (0, "## 收件箱\n\ninbox/ 中没有要导入的表格。\n")
    assert git(repo, "rev-parse", "HEAD") == start


def test_uncommitted_changes_to_the_data_file_are_not_swept_into_the_import(repo: Path) -> None:
    penalties_sheet(repo, repo / "inbox/处罚.xlsx", [21])
    start = upload(repo, "处罚.xlsx")
    data = repo / "data/penalties.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("责令停止办学", "责令停止办学。", 1), encoding="utf-8")
    files = snapshot(repo)
    result = inbox(repo)
    assert result.returncode == 1
    assert "`data/penalties.csv`：data/penalties.csv 有尚未提交的修改" in result.stdout
    assert git(repo, "rev-parse", "HEAD").strip() == start and snapshot(repo) == files


def test_a_commit_refused_midway_is_undone_with_the_ones_before_it(repo: Path) -> None:
    """A hook rejects the second commit: the first is taken back, the data and the inbox are as they were."""
    xlsx(repo / "inbox/1-新机构.xlsx", INSTITUTION_HEADER, [institution_row()])
    penalties_sheet(repo, repo / "inbox/2-处罚.xlsx", [21])
    start = upload(repo, "1-新机构.xlsx", "2-处罚.xlsx")
    (repo / "unrelated.txt").write_text("staged before the import\n", encoding="utf-8")
    git(repo, "add", "unrelated.txt")
    hook = repo / ".git/hooks/commit-msg"
    hook.write_text("#!/bin/sh\ngrep -q '2-处罚' \"$1\" && { echo 不许提交 >&2; exit 1; }\nexit 0\n", encoding="utf-8")
    hook.chmod(0o755)
    files = snapshot(repo)
    status = git(repo, "status", "--porcelain")
    result = inbox(repo)
    assert result.returncode == 1
    assert "提交「2-处罚.xlsx」时出错" in result.stdout and "已撤销本次导入的全部修改和提交" in result.stdout
    assert git(repo, "rev-parse", "HEAD").strip() == start
    assert snapshot(repo) == files and git(repo, "status", "--porcelain") == status


def test_a_repository_without_a_committer_is_refused_before_anything_is_written(repo: Path, tmp_path: Path) -> None:
    penalties_sheet(repo, repo / "inbox/处罚.xlsx", [21])
    start = upload(repo, "处罚.xlsx")
    anonymous = {k: v for k, v in ENV.items() if not k.startswith(("GIT_AUTHOR", "GIT_COMMITTER"))}
    anonymous["GIT_CONFIG_NOSYSTEM"] = "1"
    done = subprocess.run([sys.executable, "-m", "generator", "inbox", "--root", str(repo)], cwd=PROJECT,
                          env={**anonymous, "EMAIL": ""}, capture_output=True, text=True)
    if "没有设置提交人" not in done.stdout:  # git guessed a name from the machine (user@host): nothing to refuse
        pytest.skip("git finds an identity on this machine without configuration")
    assert done.returncode == 1 and git(repo, "rev-parse", "HEAD").strip() == start


def test_a_report_path_through_a_link_is_refused_before_anything_is_imported(repo: Path, tmp_path: Path) -> None:
    penalties_sheet(repo, repo / "inbox/处罚.xlsx", [21])
    start = upload(repo, "处罚.xlsx")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "reports").symlink_to(tmp_path / "elsewhere")
    result = inbox(repo, "--report", str(tmp_path / "reports/inbox.md"))
    assert result.returncode == 2 and result.stderr.startswith("用法错误：") and "符号链接" in result.stderr
    assert git(repo, "rev-parse", "HEAD").strip() == start and (repo / "inbox/处罚.xlsx").exists()
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_report_lines_escape_markdown_in_a_clerks_text(repo: Path) -> None:
    penalties_sheet(repo, repo / "inbox/[链接](x)_<b>.xlsx", [21])
    bad = repo / "inbox/[链接](x)_<b>.xlsx"
    from openpyxl import load_workbook

    book = load_workbook(bad)
    book.active["N3"] = "<script>**x**"
    book.save(bad)
    upload(repo, bad.name)
    result = inbox(repo)
    assert result.returncode == 1
    assert "### \\[链接\\](x)\\_&lt;b&gt;.xlsx" in result.stdout
    assert "<script>" not in result.stdout and "&lt;script&gt;\\*\\*x\\*\\*" in result.stdout
    assert io.StringIO(result.stdout).readline().startswith("## 收件箱导入没有完成")


# --- recognition: the template's marker, else the headers ---------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from generator.staff.fields import ALIASES, header_labels, label_key  # noqa: E402
from generator.staff.recognise import MARKER, MARKER_SHEET, importable, recognise  # noqa: E402

NAMES = [ds.name for ds in importable()]


def labels_of(name: str, key: str) -> list[str]:
    """Every heading a clerk may give the field: its title, its key and its aliases (those that name it here)."""
    ds = BY_NAME[name]
    info = ds.model.model_fields[key]
    found = [info.title or key, key, *ALIASES.get(key, ()), *BY_NAME[name].aliases.get(key, ())]
    return [label for label in found if header_labels(ds)[label_key(label)] == key]


def workbook(path: Path, rows: list[list[object]], marker: str | None = None, sheet: str = "Sheet1") -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if marker is not None:
        hidden = book.create_sheet(MARKER_SHEET)
        hidden.sheet_state = "veryHidden"
        hidden["A1"], hidden["B1"] = MARKER, marker
    book.save(path)
    return path


@st.composite
def clerks_header(draw: st.DrawFn) -> tuple[str, list[list[object]]]:
    """A dataset's required columns and some optional ones, shuffled, each under any accepted heading written any
    way (required mark, full-width brackets, spaces), with 序号 and title, note and blank rows above the header."""
    name = draw(st.sampled_from(NAMES))
    fields = BY_NAME[name].model.model_fields
    keys = [key for key, info in fields.items() if info.is_required()]
    optional = [key for key, info in fields.items() if not info.is_required()] or keys[:1]
    keys += draw(st.lists(st.sampled_from(optional), unique=True, max_size=4))
    keys = list(dict.fromkeys(keys))
    header: list[object] = []
    for key in keys:
        label = draw(st.sampled_from(labels_of(name, key)))
        dressed = draw(st.sampled_from(["{}", "*{}", "{}＊", " {} ", "{}\u3000"])).format(label)
        header.append(dressed.replace("(", "（").replace(")", "）") if draw(st.booleans()) else dressed)
    header = draw(st.permutations(header))
    header.insert(draw(st.integers(0, len(header))), "序号")
    above = draw(st.lists(st.sampled_from([["2026年公示信息表"], [None],
                                           ["填报单位：汾川县教育科技局", None, "（盖章）"],
                                           ["说明：带 * 的为必填项"]]), max_size=4))
    return name, [*above, header, [1, *(["示例"] * (len(header) - 1))]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=clerks_header())
def test_headers_shuffled_aliased_and_below_title_rows_name_their_dataset(
        tmp_path: Path, case: tuple[str, list[list[object]]]) -> None:
    name, rows_ = case
    found = recognise(workbook(tmp_path / "表.xlsx", rows_), "inbox/表.xlsx")
    assert (found.name, found.how, found.problems) == (name, "表头", [])


@pytest.mark.parametrize("name", NAMES)
def test_the_template_marker_decides_whatever_the_headers_say(tmp_path: Path, name: str) -> None:
    other = next(n for n in NAMES if n != name)
    header = [labels_of(other, key)[0] for key in BY_NAME[other].model.model_fields]
    found = recognise(workbook(tmp_path / "模板.xlsx", [header], marker=name), "inbox/模板.xlsx")
    assert (found.name, found.how) == (name, "模板标记")


def test_a_marker_naming_no_importable_dataset_is_refused_at_its_cell(tmp_path: Path) -> None:
    found = recognise(workbook(tmp_path / "旧模板.xlsx", [["文号"]], marker="enforcement_matters"), "inbox/旧模板.xlsx")
    assert [(p.path, p.line, p.col, p.code) for p in found.problems] == [("inbox/旧模板.xlsx", 1, 2, "sheet-dataset")]
    assert found.problems[0].message.startswith("工作表「_dataset」B1：模板标记的数据集「enforcement_matters」")


def test_a_sheet_named_like_the_marker_without_it_leaves_the_headers_to_decide(tmp_path: Path) -> None:
    path = workbook(tmp_path / "表.xlsx", [["姓名", "执法证号", "所在股室", "执法类别", "证件有效期至"]])
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.create_sheet(MARKER_SHEET)["A1"] = "penalties"
    book.save(path)
    assert recognise(path, "inbox/表.xlsx").name == "enforcement_officers"


def test_headers_two_datasets_share_are_refused_naming_both(tmp_path: Path) -> None:
    path = workbook(tmp_path / "表.xlsx", [["备案表"], ["文号", "当事人", "统一社会信用代码", "备注"]], sheet="十二月")
    found = recognise(path, "inbox/表.xlsx")
    [p] = found.problems
    assert (found.name, p.line, p.code) == (None, 2, "sheet-dataset")
    assert p.message.startswith("工作表「十二月」第 2 行：表头同时像「行政处罚决定」和「行政许可决定」")


def test_a_sheet_without_known_headers_is_refused(tmp_path: Path) -> None:
    gbk = gbk_csv(tmp_path / "名单.csv", ["序号", "单位", "联系人"], [["1", "某单位", "某人"]])
    found = recognise(gbk, "inbox/名单.csv")
    assert [(p.line, p.code) for p in found.problems] == [(1, "sheet-dataset")]
    assert found.problems[0].message.startswith("第 1 行：前 30 行中找不到认识的列名")


# --- the change summary: each record's fields before → after, natural persons' names masked -----------------------

from generator.staff.inbox import Item, Outcome  # noqa: E402
from generator.staff.inbox_report import render  # noqa: E402
from generator.staff.merge import Change  # noqa: E402


def test_the_summary_lists_each_changed_field_and_masks_natural_persons(tmp_path: Path) -> None:
    """The importer's own change list, and names of natural persons masked wherever a change shows them."""
    root = copy_sample(tmp_path / "repo")
    person = next(r for r in rows(root, "penalties") if r["party_category"] == "自然人")
    header, cells = sheet_of("penalties", [{**person, "remarks": "已履行"}])
    plan = plan_import(root, xlsx(tmp_path / "更正.xlsx", header, cells), "penalties", update=True)
    assert plan.ok, plan.problems
    assert [(c.key, c.fields) for c in plan.changes if c.fields] == [(person["decision_no"],
                                                                      [("备注", person["remarks"], "已履行")])]
    plan.changes = [Change(person["decision_no"], 5, False,
                           [("备注", "", f"{person['party_name']}已履行"),
                            ("当事人名称", person["party_name"], person["party_name"] + "|x")])]
    item = Item("inbox/更正.xlsx", "penalties", "表头", plan, (root / "data/penalties.csv").read_text(encoding="utf-8"),
                "0123456789abcdef")
    text = render(Outcome([item], list(plan.problems), committed=True))
    name = person["party_name"]
    masked = name[0] + "\\*" * (len(name) - 1)  # 薛** as Markdown shows it
    assert name not in text
    assert f"| {person['decision_no']} | 备注 | （空） | {masked}已履行 |" in text
    assert f"| {person['decision_no']} | 当事人名称 | {masked} | {masked}\\|x |" in text
    assert "新增 0 条，改写 1 条（提交 `01234567`）" in text
