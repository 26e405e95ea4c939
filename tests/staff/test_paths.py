"""Where the staff commands write: never through a link, never over a file of another kind, full names never inside
a work tree, temporary files never at a predictable name; a refusal says why and leaves every byte as it was."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from commands import BARE, apart, here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from staff.places import git_init, snapshot
from staff.sheets import xlsx
from staff.test_import import PENALTY_HEADER, penalty
from validator.helpers import copy_sample

PROJECT = Path(__file__).resolve().parents[2]
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command through the command line's entry point in this process (tests/commands.py), from `cwd`."""
    return here(*args, cwd=cwd, env=BARE)


# --- template ---------------------------------------------------------------------------------------------------


def test_template_out_through_a_link_never_overwrites_a_data_file(root: Path) -> None:
    """It did: openpyxl saved the workbook over data/penalties.csv, the link's target."""
    (root / "模板.xlsx").symlink_to("data/penalties.csv")
    before = snapshot(root)
    done = run(root, "template", "penalties", "--out", "模板.xlsx")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("用法错误：模板.xlsx 经过符号链接") and "data/penalties.csv" in done.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize("existing", ["csv", "folder", "fifo"])
def test_template_never_replaces_a_file_of_another_kind(root: Path, existing: str) -> None:
    out = root / "模板.xlsx"
    if existing == "csv":
        out.write_text("decision_no,party_name\n", encoding="utf-8")
    elif existing == "folder":
        out.mkdir()
    else:
        os.mkfifo(out)
    before = snapshot(root)
    done = run(root, "template", "penalties", "--out", str(out))
    assert (done.returncode, done.stderr.startswith(f"用法错误：{out} 已存在")) == (2, True), done.stderr
    assert snapshot(root) == before


def test_template_replaces_its_own_kind_in_one_step_and_leaves_no_temporary_file(root: Path) -> None:
    Workbook().save(root / "模板.xlsx")
    done = run(root, "template", "penalties", "--out", "模板.xlsx")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in root.iterdir()) == ["content", "data", "模板.xlsx"]


# --- import -----------------------------------------------------------------------------------------------------


def _sheet(tmp_path: Path) -> Path:
    return xlsx(tmp_path / "处罚.xlsx", PENALTY_HEADER, [penalty("汾教科罚决字〔2026〕第21号", 1200)])


def test_import_never_writes_through_a_committed_import_tmp_link(root: Path, tmp_path: Path) -> None:
    """It did: the import wrote data/penalties.csv.import-tmp, a name a committed link could redirect."""
    victim = root / "victim.txt"
    victim.write_text("不能被改写\n", encoding="utf-8")
    (root / "data/penalties.csv.import-tmp").symlink_to("../victim.txt")
    before = snapshot(root)
    done = run(PROJECT, "import", str(_sheet(tmp_path)), "--dataset", "penalties", "--root", str(root))
    assert done.returncode == 1
    assert "data/penalties.csv.import-tmp:1:1: error[unsafe-file]" in done.stdout
    assert snapshot(root) == before


def test_import_writes_through_a_fresh_private_folder_it_removes(root: Path, tmp_path: Path) -> None:
    done = run(PROJECT, "import", str(_sheet(tmp_path)), "--dataset", "penalties", "--root", str(root))
    assert done.returncode == 0, done.stdout + done.stderr
    data = sorted(p.name for p in (root / "data").iterdir())
    assert data == sorted(p.name for p in (PROJECT / "data").iterdir())  # no temporary file or folder left


