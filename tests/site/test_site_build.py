"""The build as a whole: atomic, reproducible, escaped, self-contained."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import material
import pytest
from once import made_once
from sitecheck import HOSTILE_NAME, ROOT, Page, html_files, kept_files, page, run_build

#: Hosts in script string literals that are never fetched here: XML namespaces, the theme's repository facts API
#: (used only when mkdocs.yml sets a repo_url; it does not) and the dummy base Pagefind parses relative URLs with.
NON_REQUEST_HOSTS = {"www.w3.org", "api.github.com", "example.com"}
#: Hosts that must not appear in any built file at all, literal or not.
BLOCKED_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com", "unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com",
                 "google-analytics.com", "googletagmanager.com", "hm.baidu.com")
SITE_HOST = "jkj.fenchuan.gov.cn"


def tree_digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_build_is_strict_and_quiet(sample_build: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, _site = sample_build  # the run's one build of the sample (tests/conftest.py)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr and "pkg_resources" not in result.stderr
    assert result.stdout.strip().endswith("按 2026-11-27 计算公示期）")


@pytest.fixture(scope="session")
def epoch_site(tmp_path_factory: pytest.TempPathFactory, sample_build: tuple[subprocess.CompletedProcess[str], Path]
               ) -> Path:
    """A second build of the sample, its day given by SOURCE_DATE_EPOCH (2026-11-27T00:00:00Z) instead of --today,
    made once per run: it is both the reproducibility check's second build and the epoch check's site. It keeps its
    slow work where the run's first build of the sample did (made afresh there: tests/conftest.py), so it reads back
    every font cut, PDF, template and first paint that build kept."""
    kept = sample_build[1].parent / "kept"

    def make(folder: Path) -> None:
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1795737600", "GENERATOR_CACHE": str(kept)}
        subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(folder / "s")], cwd=ROOT,
                       env=env, check=True, capture_output=True)

    return made_once(tmp_path_factory, "epoch-build", make) / "s"


def test_two_builds_are_byte_identical(built_site: Path, epoch_site: Path) -> None:
    """Two separate processes: the run's build (--today 2026-11-27), which made everything afresh, and one told the
    same day by SOURCE_DATE_EPOCH, which read back all the first kept: the same site, byte for byte."""
    assert tree_digest(epoch_site) == tree_digest(built_site)
    kept = built_site.parent / "kept"
    first = json.loads((built_site.parent / "kept.json").read_text(encoding="utf-8"))
    for kind in ("fonts", "pdfs", "first-paint", "templates"):  # what the first kept
        assert any(path.startswith(f"{kind}/") for path in first), kind
    assert kept_files(kept) == first  # and the second read back: it made nothing new


def test_source_date_epoch_fixes_the_day(epoch_site: Path) -> None:
    assert "公示期至 2026-12-12" in page(epoch_site, "penalties/2025-010/").article_text()


def test_failed_build_leaves_previous_site_untouched(project: Path, built_site: Path) -> None:
    site = project / "site"
    shutil.copytree(built_site, site)  # the previous site: the sample's, as the run already built it
    before = tree_digest(site)
    penalties = project / "data/penalties.csv"
    penalties.write_text(penalties.read_text(encoding="utf-8").replace(",2021-08-26,2022-08-25,",
                                                                       ",2021-13-26,2022-08-25,", 1),
                         encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode == 1
    assert "data/penalties.csv:2:18: error[invalid-date] decision_date:" in result.stdout
    assert "网站保持原样" in result.stdout
    assert tree_digest(site) == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "data", "mkdocs.yml", "site", "site_overrides"]


def test_every_data_value_is_escaped(staff_edited: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    hostile = HOSTILE_NAME  # the name of institution fc-0011 in the shared edited copy (tests/conftest.py)
    _result, site = staff_edited
    p = page(site, "institutions/fc-0011/")
    assert p.article_text().startswith(hostile)
    for path in html_files(site):
        assert '<script>alert("x")' not in path.read_text(encoding="utf-8"), path
    title = re.search(r"<title>(.*?)</title>", p.html, re.S).group(1)  # type: ignore[union-attr]
    assert "<" not in title and html.unescape(title).startswith(hostile + " - ")
    rows = list(csv.reader(io.StringIO((site / "data/institutions.csv").read_text(encoding="utf-8-sig"))))
    assert [r[1] for r in rows if r[0] == "fc-0011"] == ["'" + hostile]


def _references(path: Path, site: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        p = Page(text)
        refs = [a["src"] for t, a in p.elements if "src" in a]
        refs += [a["href"] for t, a in p.elements if t == "link" and "href" in a]
        refs += re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
        return refs
    if path.suffix == ".css":
        return re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
    # Scripts: URLs that start a string literal (comments carry licence links, which are never fetched).
    return re.findall(r"[\"'`]((?:https?:)?//[^\s'\"`)]+)", text)


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    offending = []
    for path in sorted(built_site.rglob("*")):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        for ref in _references(path, built_site):
            host = (urlsplit(ref if "//" in ref else "").hostname or "").split("$", 1)[0]
            if host and "." in host and host != SITE_HOST and not (path.suffix == ".js" and host in NON_REQUEST_HOSTS):
                offending.append((str(path.relative_to(built_site)), ref))
    assert offending == []
    for path in sorted(built_site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".css", ".js", ".json", ".xml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [h for h in BLOCKED_HOSTS if h in text], path
    assert "repo_url" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_no_source_map_is_published_or_asked_for(built_site: Path) -> None:
    """The theme ships a source map beside each script and stylesheet; the site publishes none (they name files it
    does not have), and no script asks a browser's developer tools for one."""
    theme = Path(material.__file__).parent / "templates" / "assets"
    assert sorted(theme.rglob("*.map"))  # there are some to drop
    assert sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.map")) == []
    scripts = sorted((built_site / "assets" / "javascripts").rglob("*.js"))
    assert scripts and [p.name for p in scripts if "sourceMappingURL=" in p.read_text(encoding="utf-8")] == []


def test_every_internal_link_resolves(built_site: Path) -> None:
    broken = []
    for path in html_files(built_site):
        rel = path.relative_to(built_site).as_posix()
        if rel == "404.html":
            continue
        base = "http://site.test/" + rel
        for tag, attrs in Page(path.read_text(encoding="utf-8")).elements:
            ref = attrs.get("href") if tag in {"a", "link"} else attrs.get("src") if tag in {"script", "img"} else None
            if not ref or ref.startswith(("mailto:", "#", "javascript:")):
                continue
            url = urlsplit(urljoin(base, ref))
            if url.hostname != "site.test":
                continue
            target = built_site / unquote(url.path).lstrip("/")  # servers decode %XX to the UTF-8 file name
            if url.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append((rel, ref))
    assert broken == []


def test_data_tables_have_header_cells(built_site: Path) -> None:
    for url in ("institutions/", "penalties/", "licenses/", "officers/", "institutions/fc-0043/",
                "penalties/2024-006/"):
        html = page(built_site, url).html
        for table in re.findall(r"<table.*?</table>", html, re.S):
            assert "<th" in table, url
