"""Credit-platform export, layout: which datasets go into the 双公示 upload (each declares its file: Dataset.upload,
the decisions' in datasets/decisions/platform.py), party groups and file names.

A column's source is a field of our record, or one of the derived values the export knows: `=bureau.name`,
`=bureau.uscc`, `=publicity_end`, `=state` (有效 / 无效 on the export date), `=remarks` (备注, with why a decision no
longer stands in front) and `=` (always empty: never stored in the repository). A `wan:` prefix converts yuan to 万元,
`date:` writes YYYY/MM/DD, `date_or_long:` writes 2099/12/31 for an open end, `join:` joins a list with `;`.
`TO_COMPLETE` names the columns a clerk fills in by hand before uploading, and for which rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..datasets import DATASETS
from ..model import Upload


@dataclass(frozen=True)
class PlatformKind:
    """One kind of upload file: the dataset it carries and that dataset's declared file."""

    dataset: str
    upload: Upload

    @property
    def columns(self) -> tuple[tuple[str, str, str], ...]:
        return self.upload.columns

    @property
    def code(self) -> str:
        return self.upload.code

    @property
    def reports_ended(self) -> bool:
        return self.upload.reports_ended


#: Kind -> how its upload file is made, in the registry's order.
KINDS: dict[str, PlatformKind] = {ds.upload.kind: PlatformKind(ds.name, ds.upload) for ds in DATASETS if ds.upload}

#: XK_ZT of a decision that stands on the export date, and of one that no longer does.
IN_FORCE, ENDED = "有效", "无效"

#: Files per party type: the platform takes 法人 and 自然人 reports separately; 个体工商户 goes with 法人.
PARTY_GROUPS: dict[str, tuple[str, ...]] = {
    "法人及非法人组织": ("法人及非法人组织", "个体工商户"),
    "自然人": ("自然人",),
}

#: File name (without suffix); {stamp} is yyyyMMddHH of the export.
FILE_NAME = "{kind}-{group}-{code}_{stamp}"

LONG_TERM = "2099/12/31"

#: Columns a clerk completes by hand, per party group, with the rows they concern: (column code, rows where
#: it must be filled: "all", or "legal_rep" = rows with a legal representative, or "placeholder" = rows whose
#: credit code is the 个体工商户 placeholder).
TO_COMPLETE: dict[str, tuple[tuple[str, str], ...]] = {
    "法人及非法人组织": (("FR_ZJLX", "legal_rep"), ("FR_ZJHM", "legal_rep"), ("XDR_GSZC", "placeholder")),
    "自然人": (("XDR_ZJLX", "all"), ("XDR_ZJHM", "all")),
}
