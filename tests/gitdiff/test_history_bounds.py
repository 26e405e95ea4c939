"""validate --history does bounded work and never passes what it did not read: versions over a size cap, damaged
or missing objects, a shallow clone, too many versions are each named with how to check them, and the command
fails; large text versions are read in windows, with every number found where a whole read finds it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from commands import here
from gitdiff.gitrepos import GIT_ENV, DataRepo, new_repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.documents import docx, para

from generator.privacy import attachments, history
from generator.privacy.numbers import _judged
from generator.privacy.shown import runs, strip

PROJECT = Path(__file__).resolve().parents[2]
ID = "110105199003071239"
PHONE = "13800138000"


def validate_history(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return here("validate", "--history", "--root", str(root), env={**os.environ, **GIT_ENV, **env})


def blob(repo: DataRepo, commit: str, rel: str) -> str:
    return repo.git("rev-parse", f"{commit}:{rel}").strip()


def failed(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.splitlines()


def test_a_version_over_the_cap_is_named_with_how_to_check_it_and_the_command_fails(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    repo.commit("样例数据")
    big = repo.root / "content/名单备份.md"
    big.write_text("".join(f"第 {n} 行：普通文字\n" for n in range(20_000)) + f"证件 {ID}\n", encoding="utf-8")
    added = repo.commit("误提交大文件")
    big.unlink()
    repo.commit("删除大文件")
    oid = blob(repo, added, "content/名单备份.md")
    big_size = int(repo.git("cat-file", "-s", oid))
    lines = failed(validate_history(repo.root, GENERATOR_HISTORY_MAX_BLOB_BYTES="100000"))
    assert lines[0] == (
        f"error[history-unchecked] {added[:12]} content/名单备份.md: 未检查：这个版本有 {big_size:,} 字节，"
        f"超过历史检查的单个文件上限 100,000 字节。请手工检查：git cat-file -p {oid} | grep -nE "
        "'[0-9]{6}(19|20)[0-9]{9}[0-9Xx]|1[3-9][0-9]{9}'（列出疑似身份证号、手机号的行）；"
        "或设置环境变量 GENERATOR_HISTORY_MAX_BLOB_BYTES 提高上限后重新检查")
    assert lines[-1].endswith("但历史没有全部检查（见上），不能确认历史干净。")
    # the command it prints finds the number by hand
    by_hand = lines[0].split("请手工检查：", 1)[1].split("（列出", 1)[0]
    found = subprocess.run(by_hand, shell=True, cwd=repo.root, capture_output=True, text=True,
                           env={**os.environ, **GIT_ENV})
    assert found.stdout == f"20001:证件 {ID}\n"
    # under the default cap the same version is read (in windows: it is larger than one) and the number found
    result = validate_history(repo.root)
    assert f"{added[:12]} content/名单备份.md:20001:4: error[personal-id-number]" in result.stdout
    assert result.returncode == 1 and "history-unchecked" not in result.stdout


def test_a_text_version_larger_than_a_window_is_read_in_pieces_with_exact_positions(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    filler = "汾川县教育局公开信息，普通文字，没有号码。\n"  # 22 characters, 64 bytes in UTF-8
    first_window_lines = history.WINDOW // len(filler.encode())
    lines = [filler] * (first_window_lines + 5)
    # in the first seam's margin
    lines[first_window_lines - 1] = "汾川县教育局公开信息 " + PHONE[:5] + " " + PHONE[5:] + "\n"
    lines[-1] = f"末行 {ID}"  # no newline at the end
    text = "".join(lines)
    assert len(text.encode()) > history.WINDOW
    (repo.root / "data/备份.csv").write_text(text, encoding="utf-8")
    leaked = repo.commit("大文件")
    whole = list(history._text_findings(text, set()))
    assert [(line, col, code) for line, col, code, _message in whole] == [
        (first_window_lines, 12, "phone-number"), (len(lines), 4, "personal-id-number")]
    result = validate_history(repo.root)
    assert [line for line in result.stdout.splitlines() if "error[" in line] == [
        f"{leaked[:12]} data/备份.csv:{line}:{col}: error[{code}] {message.split('：', 1)[0]}"
        for line, col, code, message in whole]


def test_a_shallow_clone_says_the_history_is_incomplete_and_fails_until_unshallowed(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    repo.commit("样例数据")
    notes = repo.root / "content/notes.md"
    notes.write_text(f"# 备忘\n\n证件 {ID}\n", encoding="utf-8")
    leaked = repo.commit("误提交")
    notes.unlink()
    repo.commit("删除")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True,
                   env={**os.environ, **GIT_ENV})
    lines = failed(validate_history(clone))
    assert lines == [
        "error[history-incomplete] 这是浅克隆（shallow clone），只有最近的 1 个提交：更早的历史不在本地，无法检查。"
        "请先运行 git fetch --unshallow 取回完整历史后重新检查（GitHub Actions 的 actions/checkout 设 fetch-depth: 0；"
        'GitLab CI 设变量 GIT_DEPTH: "0"）',
        f"已检查 1 个提交中 data/ 与 content/ 的 {lines[-1].split('的 ')[1].split(' 个')[0]} 个不同文件版本："
        "没有发现身份证号、个人手机号或银行卡号，但历史没有全部检查（见上），不能确认历史干净。"]
    subprocess.run(["git", "fetch", "-q", "--unshallow"], cwd=clone, check=True, env={**os.environ, **GIT_ENV})
    result = validate_history(clone)
    assert result.returncode == 1 and "history-incomplete" not in result.stdout
    assert f"{leaked[:12]} content/notes.md:3:4: error[personal-id-number]" in result.stdout


def _corrupt(repo: DataRepo, oid: str, content: bytes) -> None:
    loose = repo.top / ".git/objects" / oid[:2] / oid[2:]
    loose.chmod(0o644)
    loose.write_bytes(content)


@pytest.mark.parametrize("damage", ["garbage", "short", "much-shorter"])
def test_a_damaged_object_is_named_and_the_rest_is_still_read(tmp_path: Path, damage: str) -> None:
    repo = new_repo(tmp_path / "repo")
    (repo.root / "content/a.md").write_text("# 甲\n\n" + "普通文字。\n" * 2000, encoding="utf-8")
    (repo.root / "content/b.md").write_text(f"# 乙\n\n证件 {ID}\n", encoding="utf-8")
    commit = repo.commit("两个文件")
    oid = blob(repo, commit, "content/a.md")
    declared = len(repo.git("cat-file", "-p", oid).encode())
    _corrupt(repo, oid, {"garbage": b"not a zlib stream",
                         # cut after a few bytes
                         "short": zlib.compress(f"blob {declared}\0".encode() + b"# \xe7\x94\xb2\n"),
                         "much-shorter": zlib.compress(f"blob {declared}\0".encode())}[damage])
    lines = failed(validate_history(repo.root))
    reason = "git 找不到或无法解压这个对象" if damage == "garbage" else "内容"
    unchecked = [line for line in lines if line.startswith("error[history-unchecked]")]
    assert len(unchecked) == 1 and unchecked[0].startswith(
        f"error[history-unchecked] {commit[:12]} content/a.md: 未检查：对象 {oid[:12]} 无法读取（{reason}")
    assert unchecked[0].endswith("请运行 git fsck --full 检查仓库；对象缺失时先 git fetch "
                                 "--unshallow（或重新完整克隆）")
    assert f"{commit[:12]} content/b.md:3:4: error[personal-id-number] 发现公民身份号码 110*************39" in lines


def test_a_path_that_is_not_utf8_is_a_note_and_its_content_is_checked(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    name = os.fsencode(repo.root / "content") + b"/\xff\xfe\xe5\x90.md"
    with open(name, "wb") as handle:
        handle.write(f"证件 {ID}\n".encode())
    commit = repo.commit("乱码文件名")
    lines = failed(validate_history(repo.root))
    shown = "content/\ufffd\ufffd\ufffd.md"
    assert f"{commit[:12]} {shown}: 文件名不是 UTF-8 编码（无法辨认的字节显示为 \ufffd），内容照常检查" in lines
    assert f"{commit[:12]} {shown}:1:4: error[personal-id-number] 发现公民身份号码 110*************39" in lines


def test_an_attachment_over_the_attachment_limit_is_named_not_passed(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_repo(tmp_path / "repo")
    (repo.root / "content/名单.docx").write_bytes(docx(para(f"证件 {ID}")))
    commit = repo.commit("附件")
    oid = blob(repo, commit, "content/名单.docx")
    size = int(repo.git("cat-file", "-s", oid))
    monkeypatch.setattr(attachments, "MAX_BYTES", size - 1)  # the same limit as for the file in the tree
    text, clean = history.report(repo.root)
    assert not clean and "error[personal-id-number]" not in text
    assert (f"error[history-unchecked] {commit[:12]} content/名单.docx: 未检查：这个版本有 {size:,} 字节，"
            f"超过附件的读取上限 {size - 1:,} 字节。请手工检查：git cat-file -p {oid} > 副本.docx，用原来的软件打开它，"
            "查看其中是否有身份证号、手机号") in text.splitlines()
    monkeypatch.setattr(attachments, "MAX_BYTES", size)
    text, _clean = history.report(repo.root)
    assert "content/名单.docx: 未检查" not in text
    assert (f"{commit[:12]} content/名单.docx:1:4: error[personal-id-number] 发现公民身份号码 110*************39"
            in text.splitlines())


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("GENERATOR_HISTORY_MAX_BLOBS", "10", "超过一次检查的上限 10：后 "),
    ("GENERATOR_HISTORY_MAX_TOTAL_BYTES", "1000", "所有版本合计超过一次检查的总量上限 1,000 字节"),
])
def test_the_number_and_total_size_of_versions_are_capped_and_the_rest_named(tmp_path: Path, variable: str, value: str,
                                                                            message: str) -> None:
    repo = new_repo(tmp_path / "repo")
    repo.commit("样例数据")
    lines = failed(validate_history(repo.root, **{variable: value}))
    assert any(line.startswith("error[history-unchecked] ") and message in line for line in lines)
    assert lines[-1].endswith("不能确认历史干净。")


# --- the windows: any text, any seam ---------------------------------------------------------------------------

_pieces = st.lists(st.one_of(
    st.text(alphabet="汾川县教育局 文字，。\n0123456789-", min_size=0, max_size=300),
    st.sampled_from([ID, PHONE, "138 0013 8000", "110105-19900307-1239", "\n", "6222021234567890128"])),
    min_size=1, max_size=40)
#: What may stand inside a number, any length (a reader reads across it: spacing, zero-width characters, markup,
#: a comment, a link's target), and what may stop one or open markup around a seam.
_BETWEEN = st.one_of(
    st.integers(1, 400).map(lambda n: " " * n), st.integers(1, 400).map(lambda n: "\u200b" * n),
    st.integers(0, 400).map(lambda n: f"<!-- {'注' * n} -->"), st.integers(1, 150).map(lambda n: "<b>" * n),
    st.integers(0, 300).map(lambda n: f"[链接](http://x/{'a' * n})"), st.sampled_from(["-", "&nbsp;", "&#32;", "\n"]))
_AROUND = st.sampled_from(["，", "汾", "a", "x", "<", ">", "<b", "<!--", "-->", "](", "][", "]", ")", "&", "&amp",
                           "<span title=\"，\">", "，" * 50, "文字" * 40, "\n"])


@st.composite
def _split_numbers(draw: st.DrawFn) -> str:
    """Text with numbers cut into pieces by long runs a reader reads across, among stops and markup."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        number = draw(st.sampled_from([ID, PHONE, "１３８００１３８０００"]))
        cut = draw(st.integers(1, len(number) - 1))
        parts += [draw(st.lists(_AROUND, max_size=4).map("".join)), number[:cut], draw(_BETWEEN), number[cut:]]
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=_pieces, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       window=st.integers(1024, 4096))
def test_windowed_reading_finds_what_a_whole_read_finds(monkeypatch: pytest.MonkeyPatch, pieces: list[str],
                                                        encoding: str, window: int) -> None:
    monkeypatch.setattr(history, "WINDOW", window)
    text = "".join(pieces) * 4  # long enough for several windows
    data = text.encode(encoding)
    whole = list(history._text_findings(history._decode(data), set()))
    assert list(history._windowed(io.BytesIO(data), set())) == whole


