"""Render stage: one piece of work done by a forked copy of this process while the process goes on with the rest."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any


class Forked:
    """`work(*args)` run by a forked copy of this process, from now on; `result()` waits for it and gives what it
    returned (pickled back through a pipe), or None when it failed or died: the caller then does the work itself.

    Only for a process that may fork (one thread, the platform forks: the caller decides) and work whose effects
    outside its result are files it writes, the same whoever writes them."""

    def __init__(self, work: Callable[..., Any], *args: Any) -> None:
        self._read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the copy: do the work, send the result, leave without running the parent's cleanup
            code = 1
            try:
                os.close(self._read)
                data = pickle.dumps(work(*args))
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)

    def result(self) -> Any | None:
        with os.fdopen(self._read, "rb") as source:
            data = source.read()  # before waiting: a result larger than the pipe holds waits for this read
        _, status = os.waitpid(self._pid, 0)
        return pickle.loads(data) if status == 0 and data else None
