"""A build leaves nothing of itself alive when it returns: a library it imports on first use (fpdf2, fontTools,
pypdf, pypinyin) is imported from a thread of its own (generator/lazy.py), so an exception the library keeps from
its import (fpdf2 keeps its optional `cryptography`'s ImportError) holds no frame of the build. Before, the whole
catalogue of a county stayed alive until the process ended and took a second at 20,000 institutions to tear down."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import textwrap
import weakref
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitecheck import ROOT, TODAY

from generator import lazy

#: A module that keeps an exception it caught while imported, as fpdf.encryption does (its `import_error`), in one
#: of the ways a library may keep one: the exception itself, a list holding it, or only its traceback.
KEEPERS = {
    "error": "try:\n    import {missing}\nexcept ImportError as error:\n    kept = error\n",
    "list": "kept = []\ntry:\n    import {missing}\nexcept ImportError as error:\n    kept.append(error)\n",
    "traceback": ("import sys\ntry:\n    import {missing}\nexcept ImportError:\n"
                  "    kept = sys.exc_info()[2]\n"),
    "raised inside": ("def _fail():\n    raise ValueError('optional part missing')\ntry:\n    _fail()\n"
                      "except ValueError as error:\n    kept = error\n"),
}


class _Catalogue:
    """Stands for what a build holds in its frames."""


def _keeper(folder: Path, name: str, way: str) -> str:
    (folder / f"{name}.py").write_text(KEEPERS[way].format(missing=f"{name}_optional_part"), encoding="utf-8")
    return name


def _import_during_a_build(importer: Any, name: str, depth: int) -> weakref.ref[_Catalogue]:
    """A stand-in build `depth` calls deep that imports `name` midway; the weak reference to its catalogue."""
    catalogue = _Catalogue()

    def deeper(level: int) -> None:
        held = catalogue  # every frame of the build holds the catalogue, as build()'s frames do
        if level == 0:
            importer(name)
        else:
            deeper(level - 1)
        del held

    deeper(depth)
    return weakref.ref(catalogue)


@pytest.fixture
def keeper_path(tmp_path: Path) -> Any:
    sys.path.insert(0, str(tmp_path))
    names_before = set(sys.modules)
    try:
        yield tmp_path
    finally:
        sys.path.remove(str(tmp_path))
        for name in set(sys.modules) - names_before:
            del sys.modules[name]


@settings(max_examples=20, deadline=None)
@given(way=st.sampled_from(sorted(KEEPERS)), depth=st.integers(0, 6), counter=st.integers(0, 10**9))
def test_a_library_imported_during_a_build_keeps_none_of_its_frames(tmp_path_factory: pytest.TempPathFactory,
                                                                      way: str, depth: int, counter: int) -> None:
    folder = tmp_path_factory.mktemp("keepers")
    sys.path.insert(0, str(folder))
    try:
        name = _keeper(folder, f"keeper_{way.replace(' ', '_')}_{counter}", way)
        catalogue = _import_during_a_build(lazy.load, name, depth)
        gc.collect()
        assert catalogue() is None, f"imported by lazy.load, {name} ({way}) keeps the build's frames"
        assert isinstance(sys.modules[name], ModuleType)
        assert lazy.load(name) is sys.modules[name]  # imported once
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)


def test_a_plain_import_during_a_build_keeps_its_frames(keeper_path: Path) -> None:
    """The hazard lazy.load removes: imported plainly, such a library keeps the build's catalogue alive."""
    import importlib

    name = _keeper(keeper_path, "keeper_plain", "error")
    catalogue = _import_during_a_build(importlib.import_module, name, 3)
    gc.collect()
    assert catalogue() is not None


def test_an_import_that_fails_fails_in_the_caller(keeper_path: Path) -> None:
    (keeper_path / "keeper_broken.py").write_text("raise RuntimeError('broken at import')\n", encoding="utf-8")
    with pytest.raises(ModuleNotFoundError):
        lazy.load("no_such_module_anywhere")
    with pytest.raises(RuntimeError, match="broken at import"):
        lazy.load("keeper_broken")
    assert "keeper_broken" not in sys.modules


def test_two_threads_loading_at_once_both_get_the_whole_module(keeper_path: Path) -> None:
    """The preview's server and its watcher may build at once: the second to ask for a module that the first is
    still importing waits for it to finish, and is never given it half made."""
    import threading
    import time

    (keeper_path / "keeper_slow.py").write_text("import time\ntime.sleep(0.4)\nREADY = True\n", encoding="utf-8")
    got: dict[str, Any] = {}

    def ask(who: str) -> None:
        try:
            got[who] = lazy.load("keeper_slow").READY
        except Exception as error:  # what the test reports
            got[who] = error

    first = threading.Thread(target=ask, args=("first",))
    first.start()
    deadline = time.monotonic() + 5
    while "keeper_slow" not in sys.modules and time.monotonic() < deadline:
        time.sleep(0.005)  # the first import has begun: the module is in sys.modules, not yet run to its end
    second = threading.Thread(target=ask, args=("second",))
    second.start()
    first.join()
    second.join()
    assert got == {"first": True, "second": True}


#: Run in a new interpreter (this one may have imported the libraries already): build the sample with nothing kept,
#: so the posters and the form are drawn (fpdf2, fontTools imported), then count what is left of the build.
_PROBE = textwrap.dedent("""
    import gc, json, sys
    from datetime import date
    from pathlib import Path
    from generator.build import build
    from generator.catalog import Catalog

    built = build(Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3]))
    ok = built.ok
    del built
    gc.collect()
    alive = [type(o).__name__ for o in gc.get_objects() if isinstance(o, Catalog) or type(o).__name__ == "PublicView"]
    drawn = {name: name in sys.modules for name in ("fpdf", "fontTools")}
    print(json.dumps({"ok": ok, "alive": alive, **drawn}))
""")


def test_nothing_of_a_build_stays_alive_after_it_returns(tmp_path: Path) -> None:
    env = {**os.environ, "GENERATOR_CACHE": str(tmp_path / "kept"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT), str(tmp_path / "site"), TODAY],
                          capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found["ok"]
    assert found["fpdf"] and found["fontTools"], "the build drew no PDF: the test would not see the import it is about"
    assert found["alive"] == []
