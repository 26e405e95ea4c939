"""Render stage: what a plan's page says about its draw, sentence by sentence exactly as strong as its record
(proof.py).

Nothing here says 当场产生, 不能再改 or 不能调换: the record cannot show those. It shows whether the commitment or
source stood in the site's git record before the draw day, whether the seed matches the commitment, and whether
anything that decides the draw changed afterwards, and it says what a git date is worth.
"""

from __future__ import annotations

from .proof import BASIS_WORDS, Proof

GIT_DATES = ("这里的日期是本站 git 仓库记录的提交日期（北京时间），由提交时的电脑时钟写入，提交的人可以改动它；"
             "它说明的是本站记录中的先后，不是第三方出具的时间证明。提交号可以在本站的代码仓库中查到；"
             "在抽取日之前保存的本页截图或网页存档，是比这更有力的证据。")


def headline(proof: Proof) -> str:
    """One line for the plan's status line, the list of plans and the downloads."""
    p, seen, basis = proof.plan, proof.basis_seen, proof.basis
    if basis is None:
        return "未在抽取前公布种子承诺值或种子来源：不能证明种子不是在抽取后选定的" if p.seed else "尚未抽取"
    word = BASIS_WORDS[basis]
    if not proof.early:
        first = f"不能从本站记录确认「{word}」是在抽取前公开的"
    else:
        first = f"「{word}」于 {seen.day} 录入本站记录（早于抽取日 {p.draw_date}）"  # type: ignore[union-attr]
    if not p.seed:
        return f"{first}；尚未抽取"
    if proof.matches is True:
        first += "；种子与承诺值相符"
    elif proof.matches is False:
        first += "；种子与承诺值不符"
    caveats = [c for c, on in (("抽取后修改过计划", proof.timing.changes), ("种子可以逐一试算", proof.weak),
                                ("种子在抽取前已公开", proof.seed_seen_early)) if on]
    return first + "".join(f"；{c}" for c in caveats)


def statements(proof: Proof) -> list[str]:
    """The page's account of what is proven, one sentence each, in the order a reader checks them."""
    p, basis = proof.plan, proof.basis
    said = [_basis_sentence(proof)] if basis else [
        "本计划没有在抽取前公布种子承诺值或种子来源，本站记录不能证明种子是在抽取时才确定的：用公布的种子可以复算出"
        "抽中的机构，但这只说明种子与抽取结果相符，不能排除种子是在知道结果之后选定的。"]
    if basis == "seed_commitment":
        said.append(_commitment_sentence(proof))
    elif basis == "seed_source":
        said.append(f"抽取后按「{p.seed_source}」填写种子。本站无法自动核对种子是否等于来源公布的数值，请到来源核对。"
                    if p.seed else "抽取后按种子来源公布的数值填写种子，任何人都可以到来源核对。")
    for change in proof.timing.changes:
        label = type(p).label_of(change.field)
        dated = "" if change.in_order else "，这个提交的日期早于它之前的提交，可能被改动过"
        said.append(f"抽取日当天或之后，本计划的「{label}」在本站记录中被修改过：{change.day}"
                    f"（提交 {change.commit[:7]}{dated}），「{_value(change.old)}」改为「{_value(change.new)}」。")
    if proof.weak:
        count = "种子只是日期，抽取前任何人都能知道" if not proof.strength else (
            f"种子（抽取日期不计）只有约 {round(10 ** proof.strength):,} 种可能的取值，可以逐一试算")
        said.append(f"{count}：它挡不住在抽取前算出或挑选抽取结果。")
    if proof.seed_seen_early:
        seen = proof.seed_seen_early
        said.append(f"种子在抽取日之前（{seen.day}，提交 {seen.short}）已经出现在本站记录中，"
                    "抽取前任何人都能算出抽中的机构。")
    if any(s is not None for s in proof.timing.since.values()):
        said.append(GIT_DATES)
    return said


def _basis_sentence(proof: Proof) -> str:
    p, seen = proof.plan, proof.basis_seen
    word = BASIS_WORDS[proof.basis or ""]
    if proof.early and seen is not None:
        told = f"「{word}」于 {seen.day} 录入本站的 git 记录（提交 {seen.short}），早于抽取日 {p.draw_date}"
        return told + ("：来源所指的数值在抽取日才产生，此前无人能知道。" if proof.basis == "seed_source" else "。")
    if seen is not None and not seen.in_order:
        why = f"记录它的提交 {seen.short} 的日期 {seen.day} 早于在它之前的提交，日期可能被改动过"
    elif seen is not None:
        why = f"它在本站 git 记录中最早出现于 {seen.day}（提交 {seen.short}），不早于抽取日 {p.draw_date}"
    elif proof.timing.recorded:
        why = "本站 git 记录中没有它的这个值出现的日期（还没有提交，或生成网站时只取得了部分历史）"
    else:
        why = "本站 git 记录中还没有本计划（尚未提交，或生成网站时没有读到 git 记录）"
    return f"「{word}」：{why}，所以不能从本站记录确认它是在抽取前公开的。"


def _commitment_sentence(proof: Proof) -> str:
    if proof.matches is None:
        return "抽取后将公布种子，届时任何人都可以核对种子的 SHA-256 值是否等于上面的承诺值。"
    if proof.matches is False:
        return "公布的种子与承诺值不符：种子的 SHA-256 值不等于承诺值。"
    said = "公布的种子与承诺值相符：种子的 SHA-256 值等于承诺值（可以用下面的程序核对）。"
    if proof.early:
        said += "这证明种子在承诺值录入之前已经确定、之后没有更换；种子由本局选定，不能证明种子本身是随机产生的。"
    return said


def _value(value: object) -> str:
    return "（空）" if value is None else str(value)
