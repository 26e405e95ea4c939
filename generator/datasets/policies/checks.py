"""Rules over policy documents (data/policies.csv): the full text's file, status and revision, term, timeliness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from ...memo import memo
from ...model import CatalogLike
from ...problems import Problem, Where
from ...read.files import Tree
from ...read.sources import split_front_matter, unsafe_reason
from ...rules.publicity import add_months
from ...rules.records import date_order, forbidden, published_late, required, unique_url
from ...rules.slugs import policy_slug
from .codes import CODES, problem
from .links import Link, annex_name, is_file, published_at, relative_links
from .model import EXPIRED, IN_FORCE, NORMATIVE, REVISED, TEXT_SUFFIXES, TEXTS_DIR

Found = Iterator[Problem]
DATASET = "policies"
#: A 规范性文件 is published within this many working days of being issued (else a warning).
PUBLISH_WORKING_DAYS = 20
#: The longest term of a 规范性文件, in months from its effective (or issue) date.
TERM_MONTHS = 60

def _by_number(catalog: CatalogLike) -> dict[str, Any]:
    """Documents by number (the first of a repeated one), computed once per catalogue."""
    def make() -> dict[str, Any]:
        by_no: dict[str, Any] = {}
        for policy in catalog.records(DATASET):
            by_no.setdefault(policy.doc_no, policy)
        return by_no
    return memo(catalog, "policies:by-number", make)


def _name(policy: Any) -> str:
    return f"《{policy.title}》（{policy.doc_no}）"


def policy_text(policy: Any, catalog: CatalogLike) -> Found:
    """The full text is a Markdown, PDF or DOCX file in content/policies/, and it exists."""
    text = policy.text.replace("\\", "/")
    path = PurePosixPath(text)
    if (not text.startswith(f"{TEXTS_DIR}/") or ".." in path.parts or path.suffix.lower() not in TEXT_SUFFIXES
            or text != policy.text):
        yield problem("policy-text", policy.where("text"), "text", (
            f"全文文件「{policy.text}」应是 {TEXTS_DIR}/ 文件夹中的 Markdown（.md）、PDF 或 DOCX 文件，"
            f"用正斜杠 / 分隔，例如 {TEXTS_DIR}/督学聘任与管理办法.md"))
        return
    root = catalog.root
    if root is None:
        return
    if unsafe_reason(root, root / text):
        return  # a link out of the tree or a special file: reported once, by the unsafe-file check
    if not is_file(root, text):
        yield problem("policy-text", policy.where("text"), "text", (
            f"全文文件 {text} 不存在：请把{_name(policy)}的全文放到这个位置，或改正路径（注意文件名的大小写和扩展名）"))


def policy_status(policy: Any, catalog: CatalogLike) -> Found:
    """失效 and 已修订 are dated; 已修订 names its successor; a document past its term is not 有效 any more."""
    status = policy.status
    if status != IN_FORCE and policy.status_date is None:
        what = "失效" if status == EXPIRED else "被修订"
        yield required(policy, "status_date", f"状态为「{status}」，请写明{what}的日期")
    if status == IN_FORCE and policy.status_date is not None:
        yield forbidden(policy, "status_date", "状态为「有效」；文件失效或被修订时请同时改状态")
    if status == REVISED and policy.replaced_by is None:
        yield required(policy, "replaced_by",
                       "状态为「已修订」，请写明修订或替代它的新文件的文号（新文件也要录入本表）")
    if policy.replaced_by is not None and status == IN_FORCE:
        yield problem("policy-status", policy.where("status"), "status", (
            f"本文件已被 {policy.replaced_by} 修订，状态却是「有效」：请把状态改为「已修订」，并在「失效或修订日期」"
            "中写明修订日期"))
    elif policy.replaced_by is not None and status == EXPIRED:
        yield forbidden(policy, "replaced_by", "状态为「失效」；被新文件修订或替代的文件，状态应为「已修订」")
    today = catalog.today
    if status == IN_FORCE and today is not None and policy.expires_on is not None and policy.expires_on < today:
        yield problem("policy-status", policy.where("status"), "status", (
            f"有效期至 {policy.expires_on}，已经过期，状态却仍是「有效」：请把状态改为「失效」，"
            f"并在「失效或修订日期」中写 {policy.expires_on}（或实际废止的日期）"))


def policy_dates(policy: Any, catalog: CatalogLike) -> Found:
    for later in ("effective_on", "published_on", "status_date"):
        yield from date_order(policy, later, "issued_on")
    yield from date_order(policy, "expires_on", "effective_on" if policy.effective_on else "issued_on")


def policy_term(policy: Any, catalog: CatalogLike) -> Found:
    """A 规范性文件 in force carries a term of at most five years (a warning: staff may have a reason)."""
    if policy.kind != NORMATIVE or policy.status != IN_FORCE:
        return
    start = policy.effective_on or policy.issued_on
    limit = add_months(start, TERM_MONTHS)
    if policy.expires_on is None:
        yield problem("policy-no-term", policy.where("expires_on"), "expires_on", (
            f"规范性文件应当写明有效期（一般不超过 5 年，即最晚 {limit}）：请按文件规定填写「有效期至」"))
    elif policy.expires_on > limit:
        yield problem("policy-no-term", policy.where("expires_on"), "expires_on", (
            f"有效期至 {policy.expires_on}，超过了自{'施行' if policy.effective_on else '成文'}之日（{start}）起 5 年"
            f"（{limit}）：请核对文件规定的有效期"))


def policy_timeliness(policy: Any, catalog: CatalogLike) -> Found:
    """A 规范性文件 is published within 20 working days of being issued (by the holiday calendar)."""
    if policy.kind == NORMATIVE:
        yield from published_late(policy, "issued_on", PUBLISH_WORKING_DAYS, CODES["late-policy"], "规范性文件公开")


def policy_replacement(policy: Any, catalog: CatalogLike) -> Found:
    """The successor exists in this file, is not older, and the chain of revisions does not run in a circle."""
    target = policy.replaced_by
    if target is None:
        return
    by_no = _by_number(catalog)
    if target == policy.doc_no:
        yield problem("policy-status", policy.where("replaced_by"), "replaced_by",
                      "文件不能被自己修订：「修订后的文件」请写新文件的文号")
        return
    successor = by_no.get(target)
    if successor is None:  # not in the file: its refs say so
        return
    if successor.issued_on < policy.issued_on:
        yield problem("date-order", policy.where("replaced_by"), "replaced_by", (
            f"修订后的文件 {_name(successor)}成文于 {successor.issued_on}，早于本文件的 {policy.issued_on}："
            "新文件不会早于被它修订的文件，请核对文号或日期"))
    chain = [policy]
    current = successor
    while current is not None and current not in chain and len(chain) <= len(by_no):
        chain.append(current)
        current = by_no.get(current.replaced_by) if current.replaced_by else None
    if current is policy and min(chain, key=lambda p: p.where().line) is policy:  # reported once, at the first row
        loop = " → ".join(p.doc_no for p in [*chain, policy])
        yield problem("policy-status", policy.where("replaced_by"), "replaced_by", (
            f"修订关系构成了循环（{loop}）：新文件不能再被它修订过的文件修订，请核对「修订后的文件」"))


# --- links inside Markdown full texts, and files nobody publishes ----------------------------------------------------


def markdown_text(root: Any, policy: Any) -> str | None:
    """A document's Markdown full text with newlines normalised, or None (not Markdown, missing, unreadable)."""
    if root is None or not policy.text.lower().endswith(".md") or not is_file(root, policy.text):
        return None
    try:
        text = (root / policy.text).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # reported by the staff-markup check, which reads every Markdown file under content/
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_links(catalog: CatalogLike) -> dict[str, list[Link]]:
    """The relative links of every Markdown full text, by text file (read once per catalogue)."""
    def make() -> dict[str, list[Link]]:
        found: dict[str, list[Link]] = {}
        for policy in catalog.records(DATASET):
            text = markdown_text(catalog.root, policy)
            if text is not None and policy.text not in found:
                found[policy.text] = list(relative_links(policy.text, text, split_front_matter(text)[1]))
        return found
    return memo(catalog, "policies:links", make)


