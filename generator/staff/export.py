"""Credit-platform export: 双公示 decisions as the platform's upload files (.xlsx and CSV), outside the site.

What is exported is what the site shows on the export date, decided by the same rules (datasets/views.py PublicView):
a decision under publicity is a row; a licence that ended (expired, revoked, withdrawn) is a row whose XK_ZT says
无效 with the reason in 备注; a penalty that left the site (publicity over, credit repaired, withdrawn) is not, and
the clerk is told which ones the platform may still show. `--since` keeps the decisions git says were added or
changed on or after that day, and those whose state on the platform changed since (publicity began, licence ended).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from .. import paths
from ..datasets import BY_NAME
from ..datasets.decisions.views import DecisionView
from ..datasets.views import PublicView
from ..problems import ERROR, render
from ..render.downloads import neutralise
from ..rules.publicity import EXPIRED, PENDING, PUBLIC, REPAIRED, WITHDRAWN
from ..validate import validate
from .platform import ENDED, FILE_NAME, IN_FORCE, KINDS, LONG_TERM, PARTY_GROUPS, TO_COMPLETE, PlatformKind
from .since import SITE_FILE, NoHistory, changed_since, check_history, dirty, site_changed_since
from .template import text_cell

Columns = tuple[tuple[str, str, str], ...]
Table = tuple[Columns, list[list[str]]]

#: States of a decision that ended, which a kind with `reports_ended` uploads as 无效.
ENDED_STATES = {EXPIRED, WITHDRAWN}
#: States of a decision the site does not list, as the export's summary words them when it leaves one out.
LEFT_OUT = {EXPIRED: "公示期已满", REPAIRED: "已信用修复", WITHDRAWN: "已撤销或变更", PENDING: "未到公示日期"}


class ExportError(Exception):
    """Nothing was exported; the message says why and what to do."""


class UsageError(ExportError):
    """Nothing was exported: the options asked for something that cannot be done here (exit code 2)."""


def export_credit_platform(root: Path, out: Path, today: date, since: date | None = None,
                           stamp: str | None = None, label_row: bool = False) -> list[str]:
    """Write the upload files; return the lines to print (files, rows to complete, decisions to take down).

    The files hold natural persons' full names: `out` must be outside the repository and any git work tree, and
    reached through no link (paths.Refused otherwise, before anything is read or written)."""
    folder = paths.check_output(out, paths.FOLDER, private=root)
    if since is not None:
        _check_since(root, since, today)
    view = _site_on(root, today)
    stamp = stamp or today.strftime("%Y%m%d") + "00"
    log = _context_notes(root, since)
    files: dict[Path, Table] = {}
    for name, kind in KINDS.items():
        decisions = _decisions(root, view, kind, since)
        log += _left_out(name, kind, decisions, today)
        chosen = [d for d in decisions if d.state == PUBLIC or (kind.reports_ended and d.state in ENDED_STATES)]
        for group, categories in PARTY_GROUPS.items():
            rows = [d for d in chosen if d.record.party_category in categories]
            if not rows:
                log.append(f"{name}（{group}）：没有需要报送的记录，未生成文件。")
                continue
            base = folder / FILE_NAME.format(kind=name, group=group, code=kind.code, stamp=stamp)
            files[base] = (kind.columns, [[_value(d, source, view) for _c, _l, source in kind.columns] for d in rows])
            log.append(f"已生成 {out / base.name}.xlsx 和 .csv：{name}（{group}）{len(rows)} 条{_ended_count(rows)}。")
            log += _to_complete(group, kind.columns, rows, 3 if label_row else 2)
    _write_all(files, label_row)
    log.append("注意：导出文件含自然人全名，仅用于向信用平台报送，不要提交到仓库或放到网站上。")
    return log


def _site_on(root: Path, today: date) -> PublicView:
    """The site as a build on `today` would show it: the same validation, the same public view."""
    outcome = validate(root, today)
    if not outcome.ok:
        errors = [p for p in outcome.problems if p.severity == ERROR]
        raise ExportError(render(errors, "text", outcome.files) + "\n数据有错误，没有导出：请先修正后再导出。")
    return PublicView(outcome.catalog, today)


def _decisions(root: Path, view: PublicView, kind: PlatformKind, since: date | None) -> list[DecisionView]:
    """The kind's decisions as the site sees them, in file order (as the clerk keeps them); with `since`, those git
    says were added or changed since, and those whose state began since."""
    records = view.catalog.records(kind.dataset)
    by_number = view.decision_by_number(kind.dataset)
    decisions = [by_number[r.decision_no] for r in records]
    if since is None:
        return decisions
    fresh = changed_since(root, kind.dataset, records, since)
    return [d for d in decisions if d.record.decision_no in fresh or _state_since(d) >= since]


def _check_since(root: Path, since: date, today: date) -> None:
    if since > today:
        raise UsageError(f"用法错误：--since {since} 晚于导出日期 {today}。没有导出任何文件。")
    try:
        check_history(root)
    except NoHistory as exc:
        raise UsageError(f"用法错误：{exc}") from None


def _context_notes(root: Path, since: date | None) -> list[str]:
    """What the clerk should know before uploading: uncommitted data, or settings that changed every row."""
    notes = []
    if dirty(root, *(BY_NAME[k.dataset].path for k in KINDS.values()), SITE_FILE):
        notes.append("注意：data/ 中的双公示数据或 site.yml 有尚未提交的修改：导出按本机文件，"
                     f"网站按已合并的版本显示{'；--since 把这些修改算作今天的改动' if since else ''}。")
    if since is not None and site_changed_since(root, since):
        notes.append(f"注意：data/site.yml 在 {since} 以后有改动（机构名称、信用代码或公示期限会影响每一行）："
                     "如改动了这些内容，请去掉 --since 全部导出一次。")
    return notes


def _state_since(d: DecisionView) -> date:
    """The day a decision took the state it has on the platform: public from its publicity day, ended the day after
    its end, withdrawn or repaired on the day recorded (date.min when unknown: git tells)."""
    r = d.record
    if d.state == EXPIRED and d.ends_on:
        return d.ends_on + timedelta(days=1)
    if d.state == WITHDRAWN:
        return r.withdrawn_on or date.min
    if d.state == REPAIRED:
        return r.repaired_on or date.min
    return r.published_on


def _left_out(name: str, kind: PlatformKind, decisions: list[DecisionView], today: date) -> list[str]:
    """A summary of what the site no longer lists and the export leaves out, and each one the platform may still
    show if it was uploaded before (publicity not over yet): to be taken down there."""
    lines = []
    counts = Counter(d.state for d in decisions if d.state != PUBLIC and not
                     (kind.reports_ended and d.state in ENDED_STATES))
    if counts:
        parts = "、".join(f"{label}的 {counts[state]} 条" for state, label in LEFT_OUT.items() if counts[state])
        lines.append(f"{name}：{parts}未导出（与网站 {today} 显示的一致）。")
    for d in decisions:
        r, standing = d.record, d.ends_on is None or d.ends_on >= today
        if kind.reports_ended or not standing:
            continue
        if d.state == WITHDRAWN:
            lines.append(f"{name}：{r.decision_no} 状态为「{r.status}」（{r.withdrawn_on}），未导出；"
                         "如已报送，请在信用平台上撤下或更正。")
        elif d.state == REPAIRED:
            lines.append(f"{name}：{r.decision_no} 已于 {r.repaired_on} 完成信用修复，未导出；"
                         "如已报送，请在信用平台上办理信用修复，停止公示。")
    return lines


def _ended_count(rows: list[DecisionView]) -> str:
    ended = sum(1 for d in rows if d.state != PUBLIC)
    return f"，其中已失效 {ended} 条（当前状态「{ENDED}」，备注写明原因）" if ended else ""


def _value(d: DecisionView, source: str, view: PublicView) -> str:
    how, _, name = source.rpartition(":")
    if name == "=":
        return ""
    value = _derived(d, name, view) if name.startswith("=") else getattr(d.record, name)
    if how == "wan":
        return _wan(value)
    if how == "join":
        return ";".join(value)
    if how in ("date", "date_or_long"):
        return value.strftime("%Y/%m/%d") if value else (LONG_TERM if how == "date_or_long" else "")
    return "" if value is None else str(value)


def _derived(d: DecisionView, name: str, view: PublicView) -> Any:
    """A value the export computes: the bureau's, the publicity end, the state on the export day, the remarks."""
    bureau = view.site.bureau  # type: ignore[union-attr]
    if name in ("=bureau.name", "=bureau.uscc"):
        return bureau.name if name == "=bureau.name" else bureau.uscc
    if name == "=publicity_end":
        return d.ends_on
    if name == "=state":
        return IN_FORCE if d.state == PUBLIC else ENDED
    if name == "=remarks":
        return "；".join(p for p in (_why_ended(d, view), d.record.remarks) if p)
    raise KeyError(f"{name!r} is not a derived value the export knows: see generator/staff/platform.py")


