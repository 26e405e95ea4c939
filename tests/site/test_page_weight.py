"""Issue 22, a record page on a slow phone in one breath, from the built files: every institution and decision page,
the lookup and home load at most 50 KB compressed as they open (the page, its stylesheets, scripts, icon and
images) and hold their first paint for at most 30 KB (the page and its render-blocking stylesheets); they carry no
theme script bundle; every text asset has its deterministic .gz beside it."""

from __future__ import annotations

import gzip
import importlib.util
import random
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench_module(name: str) -> ModuleType:
    """A module of bench/ (no package): the measure the benchmark reports is the one tested."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pageweight = _bench_module("pageweight")

FIRST_VIEW, BLOCKING = 50 * 1024, 30 * 1024


@pytest.mark.parametrize("kind", list(pageweight.PAGE_TYPES))
def test_every_page_of_the_type_opens_within_the_budget(built_site: Path, kind: str) -> None:
    pages = pageweight.pages_of(built_site, kind)
    assert pages
    for page in pages:
        weight = pageweight.weigh(built_site, page)
        assert weight["first_view"] <= FIRST_VIEW, weight
        assert weight["blocking"] <= BLOCKING, weight


def test_a_light_page_paints_from_its_own_bytes_and_loads_the_rest_after(built_site: Path) -> None:
    """No theme bundle; the stylesheet the first paint needs is in the head; the cut file is linked at the end of
    the body (after the deferred scripts, which do not wait for it); the lookup alone loads site.js."""
    for rel in ("institutions/fc-0001/index.html", "penalties/2021-001/index.html", "institutions/index.html",
                "index.html"):
        text = (built_site / rel).read_text(encoding="utf-8")
        head, body = text.split("</head>", 1)
        assert "bundle." not in text and "__config" not in text and "tp-light" not in text, rel
        assert re.search(r"<style>.{1000,}</style>", head, re.S) and 'rel="stylesheet"' not in head, rel
        scripts = re.findall(r'<script src="([^"]+)" defer></script>', body)
        assert [s.rsplit("/", 1)[1] for s in scripts] == (["site.js", "page.js"] if rel.startswith("institutions/index")
                                                          else ["page.js"]), rel
        assert re.search(r'defer></script>\s*<link rel="stylesheet" href="[./]*assets/stylesheets/light\.[0-9a-f]{8}'
                         r'\.css">\s*</body>', body), rel
    theme_page = (built_site / "about/index.html").read_text(encoding="utf-8")
    assert "bundle." in theme_page and "main." in theme_page  # the pages that use the theme keep it


def test_weighing_counts_what_a_page_loads_and_what_holds_its_paint(tmp_path: Path) -> None:
    """The measure fails a heavy page: a stylesheet of 40 KB compressed in the head is over both budgets; moved to
    the end of the body it still counts in the first view, no more in the blocking bytes."""
    noise = random.Random(22).randbytes(60_000)  # compresses poorly
    (tmp_path / "heavy.css").write_bytes(b"/*" + noise.replace(b"*/", b"xx") + b"*/")
    (tmp_path / "a.js").write_text("var a = 1;\n", encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<html><head><link rel="stylesheet" href="heavy.css"><script src="a.js"></script></head>'
                    '<body><p>x</p></body></html>', encoding="utf-8")
    heavy = pageweight.weigh(tmp_path, page)
    assert heavy["first_view"] > FIRST_VIEW and heavy["blocking"] > BLOCKING
    assert heavy["loads"] == ["heavy.css", "a.js"]
    page.write_text('<html><head></head><body><p>x</p><script src="a.js" defer></script>'
                    '<link rel="stylesheet" href="heavy.css"></body></html>', encoding="utf-8")
    light = pageweight.weigh(tmp_path, page)
    assert light["first_view"] == heavy["first_view"] - (heavy["html"] - light["html"]) and light["blocking"] < 1024


def test_every_text_asset_has_its_gzip_beside_it(built_site: Path) -> None:
    """For nginx gzip_static: the same bytes, compressed without a name or time (a rebuild writes the same file)."""
    assets = [p for folder in ("assets", "pagefind") for p in (built_site / folder).rglob("*")
              if p.suffix in (".css", ".js", ".json") and p.is_file()]
    assert len(assets) > 10
    for path in assets:
        packed = path.with_name(path.name + ".gz")
        if not packed.is_file():  # only where compressing gains
            assert len(gzip.compress(path.read_bytes(), 9, mtime=0)) >= path.stat().st_size, path
            continue
        data = packed.read_bytes()
        assert data[3] == 0 and data[4:8] == b"\0\0\0\0", path  # no file name, mtime 0
        assert gzip.decompress(data) == path.read_bytes(), path
    assert not list(built_site.glob("institutions/*/index.html.gz"))  # pages are compressed by the server
