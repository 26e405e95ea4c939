"""Render stage: the processes that pour the record pages, started before the site engine runs.

A record page's body needs only the public view; pouring it needs the page shells the engine dresses, and the publish
scan's reading of them. So the processes are forked as soon as the view is ready, before the engine runs: while the
engine and the steps after it (labelling its pages, the first paint, the shells) keep this process on one core, they
render record pages ahead, on the other, and pour them once told the shells (`Pourers.pour`). The units of work are
taken in order from a shared counter, whichever process is free; the results come back in the units' order, so the
site, the record index and the sitemap are those of one process (tests/site/test_workers.py).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from ..render.templates import RecordPage

#: Record pages a process renders ahead at most before the shells are known (their bodies wait in its memory, a few
#: KB each): about one share of the biggest family.
AHEAD = 3000

#: Hands a pouring process the task (shells._begin), and pours pages with it (shells._pour_pages).
Begin = Callable[[Any], None]
PourPages = Callable[[Iterable[RecordPage]], Any]


class Pourers:
    """`workers` forked processes that render the record pages of `units` from now on and pour them when `pour` is
    called. Use as a context manager: on leaving, any process still running is stopped (the build stopped early)."""

    def __init__(self, units: Sequence[Callable[[], Iterable[RecordPage]]], workers: int, begin: Begin,
                 pour_pages: PourPages, ahead: int = AHEAD) -> None:
        context = multiprocessing.get_context("fork")
        self.units = units
        # The task (the shells and the scan's reading, megabytes) is written once to a file every process holds open
        # from its fork, and read by each when told: a pipe would hold the sender until each process reads it.
        self._task = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close(), with the processes)
        self._go: list[Connection] = []
        self._results: list[Connection] = []
        self._processes: list[Any] = []
        counter = context.Value("q", 0)
        # Frozen, the inherited objects are never walked by the processes' garbage collector: neither time spent on the
        # whole catalogue nor its pages copied into each process (a collection writes to every object it visits).
        gc.freeze()
        try:
            for _ in range(min(workers, len(units))):
                go_in, go_out = context.Pipe(duplex=False)
                results_in, results_out = context.Pipe(duplex=False)
                theirs = [*self._go, *self._results, go_out, results_in]  # ends the new process must not keep open
                process = context.Process(target=_serve, daemon=True, args=(
                    units, counter, go_in, results_out, self._task.fileno(), begin, pour_pages, ahead, theirs))
                process.start()
                go_in.close()
                results_out.close()
                self._go.append(go_out)
                self._results.append(results_in)
                self._processes.append(process)
        except BaseException:
            self.close()
            raise
        finally:
            gc.unfreeze()

    @property
    def count(self) -> int:
        return len(self._processes)

    def pour(self, task: Any) -> Iterator[Any]:
        """Hand every process `task` (what `begin` takes: the site, the shells, the check), then give each
        unit's result, in the units' order. A unit that failed raises its error here; a process that died, an
        error saying so."""
        data = pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL)
        self._task.write(data)
        self._task.flush()
        for conn in self._go:
            # a process that ended already (a unit it rendered ahead failed) is not told: its results say why
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                conn.send_bytes(len(data).to_bytes(8, "little"))
        done: dict[int, Any] = {}
        waiting = list(self._results)
        for number in range(len(self.units)):
            while number not in done:
                if not waiting:
                    raise RuntimeError(f"record pages of unit {number} were never poured")
                for ready in wait(waiting):
                    conn = next(c for c in waiting if c is ready)
                    try:
                        kind, at, payload = conn.recv()
                    except EOFError:
                        raise RuntimeError("a process pouring the record pages stopped without finishing") from None
                    if kind == "error":
                        error, remote = payload
                        raise error from RuntimeError(f"in the process that poured unit {at}:\n{remote}")
                    if kind == "end":
                        waiting.remove(conn)
                    else:
                        done[at] = payload
            yield done.pop(number)

    def close(self) -> None:
        for conn in [*self._go, *self._results]:
            conn.close()
        for process in self._processes:
            if process.is_alive():
                process.kill()  # stopped early: what it rendered ahead is not wanted
            process.join()
        self._task.close()

    def __enter__(self) -> Pourers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(units: Sequence[Callable[[], Iterable[RecordPage]]], counter: Any, go: Connection, out: Connection,
           task_file: int, begin: Begin, pour_pages: PourPages, ahead: int, theirs: list[Connection]) -> None:
    """A pouring process: take the next unit; while the task is not there, render its pages and keep them (up to
    `ahead` pages, then wait for it); once it is, pour what it kept, then render and pour each unit it takes."""
    for conn in theirs:
        conn.close()
    held: list[tuple[int, list[RecordPage]]] = []
    ready = False
    number = -1
    try:
        while True:
            if not ready and (sum(len(pages) for _, pages in held) >= ahead or go.poll()):
                ready = _ready(go, task_file, begin)
                for number, pages in held:
                    out.send(("done", number, pour_pages(pages)))
                held = []
            number = _take(counter)
            if number >= len(units):
                break
            if ready:
                out.send(("done", number, pour_pages(units[number]())))
            else:
                held.append((number, list(units[number]())))
        if not ready:
            _ready(go, task_file, begin)
            for number, pages in held:
                out.send(("done", number, pour_pages(pages)))
        out.send(("end", -1, None))
    except EOFError:
        return  # the build stopped before the shells were made: nothing to pour
    except BaseException as exc:  # sent to the build, which raises it
        remote = traceback.format_exc()
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        out.send(("error", number, (exc, remote)))


def _ready(go: Connection, task_file: int, begin: Begin) -> bool:
    """Wait for the word that the task is written, read it from the file (from its start, whatever the file's
    offset), and begin with it."""
    size = int.from_bytes(go.recv_bytes(), "little")
    data = bytearray()
    while len(data) < size:
        piece = os.pread(task_file, size - len(data), len(data))
        if not piece:
            raise EOFError
        data += piece
    begin(pickle.loads(bytes(data)))
    gc.freeze()  # the task's objects too (the scan's names: a record each) are never walked by a collection
    return True


def _take(counter: Any) -> int:
    """The next unit's number (every process takes from the same counter)."""
    with counter.get_lock():
        number = int(counter.value)
        counter.value = number + 1
    return number
