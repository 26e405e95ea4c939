"""Shared fixtures: the sample site built once per test session through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import ROOT, copy_project, run_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample county's site, built with `python -m generator build --today 2026-11-27`."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


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