def _read(text: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """What the two readings that decide whether a text holds a number find in it, in order: the text as stored and
    as shown (markup stripped), each number as judged (privacy/numbers.scan_text)."""
    return ([what for m in runs(text, False) for _, what in _judged(m.group(), frozenset())],
            [what for m in runs(strip(text), False) for _, what in _judged(m.group(), frozenset())])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(_split_numbers(), min_size=1, max_size=6).map("".join), window=st.integers(1024, 8192))
def test_a_number_across_any_seam_is_read_however_long_what_stands_inside_it(
        monkeypatch: pytest.MonkeyPatch, text: str, window: int) -> None:
    """Windows are cut where no reading goes on across, not at a fixed margin: a number split by a run longer than
    any margin (thousands of spaces or zero-width spaces, a long comment, tags, a link) is read in the windows as
    in the whole text, by both readings, number for number."""
    monkeypatch.setattr(history, "WINDOW", window)
    windows = [window for *_, window in history._windows(io.BytesIO(text.encode("utf-8")))]
    assert "".join(windows) == text
    raw, shown = _read(text)
    assert [what for w in windows for what in _read(w)[0]] == raw
    assert [what for w in windows for what in _read(w)[1]] == shown


@pytest.mark.parametrize("trap", [
    '1380013<span title="，' + " " * 1500 + '">8000',  # a stop inside a tag whose ">" is past the window's end
    "1380013](，" + ("(" + "a" * 200 + ")") * 20 + ")8000",  # inside a link's long target
    "1380013&nbsp;" + " " * 2500 + "8000",  # the letters of a character reference are no place to cut
    "11010519491231002Ｘ" + " " * 2500 + "，",  # nor before the X an ID number ends with
])
def test_no_window_is_cut_where_markup_or_a_number_goes_on(monkeypatch: pytest.MonkeyPatch, trap: str) -> None:
    """Wherever the windows fall around markup that hides a stop, or a character that only looks like one, both
    readings of the windows are those of the whole text."""
    text = "文字，" * 50 + trap + "，文字" * 50
    raw, shown = _read(text)
    assert raw or shown
    for size in range(600, 12_000, 97):
        monkeypatch.setattr(history, "WINDOW", size)
        windows = [window for *_, window in history._windows(io.BytesIO(text.encode("utf-8")))]
        assert ([what for w in windows for what in _read(w)[0]], [what for w in windows for what in _read(w)[1]]
                ) == (raw, shown), size


