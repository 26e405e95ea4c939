"""Render stage helper: the 救济渠道 a decision or a matter's page states, from data/site.yml's `remedies`.

Without the settings the text stays true in general (本级人民政府, 有管辖权的人民法院) rather than naming a body
that may be wrong: a bureau upgrading keeps a valid site, and the checks tell it what to add (remedy-unnamed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: 《中华人民共和国行政处罚法》第五十一条: a decision made on the spot.
SIMPLE = "简易程序"
SIMPLE_LINE = ("本决定适用简易程序，由执法人员当场作出，并当场交付当事人"
               "（《中华人民共和国行政处罚法》第五十一条、第五十二条）。")


@dataclass(frozen=True)
class Remedy:
    """The remedies as a page says them: 行政复议, 行政诉讼 and where to complain."""

    reconsideration: str
    litigation: str
    supervision: str | None

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(t for t in (self.reconsideration, self.litigation, self.supervision) if t)


def remedy(site: Any, matter: Any | None = None, *, subject: str = "本决定") -> Remedy:
    """What a party may do about `subject` (本决定, 本事项的决定), from site.yml's remedies and the matter's phone."""
    settings = getattr(site, "remedies", None)
    body = getattr(settings, "reconsideration", None) or "本级人民政府"
    court = getattr(settings, "court", None) or "有管辖权的人民法院"
    days = getattr(settings, "reconsideration_days", 60)
    months = getattr(settings, "litigation_months", 6)
    own = getattr(matter, "supervision_phone", None) or getattr(getattr(site, "bureau", None), "phone", None)
    outside = getattr(settings, "supervision_phone", None)
    office = getattr(settings, "supervision_office", None) or "行政执法监督机构"
    said = []
    if own:
        said.append(f"可以拨打监督电话 {own}")
    if outside and outside != own:
        said.append(f"{'也' if own else ''}可以向{office}反映（电话 {outside}）")
    supervision = f"对执法行为有意见或者投诉、举报的，{'，'.join(said)}。" if said else None
    return Remedy(
        f"行政复议：当事人对{subject}不服的，可以自知道{subject}之日起 {days} 日内向{body}申请行政复议。",
        f"行政诉讼：也可以自知道{subject}之日起 {months} 个月内直接向{court}提起行政诉讼。",
        supervision)
