"""Staff commands run through the command line's own entry point inside the test process.

`python -m generator ...` in a new interpreter costs about 0.4 CPU s before the command starts (the registry, pydantic,
openpyxl or pandas imported again), and the staff tests run some hundred of them. `here()` runs the same argument list
through `generator.cli.main` in this process: the same parser, the same handler, the same output and exit status. What
a new interpreter adds is proven separately: tests/staff/test_command_line.py runs each staff command both ways, in an
environment holding nothing but PATH and PYTHONPATH, and compares what they print, their exit status and the files they
write.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
#: The environment a staff command gets in the subprocess tests: nothing but where Python and git are found.
BARE = {"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"}


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    """os.environ replaced by `env` while the command runs (the git it starts sees the same), then given back."""
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def here(*argv: str, cwd: Path = PROJECT, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGV` run in this process from `cwd` with `env` (None: this process's environment): what
    it printed on each stream and its exit status (a usage error exits 2, as on the command line)."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), _environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    return subprocess.CompletedProcess(["python", "-m", "generator", *argv], code, out.getvalue(), err.getvalue())


def apart(*argv: str, cwd: Path = PROJECT, env: Mapping[str, str] = BARE,
          timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGV` in a new interpreter from `cwd` with `env` (by default nothing but PATH and
    PYTHONPATH), stopped after `timeout` seconds: the real command line, and the way to run a command that would
    block the test process if it went wrong (a pipe read to its end, a preview server started)."""
    return subprocess.run([sys.executable, "-m", "generator", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=dict(env))
