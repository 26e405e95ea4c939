"""A bureau that does not keep an optional dataset gets no section for it: no tab, home card, list page, download,
feed title or institution-page block that would read as "there were none". Without data/policies.csv,
content/policies/ is ordinary staff content, published as it is (as before policy documents had a dataset)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from once import made_once
from sitecheck import ROOT, copy_project, page, run_build

from generator.datasets import DATASETS, PUBLICATIONS, REGISTRY

#: Every dataset a bureau may not keep yet (a new family's too): the trimmed tree keeps none of them.
OPTIONAL = [ds for ds in DATASETS if ds.optional]
SECTIONS = [p.page for ds in OPTIONAL if (p := PUBLICATIONS.get(ds.name)) and p.page]
TITLES = ("规范性文件", "双随机", "年度检查", "普法", "法治副校长", "音像记录")


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        for ds in OPTIONAL:
            (project / ds.path).unlink()
        # the report's figures counted from those files cannot be checked without them (front matter and placeholders)
        report = project / "content/reports/2021.md"
        gone = [f for f in REGISTRY.figures if f.dataset in {ds.name for ds in OPTIONAL}]
        text = report.read_text(encoding="utf-8")
        for figure in gone:
            text = re.sub(rf"\n *{figure.key}: *\d+", "", text)
            text = text.replace("{{" + figure.label + "}}", "").replace("{{" + figure.key + "}}", "")
        report.write_text(text, encoding="utf-8")
        result = run_build(project, project / "site")
        assert result.returncode == 0, result.stdout + result.stderr

    return made_once(tmp_path_factory, "trimmed", make) / "project" / "site"  # built once per run


def test_no_tab_card_or_list_page_for_a_dataset_not_kept(trimmed: Path) -> None:
    home = page(trimmed, "")
    tabs = [a.get("href", "") for a in home.find("a") if "md-tabs__link" in a.get("class", "")]
    assert tabs and not [t for t in tabs if t.rstrip("/").split("/")[-1] in [s.rstrip("/") for s in SECTIONS]]
    article = home.article_text()
    assert "校外培训机构 73 家" in article
    assert not [t for t in TITLES if t in article.split("公开的数据", 1)[1]]
    # the introduction names the regimes this site serves: not 双随机、一公开 without its results
    assert "“双公示”制度和行政执法公示制度，我们在这里公开校外培训机构、" in article and "双随机" not in article
    for section in SECTIONS:
        if (ROOT / "content" / section).is_dir():  # staff pages there are published as they are: no list page
            assert not (trimmed / section / "index.html").exists(), section
        else:
            assert not (trimmed / section).exists(), section


def test_no_download_or_package_entry_for_a_dataset_not_kept(trimmed: Path) -> None:
    package = json.loads((trimmed / "data/datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    # a resource is named by its dataset, hyphenated (Frictionless names): exactly the datasets every bureau keeps
    assert names == {ds.name.replace("_", "-") for ds in DATASETS if not ds.optional}
    assert not [path for ds in OPTIONAL for path in (trimmed / "data").glob(f"{ds.name}.*")]
    assert not [t for t in TITLES if t in page(trimmed, "data/").article_text()]


def test_feed_and_institution_pages_say_nothing_of_a_dataset_not_kept(trimmed: Path) -> None:
    feed = (trimmed / "feed.xml").read_text(encoding="utf-8")
    subtitle = re.search(r"<subtitle>(.*?)</subtitle>", feed).group(1)  # type: ignore[union-attr]
    assert subtitle == "校外培训机构、行政处罚决定、行政许可决定的最新公开、变动与撤销"
    for folder in (trimmed / "institutions").iterdir():
        if (folder / "index.html").is_file():
            text = page(trimmed, f"institutions/{folder.name}/").article_text()
            assert "双随机抽查" not in text and "年度检查" not in text, folder.name


def test_policy_texts_without_their_dataset_are_ordinary_pages(trimmed: Path) -> None:
    text = page(trimmed, "policies/2024-005/").article_text()
    assert "第六条 督学参与校外培训机构督查" in text
    assert (trimmed / "policies/2024-005-附件-督学年度考核评分表.csv").is_file()
    assert not (trimmed / "policies/index.html").exists()
