"""Site search: the record index (generator/render/recordindex.py) for records, Pagefind for the site's own pages.

Records (institutions, decisions) are tens of thousands of short, structured pages looked up by names, numbers
and codes: the record index finds any typed fragment of them exactly and costs a few KB a query. The site's own
pages (reports, lists, the guide, content written by staff) are few and long: Pagefind indexes them for full-text
search with excerpts. The search page asks both and shows records first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..render.pages import BUNDLE
from ..render.recordindex import FOLDER as RECORD_INDEX


def collect_pages(site: Path, corpus: Path, record_sections: set[str]) -> int:
    """Copy the engine-built pages (not the record pages) into `corpus`, laid out like the site; returns the count.

    The pages mark what Pagefind reads themselves (data-pagefind-body; notices and the 404 page have none).
    """
    count = 0
    for folder, dirs, files in os.walk(site):
        rel = Path(folder).relative_to(site)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in {BUNDLE, RECORD_INDEX, "assets"}]
        elif len(rel.parts) == 1 and rel.parts[0] in record_sections:
            dirs.clear()  # record folders: in the record index, and tens of thousands of them
        for name in files:
            if name.endswith(".html") and (rel / name).as_posix() != "404.html":
                target = corpus / rel / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(folder) / name, target)
                count += 1
    return count


def index_pages(site: Path, corpus: Path) -> tuple[bool, list[str]]:
    """One Pagefind run over the collected pages, written to site/pagefind/."""
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(corpus), "--output-path",
                           str(site / BUNDLE), "--silent"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return False, [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    return True, []
