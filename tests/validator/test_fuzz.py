"""Any input, however broken, ends in problem lines, never a traceback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator.helpers import copy_lean, copy_sample, found

from generator.datasets import DATASETS, REGISTRY
from generator.problems import render
from generator.validate import validate

#: Every file of the registry (a new dataset is fuzzed like the first ones), the site settings and a report.
DATA_FILES = ["data/site.yml", *(ds.path for ds in DATASETS), "content/reports/2021.md"]
ALL_FILES = [*DATA_FILES, "content/about.md"]
# What breaks structure in CSV, YAML and front matter, plus values that once crashed a check.
TOKENS = [",", '"', ":", ": ", "- ", "\n", "\r", "\t", "[", "]", "{", "}", "&a ", "*a", "---\n", "'", "#", "|", "? ",
          "!!str ", "\x00", "\ufeff", "\u2028", "9999-12-31", "0001-01-01", "sNaN", "-1", "00000000000000000X", "  "]
FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
#: Random bytes in any file of one kind stop in the same reader (the encoding, then the header or the YAML): every
#: file gets them, fewer times each; `FUZZ_EXAMPLES=2000` (below) raises this too.
RANDOM = settings(FAST, max_examples=max(8, int(os.environ.get("FUZZ_EXAMPLES", "15")) // 2))


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the sample for a whole module; every example restores the file it broke."""
    yield copy_sample(tmp_path_factory.mktemp("fuzz") / "repo")


def _check(root: Path, must_complain: bool) -> None:
    outcome = validate(root)  # must not raise
    if must_complain:
        assert outcome.problems
    for p in outcome.problems:
        assert (p.code in REGISTRY.codes and p.line >= 1 and p.col >= 1
                and (root / p.path).resolve().is_relative_to(root))
    for fmt in ("text", "github", "json"):
        render(outcome.problems, fmt, outcome.files)


def _with(root: Path, rel: str, content: bytes, must_complain: bool) -> None:
    path = root / rel
    original = path.read_bytes()
    try:
        path.write_bytes(content)
        _check(root, must_complain)
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("rel", ALL_FILES)
@RANDOM
@given(junk=st.binary(max_size=600))
def test_random_bytes(shared: Path, rel: str, junk: bytes) -> None:
    _with(shared, rel, junk, must_complain=rel in DATA_FILES)


@pytest.mark.parametrize("rel", ALL_FILES)
@FAST
@given(data=st.data())
def test_garbled_text(shared: Path, rel: str, data: st.DataObject) -> None:
    text = (shared / rel).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 40))
        insert = data.draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)))
        text = text[:at] + insert + text[at + cut:]
    _with(shared, rel, text.encode("utf-8", "surrogatepass"), must_complain=False)


@pytest.mark.parametrize("rel", ALL_FILES)
@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf", bytes(range(256)) * 4, "中文".encode("utf-16")])
def test_empty_and_binary_files(root: Path, rel: str, content: bytes) -> None:
    (root / rel).write_bytes(content)
    _check(root, must_complain=rel in DATA_FILES)


@pytest.mark.parametrize("rel", ALL_FILES)
def test_directory_where_a_file_should_be(root: Path, rel: str) -> None:
    (root / rel).unlink()
    (root / rel).mkdir()
    (root / rel / "inside.txt").write_text("x\n", encoding="utf-8")
    _check(root, must_complain=rel.startswith("data/"))


@pytest.mark.parametrize("rel", ["data", "content", "content/reports"])
def test_file_where_a_directory_should_be(root: Path, rel: str) -> None:
    shutil.rmtree(root / rel)
    (root / rel).write_text("这里应该是一个文件夹\n", encoding="utf-8")
    _check(root, must_complain=rel == "data")


def test_empty_root(tmp_path: Path) -> None:
    _check(tmp_path, must_complain=True)


def test_symlinks_dangling_and_looping_are_refused_without_looping(root: Path) -> None:
    (root / "data/dangling.csv").symlink_to(root / "nowhere.csv")
    (root / "content/loop").symlink_to(root / "content")
    assert found(root) == [("content/loop", 1, 1, "unsafe-file"), ("data/dangling.csv", 1, 1, "unsafe-file")]


