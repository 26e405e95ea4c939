"""The policy documents on the built site: list sections, revision links both ways, full texts, PDF, feed, search."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import quote, unquote
from xml.etree import ElementTree as ET

from sitecheck import ROOT, page, run_build

from generator.render import recordindex

OLD, NEW, PDF = "policies/2021-012/", "policies/2024-005/", "policies/2021-031/"


def test_list_page_shows_in_force_then_revised_then_expired(built_site: Path) -> None:
    text = page(built_site, "policies/").article_text()
    heads = [text.index(h) for h in ("现行有效的文件（8 件）", "已被修订的文件（1 件）", "已失效的文件（2 件）")]
    assert heads == sorted(heads)
    in_force = text[heads[0]:heads[1]]
    assert (in_force.index("汾教科发〔2024〕5号") < in_force.index("汾教科发〔2021〕38号")
            < in_force.index("汾教科发〔2021〕5号"))
    assert "已修订（2024-03-08）" in text[heads[1]:heads[2]] and "已失效（2021-12-31）" in text[heads[2]:]
    assert "失效" in text[:heads[0]] and "供查阅" in text[:heads[0]]  # the intro says why they are kept


def test_list_page_links_every_document_and_the_replacement(built_site: Path) -> None:
    links = [a["href"] for a in page(built_site, "policies/").find("a") if "policies/20" in a.get("href", "")]
    assert len(set(links)) == 11
    revised_row = re.search(r"<tr>.*?汾教科发〔2021〕12号.*?</tr>",
                            (built_site / "policies/index.html").read_text("utf-8"))
    assert revised_row and f'href="../{NEW}"' in revised_row.group()


def test_revised_document_links_its_replacement_and_the_new_one_links_back(built_site: Path) -> None:
    old = page(built_site, OLD)
    assert "本文件已被 《汾川县督学聘任与管理办法》（汾教科发〔2024〕5号） 修订（2024-03-08）" in old.article_text()
    assert {"href": f"../../{NEW}"} in [{"href": a["href"]} for a in old.find("a")]
    new = page(built_site, NEW)
    assert "本文件修订了： 《汾川县督学聘任与管理办法》（汾教科发〔2021〕12号）" in new.article_text()
    assert f"../../{OLD}" in [a["href"] for a in new.find("a")]


def test_status_is_said_in_words(built_site: Path) -> None:
    assert "本文件已失效（2021-12-31）" in page(built_site, "policies/2021-019/").article_text()
    assert "有效 规范性文件 · 公开日期 2024-03-15 · 有效期至 2029-03-31" in page(built_site, NEW).article_text()


def test_markdown_text_is_on_the_page_once_and_not_published_on_its_own(built_site: Path) -> None:
    text = page(built_site, NEW).article_text()
    assert "第六条 督学参与校外培训机构督查" in text
    assert text.count("第六条 督学参与校外培训机构督查") == 1
    html = (built_site / NEW / "index.html").read_text(encoding="utf-8")
    assert "<h1" not in html[html.index('id="text"'):]  # the text's headings sit below 「全文」
    assert not list(built_site.rglob("2024-005.md")) and not (built_site / "policies" / "2024-005.md").exists()


def test_links_in_a_text_lead_to_the_other_document_and_to_its_annex(built_site: Path) -> None:
    """content/policies/2024-005.md links 2021-012.md (the revised text) and an annex beside it: on the site the
    first leads to that document's page, the second to the annex published beside the page, byte for byte."""
    html = (built_site / NEW / "index.html").read_text(encoding="utf-8")
    text = html[html.index('id="text"'):]
    hrefs = re.findall(r'<a href="([^"]+)"', text)
    assert f"../../{OLD}" in hrefs
    annex = "2024-005-附件-督学年度考核评分表.csv"
    assert [h for h in hrefs if h.endswith(".csv")] == [quote(annex)]
    published = built_site / NEW / annex
    assert published.read_bytes() == (ROOT / "content/policies" / annex).read_bytes()
    for href in hrefs:  # every link of the text resolves to a file of the site
        if not re.match(r"[a-z]+:|#", href):  # the footer's tel: and https: links are not the text's
            target = (built_site / NEW / unquote(href.split("#")[0])).resolve()
            assert target.is_file() or (target / "index.html").is_file(), href
    assert not (built_site / "policies" / annex).exists()  # published beside the page that links it, not elsewhere


def test_pdf_text_is_a_working_download(built_site: Path) -> None:
    links = [a["href"] for a in page(built_site, PDF).find("a") if a["href"].endswith(".pdf")]
    assert links == ["2021-031.pdf"]
    assert (built_site / PDF / "2021-031.pdf").read_bytes() == (ROOT / "content/policies/2021-031.pdf").read_bytes()
    assert not (built_site / "policies" / "2021-031.pdf").exists()


