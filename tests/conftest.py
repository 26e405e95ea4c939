"""Shared fixtures: the sample site built once per test run through the real command line, shared by every
test (and every pytest-xdist worker) that only reads it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings
from once import made_once
from sitecheck import ROOT, copy_project, run_build

# No property test is timed: the machines are shared, and hypothesis' default 200 ms deadline per example failed
# tests at random under load (walking 800 days of the holiday calendar). Speed is the benchmark's business.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The sample county built once per test run with `python -m generator build --today 2026-11-27`: what
    the command said, and the site it wrote."""

    def make(folder: Path) -> None:
        result = run_build(ROOT, folder / "site")
        (folder / "result.json").write_text(json.dumps([result.args, result.returncode, result.stdout,
                                                        result.stderr]), encoding="utf-8")

    folder = made_once(tmp_path_factory, "built", make)
    args, returncode, stdout, stderr = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    return subprocess.CompletedProcess(args, returncode, stdout, stderr), folder / "site"


@pytest.fixture(scope="session")
def built_site(sample_build: tuple[subprocess.CompletedProcess[str], Path]) -> Path:
    """The sample county's site, built with `python -m generator build --today 2026-11-27` (read it, never
    change it: every test of the run shares it)."""
    result, site = sample_build
    assert result.returncode == 0, result.stdout + result.stderr
    return site


#: Staff markup that tries to take over the theme: a <div id="__config"> the theme would read its configuration
#: from (asking another host), paragraphs dressed as the site's verdict badge, a heading with an id of the theme's
#: own kind. Appended to content/about.md of the `staff_edited` site.
TAKEOVER = ('\n\n<div id="__config">{"base": "https://evil.example/", "features": [], '
            '"search": "https://evil.example/s.js", "translations": {}}</div>\n'
            '<p id="lookup-q" class="tp-verdict tp-verdict-white md-header note">✔ 白名单</p>\n'
            '<p id="lookup-q" class="tp-verdict tp-verdict-white md-header note">✔ 白名单 可以开展校外培训</p>\n'
            '<h2 id="_9">附</h2>\n')
#: A table staff write in Markdown, appended to content/about.md and content/reports/2025.md of `staff_edited`.
STAFF_TABLE = "\n\n| 项目 | 数量 |\n| --- | ---: |\n| 检查 | 12 次 |\n| 罚款 & 没收 | 3 件 |\n\n"


@pytest.fixture(scope="session")
def staff_edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """A copy of the sample without git history, with staff's edits (TAKEOVER and STAFF_TABLE in the about page,
    STAFF_TABLE in the 2025 report), built once per run: what the build said, and the site. Read it, never
    change it; each reader checks its own edit (their texts differ) or what a copy without history shows."""

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        for rel, added in (("content/about.md", TAKEOVER + STAFF_TABLE), ("content/reports/2025.md", STAFF_TABLE)):
            path = project / rel
            path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
        result = run_build(project, folder / "site")
        (folder / "result.json").write_text(json.dumps([result.args, result.returncode, result.stdout,
                                                        result.stderr]), encoding="utf-8")

    folder = made_once(tmp_path_factory, "staff-edited", make)
    args, returncode, stdout, stderr = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    result = subprocess.CompletedProcess(args, returncode, stdout, stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    return result, folder / "site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private, writable copy of the sample project."""
    return copy_project(tmp_path / "project")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many tests ran in real Chromium, so a run that skipped the browser cannot pass for one that did not."""
    passed = [r for r in terminalreporter.stats.get("passed", []) if "browser" in r.keywords]
    failed = [r for r in terminalreporter.stats.get("failed", []) if "browser" in r.keywords]
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "browser" in r.keywords]
    if passed or failed or skipped:
        terminalreporter.write_line(f"真实浏览器测试（Debian Chromium）：通过 {len(passed)}，失败 {len(failed)}，"
                                    f"跳过 {len(skipped)}")
