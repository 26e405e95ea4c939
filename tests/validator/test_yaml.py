"""YAML reading: syntax errors, duplicate keys, every scalar a string, anchors refused, wrong shapes located."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator.helpers import found, replace_text

from generator.datasets.matters import index as matter_index
from generator.validate import validate

SITE = "data/site.yml"
MATTERS = "data/enforcement_matters.yaml"
REPORT = "content/reports/2021.md"
# The first matter, 141099-JY-XK-001, as its lines start (item at line 3, category on line 5).
XK001_OFFICE = "        article: 第十一条\n    office: 民办教育股\n"
FIRST_MATTER = ("  - code: 141099-JY-XK-001\n    name: 实施学前教育、文化教育的民办学校设立审批\n"
                "    category: 行政许可\n")


@pytest.mark.parametrize(("rel", "old", "new", "where"), [
    # a colon inside a plain value
    (SITE, "  title: 汾川县", "  title: 说明: 汾川县", (9, 12)),
    # a tab used for indentation
    (SITE, "  email:", "\temail:", (7, 1)),
    # a key without its colon
    (SITE, "  address: 山西省", "  address 山西省", (6, 3)),
    # a quote never closed (libyaml points at the end of the document)
    (SITE, "  psb: 晋公网安备14109902000001号", '  psb: "晋公网安备14109902000001号', (32, 1)),
    # line numbers in a report's front matter count the opening --- line
    (REPORT, "  banned: 25", "  banned: 2: 5", (9, 12)),
])
def test_syntax_error_is_located(root: Path, rel: str, old: str, new: str, where: tuple[int, int]) -> None:
    replace_text(root, rel, old, new)
    assert found(root) == [(rel, *where, "yaml-syntax")]


def test_syntax_error_message_explains_the_fix(root: Path) -> None:
    replace_text(root, SITE, "  title: 汾川县", "  title: 说明: 汾川县")
    [problem] = validate(root).problems
    assert "引号" in problem.message


def test_second_document_is_refused(root: Path) -> None:
    replace_text(root, SITE, "policy:\n", "---\npolicy:\n")
    assert found(root) == [(SITE, 14, 1, "yaml-syntax")]


def test_duplicate_key_points_at_the_second_key(root: Path) -> None:
    email = "  email: jkjbgs@fenchuan.gov.cn\n"
    replace_text(root, SITE, email, email + "  phone: 0357-5213399\n")
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (SITE, 8, 3, "yaml-duplicate-key")
    assert problem.field == "bureau.phone"
    assert "第 6 行" in problem.message


def test_duplicate_key_inside_a_list_item(root: Path) -> None:
    replace_text(root, MATTERS, FIRST_MATTER, FIRST_MATTER + "    category: 行政处罚\n")
    assert found(root) == [(MATTERS, 6, 5, "yaml-duplicate-key")]


def test_duplicate_key_in_report_front_matter(root: Path) -> None:
    replace_text(root, REPORT, "  officers: 7\n", "  officers: 7\n  penalties: 7\n")
    assert found(root) == [(REPORT, 19, 3, "yaml-duplicate-key")]


# --- no YAML 1.1 coercion: every scalar is read as a string, then typed by the schema ------------------


def test_leading_zero_stays_text(root: Path) -> None:
    replace_text(root, SITE, 'region_code: "141099"', "region_code: 014109")
    replace_text(root, SITE, 'site_code: "1410990001"', "site_code: 0123456789")
    outcome = validate(root)
    assert outcome.problems == []
    assert outcome.catalog.site is not None
    assert outcome.catalog.site.bureau.region_code == "014109"
    assert outcome.catalog.site.site.site_code == "0123456789"


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "null", "~", "1e3", "0x1F", "2021-09-15"])
def test_yaml_11_words_stay_text_in_text_fields(root: Path, word: str) -> None:
    replace_text(root, MATTERS, XK001_OFFICE, XK001_OFFICE.replace("民办教育股", word))
    outcome = validate(root)
    # the only problem: an office named `word` enforces a matter but has no 谁执法谁普法 entry (read as text)
    assert [(p.code, f"「{word}」承办执法事项" in p.message) for p in outcome.problems] == [("law-not-explained", True)]
    assert matter_index.by_code(outcome.catalog)["141099-JY-XK-001"].office == word


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "1"])
def test_yaml_11_booleans_are_not_flags(root: Path, word: str) -> None:
    flag = "    random_inspection: false\n    supervision_phone: 0357-5213365\n  - code: 141099-JY-XK-002"
    replace_text(root, MATTERS, flag, flag.replace("false", word))
    assert found(root) == [(MATTERS, 16, 24, "invalid-enum")]


@pytest.mark.parametrize(("value", "code"), [
    ("2022-3-18", "invalid-date"),  # a YAML 1.1 timestamp, not an ISO date
    ("2022-03-18 10:00:00", "invalid-date"),
    ("20220318", "invalid-date"),
])
def test_dates_are_text_first(root: Path, value: str, code: str) -> None:
    replace_text(root, REPORT, "published_on: 2022-03-18", f"published_on: {value}")
    assert found(root) == [(REPORT, 5, 15, code)]


@pytest.mark.parametrize("value", ["0x7E5", "0o3745", "2_021", "2021.0", "+2021"])
def test_integers_are_not_yaml_11_integers(root: Path, value: str) -> None:
    replace_text(root, REPORT, "year: 2021", f"year: {value}")
    assert found(root) == [(REPORT, 2, 7, "invalid-value")]


# --- anchors and aliases, shapes, nesting ---------------------------------------------------------------


def test_alias_is_refused(root: Path) -> None:
    replace_text(root, SITE, "  name: 汾川县教育科技局\n", "  name: &who 汾川县教育科技局\n")
    replace_text(root, SITE, "  title: 汾川县教育科技局行政执法公示平台", "  title: *who")
    [problem] = validate(root).problems
    # the composer hands back the anchored node itself, so the position is the anchor's
    assert (problem.path, problem.line, problem.col, problem.code) == (SITE, 2, 9, "yaml-syntax")
    assert "锚点与别名" in problem.message


def test_merge_key_is_refused(root: Path) -> None:
    replace_text(root, SITE, "bureau:\n", "defaults: &d\n  name: 汾川县教育科技局\nbureau:\n  <<: *d\n")
    assert found(root) == [(SITE, 1, 11, "yaml-syntax")]  # at the anchor, as above


def test_list_where_a_mapping_is_expected(root: Path) -> None:
    (root / SITE).write_text("- bureau\n- site\n", encoding="utf-8")
    assert found(root) == [(SITE, 1, 1, "missing-field"), (SITE, 1, 1, "missing-field")]


def test_mapping_where_a_list_is_expected(root: Path) -> None:
    replace_text(root, MATTERS, "    basis:\n      - law: 《中华人民共和国民办教育促进法》\n        article: 第十二条\n"
                 "      - law: 《中华人民共和国民办教育促进法》\n        article: 第十八条\n"
                 "      - law: 《幼儿园管理条例》\n"
                 "        article: 第十一条\n", "    basis:\n      law: 《幼儿园管理条例》\n")
    assert found(root) == [(MATTERS, 7, 7, "invalid-value")]


def test_scalar_where_a_record_is_expected(root: Path) -> None:
    replace_text(root, MATTERS, "matters:\n", "matters:\n  - 141099-JY-XX-001\n")
    assert found(root) == [(MATTERS, 3, 5, "invalid-value")]


def test_unknown_keys(root: Path) -> None:
    replace_text(root, MATTERS, "matters:\n", "version: 2\nmatters:\n")
    replace_text(root, MATTERS, FIRST_MATTER, FIRST_MATTER + "    fax: 0357-5213300\n")
    replace_text(root, SITE, "  email: jkjbgs", "  mail: jkjbgs")
    assert found(root) == [(MATTERS, 2, 10, "unknown-field"), (MATTERS, 7, 10, "unknown-field"),
                           (SITE, 7, 9, "unknown-field")]


def test_missing_key_points_at_its_record(root: Path) -> None:
    replace_text(root, MATTERS, XK001_OFFICE, "        article: 第十一条\n")
    replace_text(root, MATTERS, "    name: 民办学校（含校外培训机构）终止审批\n", "")
    # a missing key is reported where its record (the list item) starts
    assert found(root) == [(MATTERS, 3, 5, "missing-field"), (MATTERS, 32, 5, "missing-field")]


def test_bad_key_of_a_mapping_field_does_not_hang(root: Path) -> None:
    replace_text(root, SITE, "    严重: 36", "    重大: 36")
    assert found(root) == [(SITE, 18, 9, "invalid-enum")]


@pytest.mark.parametrize("depth", [60, 600, 2000])
def test_deep_nesting_is_a_syntax_error(root: Path, depth: int) -> None:
    (root / SITE).write_text("bureau: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    [problem] = validate(root).problems
    assert (problem.path, problem.line, problem.code) == (SITE, 1, "yaml-syntax")


def test_deep_block_nesting_is_a_syntax_error(root: Path) -> None:
    (root / SITE).write_text("".join(" " * i + "k:\n" for i in range(700)) + " " * 700 + "v\n", encoding="utf-8")
    [problem] = validate(root).problems
    assert (problem.path, problem.code) == (SITE, "yaml-syntax")


def test_empty_yaml_file(root: Path) -> None:
    (root / SITE).write_text("", encoding="utf-8")
    assert found(root) == [(SITE, 1, 1, "missing-field"), (SITE, 1, 1, "missing-field")]


def test_bom_and_crlf_are_accepted(root: Path) -> None:
    for rel in (SITE, MATTERS, REPORT):
        text = (root / rel).read_text(encoding="utf-8")
        (root / rel).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert found(root) == []
    report = root / REPORT
    report.write_bytes(report.read_bytes().replace(b"  whitelisted: 29\r\n", b"  whitelisted: 28\r\n"))
    assert found(root) == [(REPORT, 7, 16, "figure-mismatch")]
