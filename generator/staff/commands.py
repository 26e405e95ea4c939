"""Staff tools, command side: run import / template / export and say in Chinese what happened."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..datasets import BY_NAME, Dataset
from ..datasets.institutions.liststate import WHITE
from ..problems import render

if TYPE_CHECKING:
    from .current import Current

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def run_import(args: argparse.Namespace) -> int:
    from .importer import plan_import

    root, source = Path(args.root).resolve(), Path(args.file)
    plan = plan_import(root, source, args.dataset, args.sheet, args.update, args.ignore_column, shown=args.file)
    for note in [*plan.skipped, *plan.notes]:
        print(note)
    if not plan.ok:
        print(render(plan.problems, "text", 1).rsplit("\n", 1)[0])
        print(f"没有写入任何内容：请按上面每行提示修改表格（{args.file}）后重新导入。")
        return EXIT_ERRORS
    if plan.problems:
        print(render(plan.problems, "text", 1).rsplit("\n", 1)[0])
    target = root / plan.dataset.path
    summary = f"新增 {plan.added} 条，改写 {plan.updated} 条（{plan.dataset.title}，{plan.dataset.path}）"
    changes = [change.text(args.file) for change in plan.changes]
    if args.dry_run:
        print("\n".join([f"试运行：将{summary}；没有写入。", *changes]))
        return EXIT_OK
    try:
        paths.check_output(target, paths.FILE)
    except paths.Refused as exc:
        print(f"没有写入任何内容：{exc}", file=sys.stderr)
        return EXIT_ERRORS
    paths.write_file(target, (plan.text or "").encode("utf-8"))  # all or nothing, even if interrupted
    print("\n".join([f"已导入：{summary}。请用 `python -m generator validate` 复核后提交。", *changes]))
    return EXIT_OK


def run_template(args: argparse.Namespace) -> int:
    """The template of a dataset, drawn from the data under --root. Errors elsewhere in the data do not stop it: a
    clerk needs the sheet either way; what could not be read is left out of the dropdowns and said."""
    from .current import read_current
    from .template import write_template

    out, root, ds = Path(args.out), Path(args.root), BY_NAME[args.dataset]
    if out.suffix.lower() != ".xlsx":
        print("用法错误：--out 应为 .xlsx 文件", file=sys.stderr)
        return EXIT_USAGE
    try:
        target = paths.check_output(out, paths.FILE, magic=paths.XLSX)
    except paths.Refused as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    if not (root / "data").is_dir():
        print(f"用法错误：{root.resolve()} 中没有 data/ 文件夹：模板的下拉列表和示例取自数据，"
              "请在数据仓库的根目录运行，或用 --root 指定数据仓库", file=sys.stderr)
        return EXIT_USAGE
    current = read_current(root, ds)
    write_template(ds, target, current)
    for line in _template_notes(ds, current):
        print(line)
    print(f"已生成填报模板：{out}（{ds.title}；填好后用 `python -m generator import {out} "
          f"--dataset {args.dataset}` 导入）")
    return EXIT_OK


def _template_notes(ds: Dataset, current: Current) -> list[str]:
    from ..read.load import SITE_FILE
    from .current import reference_options, references

    notes = []
    for path, n in sorted(Counter(p.path for p in current.problems).items()):
        left = "示例行可能以「××」代替本局的文号和县名" if path == SITE_FILE else "出错的记录没有列入下拉列表"
        notes.append(f"注意：{path} 有 {n} 处错误，{left}：请运行 `python -m generator validate` 查看并改正")
    for key, target in references(ds).items():
        offered, title = reference_options(ds, key, current), ds.model.label_of(key)
        if offered is None:
            notes.append(f"注意：读不出 {target.path}，模板中「{title}」一列没有下拉列表")
        elif not offered:
            notes.append(f"注意：{target.path} 中没有可选的{target.title}，模板中「{title}」一列没有下拉列表")
    return notes


def _stamp(args: argparse.Namespace, today: date) -> str:
    """yyyyMMddHH of the export: the hour too, unless the day is fixed (--today, SOURCE_DATE_EPOCH: reproducible)."""
    if args.today or os.environ.get("SOURCE_DATE_EPOCH"):
        return today.strftime("%Y%m%d") + "00"
    return datetime.now(timezone(timedelta(hours=8))).strftime("%Y%m%d%H")


def run_export(args: argparse.Namespace, today: date) -> int:
    from .export import ExportError, UsageError, export_credit_platform

    since = date.fromisoformat(args.since) if args.since else None
    try:
        result = export_credit_platform(Path(args.root), Path(args.out), today, since, _stamp(args, today),
                                        label_row=args.label_row)
    except paths.Refused as exc:
        print(f"用法错误：{exc}。没有导出任何文件。", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except ExportError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERRORS
    for line in result:
        print(line)
    return EXIT_OK


def run_posters(args: argparse.Namespace, today: date) -> int:
    """The white list's A4 posters, on demand (a site whose white list is over POSTER_LIMIT builds none)."""
    import tempfile

    from ..datasets.institutions.posters import posters
    from ..datasets.views import PublicView
    from ..validate import validate

    try:
        out = paths.check_output(Path(args.out), paths.FOLDER)
    except paths.Refused as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    outcome = validate(Path(args.root), today)
    if not outcome.ok:
        print(render(outcome.problems, "text", outcome.files))
        print("数据有错误，没有生成海报：请先改正上面的问题。")
        return EXIT_ERRORS
    view = PublicView(outcome.catalog, today)
    known = {i.record.id: i for i in view.institutions}
    for wanted in args.ids:
        if wanted not in known or known[wanted].state.listed != WHITE:
            print(f"机构编号「{wanted}」不是截至 {today} 的白名单机构：海报只为白名单机构制作", file=sys.stderr)
            return EXIT_USAGE
    with tempfile.TemporaryDirectory() as work:
        made = {out / f"{rel.split('/')[1]}.pdf": data for rel, data in posters(view, Path(work), args.ids or None)}
    if not made:
        print("没有生成海报：没有白名单机构，或本机没有安装中文字体（Debian 软件包 fonts-noto-cjk）")
        return EXIT_ERRORS
    try:  # every file checked before the first is written
        for target in made:
            paths.check_output(target, paths.FILE, magic=paths.PDF)
    except paths.Refused as exc:
        print(f"用法错误：{exc}。没有生成任何海报。", file=sys.stderr)
        return EXIT_USAGE
    for target, data in made.items():
        paths.write_file(target, data)
    print(f"已生成 {len(made)} 张海报（名单状态截至 {today}）：{args.out}")
    return EXIT_OK
