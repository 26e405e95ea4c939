"""Rules over the procedures (data/procedures.yaml): what each applies to, its steps' order and recording, which
matter follows which procedure, and the recorded steps a penalty or an inspection result names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from ...model import CatalogLike, RecordCheck
from ...problems import Problem, Where
from ..matters import index as matter_index
from . import index
from .codes import problem
from .model import Procedure, time_limit_problem

Found = Iterator[Problem]
PATH = "data/procedures.yaml"
SITE_FILE = "data/site.yml"

#: Where a step stands in any procedure, by the first of these words its name holds (earlier words win: 「送达决定书」
#: is a 送达, 「作出强制执行决定」 a 决定). Steps whose names hold none of them may stand anywhere (检查 is not ranked:
#: an inspection comes before a case is opened, an investigation's on-site check after).
STAGES: tuple[tuple[str, int], ...] = (("送达", 7), ("听证", 4), ("陈述", 4), ("申辩", 4), ("告知", 3), ("决定", 6),
                                       ("执行", 8), ("立案", 1), ("受理", 1), ("调查", 2), ("取证", 2))


def stage(name: str) -> tuple[str, int] | None:
    """(word, rank) that places a step named `name` in the order of a procedure, or None."""
    return next(((word, rank) for word, rank in STAGES if word in name), None)


def applies(procedure: Procedure, catalog: CatalogLike) -> Found:
    if procedure.category is None and not procedure.matters:
        yield problem("conditional-field", procedure.where("category"), "category",
                      f"流程「{procedure.name}」没有写适用于哪些事项：请写 category（适用的事项类别，如 行政处罚），"
                      "或在 matters 下逐行写适用的事项编码")


def steps_in_order(procedure: Procedure, catalog: CatalogLike) -> Found:
    """Each step once, and no step right before one it must follow (送达 after 决定, 决定 after 立案 ...): each
    ranked step is compared with the ranked step before it, so one step out of place is reported once."""
    seen: dict[str, int] = {}
    latest: tuple[int, str] | None = None  # (rank, name) of the ranked step before
    for n, step in enumerate(procedure.steps):
        where = procedure.where(f"steps[{n}].name")
        if step.name in seen:
            yield problem("step-order", where, f"steps[{n}].name",
                          f"环节「{step.name}」在流程中出现了两次（第 {seen[step.name] + 1} 项和第 {n + 1} 项）："
                          "请合并为一项，或改用能区分的名称（如「首次送达」「公告送达」）")
            continue
        seen[step.name] = n
        placed = stage(step.name)
        if placed is None:
            continue
        if latest is not None and placed[1] < latest[0]:
            yield problem("step-order", where, f"steps[{n}].name",
                          f"环节「{step.name}」排在「{latest[1]}」之后，但{placed[0]}应在它之前办理："
                          "请按办理顺序排列 steps（立案或受理 → 调查 → 告知 → 听证 → 决定 → 送达 → 执行）")
        latest = (placed[1], step.name)


def recording_explained(procedure: Procedure, catalog: CatalogLike) -> Found:
    for n, step in enumerate(procedure.steps):
        if step.recorded and not procedure.step_basis(step):
            yield problem("missing-field", procedure.where(f"steps[{n}].recorded"), f"steps[{n}].recording_basis",
                          f"环节「{step.name}」须音像记录，但没有写依据：请在该环节写 recording_basis，"
                          "或在流程中写共同的 recording_basis（例如《中华人民共和国行政处罚法》第四十七条）")


def limits_well_formed(procedure: Procedure, catalog: CatalogLike) -> Found:
    """Each time limit is a number with a unit (or 当场), said at its value."""
    for n, step in enumerate(procedure.steps):
        if step.time_limit is not None:
            why = time_limit_problem(step.time_limit)
            if why:
                yield problem("invalid-value", procedure.where(f"steps[{n}].time_limit"), f"steps[{n}].time_limit",
                              f"环节「{step.name}」的办理时限：{why}")


RECORD_CHECKS = (applies, limits_well_formed, steps_in_order, recording_explained)


def claims(catalog: CatalogLike) -> Found:
    """A matter is claimed by one main procedure, a category by one (supplementary ones, with applies_when, may
    stand beside it)."""
    matter_owner: dict[str, Procedure] = {}
    category_owner: dict[str, Procedure] = {}
    for p in index.procedures(catalog):
        if p.applies_when:
            continue
        for n, code in enumerate(p.matters):
            first = matter_owner.setdefault(code, p)
            if first is not p:
                yield problem("procedure-conflict", p.where(f"matters[{n}]"), "matters", (
                    f"事项 {code} 已由流程「{first.name}」（{first.code}）认领，这里又写在「{p.name}」中："
                    "一个事项只能有一个主流程，请删去其中一处；只在某些情形下适用的（如简易程序）请写 applies_when"))
        if p.category:
            first = category_owner.setdefault(p.category, p)
            if first is not p:
                yield problem("procedure-conflict", p.where("category"), "category", (
                    f"「{p.category}」类事项已由流程「{first.name}」（{first.code}）作为类别流程："
                    "请删去这里的 category，改在 matters 下逐行写本流程适用的事项编码"))


def every_matter_has_one(catalog: CatalogLike) -> Found:
    """Once the bureau keeps procedures, each matter's procedure is published (事前公开)."""
    if not catalog.complete(index.PROCEDURES):
        return  # a broken procedure is reported at its line, not again at each matter it would have covered
    found = index.by_matter(catalog)
    for m in matter_index.matters(catalog):
        if m.code not in found:
            yield problem("procedure-missing", m.where("code"), "code", (
                f"事项「{m.code} {m.name}」（{m.category}）没有办理流程：请在 {PATH} 中写一个流程，"
                f"category 写「{m.category}」，或在已有流程的 matters 下加一行「- {m.code}」"))