def test_import_into_a_linked_data_file_is_refused(root: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.csv"
    real.write_bytes((root / "data/penalties.csv").read_bytes())
    (root / "data/penalties.csv").unlink()
    (root / "data/penalties.csv").symlink_to(real)
    sheet = _sheet(tmp_path)
    before = snapshot(tmp_path)
    done = run(PROJECT, "import", str(sheet), "--dataset", "penalties", "--root", str(root))
    assert done.returncode == 1 and "data/penalties.csv:1:1: error[unsafe-file]" in done.stdout
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_importing_a_pipe_or_dev_zero_named_csv_never_blocks(root: Path, tmp_path: Path, kind: str) -> None:
    source = tmp_path / "x.csv"
    if kind == "fifo":
        os.mkfifo(source)
    else:
        source.symlink_to("/dev/zero")
    before = snapshot(root)
    done = apart("import", str(source), "--dataset", "penalties", "--root", str(root), timeout=120)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{source}:1:1: error[sheet-unreadable] 文件: 「{source}」是"), done.stdout
    assert snapshot(root) == before


# --- export: full names never inside a work tree ---------------------------------------------------------------


@pytest.mark.parametrize("out", [".", "site_overrides/x", "content", "data/报送", "site", "deep/er/still"])
def test_export_inside_the_work_tree_is_refused(root: Path, out: str) -> None:
    git_init(root)
    before = snapshot(root)
    done = run(root, "export", "credit-platform", "--out", out, "--today", "2026-11-27")
    assert done.returncode == 2 and "含自然人全名" in done.stderr and "仓库以外" in done.stderr, done.stderr
    assert snapshot(root) == before


def test_export_inside_another_git_work_tree_is_refused(root: Path, tmp_path: Path) -> None:
    other = git_init(tmp_path / "other")
    done = run(PROJECT, "export", "credit-platform", "--out", str(other / "报送"), "--root", str(root))
    assert done.returncode == 2 and f"git 工作目录）{other}" in done.stderr
    assert not (other / "报送").exists()


@FAST
@given(base=st.sampled_from([".", "content", "content/reports", "data", "sub", "sub/content/reports", ".git"]),
       new=st.lists(st.sampled_from(["报送", "x", ".hidden", "out dir", ".."]), max_size=3))
def test_export_anywhere_in_the_work_tree_is_refused(shared_tree: Path, base: str, new: list[str]) -> None:
    out = shared_tree.joinpath(base, *new)
    if not os.path.abspath(out).startswith(str(shared_tree)):
        return  # `..` climbed out of the work tree: not this property
    before = snapshot(shared_tree)
    done = here("export", "credit-platform", "--out", str(out), "--root", str(shared_tree / "sub"))
    assert done.returncode == 2 and "仓库以外" in done.stderr
    assert snapshot(shared_tree) == before


@pytest.fixture(scope="module")
def shared_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git work tree holding a data repository in a sub-folder (a monorepo): the export refuses all of it."""
    base = git_init(tmp_path_factory.mktemp("tree") / "work")
    copy_sample(base / "sub")
    copy_sample(base)
    return base


@pytest.mark.parametrize("variant", ["link", "link-above", "file", "file-above"])
def test_export_through_a_link_or_over_a_file_is_refused(root: Path, tmp_path: Path, variant: str) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    (tmp_path / "file.txt").write_text("x\n", encoding="utf-8")
    out = {"link": "link", "link-above": "link/报送", "file": "file.txt", "file-above": "file.txt/报送"}[variant]
    before = snapshot(tmp_path)
    done = run(PROJECT, "export", "credit-platform", "--out", str(tmp_path / out), "--root", str(root))
    assert done.returncode == 2 and done.stderr.startswith("用法错误："), done.stderr
    assert snapshot(tmp_path) == before


def test_export_never_replaces_a_folder_or_link_where_a_file_goes(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "报送"
    (out / "行政处罚-自然人-0301_2026112700.csv").mkdir(parents=True)
    (out / "行政许可-自然人-0102_2026112700.xlsx").symlink_to(root / "data/licenses.csv")
    before = snapshot(tmp_path)
    done = run(PROJECT, "export", "credit-platform", "--out", str(out), "--root", str(root), "--today", "2026-11-27")
    assert done.returncode == 2, done.stdout + done.stderr
    assert snapshot(tmp_path) == before  # checked before the first file was written: nothing at all


# --- posters, synth, serve --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("command", "variant"), [(c, v) for c in ("posters", "synth") for v in ("link", "file")])
def test_posters_and_synth_out_through_a_link_or_over_a_file_are_refused(root: Path, tmp_path: Path, command: str,
                                                                         variant: str) -> None:
    (tmp_path / "link").symlink_to(root / "data")
    (tmp_path / "file.txt").write_text("x\n", encoding="utf-8")
    out = tmp_path / ("link/x" if variant == "link" else "file.txt")
    before = snapshot(tmp_path)
    extra = ["--scale", "50"] if command == "synth" else ["--root", str(root)]
    done = run(PROJECT, command, "--out", str(out), *extra)
    assert done.returncode == 2 and done.stderr.startswith("用法错误："), done.stderr
    assert snapshot(tmp_path) == before


def test_synth_never_writes_through_a_link_inside_its_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out/data").symlink_to("../elsewhere")
    before = snapshot(tmp_path)
    done = run(PROJECT, "synth", "--scale", "50", "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "经过符号链接" in done.stderr
    assert snapshot(tmp_path) == before


def test_posters_never_replace_a_file_that_is_not_a_pdf(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "海报"
    out.mkdir()
    (out / "fc-0011.pdf").write_text("不是海报\n", encoding="utf-8")
    before = snapshot(tmp_path)
    done = run(PROJECT, "posters", "--out", str(out), "--root", str(root), "--today", "2026-11-27")
    if "没有安装中文字体" in done.stdout:
        pytest.skip("no CJK font: no poster is made")
    assert done.returncode == 2 and "fc-0011.pdf 已存在，但不是本命令生成的那种文件" in done.stderr, done.stderr
    assert snapshot(tmp_path) == before


def test_serve_refuses_a_linked_preview_folder(root: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (root / ".preview").symlink_to(tmp_path / "elsewhere")
    before = snapshot(tmp_path)
    done = apart("serve", "--root", str(root), "--port", "0", timeout=60)
    assert done.returncode == 2 and done.stdout.startswith(f"无法预览：{root / '.preview'} 经过符号链接")
    assert snapshot(tmp_path) == before