@pytest.mark.parametrize(("rel", "text"), [
    ("data/site.yml", "- bureau\n- site\n"),
    ("data/site.yml", "bureau: [汾川县]\nsite: 网站\npolicy: 3\n"),
    ("data/enforcement_matters.yaml", "matters:\n  code: x\n"),
    ("data/enforcement_matters.yaml", "matters:\n  - [a, b]\n  - code: x\n    basis: 1\n  - {}\n"),
    ("data/enforcement_matters.yaml", "matters: &m\n  - code: x\nagain: *m\n"),
    ("data/enforcement_matters.yaml", "matters:\n" + "  - " * 80 + "x\n"),
    ("content/reports/2021.md", "---\n- year\n- 2021\n---\n"),
    ("content/reports/2021.md", "---\nyear: &y 2021\ntitle: *y\n---\n"),
    ("content/reports/2021.md", "---\n---\n"),
    ("content/reports/2021.md", "---\nyear: 2021\n"),
    ("content/reports/2021.md", "---\nfigures:\n  penalties: {a: [1, {b: 2}]}\n---\n"),
])
def test_wrong_shapes_anchors_and_nesting(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")
    _check(root, must_complain=True)


# --- hostile values and injected faults (issue 10) ------------------------------------------------------------

import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

#: `FUZZ_EXAMPLES=2000 pytest tests/validator/test_fuzz.py` for the long run; the suite runs a short seeded one.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
SEEDED = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
HOSTILE = ["<script>alert(1)</script>", "\u202e", "\u2066", "\u2028", "\x1b[31m", "\x7f", "9" * 5000, "[" * 3000,
           "\n".join("  " * i + "- x" for i in range(200)), "javascript:alert(1)", '" onmouseover="alert(1)',
           "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "![x](https://evil.example/x.png)",
           "</article><script>alert(1)</script>", "２０２１－０３－０５", "10002-01-01", "9999-12-31", "{{ 7*7 }}",
           "{% raw %}", "../../etc/passwd", "fc-" + "1" * 300, "<iframe src=//evil.example>", "&#106;avascript:x"]
#: What was tried, for the closing figures (written to $FUZZ_REPORT when set).
TRIED = {"inputs": 0, "hostile": 0, "faults": 0}


@pytest.fixture(scope="module", autouse=True)
def _figures() -> Iterator[None]:
    yield
    if os.environ.get("FUZZ_REPORT"):
        with open(os.environ["FUZZ_REPORT"], "a", encoding="utf-8") as out:
            out.write(f"{TRIED}\n")


@pytest.mark.parametrize("rel", ALL_FILES)
@SEEDED
@given(data=st.data())
def test_hostile_values_anywhere(shared: Path, rel: str, data: st.DataObject) -> None:
    text = (shared / rel).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(HOSTILE)) + text[at:]
        TRIED["hostile"] += 1
    TRIED["inputs"] += 1
    _with(shared, rel, text.encode("utf-8", "surrogatepass"), must_complain=False)


@pytest.mark.parametrize("rel", ALL_FILES)
@SEEDED
@given(data=st.data())
def test_byte_flips_and_truncation(shared: Path, rel: str, data: st.DataObject) -> None:
    raw = bytearray((shared / rel).read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] ^= data.draw(st.integers(1, 255))
        TRIED["faults"] += 1
    if data.draw(st.booleans()):
        raw = raw[:data.draw(st.integers(0, len(raw)))]
        TRIED["faults"] += 1
    TRIED["inputs"] += 1
    _with(shared, rel, bytes(raw), must_complain=False)


PROJECT = Path(__file__).resolve().parents[2]
BUILD_EXAMPLES = max(2, EXAMPLES // 8)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//|^\\\\")


class _Active(HTMLParser):
    """What in a page could run script or fetch from elsewhere (hostile text shown as text is fine)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        if tag in {"iframe", "object", "embed", "frame"}:
            self.found.append(tag)
        for name, value in attrs:
            url = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or url.startswith(("javascript:", "vbscript:", "data:text")):
                self.found.append(f"{tag} {name}={value}")
            if name == "src" and _SCHEME.match(url):
                self.found.append(f"{tag} src={value}")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.found.append(f"script {data[:60]}")


def active_content(html: str) -> list[str]:
    parser = _Active()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("fuzzbuild") / "repo")
    for name in ("mkdocs.yml", "site_overrides"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    return root


@pytest.mark.parametrize("rel", ["content/about.md", "content/reports/2021.md", "data/institutions.csv"])
@settings(max_examples=BUILD_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_build_never_publishes_a_script(project_copy: Path, rel: str, data: st.DataObject) -> None:
    path = project_copy / rel
    original = path.read_bytes()
    text = original.decode("utf-8")
    lines = text.split("\n")
    at = data.draw(st.integers(6 if rel.endswith(".md") else 1, len(lines) - 2))
    value = data.draw(st.sampled_from(HOSTILE))
    lines[at] = lines[at][:data.draw(st.integers(0, len(lines[at])))] + value + lines[at]
    TRIED["inputs"] += 1
    TRIED["hostile"] += 1
    site = project_copy / "site"
    try:
        path.write_text("\n".join(lines), encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(project_copy), "--site-dir",
                               str(site), "--today", "2026-11-27"], capture_output=True, text=True, cwd=PROJECT)
        assert "Traceback" not in proc.stdout + proc.stderr and "internal-error" not in proc.stderr
        if proc.returncode == 0:
            for page in site.rglob("*.html"):
                assert active_content(page.read_text(encoding="utf-8")) == [], page
    finally:
        path.write_bytes(original)
        shutil.rmtree(site, ignore_errors=True)


def test_the_page_check_sees_script() -> None:
    """The build fuzz's detector itself: hostile markup is found, hostile text shown as text is not."""
    assert active_content('<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</p>') == []
    assert active_content('<img src="https://evil.example/x.png">') == ["img src=https://evil.example/x.png"]
    assert active_content('<a href=" java\tscript:x">') and active_content("<script>alert(1)</script>")
    assert active_content('<b onclick="x">') == ['b onclick=x']


# --- the staff commands' output paths (issue 17) -----------------------------------------------------------------

import contextlib  # noqa: E402
import io  # noqa: E402

from staff.places import git_init, snapshot  # noqa: E402
from staff.sheets import xlsx  # noqa: E402
from staff.test_import import PENALTY_HEADER, penalty  # noqa: E402

from generator.cli import main  # noqa: E402

#: A command and the arguments around its output path (OUT) — every command that writes where it is told to.
COMMANDS = {
    "template": ["template", "penalties", "--out", "OUT"],
    "export": ["export", "credit-platform", "--out", "OUT", "--today", "2026-11-27"],
    "posters": ["posters", "--out", "OUT", "--today", "2026-11-27"],
    "build": ["build", "--site-dir", "OUT", "--today", "2026-11-27"],
    "synth": ["synth", "--scale", "50", "--out", "OUT"],
}


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A work tree holding the data repository, and around it: links to a data file, to data/, outside and to
    nothing, a pipe, files of other kinds."""
    base = tmp_path_factory.mktemp("places")
    root = git_init(copy_sample(base / "repo"))
    for name in ("mkdocs.yml", "site_overrides"):
        (shutil.copytree if (PROJECT / name).is_dir() else shutil.copy2)(PROJECT / name, root / name)
    (base / "outside").mkdir()
    (base / "outside/file.txt").write_text("外面的文件\n", encoding="utf-8")
    (root / "notes.xlsx").write_text("decision_no\n", encoding="utf-8")  # a CSV saved under a workbook's name
    (root / "link-data").symlink_to("data")
    (root / "link-file.xlsx").symlink_to("data/penalties.csv")
    (base / "to-outside").symlink_to("outside")
    (base / "dangling").symlink_to("nowhere")
    os.mkfifo(base / "pipe")
    os.mkfifo(base / "pipe.xlsx")
    return base


LINKS = ["repo/link-data", "repo/link-file.xlsx", "to-outside", "dangling"]
NOT_FOLDERS = ["repo/mkdocs.yml", "repo/data/penalties.csv", "repo/notes.xlsx", "pipe", "pipe.xlsx",
               "outside/file.txt"]
INSIDE = ["repo", "repo/content", "repo/site_overrides", "repo/data", "repo/.git", "repo/content/reports"]
PARTS = st.lists(st.sampled_from(["x", "报送", ".hidden", "a b", "site"]), max_size=2)


def _variant(data: st.DataObject, command: str) -> str:
    """An output path every command must refuse: through a link at any component, over or below a file of
    another kind, or (the export: full names) anywhere inside the work tree."""
    kinds = ["link", "file", "below-file"] + (["inside"] if command == "export" else [])
    kind = data.draw(st.sampled_from(kinds))
    if kind == "link":
        return "/".join([data.draw(st.sampled_from(LINKS)), *data.draw(PARTS)])
    if kind == "inside":
        return "/".join([data.draw(st.sampled_from(INSIDE)), *data.draw(PARTS)])
    file = data.draw(st.sampled_from([p for p in NOT_FOLDERS if p.endswith(".xlsx")] if command == "template"
                                     and kind == "file" else NOT_FOLDERS))
    if kind == "file" and command == "template":
        return file
    return file if kind == "file" else "/".join([file, *data.draw(PARTS), "x"])


@pytest.mark.parametrize("command", sorted(COMMANDS))
@SEEDED
@given(data=st.data())
def test_any_refused_output_path_leaves_every_byte_as_it_was(places: Path, command: str,
                                                             data: st.DataObject) -> None:
    rel = _variant(data, command)
    out = str(places / rel) + ("/x.xlsx" if command == "template" and not rel.endswith(".xlsx") else "")
    args = [out if a == "OUT" else a for a in COMMANDS[command]]
    if command != "synth":
        args += ["--root", str(places / "repo")]
    before = snapshot(places)
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(args)
    TRIED["inputs"] += 1
    assert code in (1, 2), (rel, said.getvalue())
    assert "Traceback" not in said.getvalue() and "internal-error" not in said.getvalue()
    assert snapshot(places) == before, rel


@SEEDED
@given(link=st.sampled_from(["data", "data/penalties.csv", "data/penalties.csv.import-tmp"]),
       target=st.sampled_from(["../outside/file.txt", "/dev/zero", "nowhere", "."]))
def test_import_never_writes_through_a_link_on_the_way_to_its_data_file(places: Path, tmp_path_factory, link: str,
                                                                         target: str) -> None:
    root = copy_sample(tmp_path_factory.mktemp("import") / "repo")
    place = root / link
    if place.is_dir():
        shutil.rmtree(place)
    elif place.exists():
        place.unlink()
    place.symlink_to(target)
    sheet = xlsx(tmp_path_factory.mktemp("sheet") / "处罚.xlsx", PENALTY_HEADER,
                 [penalty("汾教科罚决字〔2026〕第21号", 1)])
    before = snapshot(root.parent), snapshot(places)
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(["import", str(sheet), "--dataset", "penalties", "--root", str(root)])
    TRIED["inputs"] += 1
    assert code == 1 and "error[unsafe-file]" in said.getvalue(), said.getvalue()
    assert (snapshot(root.parent), snapshot(places)) == before


# --- attachments (issue 17): any damage to any allowed type ends in problem lines ---------------------------------

from validator.documents import rezip, rich_attachments  # noqa: E402

ATTACHMENTS = rich_attachments()


@pytest.fixture(scope="module")
def lean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tree the attachments are damaged in (helpers.copy_lean): an attachment under content/ is read by the privacy
    gate alone, so the sample's other pages and full texts would only be read again for each example."""
    root = copy_lean(tmp_path_factory.mktemp("lean") / "repo")
    assert validate(root).problems == []
    return root


@pytest.mark.parametrize("rel", ATTACHMENTS)
@SEEDED
@given(data=st.data())
def test_damaged_attachments_end_in_problem_lines(lean: Path, rel: str, data: st.DataObject) -> None:
    raw = bytearray(ATTACHMENTS[rel])
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        if data.draw(st.booleans()):
            raw[at] ^= data.draw(st.integers(1, 255))
        else:
            raw[at:at] = data.draw(st.sampled_from([b"\0", b"\xff" * 4, b"<", b"&", b"PK\x03\x04", b"\x00" * 64]))
        TRIED["faults"] += 1
    if data.draw(st.booleans()):
        raw = raw[:data.draw(st.integers(0, len(raw)))]
    TRIED["inputs"] += 1
    _with_new(lean, rel, bytes(raw))


PACKAGES = [rel for rel in ATTACHMENTS if rel.endswith((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".zip"))]


@pytest.mark.parametrize("rel", PACKAGES)
@SEEDED
@given(data=st.data())
def test_damaged_parts_inside_a_package_end_in_problem_lines(lean: Path, rel: str, data: st.DataObject) -> None:
    """The zip stays sound and a part inside is broken: XML cut or garbled, a hostile token put in."""
    with zipfile.ZipFile(io.BytesIO(ATTACHMENTS[rel])) as archive:
        names = archive.namelist()
        name = data.draw(st.sampled_from(names))
        part = bytearray(archive.read(name))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(part)))
        part[at:at + data.draw(st.integers(0, 8))] = data.draw(st.sampled_from(
            [b"", b"<", b"</w:p>", b"&lol;", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\xff\xfe", b"<c r=\"XFD1048576\">",
             b'<c t="s"><v>99999999</v></c>', b"\x00", "中".encode(), b"]]>", b"<?xml version='1.0'?>"]))
    TRIED["inputs"] += 1
    TRIED["faults"] += 1
    _with_new(lean, rel, rezip(ATTACHMENTS[rel], {name: bytes(part)}))


@pytest.mark.parametrize("rel", ATTACHMENTS)
@RANDOM
@given(junk=st.binary(max_size=600))
def test_random_bytes_as_attachments(lean: Path, rel: str, junk: bytes) -> None:
    _with_new(lean, rel, junk)


def _with_new(root: Path, rel: str, content: bytes) -> None:
    """Validate with `rel` (not in the sample) holding `content`: problem lines only, each one on a known code."""
    path = root / rel
    try:
        path.write_bytes(content)
        _check(root, must_complain=False)
    finally:
        path.unlink()


import zipfile  # noqa: E402
