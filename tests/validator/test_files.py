"""Files and folders: links out of the repository and special files are refused, never read or published."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from validator.helpers import errors, found

from generator.read.sources import content_files, data_files


def test_a_link_to_a_file_outside_is_refused_and_not_read(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("110101199003074514\n", encoding="utf-8")  # would be a privacy hit if it were read
    (root / "content/passwd.txt").symlink_to(secret)
    assert found(root) == [("content/passwd.txt", 1, 1, "unsafe-file")]
    assert "passwd.txt" not in content_files(root) and "content/passwd.txt" not in data_files(root)


def test_a_linked_folder_outside_is_refused_once(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes.md").write_text("# 内部\n", encoding="utf-8")
    (root / "content/ext").symlink_to(outside)
    assert found(root) == [("content/ext", 1, 1, "unsafe-file")]
    assert not any(name.startswith("ext/") for name in content_files(root))


def test_a_dataset_linked_outside_is_refused_not_missing(root: Path, tmp_path: Path) -> None:
    copy = tmp_path / "officers.csv"
    copy.write_bytes((root / "data/enforcement_officers.csv").read_bytes())
    (root / "data/enforcement_officers.csv").unlink()
    (root / "data/enforcement_officers.csv").symlink_to(copy)
    codes = {code for path, *_, code in errors(root) if path == "data/enforcement_officers.csv"}
    assert codes == {"unsafe-file"}


def test_links_inside_the_repository_are_fine(root: Path) -> None:
    (root / "content/about-copy.md").symlink_to(root / "content/about.md")
    assert found(root) == []


def test_a_fifo_is_reported_as_such_and_never_opened(root: Path) -> None:
    (root / "data/licenses.csv").unlink()
    os.mkfifo(root / "data/licenses.csv")  # opening it for reading would wait forever
    os.mkfifo(root / "content/pipe.txt")
    problems = [p for p in errors(root) if p[3] != "figure-mismatch"]
    assert problems == [("content/pipe.txt", 1, 1, "unsafe-file"), ("data/licenses.csv", 1, 1, "unsafe-file")]


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
    assert not any(n.endswith(".txt") for n in content_files(root))