_URL = re.compile(r"(?i)(https?://|ftp://|www\.|\.(com|cn|net|org)(/|$))")
_MEDIA = frozenset({".mp4", ".avi", ".mov", ".mkv", ".wmv", ".flv", ".3gp", ".mpg", ".mpeg", ".ts", ".m4v", ".mp3",
                    ".wav", ".amr", ".m4a", ".aac", ".jpg", ".jpeg", ".png", ".zip", ".rar", ".7z", ".dav", ".h264",
                    ".pdf", ".doc", ".docx"})


#: What a step's name is written in: Chinese characters only. Anything else in the cell (a letter, a digit, a dot,
#: a slash, in any width) is no step of a procedure, and may be a recording's link or file name in a spelling no
#: list of examples foresees: refused even where no procedure is known to check the name against.
_STEP_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,20}")


def looks_like_file(value: str) -> bool:
    """Whether a recorded step's name is rather a recording: a link, a path, a file name, or anything but a name
    written in Chinese characters."""
    if _URL.search(value) or "/" in value or "\\" in value:
        return True
    return PurePosixPath(value.lower()).suffix in _MEDIA or not _STEP_NAME.fullmatch(value)


def recorded_steps_named(record: Any, matter_codes: Sequence[str], catalog: CatalogLike) -> Found:
    """A record's `recorded_steps` are names of the recorded steps of the procedures its matters follow, never a file
    or a link (refused as one even where no procedure is kept to check the name against). The one rule for every
    record that says which steps were recorded: a penalty (its matter), an inspection result (its items' matters)."""
    steps = getattr(record, "recorded_steps", None) or []
    if not steps:
        return
    by_matter = index.all_by_matter(catalog) if catalog.complete(index.PROCEDURES) else {}
    codes = list(dict.fromkeys(matter_codes))
    followed: list[Procedure] = []
    for p in (p for code in codes for p in by_matter.get(code, [])):
        if all(p is not f for f in followed):  # records hold lists: compared by identity, not hashed
            followed.append(p)
    names = list(dict.fromkeys(s.name for p in followed for s in p.recorded_steps()))
    for value in steps:
        if value in names:
            continue
        if looks_like_file(value):
            yield problem("recording-file", record.where("recorded_steps"), "recorded_steps", (
                f"「{value}」像是录像文件或链接：这一栏只写做了音像记录的环节名称"
                + (f"（可填：{'、'.join(names)}）" if names else "") + "，用英文分号 ; 分隔；录像不在本站公开"))
        elif followed:
            yield problem("unknown-reference", record.where("recorded_steps"), "recorded_steps", (
                f"「{value}」不是事项 {'、'.join(codes)} 的办理流程（{'、'.join(p.name for p in followed)}）"
                "中须音像记录的环节：可填 "
                f"{'、'.join(names) or '（该流程没有须音像记录的环节）'}；请核对名称，或先在 {PATH} 中修改流程"))


def recorded_steps(matters_of: Callable[[Any, CatalogLike], Sequence[str]]) -> RecordCheck:
    """The record check of `recorded_steps` for a dataset whose records name their matters by `matters_of`."""
    def check(record: Any, catalog: CatalogLike) -> Found:
        return recorded_steps_named(record, matters_of(record, catalog), catalog)
    return check


def remedies_named(catalog: CatalogLike) -> Found:
    """Once the bureau publishes procedures, the remedies name the reconsideration body and the court."""
    site = catalog.site
    if site is None or not catalog.kept(index.PROCEDURES):
        return
    missing = [key for key in ("reconsideration", "court") if not getattr(site.remedies, key)]
    if missing:
        what = "、".join({"reconsideration": "reconsideration（行政复议机关）", "court": "court（行政诉讼管辖法院）"}[k]
                        for k in missing)
        yield problem("remedy-unnamed", _remedies_line(catalog), "remedies", (
            f"没有写明{what}：决定和执法事项页面只能写「本级人民政府」「有管辖权的人民法院」。请在 {SITE_FILE} 的 "
            "remedies: 下写明，例如 reconsideration: 某某县人民政府、court: 某某县人民法院"))


def _remedies_line(catalog: CatalogLike) -> Where:
    """The `remedies:` line of site.yml when there is one, else the file's first line."""
    root = catalog.root
    if root is not None:
        try:
            lines = (root / SITE_FILE).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        for n, line in enumerate(lines, 1):
            if line.startswith("remedies:"):
                return Where(SITE_FILE, n, 1)
    return Where(SITE_FILE)


CATALOG_CHECKS = (claims, every_matter_has_one, remedies_named)


def recorded_count(catalog: CatalogLike, procedures: list[Any] | None = None) -> int:
    """音像记录事项: the recorded steps of every procedure (each procedure's step once, whatever it applies to)."""
    return sum(len(p.recorded_steps()) for p in (procedures if procedures is not None else index.procedures(catalog)))
