"""The last gate: a personal value that reaches the built site by a path no input check knows stops the publish."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from sitecheck import ROOT, run_build

from generator.privacy.output import scan_site
from generator.read.files import Tree
from generator.validate import validate

ID = "110105199003071239"


def _override(project: Path, snippet: str) -> None:
    """A staff edit to the theme override: the template then carries the snippet into every page."""
    main = project / "site_overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", "{% block extrahead %}\n  <meta name=\"contact\" content=\"" + snippet + "\">"),
        encoding="utf-8")


def _at(project: Path, needle: str) -> str:
    """line:col of `needle` in the override, as a staff editor shows it."""
    text = (project / "site_overrides/main.html").read_text(encoding="utf-8")
    offset = text.index(needle)
    return f"{text.count(chr(10), 0, offset) + 1}:{offset - text.rfind(chr(10), 0, offset)}"


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "published-personal-data" in line]


def test_a_mobile_in_a_template_is_refused_before_the_build_and_the_site_stays_as_it_was(project: Path,
                                                                                         tmp_path: Path) -> None:
    """Templates are staff-written text: the input gate reads them like data, so the publish stops early."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("旧网站\n", encoding="utf-8")
    _override(project, "值班 138-<b>0013</b>-8000")
    result = run_build(project, site)
    assert result.returncode == 1
    assert f"site_overrides/main.html:{_at(project, '138-')}: error[phone-number]" in result.stdout
    assert [p.name for p in site.iterdir()] == ["index.html"] and (site / "index.html").read_text("utf-8") == "旧网站\n"
    assert not list(tmp_path.glob(".site-build-*"))  # the work folder is cleaned


def test_a_masked_partys_full_name_in_a_template_names_the_record(project: Path, tmp_path: Path) -> None:
    _override(project, "感谢 吕 文·静 配合")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1 and not (tmp_path / "site").exists()
    line = next(line for line in result.stdout.splitlines() if "person-name-in-text" in line)
    assert line.startswith(f"site_overrides/main.html:{_at(project, '吕 文')}: error[person-name-in-text]")
    assert "data/penalties.csv 第 16 行" in line


def test_the_gate_stops_a_publish_whatever_put_the_value_in_a_page(built_site: Path, tmp_path: Path) -> None:
    """The last gate knows nothing of how a value got into the output (a template of the program itself, a field
    nobody thought of): it reads every page as a reader sees it, markup and spacing see-through."""
    tree = tmp_path / "site"
    shutil.copytree(built_site, tree)
    page = tree / "about/index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", "<p>值班 138<b>0013</b>&nbsp;8000，"
                                               "联系 吕<i>文</i>•静</p></article>", 1),
                    encoding="utf-8")
    found = [(p.path, p.message.split("，网站未更新")[0])
             for p in scan_site(tree, Tree.take(ROOT), validate(ROOT).catalog, "site")]
    assert found == [("site/about/index.html", "生成的网站文件中有手机号码 138******00"),
                     ("site/about/index.html", "生成的网站文件中有自然人当事人的全名（吕**）")]


def test_the_sample_site_passes_the_gate(built_site: Path) -> None:
    assert scan_site(built_site, Tree.take(ROOT), validate(ROOT).catalog, "site") == []


def test_a_compressed_copy_is_read_as_its_original(built_site: Path, tmp_path: Path) -> None:
    """The .gz beside each text asset (for gzip_static) is read when its original is: the site's own script's is, the
    theme's stylesheet's is not (its numbers are no phone numbers, and the theme is no staff's)."""
    tree = tmp_path / "site"
    shutil.copytree(built_site, tree)
    script = tree / "assets/javascripts/page.js.gz"
    script.write_bytes(gzip.compress(gzip.decompress(script.read_bytes()) + f"// {ID}\n".encode(), mtime=0))
    assert list((tree / "assets/stylesheets").glob("main.*.css.gz"))
    found = [(p.path, p.code) for p in scan_site(tree, Tree.take(ROOT), validate(ROOT).catalog, "site")]
    assert found == [("site/assets/javascripts/page.js.gz", "published-personal-data")]


def test_a_compressed_copy_of_the_very_same_bytes_is_reported_once_at_its_original(built_site: Path,
                                                                                    tmp_path: Path) -> None:
    """A .gz holding byte for byte the file beside it (sitemap.xml.gz, gzip_static copies) says nothing its original
    does not: the hit is reported at the original, once; a .gz that differs by one byte is read on its own."""
    tree = tmp_path / "site"
    shutil.copytree(built_site, tree)
    page = tree / "about/index.html"
    page.write_bytes(page.read_bytes().replace(b"</article>", f"<p>{ID}</p></article>".encode(), 1))
    same = tree / "about/index.html.gz"
    same.write_bytes(gzip.compress(page.read_bytes(), mtime=0))
    other = tree / "guide/index.html"
    (tree / "guide/index.html.gz").write_bytes(gzip.compress(other.read_bytes() + f"<p>{ID}</p>".encode()))

    def found() -> list[tuple[str, str]]:
        return [(p.path, p.code) for p in scan_site(tree, Tree.take(ROOT), validate(ROOT).catalog, "site")]

    assert found() == [("site/about/index.html", "published-personal-data"),
                       ("site/guide/index.html.gz", "published-personal-data")]
    page.write_bytes(page.read_bytes().replace(b"<html", b"<HTML", 1))  # one byte differs, the size is the same
    assert found() == [("site/about/index.html", "published-personal-data"),
                       ("site/about/index.html.gz", "published-personal-data"),
                       ("site/guide/index.html.gz", "published-personal-data")]


