"""Files and folders: no link of any kind and no special file in data/, content/, site_overrides/ or the
configuration is read or published; each is refused at its own path."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.helpers import PROJECT, copy_sample, errors, found

from generator.publish.engine import ConfigRefused, copy_theme
from generator.read.files import Tree, content_files, data_files
from generator.read.sources import read_text

TOKEN = "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA=="  # what actions/checkout leaves in .git/config


def _git_config(root: Path) -> Path:
    (root / ".git").mkdir(exist_ok=True)
    config = root / ".git/config"
    config.write_text(f'[http "https://github.com/"]\n\textraheader = {TOKEN}\n', encoding="utf-8")
    return config


def _published(root: Path) -> bytes:
    return b"".join(content_files(Tree.take(root)).values())


def test_a_link_inside_the_repository_to_the_git_config_is_refused_and_never_read(root: Path) -> None:
    _git_config(root)
    (root / "content/x.txt").symlink_to("../.git/config")
    assert found(root) == [("content/x.txt", 1, 1, "unsafe-file")]
    assert "x.txt" not in content_files(Tree.take(root)) and TOKEN.encode() not in _published(root)
    text, problems = read_text(root, "content/x.txt")
    assert text is None and [p.code for p in problems] == ["unsafe-file"]


def test_a_link_to_another_staff_file_is_refused_too(root: Path) -> None:
    (root / "content/about-copy.md").symlink_to(root / "content/about.md")
    (root / "data/old.csv").symlink_to("penalties.csv")
    assert found(root) == [("content/about-copy.md", 1, 1, "unsafe-file"), ("data/old.csv", 1, 1, "unsafe-file")]
    assert "about-copy.md" not in content_files(Tree.take(root))


def test_the_message_says_what_it_is_and_what_to_do(root: Path) -> None:
    (root / "content/x.txt").symlink_to("../.git/config")
    from generator.validate import validate

    [problem] = validate(root).problems
    assert problem.message.startswith("content/x.txt 是符号链接（指向 ../.git/config）")
    assert "请删除该链接" in problem.message


def test_a_link_to_a_file_outside_is_refused_and_not_read(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("110101199003074514\n", encoding="utf-8")  # would be a privacy hit if it were read
    (root / "content/passwd.txt").symlink_to(secret)
    assert found(root) == [("content/passwd.txt", 1, 1, "unsafe-file")]
    listed = Tree.take(root)
    assert "passwd.txt" not in content_files(listed) and "content/passwd.txt" not in data_files(listed)


def test_a_linked_folder_is_refused_once_wherever_it_points(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes.md").write_text("# 内部\n", encoding="utf-8")
    (root / "content/ext").symlink_to(outside)
    (root / "content/again").symlink_to("reports")
    assert found(root) == [("content/again", 1, 1, "unsafe-file"), ("content/ext", 1, 1, "unsafe-file")]
    assert not any(name.startswith(("ext/", "again/")) for name in content_files(Tree.take(root)))


def test_a_dataset_linked_anywhere_is_refused_not_missing(root: Path, tmp_path: Path) -> None:
    copy = tmp_path / "officers.csv"
    copy.write_bytes((root / "data/enforcement_officers.csv").read_bytes())
    (root / "data/enforcement_officers.csv").unlink()
    (root / "data/enforcement_officers.csv").symlink_to(copy)
    codes = {code for path, *_, code in errors(root) if path == "data/enforcement_officers.csv"}
    assert codes == {"unsafe-file"}


@pytest.mark.parametrize("area", ["data", "content"])
def test_a_linked_data_or_content_folder_is_refused_and_never_walked(root: Path, area: str) -> None:
    _git_config(root)
    shutil.rmtree(root / area)
    (root / area).symlink_to("/" if area == "data" else ".git")  # walking / would take all day
    done = subprocess.run([sys.executable, "-m", "generator", "validate", "--root", str(root)], capture_output=True,
                          text=True, cwd=PROJECT, timeout=120, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith(f"{area}:1:1: error[unsafe-file] {area}: {area} 是符号链接")
    assert TOKEN not in done.stdout


def test_links_in_the_theme_folder_and_configuration_are_refused(root: Path) -> None:
    _git_config(root)
    shutil.copytree(PROJECT / "site_overrides", root / "site_overrides")
    (root / "mkdocs.yml").symlink_to(PROJECT / "mkdocs.yml")
    (root / "site_overrides/assets/token.txt").symlink_to("../../.git/config")
    (root / "site_overrides/partials/more").symlink_to("/etc")
    assert found(root) == [("mkdocs.yml", 1, 1, "unsafe-file"),
                           ("site_overrides/assets/token.txt", 1, 1, "unsafe-file"),
                           ("site_overrides/partials/more", 1, 1, "unsafe-file")]


def test_the_theme_copy_never_follows_a_link_even_without_validation(root: Path, tmp_path: Path) -> None:
    """MkDocs follows links in its custom_dir: the build hands it a copy of ordinary files, or stops."""
    _git_config(root)
    shutil.copytree(PROJECT / "site_overrides", root / "site_overrides")
    copy_theme(Tree.take(root), "site_overrides", tmp_path / "clean")
    assert (tmp_path / "clean/main.html").is_file()
    (root / "site_overrides/assets/token.txt").symlink_to("../../.git/config")
    with pytest.raises(ConfigRefused, match=r"site_overrides/assets/token.txt 是符号链接"):
        copy_theme(Tree.take(root), "site_overrides", tmp_path / "theme")
    for folder in (".git", "../x", "/etc"):
        with pytest.raises(ConfigRefused, match="custom_dir"):
            copy_theme(Tree.take(root), folder, tmp_path / "other")


def test_a_fifo_is_reported_as_such_and_never_opened(root: Path) -> None:
    (root / "data/licenses.csv").unlink()
    os.mkfifo(root / "data/licenses.csv")  # opening it for reading would wait forever
    os.mkfifo(root / "content/pipe.txt")
    problems = [p for p in errors(root) if p[3] != "figure-mismatch"]
    assert problems == [("content/pipe.txt", 1, 1, "unsafe-file"), ("data/licenses.csv", 1, 1, "unsafe-file")]


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dev-zero-folder"])
def test_a_pipe_or_dev_zero_named_csv_never_blocks(root: Path, kind: str) -> None:
    target = root / "data/x.csv"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    else:
        (root / "content/dev").symlink_to("/dev")
    done = subprocess.run([sys.executable, "-m", "generator", "validate", "--root", str(root)], capture_output=True,
                          text=True, cwd=PROJECT, timeout=120, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    at = "content/dev" if kind == "dev-zero-folder" else "data/x.csv"
    assert done.returncode == 1 and done.stdout.startswith(f"{at}:1:1: error[unsafe-file]"), done.stdout


def test_a_socket_is_reported(root: Path, tmp_path: Path) -> None:
    path = root / "content/s"
    if len(str(path)) > 100:
        pytest.skip("socket path too long for AF_UNIX")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert found(root) == [("content/s", 1, 1, "unsafe-file")]


def test_a_file_name_that_is_not_utf8_is_located_and_skipped(root: Path) -> None:
    name = os.path.join(os.fsencode(root / "content"), "你好.txt".encode("gb18030"))
    with open(name, "w", encoding="utf-8") as f:
        f.write("x\n")
    assert found(root) == [("content/\ufffd\ufffd\ufffd.txt", 1, 1, "unreadable-file")]  # as the decoder shows it
    assert not any(n.endswith(".txt") for n in content_files(Tree.take(root)))


# --- any link, anywhere --------------------------------------------------------------------------------------

AREAS = ["data", "content", "site_overrides"]
NAMES = st.sampled_from(["a", "x.csv", "附件", "page.md", ".hidden", "site.yml", "2021.md", "penalties.csv"])
#: Where a link may point (relative to the link's own folder unless absolute): files and folders inside the
#: repository, its .git, outside it, devices, nothing at all, the link itself.
TARGETS = st.sampled_from(["../.git/config", "{root}/.git/config", "{root}/content/about.md", "{root}/data",
                           "{root}/content", "{outside}/secret.txt", "{outside}", "/dev/zero", "/etc", "/",
                           "nowhere", "{self}", "."])


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("links")
    root = copy_sample(base / "repo")
    shutil.copytree(PROJECT / "site_overrides", root / "site_overrides")
    shutil.copy2(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    _git_config(root)
    (base / "outside").mkdir()
    (base / "outside/secret.txt").write_text(f"110101199003074514 {TOKEN}\n", encoding="utf-8")
    return root


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(area=st.sampled_from(AREAS), folders=st.lists(NAMES, max_size=3), name=NAMES, target=TARGETS)
def test_any_link_at_any_depth_of_any_area_is_refused_and_never_read(sandbox: Path, area: str, folders: list[str],
                                                                     name: str, target: str) -> None:
    root = sandbox
    parent = root.joinpath(area, *[f"{f}.d" for f in folders])  # new folders only: the sample stays as it is
    link = parent / name
    if os.path.lexists(link):
        return
    made = root / area / f"{folders[0]}.d" if folders else None  # the first new folder, removed afterwards
    parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target.format(root=root, outside=root.parent / "outside", self=link))
    try:
        rel = link.relative_to(root).as_posix()
        assert [(p, c) for p, _l, _c, c in found(root) if c in ("unsafe-file", "unreadable-file")] == [
            (rel, "unsafe-file")]
        assert rel not in data_files(Tree.take(root))
        assert TOKEN.encode() not in _published(root) and b"110101199003074514" not in _published(root)
    finally:
        link.unlink()
        if made is not None:
            shutil.rmtree(made)


# --- the engine configuration: an allow-list, whatever is added ------------------------------------------------

from generator.rules.engine_config import EXTENSIONS, KEYS, check_config  # noqa: E402

_SAMPLE_CONFIG = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
_KEY = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True).filter(lambda k: k not in KEYS)
_EXTENSION = st.one_of(st.sampled_from(["pymdownx.snippets", "markdown_include.include", "mdx_include",
                                        "pymdownx.b64", "pymdownx.arithmatex", "x"]),
                       st.from_regex(r"[a-z_.]{1,16}", fullmatch=True)).filter(lambda e: e not in EXTENSIONS)
_URL = st.sampled_from(["https://cdn.example/x.js", "//cdn.example/x.css", "http:x", "/etc/passwd", "../x.js",
                        "data:text/javascript,alert(1)", "file:///etc/passwd"])


def test_the_sample_configuration_is_within_the_allow_list() -> None:
    assert check_config(_SAMPLE_CONFIG) == []


@settings(max_examples=80, deadline=None)
@given(st.one_of(_KEY.map(lambda k: f"{k}: x\n"),
                 _EXTENSION.map(lambda e: f"markdown_extensions:\n  - tables\n  - {e}\n"),
                 _URL.map(lambda u: f"extra_javascript:\n  - assets/javascripts/site.js\n  - {u}\n"),
                 _URL.map(lambda u: f"extra_css:\n  - {u}\n"),
                 st.sampled_from(["extra:\n  analytics:\n    provider: google\n", "repo_url: https://github.com/a/b\n",
                                  "extra_css:\n  - !!python/name:os.system\n", "site_author: !ENV USER\n",
                                  "theme:\n  name: material\n  font:\n    text: Roboto\n",
                                  "theme:\n  name: readthedocs\n", "plugins:\n  - offline\n",
                                  "markdown_extensions:\n  - toc:\n      slugify: !!python/name:os.system\n"])))
def test_any_setting_outside_the_allow_list_is_refused_where_it_stands(addition: str) -> None:
    """Replacing a key of the sample or adding a new one: the refusal points into the added lines."""
    base = _drop_blocks(_SAMPLE_CONFIG, addition.split(":", 1)[0])
    text = base + "\n" + addition
    found = check_config(text)
    first_added = base.count("\n") + 2
    assert found and all(p.code == "unsafe-config" for p in found)
    assert any(p.line >= first_added for p in found), (text, found)


def _drop_blocks(config: str, key: str) -> str:
    """The configuration without the block of top-level `key` (so that the addition replaces it)."""
    out, skipping = [], False
    for line in config.splitlines():
        if line and not line.startswith((" ", "#")):
            skipping = line.startswith(key + ":")
        if not skipping:
            out.append(line)
    return "\n".join(out)