def texts_of(catalog: CatalogLike) -> set[str]:
    """Every document's full-text file, public yet or not."""
    return memo(catalog, "policies:texts", lambda: {p.text for p in catalog.records(DATASET)})


def dead_end(root: Any, link: Link, texts: set[str]) -> str | None:
    """Why a reader could not follow `link`, or None when the site publishes what it names."""
    target = link.target
    if target is None:
        return (f"链接「{link.written}」指向 content/ 文件夹以外，网站上打不开：请把附件放进 {TEXTS_DIR}/，"
                "链接只写文件名（例如 [附件1](附件1.xlsx)）")
    if target in texts:
        return None
    if not is_file(root, target):
        return (f"链接「{link.written}」指向的文件 {target} 不存在：请把文件放到这个位置，或改正链接"
                "（注意文件名的大小写和扩展名）")
    if annex_name(target) is not None or published_at(target) is not None:
        return None
    if target.startswith(f"{TEXTS_DIR}/"):
        return (f"链接「{link.written}」指向的 {target} 不是任何文件的全文（policies.csv 的「全文文件」中没有它），"
                f"{TEXTS_DIR}/ 中的 Markdown 不单独发布：请在 policies.csv 中录入它，或把内容并入本文")
    return f"链接「{link.written}」指向的 {target} 不在网站上单独发布：请把它放进 {TEXTS_DIR}/ 作为附件"


def policy_links(catalog: CatalogLike) -> Found:
    """Every relative link and image in a Markdown full text leads to something the site publishes."""
    texts = texts_of(catalog)
    for text_file, links in text_links(catalog).items():
        for link in links:
            reason = dead_end(catalog.root, link, texts)
            if reason:
                yield problem("policy-link", Where(text_file, link.line, link.col), "text", reason)


def unused_policy_files(catalog: CatalogLike) -> Found:
    """A file in content/policies/ that no document names as its text and no text links to is never published."""
    root = catalog.root
    if root is None or not (root / TEXTS_DIR).is_dir() or not catalog.kept(DATASET):
        return  # without data/policies.csv the folder is ordinary staff content, published as it is
    used = texts_of(catalog) | {link.target for links in text_links(catalog).values() for link in links}
    for path in sorted(path for path, _ in (catalog.tree or Tree.take(root)).walk(TEXTS_DIR)):
        rel = path.relative_to(root).as_posix()
        if path.name.startswith(".") or rel in used or not is_file(root, rel):
            continue
        yield problem("unused-policy-file", Where(rel), "text", (
            f"{rel} 没有被 policies.csv 的「全文文件」引用，也没有哪份全文链接到它，网站上不会出现：请在 policies.csv "
            "中录入这份文件（「全文文件」写这个路径），或在全文中链接它；不需要的文件请删除"))


#: Two numbers with the same year and serial would share one page address.
policy_url = unique_url(DATASET, "doc_no", policy_slug, "policies/")


CHECKS = (policy_text, policy_status, policy_dates, policy_term, policy_timeliness, policy_replacement,
          policy_url)

CATALOG_CHECKS = (policy_links, unused_policy_files)