def test_a_number_split_by_more_invisible_characters_than_any_margin_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """A mobile cut by 70,000 zero-width spaces (a reader sees one number; wider than the 64K-character overlap the
    windows once shared), wherever the windows fall, is found as a whole read finds it."""
    monkeypatch.setattr(history, "WINDOW", 64 * 1024)
    for lead in range(0, 60_000, 7_919):
        text = "文字，" * lead + "1380013" + "\u200b" * 70_000 + "8000，" + "文字，" * 50_000
        whole = list(history._text_findings(text, set()))
        assert len(whole) == 1
        assert list(history._windowed(io.BytesIO(text.encode()), set())) == whole, lead


def test_a_link_early_in_a_long_version_does_not_stop_the_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Markdown link hides up to its end only: far enough past it (as far as its target can reach), the version is
    cut again, and a number across a later seam is still found."""
    monkeypatch.setattr(history, "WINDOW", 64 * 1024)
    longest = []
    seam = history._seam
    monkeypatch.setattr(history, "_seam", lambda text: longest.append(len(text)) or seam(text))
    text = "[链接](http://x)，" + "文字，" * 400_000 + "1380013" + " " * 70_000 + "8000，" + "文字，" * 200_000
    whole = list(history._text_findings(text, set()))
    assert len(whole) == 1
    assert list(history._windowed(io.BytesIO(text.encode()), set())) == whole
    # grown while the link's target may still reach the window's end (410,000 characters not spacing), no more
    assert history._LINK_READS < max(longest) < 500_000


def test_a_version_that_cannot_be_cut_is_named_unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A comment never closed may hide across every place: past MOST characters the version is not cut anyway."""
    monkeypatch.setattr(history, "WINDOW", 4096)
    monkeypatch.setattr(history, "MOST", 4 * 4096)
    text = "开头，<!-- " + "文字，" * 20_000
    with pytest.raises(history.Unseamed):
        list(history._windowed(io.BytesIO(text.encode()), set()))


