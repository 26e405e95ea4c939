"""Adding a dataset family is a folder and one line in FAMILIES: a tiny family added to a copy of the project
validates with located errors, builds, and appears on the site, in the downloads, the data package, the guide,
/changes/ and the synthetic county, with no other file of the generator edited."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitecheck import ROOT, TODAY, copy_project

pytestmark = pytest.mark.slow

#: The family, as a newcomer would write it: model, check, foreign key (refs: the unknown-reference check is
#: generated from it), list page with its own template, rows,
#: synthetic rows and its home card, all in generator/datasets/law_bases/ (a made-up family: the registry's real
#: families, 法律顾问 among them, are not it).
FAMILY = '''"""Registry stage: the bureau's 法治教育实践基地 (data/law_bases.csv), a family added by a test."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field

from ...model import Dataset, Publication
from ...problems import WARNING, Code, Problem, reporter, table
from ...render.templates import family_templates, meta, page_md
from ...rules.figures import Figure
from ...schema.types import IsoDate, Record

TEMPLATES = family_templates(Path(__file__).parent / "templates")

CODES = table(Code("base-long-term", WARNING, "实践基地的合作期超过 3 年",
                   "核对合作期；确需长期合作的，到期后重新签订协议并录入新的合作期（这只是提醒）。"))
problem = reporter(CODES)


class Base(Record):
    """本局合作的一个青少年法治教育实践基地。"""

    base: str = Field(title="基地名称")
    """实践基地的全称，例如县青少年法治教育实践基地。"""
    matter_code: str = Field(title="主要服务事项")
    """主要提供法律意见的执法事项编码（enforcement_matters.yaml 中的 code）。"""
    start: IsoDate = Field(title="合作期开始")
    """合作期开始日期，YYYY-MM-DD。"""
    end: IsoDate = Field(title="合作期结束")
    """合作期结束日期，不早于合作期开始。"""


def term_in_order(record: Any, catalog: Any) -> Iterable[Problem]:
    if record.end < record.start:
        yield problem("date-order", record.where("end"), "end",
                      f"合作期结束（{record.end}）早于合作期开始（{record.start}）：请核对两个日期")
    elif (record.end - record.start).days > 3 * 366:
        yield problem("base-long-term", record.where("end"), "end", f"合作期到 {record.end}，超过 3 年")


def rows(view: Any) -> Iterator[dict[str, Any]]:
    return (a.model_dump() for a in view.catalog.records("law_bases"))


def list_page(view: Any) -> str:
    bases = sorted(view.catalog.records("law_bases"), key=lambda a: a.start)
    return page_md("law_bases", meta("法治教育实践基地", title="法治教育实践基地"), env=TEMPLATES, bases=bases,
                   site=view.site)


def describe(view: Any, key: str) -> tuple[str | None, str | None]:
    return key, "law-bases/"


def synth(world: Any) -> list[dict[str, Any]]:
    return [{"base": "汾川县青少年法治教育实践基地", "matter_code": world.tables["enforcement_matters"][0]["code"],
             "start": "2024-01-01", "end": "2026-12-31"}]


BASES = Dataset("law_bases", "法治教育实践基地", "data/law_bases.csv", Base, "base", label_field="base",
                checks=(term_in_order,), refs={"matter_code": "enforcement_matters"}, optional=True, synth=synth,
                description="本局合作的青少年法治教育实践基地及其合作期。")
DATASETS = (BASES,)
FIGURES = (Figure("law_bases", "合作的法治教育实践基地", lambda catalog, year: Decimal(sum(
    a.start <= date(year, 12, 31) <= a.end for a in catalog.records("law_bases"))), "家", "law_bases",
    means="{y}年12月31日在合作期内的法治教育实践基地。", place=90),)
PUBLICATIONS = (Publication("law_bases", rows, describe, page="law-bases/", unit="家",
                            duty="法治宣传教育 · 实践基地", card=99, nav="实践基地", list_page=list_page),)