def test_feed_has_new_documents_and_status_changes(built_site: Path) -> None:
    """The feed keeps the newest 100 entries of every kind: the 2024 and 2026 ones are among them."""
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {e.findtext(f"{atom}title"): (e.findtext(f"{atom}updated"), e.find(f"{atom}link").get("href"))
               for e in ET.parse(built_site / "feed.xml").getroot().iter(f"{atom}entry")}
    assert entries["规范性文件：汾川县督学聘任与管理办法"] == ("2024-03-15T00:00:00+08:00", f"https://jkj.fenchuan.gov.cn/{NEW}")
    assert entries["规范性文件已修订：汾川县督学聘任与管理办法"] == ("2024-03-08T00:00:00+08:00",
                                                            f"https://jkj.fenchuan.gov.cn/{OLD}")
    assert entries["规范性文件失效：汾川县中小学法治副校长配备管理办法"][0] == "2026-09-30T00:00:00+08:00"


def test_search_finds_a_document_by_number_and_by_part_of_its_title(built_site: Path) -> None:
    assert recordindex.search(built_site, "汾教科发〔2021〕12号", "policies")[0] == OLD
    assert set(recordindex.search(built_site, "督学聘任", "policies")) == {OLD, NEW}
    assert recordindex.search(built_site, "谁执法谁普法")[0] == PDF


def test_download_writes_the_issuer_out(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "data/policies.csv").read_text(encoding="utf-8-sig"))))
    assert {r["issuer"] for r in rows} == {"汾川县教育科技局", "汾川县教育科技局、汾川县司法局"}
    assert [r["doc_no"] for r in rows if r["status"] == "已修订"] == ["汾教科发〔2021〕12号"]


def test_home_page_has_a_card_and_navigation_a_tab(built_site: Path) -> None:
    home = page(built_site, "")
    assert "规范性文件和政策文件" in home.article_text()
    assert "policies/" in [a["href"] for a in home.find("a")]


HOSTILE_TITLE = "<script>alert(1)</script>|课后服务|管理办法"
HOSTILE_TEXT = """

<script>alert(2)</script> <a href="javascript:alert(3)">链</a> [md](javascript:alert(4)) <b onclick="alert(5)">粗</b>
</article><script>alert(6)</script><article>

| 甲 | 乙 |
|---|---|
| 1 | 2 |
"""


def test_hostile_title_and_text_are_shown_as_text(project: Path) -> None:
    path = project / "data/policies.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "汾教科发〔2024〕5号,汾川县督学聘任与管理办法", f'汾教科发〔2024〕5号,"{HOSTILE_TITLE}"'), encoding="utf-8")
    text = project / "content/policies/2024-005.md"
    text.write_text(text.read_text(encoding="utf-8") + HOSTILE_TEXT, encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content/policies/2024-005.md" in result.stderr and "unsafe-markup" in result.stderr
    for url in ("policies/", NEW, OLD):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;|课后服务|管理办法" in html, url
        assert not re.search(r"<script>alert|javascript:|onclick|alert\([2-6]\)", html), url
        assert HOSTILE_TITLE in page(site, url).text
    html = (site / NEW / "index.html").read_text(encoding="utf-8")
    assert "粗" in html and '<div class="tp-scroll"><table data-cards>' in html  # text kept, the table in its box
    assert '<td><span class="tp-label" data-pagefind-ignore>乙：</span>2</td>' in html  # a card on a phone
    assert "<title>&lt;script&gt;" in html or "<title>＜script＞" in html


def test_a_link_to_a_document_not_yet_public_publishes_nothing_early(project: Path) -> None:
    """A public text that links another document's PDF text must not publish that PDF before its own day."""
    rows = project / "data/policies.csv"
    lines = rows.read_text(encoding="utf-8").splitlines()
    lines[8] = re.sub(r",\d{4}-\d{2}-\d{2}$", ",2026-12-01", lines[8])  # 〔2021〕31号 (its text: 2021-031.pdf)
    rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = project / "content/policies/2024-005.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n另见[责任清单制度通知](2021-031.pdf)。\n", encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(site.rglob("2021-031.pdf"))
    body = page(site, NEW)
    assert "另见 责任清单制度通知 。" in body.article_text()  # the words stay, without a link
    assert not [a for a in body.find("a") if "2021-031" in a.get("href", "")]
    later = project / "later"
    assert run_build(project, later, "2026-12-02").returncode == 0
    assert "../../policies/2021-031/" in [a.get("href") for a in page(later, NEW).find("a")]
    assert [p.relative_to(later).as_posix() for p in later.rglob("2021-031.pdf")] == ["policies/2021-031/2021-031.pdf"]
