"""The build publishes nothing hostile: staff markup cleaned, generated outputs kept, the repository untouched."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from sitecheck import copy_project, run_build, run_build_here

HOSTILE = """

## <img src=x onerror=alert(1)>附录

<script>alert(2)</script> <b onclick="alert(3)">粗</b> <a href="javascript:alert(4)">链</a> [md](javascript:alert(5))
[ref][r] ![i](https://evil.example/x.png) ![d](data:image/png;base64,AAAA) <iframe src="https://evil.example/"></iframe>
<p style="background:url(https://evil.example/)">s</p>

[r]: java&#x09;script:alert(6)

</article><script>alert(7)</script><article>
"""


def test_hostile_staff_markdown_never_reaches_a_page(project: Path) -> None:
    for rel in ("content/about.md", "content/reports/2021.md"):
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    parent = project / "out"
    parent.mkdir()
    killed = parent / ".site-build-killed"  # a build killed earlier: its owner is gone
    (killed / "site").mkdir(parents=True)
    (killed / ".build-pid").write_text("999999999", encoding="ascii")
    running = parent / ".site-build-running"  # a build still running (this test's own parent process)
    running.mkdir()
    (running / ".build-pid").write_text(str(os.getppid()), encoding="ascii")

    result = run_build(project, parent / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content/about.md:36:15: warning[unsafe-markup]" in result.stderr
    for page in ("about/index.html", "reports/2021/index.html"):
        html = (parent / "site" / page).read_text(encoding="utf-8")
        assert "附录" in html and "粗" in html  # the text stays
        assert not re.search(r"alert\(|evil\.example|onerror|onclick|javascript:|data:image|<iframe", html), page
        article = html[html.index('<article class="md-content__inner'):html.rindex("</article>")]
        assert "<script" not in article and "style=" not in article
    assert sorted(p.name for p in parent.iterdir()) == [".site-build-running", "site"]


GENERATED = ["data/penalties.csv", "feed.xml", "penalties/index.md", "index.md", "institutions/fc-0001/index.md",
             "search-index/x.json", "sitemap.xml", "data/x.md"]


def _refusal(rel: str) -> str:
    # an XML file is refused before that: a browser runs the scripts an XML (XHTML) document carries
    return "active-file" if rel.endswith(".xml") else "generated-path"


@pytest.fixture(scope="module")
def replacing(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """One build per kind of refusal, its project holding every case's file of that kind: each case finds its own
    file named in the report (one build instead of one per case). The XML files get a project of their own
    because an active file stops the build before the generated-path check runs."""
    builds = {}
    for code in ("active-file", "generated-path"):
        project = copy_project(tmp_path_factory.mktemp(code) / "project")
        for rel in (r for r in GENERATED if _refusal(r) == code):
            path = project / "content" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("替换\n", encoding="utf-8")
        builds[code] = (run_build(project, project / "site"), project)
    return builds


@pytest.mark.parametrize("rel", GENERATED)
def test_content_cannot_replace_a_generated_output(
        replacing: dict[str, tuple[subprocess.CompletedProcess[str], Path]], rel: str) -> None:
    code = _refusal(rel)
    result, project = replacing[code]
    assert (project / "content" / rel).read_text(encoding="utf-8") == "替换\n"
    assert result.returncode == 1
    assert f"content/{rel}:1:1: error[{code}]" in result.stdout
    # nothing else is reported: each line comes from its own file
    assert result.stdout.count(":1:1: error[") == sum(_refusal(r) == code for r in GENERATED), result.stdout
    assert not (project / "site").exists()


@pytest.mark.parametrize("site_dir", ["/", ".", "..", "data", "content/reports", ".git", "elsewhere"])
def test_site_dir_that_would_replace_the_repository_is_refused(project: Path, site_dir: str) -> None:
    (project / ".git").mkdir()
    (project / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "elsewhere").mkdir()
    (project / "elsewhere/notes.txt").write_text("不是网站\n", encoding="utf-8")
    before = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    target = site_dir if site_dir.startswith("/") else str(project / site_dir)
    result = run_build_here(project, Path(target))  # refused before anything is read: no new interpreter needed
    assert result.returncode == 1
    assert "生成已停止：输出目录" in result.stdout
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*")) == before


def test_staff_markup_cannot_take_over_the_theme_or_wear_the_sites_verdict(
        staff_edited: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    """<div id="__config"> made the theme read its configuration from the page (requests to another host); an
    element with a class of the site's verdict badge would look like the site's own verdict (the markup: TAKEOVER
    in tests/conftest.py, one build shared with the browser's check of the same page)."""
    _result, site = staff_edited
    page = (site / "about/index.html").read_text(encoding="utf-8")
    assert page.count('id="__config"') == 1 and re.search(r'<script id="__config" type="application/json">', page)
    assert 'id="lookup-q"' not in page and "tp-verdict" not in page.split("<article", 1)[1].split("</article>")[0]
    assert '<p class="note">✔ 白名单</p>' in page and '<h2 id="_9">附</h2>' in page


TOKEN = "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA=="


def _tree(base: Path) -> dict[str, str]:
    """Every entry under base without following links: its kind and bytes (or link target)."""
    seen = {}
    for folder, dirs, files in os.walk(base):
        for name in dirs + files:
            path = Path(folder) / name
            rel = str(path.relative_to(base))
            seen[rel] = ("link:" + os.readlink(path) if path.is_symlink() else
                         "dir" if path.is_dir() else path.read_bytes().hex())
    return seen


@pytest.mark.parametrize("rel", ["content/x.txt", "site_overrides/assets/x.txt", "content/folder", "mkdocs.yml"])
def test_a_committed_link_to_the_git_config_stops_the_build(project: Path, rel: str) -> None:
    (project / ".git").mkdir()
    (project / ".git/config").write_text(f"[http]\n\textraheader = {TOKEN}\n", encoding="utf-8")
    link = project / rel
    if rel == "mkdocs.yml":
        link.unlink()
    link.symlink_to(os.path.relpath(project / ".git" / ("" if rel.endswith("folder") else "config"), link.parent))
    result = run_build(project, project / "site")
    assert result.returncode == 1
    assert f"{rel}:1:1: error[unsafe-file] {rel}: {rel} 是符号链接" in result.stdout
    assert not (project / "site").exists() and TOKEN not in result.stdout + result.stderr


@pytest.mark.parametrize("site_dir", ["mkdocs.yml", "data/site.yml", "site_overrides/main.html", "linked",
                                      "linked/site", "site_overrides", "site_overrides/new"])
def test_a_site_dir_over_a_file_or_through_a_link_is_refused(project: Path, tmp_path: Path, site_dir: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "linked").symlink_to(elsewhere)
    before = _tree(tmp_path)
    result = run_build_here(project, project / site_dir)  # refused before anything is read
    assert (result.returncode, result.stdout.startswith("生成已停止：输出目录")) == (1, True), result.stdout
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("setting", [
    "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [\".\"]\n",
    "hooks:\n  - hook.py\n",
    "plugins:\n  - search\n",
    "INHERIT: ../other.yml\n",
])
def test_a_configuration_that_reads_other_files_or_runs_code_stops_the_build(project: Path, setting: str) -> None:
    """pymdownx.snippets pulled .git/config into a page; hooks and plugins run code the bureau never reviewed."""
    (project / ".git").mkdir()
    (project / ".git/config").write_text(f"[http]\n\textraheader = {TOKEN}\n", encoding="utf-8")
    (project / "hook.py").write_text("raise SystemExit('ran')\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = (text.replace("markdown_extensions:\n", "markdown_extensions_was:\n") if "markdown_extensions" in setting
            else text.replace("plugins: []\n", "") if "plugins" in setting else text)
    config.write_text(text + setting, encoding="utf-8")
    about = project / "content/about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n--8<-- ".git/config"\n', encoding="utf-8")
    line = text.count("\n") + 1 + (1 if "snippets" in setting or "hooks" in setting or "plugins" in setting else 0)
    result = run_build(project, project / "site")
    assert result.returncode == 1 and not (project / "site").exists()
    assert f"mkdocs.yml:{line}:" in result.stdout and "error[unsafe-config]" in result.stdout, result.stdout
    assert TOKEN not in result.stdout + result.stderr and "ran" not in result.stderr
