"""The processes that pour the record pages (publish/pourers.py), started before the task is known: they render
ahead while the build goes on, give each unit's result in the units' order whichever process took it and however
long it took, raise a unit's error in the build, say so when one dies, and leave no process behind, the build
finished or stopped early."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.publish.pourers import Pourers

#: In the pouring process: the task it was given, and the units it rendered before it had one.
_STATE: dict[str, Any] = {}


def _begin(task: Any) -> None:
    _STATE["task"] = task


def _pour(records: Iterable[Any]) -> tuple[Any, int, list[Any]]:
    """What a unit's pages became: the task they were poured with, the process, the pages (as given)."""
    pages = list(records)
    _STATE["poured"] = time.monotonic()
    return _STATE.get("task"), os.getpid(), pages


def _pour_when(records: Iterable[Any]) -> float:
    """When a unit was poured."""
    list(records)
    return time.monotonic()


def _unit(number: int, pages: int, pause: float = 0.0, log: str = "") -> Callable[[], list[str]]:
    def render() -> list[str]:
        if log:  # when this unit was rendered, and by whom (a file: the processes share no memory)
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"{number} {os.getpid()} {time.monotonic()}\n")
        time.sleep(pause)
        return [f"{number}-{k}" for k in range(pages)]
    return render


def _alive(pids: Iterable[int]) -> list[int]:
    found = []
    for pid in pids:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue  # reaped
        if done == 0:
            found.append(pid)
    return found


@settings(max_examples=12, deadline=None)
@given(sizes=st.lists(st.integers(0, 40), min_size=2, max_size=9),
       pauses=st.lists(st.sampled_from([0.0, 0.0, 0.01, 0.03]), min_size=9, max_size=9),
       workers=st.integers(2, 3), ahead=st.integers(1, 60))
def test_each_unit_comes_back_once_in_order_poured_with_the_task(sizes: list[int], pauses: list[float],
                                                                 workers: int, ahead: int) -> None:
    units = [_unit(n, size, pauses[n]) for n, size in enumerate(sizes)]
    with Pourers(units, workers, _begin, _pour, ahead) as pourers:
        results = list(pourers.pour(("site", {"shell": ["a", None]}, "check")))
    assert [pages for _, _, pages in results] == [[f"{n}-{k}" for k in range(size)] for n, size in enumerate(sizes)]
    assert all(task == ("site", {"shell": ["a", None]}, "check") for task, _, _ in results)
    assert {pid for _, pid, _ in results} <= {p.pid for p in pourers._processes}
    assert os.getpid() not in {pid for _, pid, _ in results}
    assert _alive(p.pid for p in pourers._processes) == []


def test_units_are_rendered_before_the_task_is_given(tmp_path: Any) -> None:
    """While the build is busy elsewhere (here: asleep), the processes render ahead, up to `ahead` pages each."""
    log = tmp_path / "rendered.log"
    units = [_unit(n, 10, log=str(log)) for n in range(12)]
    with Pourers(units, 2, _begin, _pour, ahead=30) as pourers:
        time.sleep(1.5)
        before = time.monotonic()
        ahead = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
        results = list(pourers.pour("task"))
    # each process rendered units until it held 30 pages or more (3 units), then waited for the task
    assert sorted(int(n) for n, _, _ in ahead) == list(range(6))
    assert all(float(at) < before for _, _, at in ahead)
    assert len({pid for _, pid, _ in ahead}) == 2
    assert [pages[0] for _, _, pages in results] == [f"{n}-0" for n in range(12)]


def test_once_the_task_is_given_each_unit_is_poured_as_it_is_rendered(tmp_path: Any) -> None:
    """A process holding fewer pages than `ahead` takes the task as soon as it is given, not when it runs out of units:
    the first units are poured while the last are still to be rendered."""
    log = tmp_path / "rendered.log"
    units = [_unit(n, 10, 0.05, str(log)) for n in range(16)]
    with Pourers(units, 2, _begin, _pour_when, ahead=10_000) as pourers:
        poured = list(pourers.pour("task"))
    rendered = [float(line.split()[2]) for line in log.read_text(encoding="utf-8").splitlines()]
    assert min(poured) < max(rendered)


@pytest.mark.parametrize("busy", [0.0, 0.5])
def test_a_units_error_is_raised_in_the_build_and_no_process_is_left(busy: float) -> None:
    """Whether the unit failed while the task was being given, or before (rendered ahead: its process has ended)."""
    def broken() -> list[str]:
        raise ValueError("模板里的字段不存在")
    units = [_unit(0, 3), _unit(1, 3, 0.05), broken, _unit(3, 3)]
    with pytest.raises(ValueError, match="模板里的字段不存在") as raised, Pourers(units, 2, _begin, _pour) as pourers:
        time.sleep(busy)
        list(pourers.pour("task"))
    assert "in the process that poured unit 2" in str(raised.value.__cause__)
    assert "broken" in str(raised.value.__cause__)  # the traceback of where it failed
    assert _alive(p.pid for p in pourers._processes) == []


def test_an_error_that_cannot_be_sent_as_it_is_is_sent_as_its_text() -> None:
    class Unpicklable(Exception):
        def __reduce__(self) -> Any:
            raise TypeError("not picklable")

    def broken() -> list[str]:
        raise Unpicklable("坏了")
    with pytest.raises(RuntimeError, match="Unpicklable: 坏了"), Pourers([_unit(0, 1), broken], 2, _begin, _pour) as p:
        list(p.pour("task"))


def test_a_process_that_dies_is_reported() -> None:
    def dies() -> list[str]:
        os.kill(os.getpid(), signal.SIGKILL)
        return []
    units = [_unit(0, 1), dies, _unit(2, 1, 0.3), _unit(3, 1, 0.3)]
    with pytest.raises(RuntimeError, match="stopped without finishing"), Pourers(units, 2, _begin, _pour) as pourers:
        list(pourers.pour("task"))
    assert _alive(p.pid for p in pourers._processes) == []


def test_a_build_that_stops_before_pouring_leaves_no_process() -> None:
    """The engine failed: the processes, rendering or waiting for the task, are stopped at once."""
    units = [_unit(n, 5, 0.2) for n in range(20)]
    started = time.monotonic()
    with Pourers(units, 2, _begin, _pour) as pourers:
        time.sleep(0.1)
    assert time.monotonic() - started < 2  # not the 4 s the units would take
    assert _alive(p.pid for p in pourers._processes) == []
    assert all(p.exitcode is not None for p in pourers._processes)