def test_search_fragments_and_record_index_are_read(built_site: Path, tmp_path: Path) -> None:
    tree = tmp_path / "site"
    shutil.copytree(built_site, tree)
    fragment = next((tree / "pagefind/fragment").iterdir())
    text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
    fragment.write_bytes(gzip.compress(text.replace('"content":"', '"content":"吕\u200b文静\u200b', 1).encode()))
    part = next(p for p in sorted((tree / "search-index").rglob("*")) if p.is_file())
    part.write_text(part.read_text("utf-8") + f"\n证件 {ID[:6]} {ID[6:]}\n", encoding="utf-8")
    found = {(p.path, p.code) for p in scan_site(tree, Tree.take(ROOT), validate(ROOT).catalog, "site")}
    assert found == {(f"site/{fragment.relative_to(tree).as_posix()}", "published-personal-data"),
                     (f"site/{part.relative_to(tree).as_posix()}", "published-personal-data")}


def test_a_value_poured_into_a_record_page_is_found_though_its_shell_is_read_once(tmp_path: Path) -> None:
    """Record pages are read as shell + poured parts: a hit in a poured part stops the publish, also when the page
    carries text between the poured body and the shell's tail (read as part of the poured span)."""
    from generator.render.templates import SHELL_BODY

    shell: list[str | None] = ["<html><head><title>", "TPSHELLTITLE",
                               "</title></head><body><p>页脚 0357-5213360</p>\n<main>", SHELL_BODY,
                               "</main></body></html>\n"]
    tree = tmp_path / "site"
    pages = {"clean": "<p>无</p>", "inside": f"<p>证件号 {ID}</p>", "trailing": f"<p>{ID[:9]}"}
    for name, body in pages.items():
        (tree / "institutions" / name).mkdir(parents=True)
        page = "".join({"TPSHELLTITLE": name, SHELL_BODY: body}.get(part, part) for part in shell)
        if name == "trailing":  # the rest of the number after the body, right where the shell goes on
            page = page.replace("</main>", ID[9:] + "</main>")
        (tree / "institutions" / name / "index.html").write_text(page, encoding="utf-8")
    cut = [None if part in ("TPSHELLTITLE", SHELL_BODY) else part for part in shell]  # the placeholders
    found = sorted(p.path for p in scan_site(tree, Tree.take(ROOT), validate(ROOT).catalog, "site", [cut]))
    assert found == ["site/institutions/inside/index.html", "site/institutions/trailing/index.html"]


def test_attachments_in_the_site_are_read_whole(built_site: Path, tmp_path: Path) -> None:
    """Documents and pictures are published as they are: the last gate reads every part of them too."""
    from validator.documents import docx, para, png

    tree = tmp_path / "site"
    shutil.copytree(built_site, tree)
    header = ('<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>'
              f"{ID[:8]}</w:t></w:r><w:r><w:t>{ID[8:]}</w:t></w:r></w:p></w:hdr>")
    (tree / "通知.docx").write_bytes(docx(para("通知"), {"word/header1.xml": header}))
    (tree / "图.png").write_bytes(png([(b"tEXt", "Author\0吕文静".encode())]))
    found = sorted((p.path, p.code, p.message.split("，")[0])
                   for p in scan_site(tree, Tree.take(ROOT), validate(ROOT).catalog, "site"))
    assert found == [("site/图.png", "published-personal-data", "生成的网站文件中（图片的 PNG 文字信息「Author」）"
                                                                "有自然人当事人的全名（吕**）"),
                     ("site/通知.docx", "published-personal-data", "生成的网站文件中（页眉（word/header1.xml）第 1 段）"
                                                                   "有公民身份号码 110*************39")]


def test_one_and_two_reading_processes_find_the_same_in_the_same_order(tmp_path: Path) -> None:
    """The last gate reads a large site with a process per core: what it finds, and the order it says it in, are
    those of one process."""
    from generator.privacy.output import PARALLEL_FROM

    tree = tmp_path / "site"
    for n in range(PARALLEL_FROM + 50):
        folder = tree / "institutions" / f"x-{n:05d}"
        folder.mkdir(parents=True)
        leak = f"<p>证件 {ID[:6]}<b>{ID[6:]}</b></p>" if n % 500 == 7 else "<p>无</p>"
        (folder / "index.html").write_text(f"<html><body><article>{leak}</article></body></html>\n",
                                           encoding="utf-8")
    catalog = validate(ROOT).catalog
    one = scan_site(tree, Tree.take(ROOT), catalog, "site", workers=1)
    two = scan_site(tree, Tree.take(ROOT), catalog, "site", workers=2)
    assert [p.path for p in one] == [f"site/institutions/x-{n:05d}/index.html"
                                     for n in range(7, PARALLEL_FROM + 50, 500)]
    assert two == one
