"""diff_revisions and render_markdown over real commits of the sample data."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitdiff.gitrepos import ADDED_PERSON, DataRepo, Scenario, new_repo

from generator import diff as gitdiff
from generator.datasets import DATASETS, REGISTRY
from generator.datasets.decisions import index as decision_index
from generator.datasets.institutions.model import InstitutionEvent
from generator.diff import ADDED, CHANGED, REMOVED, DiffResult, diff_revisions, render_markdown
from generator.git.compare import compare, sections
from generator.rules.publicity import mask_name
from generator.validate import validate


def counts(result: DiffResult) -> dict[str, tuple[int, int, int]]:
    return {ds.name: (ds.count(ADDED), ds.count(CHANGED), ds.count(REMOVED)) for ds in result.datasets}


def md(text: str) -> str:
    """What render_markdown makes of a data value: entities for markup, backslashes before Markdown signs."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(f"\\{c}" if c in "\\`*_[]|~#!" else c for c in text)


@pytest.fixture(scope="module")
def a_to_b(scenario: Scenario) -> DiffResult:
    commits = scenario.repo.commits
    return diff_revisions(scenario.root, commits[0], commits[1])


def test_counts_per_dataset(a_to_b: DiffResult) -> None:
    expected = {name: (0, 0, 0) for name in [ds.name for ds in DATASETS] + ["reports", "site"]}
    expected |= {"penalties": (1, 1, 0), "institutions": (0, 1, 1), "institution_events": (1, 0, 0)}
    assert counts(a_to_b) == expected
    base, head = a_to_b.base, a_to_b.head
    assert (base.errors, head.errors, base.missing, head.missing) == (0, 0, (), ())


def test_changed_record_lists_its_fields(a_to_b: DiffResult, scenario: Scenario) -> None:
    institutions = next(ds for ds in a_to_b.datasets if ds.name == "institutions")
    changed = next(c for c in institutions.changes if c.kind == CHANGED)
    assert changed.key == scenario.changed_institution["id"]
    assert [(f.field, f.title, f.old, f.new) for f in changed.fields] == [
        ("address", "培训地址", scenario.changed_institution["address"], scenario.new_address)]


def test_markdown_lines(a_to_b: DiffResult, scenario: Scenario) -> None:
    lines = render_markdown(a_to_b).splitlines()
    inst, person = scenario.changed_institution, scenario.person_penalty
    gone, event = scenario.deleted_institution, scenario.added_event
    expected = [
        "| 数据集 | 新增 | 修改 | 删除 |",
        "| 校外培训机构 | 0 | 1 | 1 |",
        "| 名单与状态变动 | 1 | 0 | 0 |",
        "| 行政处罚决定 | 1 | 1 | 0 |",
        "| 行政许可决定 | 0 | 0 | 0 |",
        "### 行政处罚决定",
        f"- 新增 {scenario.added_penalty['decision_no']}（{md(mask_name(ADDED_PERSON))}）",
        f"- 修改 {person['decision_no']}（{md(mask_name(person['party_name']))}）："
        "备注「（空）」→「测试备注」",
        f"- 修改 {inst['id']}（{inst['name']}）：培训地址「{inst['address']}」→「{scenario.new_address}」",
        f"- 删除 {gone['id']}（{gone['name']}）",
        f"- 新增 {event['institution_id']} {event['date']} 营转非登记",
    ]
    assert [line for line in expected if line not in lines] == []
    assert lines[0] == f"## 数据变更：`{scenario.repo.commits[0]}` → `{scenario.repo.commits[1]}`"
    assert lines[2].endswith("共新增 2 条、修改 2 条、删除 1 条记录。")


def test_natural_persons_never_appear_in_full(a_to_b: DiffResult, scenario: Scenario) -> None:
    text = render_markdown(a_to_b)
    assert ADDED_PERSON not in text
    assert scenario.person_penalty["party_name"] not in text
    assert md(mask_name(ADDED_PERSON)) == "欧阳\\*\\*"


def test_values_are_inert_markdown_and_long_texts_show_the_edit(scenario: Scenario) -> None:
    commits = scenario.repo.commits
    result = diff_revisions(scenario.root, commits[1], commits[2])
    assert {k: v for k, v in counts(result).items() if v != (0, 0, 0)} == {
        "institutions": (0, 1, 0), "reports": (0, 1, 0), "site": (0, 1, 0)}
    lines = render_markdown(result).splitlines()
    inst = scenario.changed_institution
    assert (f"- 修改 {inst['id']}（汾川县&lt;b&gt;启明&lt;/b&gt;\\|培训\\*学校）："
            f"机构名称「{inst['name']}」→「汾川县&lt;b&gt;启明&lt;/b&gt;\\|培训\\*学校」") in lines
    report = next(line for line in lines if line.startswith("- 修改 2"))
    assert "：正文「…" in report and "差异测试追加的文字" in report
    site = next(line for line in lines if line.startswith("- 修改 site.yml"))
    assert "网站·网站名称「" in site and "（测试）」" in site


def test_long_lists_are_cut(a_to_b: DiffResult) -> None:
    lines = render_markdown(a_to_b, limit=1).splitlines()
    section = lines[lines.index("### 行政处罚决定"):]
    assert section[2:4] == [section[2], "- …还有 1 条"] and section[2].startswith("- 新增 ")


def test_same_revision_has_no_changes(scenario: Scenario) -> None:
    result = diff_revisions(scenario.root, "HEAD", "HEAD")
    assert set(counts(result).values()) == {(0, 0, 0)}
    assert render_markdown(result).splitlines()[-1] == "两个版本之间没有数据变更。"


def test_dataset_added_and_removed(repo: DataRepo) -> None:
    licenses = len(decision_index.licenses(validate(repo.root).catalog))
    (repo.root / "data/licenses.csv").unlink()
    repo.commit("B: 删除许可数据文件")
    added = diff_revisions(repo.root, repo.commits[1], repo.commits[0])
    assert counts(added)["licenses"] == (licenses, 0, 0)
    assert added.base.missing == ("data/licenses.csv",) and added.base.errors >= 1
    text = render_markdown(added)
    note = f"> **注意**：基准版本 `{repo.commits[1][:8]}` 中没有 data/licenses.csv，其中的记录全部计为新增。"
    assert note in text.splitlines()
    removed = diff_revisions(repo.root, repo.commits[0], repo.commits[1])
    assert counts(removed)["licenses"] == (0, 0, licenses)
    assert "中没有 data/licenses.csv，其中的记录全部计为删除。" in render_markdown(removed)


def test_invalid_revision_still_compares_what_loaded(repo: DataRepo) -> None:
    rows = repo.rows("data/penalties.csv")
    broken = rows[0]["decision_no"]
    repo.edit("data/penalties.csv", "decision_no", broken, decision_date="2021-13-45")
    repo.commit("B: 写错日期")
    result = diff_revisions(repo.root, repo.commits[0], repo.commits[1])
    assert result.head.errors >= 1
    assert counts(result)["penalties"] == (0, 0, 1)
    text = render_markdown(result)
    assert f"对比版本 `{repo.commits[1][:8]}` 的数据未通过检查（{result.head.errors} 个错误）" in text
    assert f"- 删除 {broken}" in text


def test_data_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "outer", subdir="county")
    repo.commit("A")
    first = repo.rows("data/institutions.csv")[0]
    repo.edit("data/institutions.csv", "id", first["id"], address="新地址")
    repo.commit("B")
    result = diff_revisions(repo.root, "HEAD~1")
    assert counts(result)["institutions"] == (0, 1, 0)


def test_bad_revision_and_no_repository(scenario: Scenario, tmp_path: Path) -> None:
    with pytest.raises(gitdiff.GitError, match="找不到版本「no-such-branch」"):
        diff_revisions(scenario.root, "no-such-branch")
    with pytest.raises(gitdiff.GitError, match="不是 git 仓库"):
        diff_revisions(tmp_path, "HEAD")


def test_keyless_rows_compare_as_multisets() -> None:
    def event(note: str) -> InstitutionEvent:
        return InstitutionEvent.model_validate(
            {"institution_id": "fc-0001", "date": "2024-01-01", "event": "营转非登记", "note": note})

    section = next(s for s in sections(REGISTRY) if s.name == "institution_events")
    changes = compare(section, [event("a"), event("b")], [event("a"), event("a"), event("c")])
    assert [(c.kind, c.key) for c in changes] == [
        (ADDED, "fc-0001 2024-01-01 营转非登记"), (ADDED, "fc-0001 2024-01-01 营转非登记"),
        (REMOVED, "fc-0001 2024-01-01 营转非登记")]
