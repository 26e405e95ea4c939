"""Credit-platform export: 双公示 decisions as the platform's upload files (.xlsx and CSV), outside the site."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ..problems import ERROR, render
from ..rules.publicity import publicity_end
from ..schema.common import STANDING
from ..schema.site import SiteConfig
from ..validate import validate
from .platform import FILE_NAME, KINDS, LONG_TERM, PARTY_GROUPS, TO_COMPLETE

Columns = tuple[tuple[str, str, str], ...]


class ExportError(Exception):
    """Nothing was exported; the message says why and what to do."""


def export_credit_platform(root: Path, out: Path, today: date, since: date | None = None,
                           stamp: str | None = None) -> list[str]:
    """Write the upload files; return the lines to print (files, rows to complete, decisions to withdraw)."""
    _refuse_public_place(root, out)
    outcome = validate(root)
    if not outcome.ok:
        errors = [p for p in outcome.problems if p.severity == ERROR]
        raise ExportError(render(errors, "text", outcome.files) + "\n数据有错误，没有导出：请先修正后再导出。")
    site = outcome.catalog.site
    assert site is not None  # validate() reports a missing or broken site.yml as an error
    out.mkdir(parents=True, exist_ok=True)
    stamp = stamp or today.strftime("%Y%m%d") + "00"
    log: list[str] = []
    for kind, (dataset, columns, code) in KINDS.items():
        records = outcome.catalog.records(dataset)
        chosen = [r for r in records if _selected(r, since)]
        log += _withdrawn_notes(kind, records, since)
        for group, categories in PARTY_GROUPS.items():
            rows = [r for r in chosen if r.party_category in categories]
            if not rows:
                log.append(f"{kind}（{group}）：没有需要报送的记录，未生成文件。")
                continue
            name = FILE_NAME.format(kind=kind, group=group, code=code, stamp=stamp)
            table = [[_value(r, source, site) for _code, _label, source in columns] for r in rows]
            _write(out / name, columns, table)
            log.append(f"已生成 {out / name}.xlsx 和 .csv：{kind}（{group}）{len(rows)} 条。")
            log += _to_complete(group, columns, rows)
    log.append("注意：导出文件含自然人全名，仅用于向信用平台报送，不要提交到仓库或放到网站上。")
    return log


def _refuse_public_place(root: Path, out: Path) -> None:
    target = out.resolve()
    for public in ("data", "content", "site"):
        place = (root / public).resolve()
        if target == place or place in target.parents:
            raise ExportError(f"不能导出到 {root / public} 之中：导出文件含自然人全名，不得提交到仓库或发布到网站。"
                              "请用 --out 指定仓库以外的目录")


def _selected(record: Any, since: date | None) -> bool:
    """Every decision in force; with --since, those decided, published or withdrawn on or after that day."""
    if since is None:
        return record.status == STANDING
    if record.status != STANDING:  # a licence that became 无效 is reported with XK_ZT 无效; penalties are listed
        return hasattr(record, "license_category") and (record.withdrawn_on or date.min) >= since
    return record.decision_date >= since or record.published_on >= since


def _withdrawn_notes(kind: str, records: list[Any], since: date | None) -> list[str]:
    gone = [r for r in records if not hasattr(r, "license_category") and r.status != STANDING
            and (since is None or (r.withdrawn_on or date.min) >= since)]
    return [f"{kind}：{r.decision_no} 状态为「{r.status}」（{r.withdrawn_on}），未导出；如已报送，请在信用平台上撤下或更正。"
            for r in gone]


def _value(record: Any, source: str, site: SiteConfig) -> str:
    how, _, name = source.rpartition(":")
    if name == "=":
        return ""
    if name.startswith("="):
        value: Any = {"=bureau.name": site.bureau.name, "=bureau.uscc": site.bureau.uscc,
                      "=publicity_end": publicity_end(record, site)}[name]
    else:
        value = getattr(record, name)
    if how == "wan":
        return _wan(value)
    if how == "join":
        return ";".join(value)
    if how in ("date", "date_or_long"):
        return value.strftime("%Y/%m/%d") if value else (LONG_TERM if how == "date_or_long" else "")
    return "" if value is None else str(value)


def _wan(yuan: Decimal | None) -> str:
    """Yuan to 万元 with up to 6 decimals (1 分 exactly), no trailing zeros: 2000 -> 0.2."""
    if yuan is None:
        return ""
    text = format((yuan / 10000).quantize(Decimal("0.000001")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _write(base: Path, columns: Columns, table: list[list[str]]) -> None:
    header = [code for code, _label, _source in columns]
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in table:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            cell.number_format = "@"  # every value is text: codes keep their digits, dates their slashes
    book.save(base.with_suffix(".xlsx"))
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(table)
    base.with_suffix(".csv").write_text(text.getvalue(), encoding="utf-8-sig", newline="")


def _to_complete(group: str, columns: Columns, rows: list[Any]) -> list[str]:
    prefix = columns[0][0].split("_", 1)[0] + "_"
    labels = {code: label for code, label, _source in columns}
    lines = []
    for suffix, which in TO_COMPLETE[group]:
        code = prefix + suffix
        need = [i for i, r in enumerate(rows, start=2) if which == "all" or
                (which == "legal_rep" and r.legal_rep_name) or (which == "placeholder" and r.party_uscc and
                                                                  set(r.party_uscc[:-1]) == {"0"})]
        if need and code in labels:
            where = "、".join(str(i) for i in need)
            lines.append(f"  须人工补填 {code}（{labels[code]}）：第 {where} 行（仓库中不保存证件号码等信息）")
    return lines
