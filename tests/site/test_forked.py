"""A piece of the build done by a forked copy of the process (render/forked.py): its result comes back whole, however
large, and a copy that fails gives None, so the caller does the work itself."""

from __future__ import annotations

from pathlib import Path

from generator.render.forked import Forked


def _large(n: int) -> list[str]:
    return [f"第{i}行" * 10 for i in range(n)]


def _fail() -> None:
    raise ValueError("坏了")


def _write(path: Path) -> str:
    path.write_text("下载文件", encoding="utf-8")
    return "写好了"


def test_the_result_comes_back_whole_even_larger_than_a_pipe_holds() -> None:
    assert Forked(_large, 100_000).result() == _large(100_000)  # about 5 MB pickled; a pipe holds 64 KB


def test_a_copy_that_fails_gives_none() -> None:
    assert Forked(_fail).result() is None


def test_what_the_copy_writes_is_there_when_its_result_is(tmp_path: Path) -> None:
    assert Forked(_write, tmp_path / "a.csv").result() == "写好了"
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == "下载文件"