def _why_ended(d: DecisionView, view: PublicView) -> str | None:
    """备注 of a decision that no longer stands, in the site's words: 有效期已于 2025/06/30 届满;
    许可证件已吊销（吊销日期 2022/08/16，依据 …）：理由."""
    if d.state == EXPIRED and d.ends_on:
        return f"有效期已于 {d.ends_on:%Y/%m/%d} 届满"
    if d.state != WITHDRAWN:
        return None
    ending = view.ending(d)
    details = [f"{ending.date_label} {ending.on:%Y/%m/%d}" if ending.on else "",
               f"依据 {ending.by.record.decision_no}" if ending.by else ""]
    shown = "，".join(p for p in details if p)
    return ending.short + (f"（{shown}）" if shown else "") + (f"：{ending.reason}" if ending.reason else "")


def _wan(yuan: Decimal | None) -> str:
    """Yuan to 万元 with up to 6 decimals (1 分 exactly), no trailing zeros: 2000 -> 0.2."""
    if yuan is None:
        return ""
    text = format((yuan / 10000).quantize(Decimal("0.000001")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _write_all(files: dict[Path, Table], label_row: bool) -> None:
    for base in files:  # every file checked before the first one is written
        paths.check_output(base.with_name(base.name + ".xlsx"), paths.FILE, magic=paths.XLSX)
        paths.check_output(base.with_name(base.name + ".csv"), paths.FILE)
    for base, (columns, table) in files.items():
        _write(base, columns, table, label_row)


def _write(base: Path, columns: Columns, table: list[list[str]], label_row: bool) -> None:
    """The .xlsx and the CSV of one file: the codes, the Chinese labels if asked, then the rows. Every cell is text
    (never a formula, codes keep their digits, dates their slashes), and a value a spreadsheet could run as a
    formula (=HYPERLINK(…) typed into violation_facts) starts with an apostrophe in both, as in the site's
    downloads."""
    header = [[code for code, _label, _source in columns]]
    if label_row:
        header.append([label for _code, label, _source in columns])
    cells = [*header, *([neutralise(value) for value in row] for row in table)]
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


def _to_complete(group: str, columns: Columns, rows: list[DecisionView], first: int) -> list[str]:
    """The columns a clerk fills in by hand, with the rows (as the spreadsheet numbers them, from `first`)."""
    prefix = columns[0][0].split("_", 1)[0] + "_"
    labels = {code: label for code, label, _source in columns}
    lines = []
    for suffix, which in TO_COMPLETE[group]:
        code = prefix + suffix
        need = [i for i, d in enumerate(rows, start=first) if which == "all" or
                (which == "legal_rep" and d.record.legal_rep_name) or
                (which == "placeholder" and d.record.party_uscc and set(d.record.party_uscc[:-1]) == {"0"})]
        if need and code in labels:
            where = "、".join(str(i) for i in need)
            lines.append(f"  须人工补填 {code}（{labels[code]}）：第 {where} 行（仓库中不保存证件号码等信息）")
    return lines
