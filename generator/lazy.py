"""Libraries imported only when a build needs them (PDF drawing, font cutting, reading attachments), each imported
from a thread of its own.

A library may keep an exception it caught while it was imported: fpdf2 keeps the ImportError of its optional
`cryptography`, to name it should a PDF ever be encrypted. The exception's traceback holds the frames that imported
the library, and each frame the one that called it. Imported in the middle of a build, the build's own frames (its
catalogue, views and pages: hundreds of MB at a province's scale) stayed alive until the process ended, and tearing
them down at exit took a second at 20,000 institutions. Imported from a thread, the only frames a library can keep
are the thread's.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType


def load(name: str) -> ModuleType:
    """The module `name` (dotted), imported on first use from a thread of its own; an import error is raised here."""
    if name in sys.modules:  # imported (or being imported by another thread: import_module waits for it to finish)
        return importlib.import_module(name)
    outcome: list[ModuleType | BaseException] = []

    def run() -> None:
        try:
            outcome.append(importlib.import_module(name))
        except BaseException as error:  # raised again in the caller's thread, below
            outcome.append(error)

    thread = threading.Thread(target=run, name=f"import {name}", daemon=True)
    thread.start()
    thread.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
