"""Privacy probe (issue 17): one variant of each class, run against a code tree; one JSON line per variant.

    .venv/bin/python bench/privacy_probe.py .            this checkout
    .venv/bin/python bench/privacy_probe.py ../old-tree  another (e.g. a git worktree of an earlier commit)

Outcome per variant: "refused" (the command stops it with a located problem), "published" (personal data or a
secret reached the built site / output verbatim), "published (hidden)" (the site was built with the value in
it in the hidden form the variant wrote), "lost"/"wrote outside" (files changed where they should not), "hang"
(timeout), "traceback", "crash" (killed), "memory" (MemoryError under the cap).
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CODE = Path(sys.argv[1]).resolve()
PY = sys.executable
ID = "110105201001011232"  # no 11 digits of it read as a mobile on their own
NAME = "吕文静"
TOKEN = "ghs_SECRETTOKEN1234567890"
OUT: list[dict[str, str]] = []


def project(tmp: Path) -> Path:
    root = tmp / "repo"
    for name in ("data", "content", "site_overrides"):
        shutil.copytree(CODE / name, root / name, symlinks=True)
    shutil.copy(CODE / "mkdocs.yml", root / "mkdocs.yml")
    return root


def run(args: list[str], cwd: Path, timeout: int = 120, mem_mb: int = 3000, env: dict | None = None
        ) -> subprocess.CompletedProcess[str] | str:
    def cap() -> None:
        limit = mem_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        return subprocess.run([PY, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, preexec_fn=cap,
                              env={**os.environ, "PYTHONPATH": str(CODE), **(env or {})})
    except subprocess.TimeoutExpired:
        return "hang"


def verdict(result: subprocess.CompletedProcess[str] | str, leaked: bool = False) -> str:
    if isinstance(result, str):
        return result
    text = result.stdout + result.stderr
    if "Traceback" in text or "internal-error" in text:
        return "memory" if "MemoryError" in text else "traceback"
    if result.returncode < 0:
        return "crash"
    if leaked:
        return "published"
    return "refused" if result.returncode != 0 else "passed"


def record(group: str, name: str, outcome: str) -> None:
    OUT.append({"group": group, "variant": name, "outcome": outcome})
    print(json.dumps(OUT[-1], ensure_ascii=False), flush=True)


def build_variant(group: str, name: str, change, needle: str = ID, site_needles=None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        change(root)
        site = Path(tmp) / "site"
        result = run(["build", "--root", str(root), "--site-dir", str(site), "--today", "2026-11-27"], CODE, 300)
        leaked = False
        if site.exists():
            for path in site.rglob("*"):
                if path.is_file():
                    data = path.read_bytes()
                    if any(n.encode() in data for n in (site_needles or [needle])):
                        leaked = True
                        break
        out = verdict(result, leaked)
        if out == "passed" and site.exists():
            out = "published (hidden)"  # built although the value was there in some hidden form
        record(group, name, out)


def append(rel: str, text: str):
    def change(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return change


def put(rel: str, data: bytes):
    def change(root: Path) -> None:
        (root / rel).write_bytes(data)
    return change


def zipped(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')


def docx(body: str, more: dict[str, str | bytes] | None = None) -> bytes:
    return zipped({"[Content_Types].xml": TYPES, "word/document.xml":
                   f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>', **(more or {})})


def xlsx(edit) -> bytes:
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "名单"
    edit(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_part(name: str, xml: str) -> bytes:
    base = xlsx(lambda b, s: None)
    src = zipfile.ZipFile(io.BytesIO(base))
    parts = {n: src.read(n) for n in src.namelist()}
    parts[name] = xml
    return zipped(parts)


def main() -> None:
    md = "content/about.md"
    G = "markup and spacing"
    sup = dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))
    circ = dict(zip("0123456789", "⓪①②③④⑤⑥⑦⑧⑨", strict=True))
    full = dict(zip("0123456789", "０１２３４５６７８９", strict=True))
    spell = lambda table: "".join(table.get(c, c) for c in ID)  # noqa: E731
    for name, text in [("**emphasis**", f"{ID[:6]}**{ID[6:10]}**{ID[10:]}"),
                       ("inline code", f"{ID[:4]}`{ID[4:6]}`{ID[6:]}"),
                       ("link", f"[{ID[:4]}](https://x.example/){ID[4:]}"),
                       ("HTML comment", f"{ID[:6]}<!-- x -->{ID[6:]}"),
                       ("run of spaces", f"{ID[:4]}      {ID[4:14]} {ID[14:]}"),
                       ("&nbsp;", f"{ID[:4]}&nbsp;{ID[4:]}"), ("superscript", spell(sup)),
                       ("circled", spell(circ)),
                       ("full-width + tag", spell(full)[:6] + "<b>" + spell(full)[6:10] + "</b>" + spell(full)[10:])]:
        build_variant(G, f"ID split by {name} in Markdown", append(md, f"\n\n证件：{text}\n"),
                      site_needles=[ID])
    for name, text in [("<b>", "吕<b>文</b>静"), ("•", "吕•文静"), ("‧", "吕‧文静"), ("･", "吕･文静"), ("∙", "吕∙文静"),
                       ("⋅", "吕⋅文静"), ("-", "吕-文静"), ("Kangxi ⽂", "吕\u2f42静")]:
        build_variant(G, f"masked name with {name} in Markdown", append(md, f"\n\n联系人：{text}\n"),
                      site_needles=[NAME, "吕<b>文</b>静", text])

    G = "attachments"
    cases = {
        "docx altChunk": ("content/a.docx",
                          docx("<w:p/>", {"word/afchunk.mht": f"MIME-Version: 1.0\r\n\r\n证件 {ID}"})),
        "docx embedded workbook": ("content/a.docx", docx("<w:p/>", {
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx(lambda b, s: s.__setitem__("B2", f"证件 {ID}"))})),
        "xlsx page header": ("content/a.xlsx", xlsx(lambda b, s: setattr(s.oddHeader.center, "text", f"证件 {ID}"))),
        "xlsx number format": ("content/a.xlsx", xlsx(lambda b, s: (s.__setitem__("B2", 1),
                                                                     setattr(s["B2"], "number_format", f'"{ID}"')))),
        "xlsx validation prompt": ("content/a.xlsx", xlsx(lambda b, s: _validation(s))),
        "xlsx pivot cache": ("content/a.xlsx", xlsx_part("xl/pivotCache/pivotCacheRecords1.xml",
            '<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><r><s '
            f'v="{ID}"/></r></pivotCacheRecords>')),
        "xlsx text box": ("content/a.xlsx", xlsx_part("xl/drawings/drawing1.xml",
            '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:sp><xdr:txBody><a:p><a:r>'
            f'<a:t>证件 {ID}</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:wsDr>')),
        "odt footer": ("content/a.odt", _odt()),
        "PDF metadata": ("content/a.pdf", _pdf(meta=True)),
        "PDF annotation": ("content/a.pdf", _pdf(annotation=True)),
        "JPEG EXIF": ("content/a.jpg", _jpeg()),
        "PNG text chunk": ("content/a.png", _png()),
        "full name in a docx": ("content/a.docx", docx(f"<w:p><w:r><w:t>联系人{NAME[0]}</w:t></w:r><w:r><w:t>{NAME[1:]}"
                                                       "</w:t></w:r></w:p>")),
    }
    for name, (rel, data) in cases.items():
        build_variant(G, name, put(rel, data), needle=ID if "name" not in name else NAME)

    G = "names"
    build_variant(G, "name entered once as a legal representative, then written in a page",
                  lambda root: (_set_legal_rep(root), append(md, f"\n\n联系人：{NAME}\n")(root)), needle=NAME)

    G = "links and theme"
    def git_config_link(root: Path) -> None:
        (root / ".git").mkdir()
        (root / ".git/config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n")
        (root / "content/x.txt").symlink_to("../.git/config")
    build_variant(G, "content/x.txt -> ../.git/config", git_config_link, needle=TOKEN)
    def snippets(root: Path) -> None:
        git_config_link_only(root)
        cfg = root / "mkdocs.yml"
        cfg.write_text(cfg.read_text().replace("  - tables\n", "  - tables\n  - pymdownx.snippets:\n"
                                                               "      base_path: [\".\"]\n"))
        append(md, '\n--8<-- ".git/config"\n')(root)
    build_variant(G, "mkdocs.yml pymdownx.snippets pulls .git/config", snippets, needle=TOKEN)
    build_variant(G, '<div id="__config"> in Markdown',
                  append(md, '\n\n<div id="__config">{"base":"https://evil.example/"}</div>\n'),
                  needle='<div id="__config"')

    G = "write paths"
    paths_probe(G)
    G = "bounded work"
    bounded_probe(G)
    print(json.dumps({"summary": OUT}, ensure_ascii=False))


def git_config_link_only(root: Path) -> None:
    (root / ".git").mkdir(exist_ok=True)
    (root / ".git/config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n")


def _set_legal_rep(root: Path) -> None:
    import csv
    path = root / "data/penalties.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    i = next(n for n, r in enumerate(rows) if r[0] == "汾教科罚决字〔2026〕第11号")
    rows[i][rows[0].index("legal_rep_name")] = NAME
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _validation(sheet) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation
    dv = DataValidation(type="list", formula1='"是,否"', promptTitle="说明", prompt=f"联系人证件 {ID}",
                        showInputMessage=True)
    sheet.add_data_validation(dv)
    dv.add("B2")


def _odt() -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
    return zipped({"mimetype": "application/vnd.oasis.opendocument.text",
                   "content.xml": f"<office:document-content {ns}><office:body><office:text><text:p>正文</text:p>"
                                  "</office:text></office:body></office:document-content>",
                   "styles.xml": f"<office:document-styles {ns}><office:master-styles><style:master-page>"
                                 f"<style:footer><text:p>证件 {ID}</text:p></style:footer></style:master-page>"
                                 "</office:master-styles></office:document-styles>",
                   "META-INF/manifest.xml": '<manifest:manifest '
                                            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'})


def _pdf(meta: bool = False, annotation: bool = False) -> bytes:
    from pypdf import PdfWriter
    from pypdf.annotations import Text
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    from fpdf import FPDF
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=11)
    doc.cell(text="Notice 2026")
    from pypdf import PdfReader
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(doc.output()))))
    if meta:
        writer.add_metadata({"/Author": f"ID {ID}"})
    if annotation:
        writer.add_annotation(0, Text(text=f"ID {ID}", rect=(50, 50, 100, 100)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _jpeg() -> bytes:
    from PIL import Image
    img = Image.new("RGB", (8, 8), "white")
    exif = Image.Exif()
    exif[0x010E] = f"ID {ID}"  # ImageDescription
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _png() -> bytes:
    from PIL import Image, PngImagePlugin
    img = Image.new("RGB", (8, 8), "white")
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"ID {ID}")
    out = io.BytesIO()
    img.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def paths_probe(group: str) -> None:
    def tree(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() and not p.is_symlink() else b"")
                for p in sorted(root.rglob("*")) if ".git" not in p.parts}

    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        before = (root / "data/penalties.csv").read_bytes()
        (root / "模板.xlsx").symlink_to("data/penalties.csv")
        result = run(["template", "penalties", "--out", str(root / "模板.xlsx")], root)
        record(group, "template --out through a link to data/penalties.csv",
               "lost" if (root / "data/penalties.csv").read_bytes() != before else verdict(result))
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        before = (root / "mkdocs.yml").read_bytes()
        result = run(["build", "--root", str(root), "--site-dir", str(root / "mkdocs.yml"), "--today", "2026-11-27"],
                     root, 300)
        intact = (root / "mkdocs.yml").is_file() and (root / "mkdocs.yml").read_bytes() == before
        record(group, "build --site-dir mkdocs.yml", verdict(result) if intact else "lost")
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        outside = Path(tmp) / "outside.csv"
        outside.write_text("keep\n")
        (root / "data/penalties.csv.import-tmp").symlink_to(outside)
        sheet = Path(tmp) / "机构.csv"
        src = (root / "data/institutions.csv").read_text(encoding="utf-8").splitlines()
        new = src[1].split(",")
        new[0] = "fc-9999"
        sheet.write_text(src[0] + "\n" + ",".join(new) + "\n", encoding="utf-8")
        result = run(["import", str(sheet), "--dataset", "institutions", "--root", str(root)], root)
        record(group, "import through a committed *.import-tmp link",
               "wrote outside" if outside.read_text() != "keep\n"
               else verdict(result) if not isinstance(result, str) else result)
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
               "GIT_COMMITTER_EMAIL": "a@b"}
        g = lambda *a, inp=None: subprocess.run(["git", *a], cwd=root, input=inp, capture_output=True, text=True,  # noqa: E731
                                                check=True, env=env).stdout.strip()
        g("init", "-q", "-b", "main")
        g("add", "-A")
        g("commit", "-qm", "a")
        blob = g("hash-object", "-w", "--stdin", inp="written outside\n")
        node = g("mktree", inp=f"100644 blob {blob}\tescaped.txt\n")
        node = g("mktree", inp=f"040000 tree {node}\t..\n")
        node = g("mktree", inp=f"040000 tree {node}\t..\n")
        top = g("ls-tree", "HEAD^{tree}").splitlines()
        data = next(line for line in top if line.endswith("\tdata")).split()[2]
        inside = g("ls-tree", data) + f"\n040000 tree {node}\t..\n"
        new_data = g("mktree", inp=inside)
        new_top = "\n".join(line for line in top if not line.endswith("\tdata")) + f"\n040000 tree {new_data}\tdata\n"
        commit = g("commit-tree", g("mktree", inp=new_top), "-p", "HEAD", "-m", "x")
        box = Path(tmp) / "box"
        (box / "tmp").mkdir(parents=True)
        result = run(["diff", "HEAD", commit, "--root", str(root)], root, env={"TMPDIR": str(box / "tmp")})
        escaped = [p for p in box.rglob("escaped.txt")]
        record(group, "diff of a crafted tree with data/../../ entries",
               "wrote outside" if escaped else verdict(result))
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        result = run(["export", "credit-platform", "--out", str(root / "site_overrides/报送"), "--root", str(root)],
                     root)
        written = list((root / "site_overrides").rglob("*.csv"))
        record(group, "export credit-platform --out inside the work tree (site_overrides/)",
               "wrote outside" if written else verdict(result))
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        import csv
        path = root / "data/penalties.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        rows[1][rows[0].index("violation_facts")] = '=HYPERLINK("https://evil.example","点击")'
        out_ = io.StringIO()
        csv.writer(out_, lineterminator="\n").writerows(rows)
        path.write_text(out_.getvalue(), encoding="utf-8")
        out = Path(tmp) / "out"
        result = run(["export", "credit-platform", "--out", str(out), "--root", str(root), "--today", "2026-11-27"],
                     root)
        formula = False
        from openpyxl import load_workbook
        for book_path in out.glob("*.xlsx"):
            for row in load_workbook(book_path).active.iter_rows():
                formula |= any(c.data_type == "f" for c in row)
        record(group, "violation_facts '=HYPERLINK(...)' in the credit-platform .xlsx",
               "formula in the export" if formula else verdict(result) if not isinstance(result, str) else result)


def bounded_probe(group: str) -> None:
    big = zipped({"[Content_Types].xml": TYPES,
                  "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                                     '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
                  "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                                'relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
                                                'formats.org/officeDocument/2006/relationships/worksheet" '
                                                'Target="worksheets/sheet1.xml"/></Relationships>',
                  "xl/worksheets/sheet1.xml": '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                                              'main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" '
                                              't="inlineStr"><is><t>名称</t></is></c></row><row r="1048576"><c '
                                              'r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'})
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        sheet = Path(tmp) / "机构.xlsx"
        sheet.write_bytes(big)
        record(group, "import of a 5 KB xlsx with a cell at XFD1048576",
               verdict(run(["import", str(sheet), "--dataset", "institutions", "--root", str(root)], root, 120, 4000)))
        (root / "content/big.xlsx").write_bytes(big)
        record(group, "validate with that xlsx under content/ (60 s allowed)",
               verdict(run(["validate", "--root", str(root)], root, 60)))
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            z.writestr("[Content_Types].xml", TYPES)
            z.writestr("word/document.xml", b"<w:document " + W.encode() + b"><w:body><w:p><w:r><w:t>"
                       + b"a" * (600 * 1024 * 1024) + b"</w:t></w:r></w:p></w:body></w:document>")
        (root / "content/bomb.docx").write_bytes(bomb.getvalue())
        record(group, f"zip bomb ({len(bomb.getvalue()) // 1024} KB .docx, 600 MB inside) under 1 GB of memory",
               verdict(run(["validate", "--root", str(root)], root, 120, 1000)))
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        os.mkfifo(root / "data/pipe.csv")
        record(group, "a FIFO named data/pipe.csv", verdict(run(["validate", "--root", str(root)], root, 30)))
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        (root / "content/zero.csv").symlink_to("/dev/zero")
        record(group, "content/zero.csv -> /dev/zero", verdict(run(["validate", "--root", str(root)], root, 30, 2000)))
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp))
        sheet = Path(tmp) / "机构.csv"
        os.mkfifo(sheet)
        record(group, "import of a FIFO named .csv", verdict(run(["import", str(sheet), "--dataset", "institutions",
                                                                  "--root", str(root)], root, 30)))
    with tempfile.TemporaryDirectory() as tmp:
        origin = project(Path(tmp))
        env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
               "GIT_COMMITTER_EMAIL": "a@b"}
        subprocess.run(["git", "init", "-q"], cwd=origin, check=True)
        (origin / "content/old.md").write_text(f"证件 {ID}\n", encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=origin, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", "a"], cwd=origin, check=True, env=env)
        (origin / "content/old.md").unlink()
        subprocess.run(["git", "add", "-A"], cwd=origin, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", "b"], cwd=origin, check=True, env=env)
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
        result = run(["validate", "--history", "--root", str(clone)], clone, 60)
        record(group, "validate --history in a shallow clone (the ID is in the older commit)",
               "says clean" if not isinstance(result, str) and result.returncode == 0 else verdict(result))
    with tempfile.TemporaryDirectory() as tmp:
        origin = project(Path(tmp))
        env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
               "GIT_COMMITTER_EMAIL": "a@b"}
        subprocess.run(["git", "init", "-q"], cwd=origin, check=True)
        line = "公开信息，普通文字，没有号码。\n" * 1000
        with open(origin / "content/备份.txt", "w", encoding="utf-8") as out:
            for _ in range(2400):
                out.write(line)
            out.write(f"末行 {ID}\n")
        subprocess.run(["git", "add", "-A"], cwd=origin, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", "c"], cwd=origin, check=True, env=env)
        result = run(["validate", "--history", "--root", str(origin)], origin, 300, 450)
        found = not isinstance(result, str) and "personal-id-number" in result.stdout
        record(group, "validate --history with a 100 MB blob, 450 MB of memory",
               "refused (ID found)" if found else verdict(result) if verdict(result) != "refused" else "missed")


if __name__ == "__main__":
    main()
