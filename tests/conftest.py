"""Shared fixtures: the sample site built once per test run through the real command line, shared by every
test (and every pytest-xdist worker) that only reads it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings
from once import made_once
from sitecheck import HOSTILE_NAME, ROOT, STAFF_TABLE, TAKEOVER, copy_project, kept_files, run_build

# No property test is timed: the machines are shared, and hypothesis' default 200 ms deadline per example failed
# tests at random under load (walking 800 days of the holiday calendar). Speed is the benchmark's business.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The sample county built once per test run with `python -m generator build --today 2026-11-27`: what
    the command said, and the site it wrote. Built with nothing kept from an earlier build (its own new cache folder,
    `sample-kept`): every font cut, PDF, template and first paint is made afresh, and kept there for the second build
    of the same sample (`epoch_site` in tests/site/test_site_build.py), which reads them all back."""

    def make(folder: Path) -> None:
        result = run_build(ROOT, folder / "site", kept=folder / "kept")
        (folder / "kept.json").write_text(json.dumps(kept_files(folder / "kept")), encoding="utf-8")
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


@pytest.fixture(scope="session")
def staff_edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """A copy of the sample without git history, edited as staff might, built once per run: what the build said,
    and the site. Read it, never change it. Its edits touch different places and each reader checks its own (or
    what a copy without history shows): TAKEOVER and STAFF_TABLE in the about page, STAFF_TABLE in the 2025
    report, HOSTILE_NAME as the name of institution fc-0011, and the 2025 annual reviews left out (the 2025
    report cannot count them). One build instead of one per test."""
    from validator.helpers import set_cells

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        for rel, added in (("content/about.md", TAKEOVER + STAFF_TABLE), ("content/reports/2025.md", STAFF_TABLE)):
            path = project / rel
            path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
        set_cells(project, "institutions", "fc-0011", name=HOSTILE_NAME)
        reviews = project / "data/annual_reviews.csv"
        reviews.write_text("".join(line for line in reviews.read_text(encoding="utf-8").splitlines(keepends=True)
                                   if not line.startswith("2025,")), encoding="utf-8")
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
