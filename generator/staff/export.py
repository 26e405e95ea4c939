"""Credit-platform export: 双公示 decisions as the platform's upload files (.xlsx and CSV), outside the site."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from .. import paths
from ..problems import ERROR, render
from ..render.downloads import neutralise
from ..rules.publicity import publicity_end
from ..schema.common import STANDING
from ..schema.site import SiteConfig
from ..validate import validate
from .platform import FILE_NAME, KINDS, LONG_TERM, PARTY_GROUPS, TO_COMPLETE
from .template import text_cell

Columns = tuple[tuple[str, str, str], ...]


class ExportError(Exception):
    """Nothing was exported; the message says why and what to do."""


def export_credit_platform(root: Path, out: Path, today: date, since: date | None = None,
                           stamp: str | None = None) -> list[str]:
    """Write the upload files; return the lines to print (files, rows to complete, decisions to withdraw).

    The files hold natural persons' full names: `out` must be outside the repository and any git work tree, and
    reached through no link (paths.Refused otherwise, before anything is read or written)."""
    folder = paths.check_output(out, paths.FOLDER, private=root)
    outcome = validate(root)
    if not outcome.ok:
        errors = [p for p in outcome.problems if p.severity == ERROR]
        raise ExportError(render(errors, "text", outcome.files) + "\n数据有错误，没有导出：请先修正后再导出。")
    site = outcome.catalog.site
    assert site is not None  # validate() reports a missing or broken site.yml as an error
    stamp = stamp or today.strftime("%Y%m%d") + "00"
    log: list[str] = []
    files: dict[Path, tuple[Columns, list[list[str]]]] = {}
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
            files[folder / name] = (columns, [[_value(r, source, site) for _code, _label, source in columns]
                                              for r in rows])
            log.append(f"已生成 {out / name}.xlsx 和 .csv：{kind}（{group}）{len(rows)} 条。")
            log += _to_complete(group, columns, rows)
    for base in files:  # every file checked before the first one is written
        paths.check_output(base.with_name(base.name + ".xlsx"), paths.FILE, magic=paths.XLSX)
        paths.check_output(base.with_name(base.name + ".csv"), paths.FILE)
    for base, (columns, table) in files.items():
        _write(base, columns, table)
    log.append("注意：导出文件含自然人全名，仅用于向信用平台报送，不要提交到仓库或放到网站上。")
    return log


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
    """The .xlsx and the CSV of one file. Every cell is text (never a formula, codes keep their digits, dates their
    slashes), and a value a spreadsheet could run as a formula (=HYPERLINK(…) typed into violation_facts) starts
    with an apostrophe in both, as in the site's downloads."""
    header = [code for code, _label, _source in columns]
    cells = [header, *([neutralise(value) for value in row] for row in table)]
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row_number, row in enumerate(cells, start=1):
        for col, value in enumerate(row, start=1):
            text_cell(sheet, row_number, col, value).number_format = "@"
    with paths.staged(base.with_name(base.name + ".xlsx")) as temporary:
        book.save(temporary)
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(cells)
    paths.write_file(base.with_name(base.name + ".csv"), ("\ufeff" + text.getvalue()).encode("utf-8"))


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