'''

TEMPLATE = '''{% extends "pages/_base.md.j2" %}
{% block body %}
<h1>法治教育实践基地</h1>
<table class="tp-table">
<thead><tr><th scope="col">基地名称</th><th scope="col">合作期</th></tr></thead>
<tbody>
{% for a in bases %}
<tr><td>{{ a.base }}</td><td>{{ a.start }} 至 {{ a.end }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endblock %}
'''

ROWS = "base,matter_code,start,end\n{base},{code},2024-01-01,{end}\n"


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the generator with the family's folder and one more line in FAMILIES, and of the sample data."""
    base = tmp_path_factory.mktemp("new-family")
    shutil.copytree(ROOT / "generator", base / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    folder = base / "generator" / "datasets" / "law_bases"
    (folder / "templates" / "pages").mkdir(parents=True)
    (folder / "__init__.py").write_text(FAMILY, encoding="utf-8")
    (folder / "templates" / "pages" / "law_bases.md.j2").write_text(TEMPLATE, encoding="utf-8")
    registry = base / "generator" / "datasets" / "__init__.py"
    text = registry.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("FAMILIES = ("))
    text = text.replace(line, line.replace(")", ", law_bases)"))
    text = text.replace("from . import decisions,", "from . import law_bases\nfrom . import decisions,")
    registry.write_text(text, encoding="utf-8")
    return base


def _run(house: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(house)}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=house,
                          env=env, timeout=600)


def _project(tmp_path: Path, base: str = "汾川县青少年法治教育实践基地", code: str | None = None,
             end: str = "2026-12-31") -> Path:
    root = copy_project(tmp_path / "project")
    matters = (root / "data" / "enforcement_matters.yaml").read_text(encoding="utf-8")
    first = code or next(line.split(":", 1)[1].strip().strip('"') for line in matters.splitlines()
                         if line.strip().startswith("- code:") or line.strip().startswith("code:"))
    (root / "data" / "law_bases.csv").write_text(ROWS.format(base=base, code=first, end=end), encoding="utf-8")
    return root


def test_the_house_copy_knows_the_family_and_the_real_one_does_not(house: Path) -> None:
    listed = _run(house, "import", "--help")
    assert "law_bases" in listed.stdout, listed.stdout + listed.stderr
    assert "law_bases" not in subprocess.run([sys.executable, "-m", "generator", "import", "--help"],
                                                   capture_output=True, text=True, cwd=ROOT).stdout


def test_its_check_and_its_foreign_key_give_located_errors(house: Path, tmp_path: Path) -> None:
    """Line 2, columns 2 and 4 of the CSV (the cells of matter_code and end), in Chinese, with what to do."""
    root = _project(tmp_path, code="NO-SUCH-CODE", end="2023-12-31")
    result = _run(house, "validate", "--root", str(root))
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("data/law_bases.csv")]
    assert lines == [
        "data/law_bases.csv:2:2: error[unknown-reference] matter_code: 主要服务事项「NO-SUCH-CODE」在 "
        "enforcement_matters.yaml 中不存在：请先在行政执法事项清单（data/enforcement_matters.yaml）中录入它，"
        "或核对主要服务事项",
        "data/law_bases.csv:2:4: error[date-order] end: "
        "合作期结束（2023-12-31）早于合作期开始（2024-01-01）：请核对两个日期",
    ], result.stdout


@pytest.fixture(scope="module")
def long_term(house: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The sample with one base engaged beyond 3 years (the family's own warning), validated, and built once
    for the tests that read its site: what `validate` said, and the site."""
    tmp_path = tmp_path_factory.mktemp("long_term")
    root = _project(tmp_path, end="2029-12-31")
    checked = _run(house, "validate", "--root", str(root))
    site = tmp_path / "site"
    result = _run(house, "build", "--root", str(root), "--site-dir", str(site), "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr  # a warning does not stop publication
    return checked, site


def test_its_own_problem_code_is_reported_and_explained(long_term: tuple[subprocess.CompletedProcess[str], Path]
                                                         ) -> None:
    result, site = long_term
    assert result.returncode == 0, result.stdout  # a warning does not stop publication
    assert "data/law_bases.csv:2:4: warning[base-long-term] end: 合作期到 2029-12-31，超过 3 年" in result.stdout
    guide = (site / "guide" / "index.html").read_text(encoding="utf-8")
    assert "base-long-term" in guide and "确需长期合作的" in guide


def test_it_builds_and_appears_everywhere_a_family_does(long_term: tuple[subprocess.CompletedProcess[str], Path]
                                                         ) -> None:
    site = long_term[1]
    page = (site / "law-bases" / "index.html").read_text(encoding="utf-8")
    assert "汾川县青少年法治教育实践基地" in page and "2024-01-01 至 2029-12-31" in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="law-bases/"' in home and "法治宣传教育 · 实践基地" in home
    rows = list(csv.DictReader(io.StringIO((site / "data" / "law_bases.csv").read_text(encoding="utf-8-sig"))))
    assert [r["base"] for r in rows] == ["汾川县青少年法治教育实践基地"]
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert "law_bases.csv" in [r["path"] for r in package["resources"]]
    guide = (site / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'id="law-bases"' in guide and "实践基地的全称，例如" in guide
    # its report figure, in the figures' table
    assert "合作的法治教育实践基地" in guide and "在合作期内的法治教育实践基地" in guide


def test_the_synthetic_county_has_its_rows(house: Path, tmp_path: Path) -> None:
    result = _run(house, "synth", "--scale", "30", "--out", str(tmp_path / "county"))
    assert result.returncode == 0, result.stdout + result.stderr
    rows = list(csv.DictReader((tmp_path / "county" / "data" / "law_bases.csv").open(encoding="utf-8")))
    assert [r["base"] for r in rows] == ["汾川县青少年法治教育实践基地"]
    checked = _run(house, "validate", "--root", str(tmp_path / "county"))
    assert checked.returncode == 0, checked.stdout