def test_ci_runs_the_history_check_with_the_full_history() -> None:
    import yaml

    flow = yaml.safe_load((PROJECT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    jobs = [job for job in flow["jobs"].values()
            if any("-m generator validate --history" in step.get("run", "") for step in job.get("steps", []))]
    assert jobs, "a GitHub job runs validate --history"
    for job in jobs:
        checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0
    gitlab = yaml.safe_load((PROJECT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = [job for job in gitlab.values() if isinstance(job, dict) and any(
        "-m generator validate --history" in line for line in job.get("script", []))]
    assert jobs, "a GitLab job runs validate --history"
    for job in jobs:
        assert job.get("variables", {}).get("GIT_DEPTH", gitlab["variables"]["GIT_DEPTH"]) == "0"
        assert {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"} in job["rules"]


def test_a_large_version_is_read_in_pieces_within_a_fraction_of_its_size_in_memory(tmp_path: Path) -> None:
    """A 100 MB text version, checked by a process allowed 300 MB of address space in all: reading it whole
    (bytes, then text) needs more than that; read in pieces it fits, and the number at its very end is found."""
    import resource

    repo = new_repo(tmp_path / "repo")
    line = "汾川县教育局公开信息，普通文字，没有号码。\n" * 1000
    with open(repo.root / "content/备份.txt", "w", encoding="utf-8") as out:
        for _ in range(1600):
            out.write(line)
        out.write(f"末行 {ID}\n")
    commit = repo.commit("大文件")
    limit = 300 * 1024 * 1024

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "generator", "validate", "--history", "--root", str(repo.root)],
                            capture_output=True, text=True, cwd=PROJECT, timeout=300, preexec_fn=cap,
                            env={**os.environ, **GIT_ENV, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if "error[" in line] == [
        f"{commit[:12]} content/备份.txt:1600001:4: error[personal-id-number] 发现公民身份号码 110*************39"]
