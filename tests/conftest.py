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
#: own kind. Appended to content/about.md of the `taken_over` site.
TAKEOVER = ('\n\n<div id="__config">{"base": "https://evil.example/", "features": [], '
            '"search": "https://evil.example/s.js", "translations": {}}</div>\n'
            '<p id="lookup-q" class="tp-verdict tp-verdict-white md-header note">✔ 白名单</p>\n'
            '<p id="lookup-q" class="tp-verdict tp-verdict-white md-header note">✔ 白名单 可以开展校外培训</p>\n'
            '<h2 id="_9">附</h2>\n')


@pytest.fixture(scope="session")
def taken_over(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The sample with TAKEOVER in its about page, built once per run (read it, never change it): what the build
    said, and the site. Read by the static checks of the page and by the browser on a phone."""

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        about = project / "content/about.md"
        about.write_text(about.read_text(encoding="utf-8") + TAKEOVER, encoding="utf-8")
        result = run_build(project, folder / "site")
        (folder / "result.json").write_text(json.dumps([result.args, result.returncode, result.stdout,
                                                        result.stderr]), encoding="utf-8")

    folder = made_once(tmp_path_factory, "taken-over", make)
    args, returncode, stdout, stderr = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    return subprocess.CompletedProcess(args, returncode, stdout, stderr), folder / "site"


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
