"""Real git repositories holding the sample data, edited commit by commit (helpers of the diff tests)."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.datasets.decisions import index as decision_index
from generator.datasets.institutions import index as institution_index
from generator.validate import validate

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE_DIRS = ("data", "content")
#: Git without the user's or the system's configuration (signing, hooks, templates), with fixed identities.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "数据管理员",
    "GIT_AUTHOR_EMAIL": "data@example.gov.cn",
    "GIT_COMMITTER_NAME": "数据管理员",
    "GIT_COMMITTER_EMAIL": "data@example.gov.cn",
}


def copy_sample(dest: Path) -> Path:
    for name in SAMPLE_DIRS:
        shutil.copytree(PROJECT / name, dest / name)
    return dest


@dataclass
class DataRepo:
    """A git repository whose `root` (maybe a subfolder) holds data/ and content/."""

    top: Path
    root: Path
    commits: list[str] = field(default_factory=list)

    def git(self, *args: str) -> str:
        env = {**os.environ, **GIT_ENV}
        return subprocess.run(["git", *args], cwd=self.top, env=env, check=True, capture_output=True,
                              text=True).stdout

    def commit(self, message: str) -> str:
        """Commit everything; commit n is dated 2024-01-0n 10:00 +08:00."""
        stamp = f"2024-01-{len(self.commits) + 1:02d}T10:00:00+08:00"
        self.git("add", "-A")
        env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        command = ["git", "commit", "-q", "--allow-empty", "-m", message]
        subprocess.run(command, cwd=self.top, env=env, check=True)
        self.commits.append(self.git("rev-parse", "HEAD").strip())
        return self.commits[-1]

    def rows(self, rel: str) -> list[dict[str, str]]:
        with open(self.root / rel, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    def write_rows(self, rel: str, rows: list[dict[str, str]]) -> None:
        with open(self.root / rel, encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (self.root / rel).write_text(out.getvalue(), encoding="utf-8")

    def edit(self, rel: str, key: str, value: str, **changes: str) -> dict[str, str]:
        """Change cells of the row whose `key` column is `value`; returns the row as it was."""
        rows = self.rows(rel)
        row = next(r for r in rows if r[key] == value)
        before = dict(row)
        row.update(changes)
        self.write_rows(rel, rows)
        return before


def new_repo(path: Path, subdir: str = "") -> DataRepo:
    path.mkdir(parents=True)
    repo = DataRepo(path, path / subdir if subdir else path)
    repo.git("init", "-q", "-b", "main")
    copy_sample(repo.root)
    return repo


@dataclass
class Scenario:
    """Commit A: the sample. B: a penalty added, fields changed, an institution deleted, an event added.
    C: an institution renamed (with markup in the name), a report's text and the site title edited."""

    repo: DataRepo
    added_penalty: dict[str, str]
    person_penalty: dict[str, str]
    changed_institution: dict[str, str]
    deleted_institution: dict[str, str]
    added_event: dict[str, str]
    new_address: str = "山西省临汾市汾川县测试路1号"
    new_name: str = "汾川县<b>启明</b>|培训*学校"

    @property
    def root(self) -> Path:
        return self.repo.root


ADDED_PERSON = "欧阳娜娜"


def _report_years(root: Path) -> set[int]:
    return {r.year for r in validate(root).catalog.reports}


def edit_b(repo: DataRepo) -> dict[str, dict[str, str]]:
    root = repo.root
    catalog = validate(root).catalog
    covered = _report_years(root)
    # Records in years no annual report covers, so the reports' checked figures stay true.
    person = next(p for p in decision_index.penalties(catalog)
                  if p.party_category == "自然人" and p.decision_date.year not in covered)
    rows = repo.rows("data/penalties.csv")
    source = next(r for r in rows if r["decision_no"] == person.decision_no)
    number = re.sub(r"第\d+号", "第99号", source["decision_no"])
    added = {**source, "decision_no": number, "party_name": ADDED_PERSON}
    repo.write_rows("data/penalties.csv", [*rows, added])
    person_row = repo.edit("data/penalties.csv", "decision_no", person.decision_no, remarks="测试备注")

    first = repo.rows("data/institutions.csv")[0]
    repo.edit("data/institutions.csv", "id", first["id"], address=Scenario.new_address)

    referenced = {e.institution_id for e in institution_index.events(catalog)}
    referenced |= {d.institution_id for d in [*decision_index.penalties(catalog), *decision_index.licenses(catalog)]}
    deleted = next(r for r in repo.rows("data/institutions.csv") if r["id"] not in referenced)
    kept = [r for r in repo.rows("data/institutions.csv") if r["id"] != deleted["id"]]
    repo.write_rows("data/institutions.csv", kept)

    last = max(e.date for e in institution_index.events(catalog))
    day = last if last.year not in covered else date(max(covered) + 1, 12, 31)
    # an institution that may still have a 营转非登记: not closed, and 学科类 (history.SUBJECT_ONLY)
    alive = next(i.id for i in institution_index.institutions(catalog)
                 if not (state := institution_index.state_on(catalog, i.id, date.max)).closed
                 and state.category == "学科类" and i.id != deleted["id"])
    event = {"institution_id": alive, "date": day.isoformat(), "event": "营转非登记", "reason": "",
             "basis_doc_no": "汾教科发〔2099〕1号", "note": "差异测试"}
    repo.write_rows("data/institution_events.csv", [*repo.rows("data/institution_events.csv"), event])
    return {"added_penalty": added, "person_penalty": person_row, "changed_institution": first,
            "deleted_institution": deleted, "added_event": event}


def edit_c(repo: DataRepo, institution_id: str) -> None:
    repo.edit("data/institutions.csv", "id", institution_id, name=Scenario.new_name)
    report = sorted((repo.root / "content/reports").glob("*.md"))[0]
    report.write_text(report.read_text(encoding="utf-8") + "\n本段为差异测试追加的文字。\n", encoding="utf-8")
    site = repo.root / "data/site.yml"
    text = site.read_text(encoding="utf-8")
    title = re.search(r"^  title: (.+)$", text, re.M)
    assert title, "data/site.yml should have site.title on its own line"
    site.write_text(text.replace(title.group(0), f"  title: {title.group(1)}（测试）", 1), encoding="utf-8")
