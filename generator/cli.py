"""Command line: the only place that prints or exits."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from .problems import render

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n")


def _today(value: str | None) -> date:
    """--today, else SOURCE_DATE_EPOCH, else the real date (UTC+8, the bureau's calendar day)."""
    if value:
        return date.fromisoformat(value)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.fromtimestamp(time.time() + 8 * 3600, tz=UTC).date()


def _iso_day(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{value}") from None
    return value


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    if args.history:
        from .privacy.history import report

        text, clean = report(Path(args.root))
        print(text)
        return EXIT_OK if clean else EXIT_ERRORS

    outcome = validate(Path(args.root), _today(args.today))
    print(render(outcome.problems, args.format, outcome.files))
    return EXIT_OK if outcome.ok else EXIT_ERRORS


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(Path(args.root), Path(args.site_dir) if args.site_dir else None, _today(args.today))
    if result.problems:
        print(render(result.problems, "text", result.files), file=sys.stderr if result.ok else sys.stdout)
    for line in result.log:
        print(line)
    return EXIT_OK if result.ok else EXIT_ERRORS


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(Path(args.root), _today(args.today), args.port)


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import GitError, diff_revisions, render_markdown

    try:
        result = diff_revisions(Path(args.root), args.base, args.head)
    except GitError as exc:
        print(f"error[git-revision] {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(render_markdown(result), end="")
    return EXIT_OK


def cmd_synth(args: argparse.Namespace) -> int:
    from .datasets import REGISTRY
    from .synth.county import synthesize

    if args.scale < 1:
        print("用法错误：--scale 应为正整数", file=sys.stderr)
        return EXIT_USAGE
    from .paths import FILE, FOLDER, Refused, check_output

    out = Path(args.out)
    try:  # the tree is written below --out: none of its folders may be a link, nor a file where a folder goes
        for place, kind in ((out, FOLDER), *((out / name, FOLDER) for name in ("data", "content", "site_overrides")),
                            (out / "mkdocs.yml", FILE)):
            check_output(place, kind)
    except Refused as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    counts = synthesize(out, args.scale, seed=args.seed, registry=REGISTRY)
    project = Path(__file__).resolve().parents[1]
    for name in ("mkdocs.yml", "site_overrides"):  # so that `build --root OUT` works on the tree as it is
        source = project / name
        if source.is_dir():
            shutil.copytree(source, out / name, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, out / name)
    print("已生成合成数据：" + "，".join(f"{name} {n} 条" for name, n in counts.items()) + f"（{args.out}）")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from .staff.commands import run_import

    return run_import(args)


def cmd_template(args: argparse.Namespace) -> int:
    from .staff.commands import run_template

    return run_template(args)


def cmd_export(args: argparse.Namespace) -> int:
    from .staff.commands import run_export

    return run_export(args, _today(args.today))


def cmd_posters(args: argparse.Namespace) -> int:
    from .staff.commands import run_posters

    return run_posters(args, _today(args.today))


def cmd_inbox(args: argparse.Namespace) -> int:
    from .staff.inbox_report import run_inbox

    return run_inbox(args)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generator", description="教育行政执法与双公示信息公开网站生成器")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--root", default=".", help="数据仓库根目录（含 data/ 与 content/），默认当前目录")
        p.set_defaults(handler=handler)
        return p

    p = command("validate", cmd_validate, "检查 data/ 与 content/ 下的全部文件，一次列出所有问题")
    p.add_argument("--format", choices=("text", "github", "json"), default="text", help="输出格式")
    p.add_argument("--today", type=_iso_day, help="按这一天检查报告期限（YYYY-MM-DD），默认今天或 SOURCE_DATE_EPOCH")
    p.add_argument("--history", action="store_true",
                   help="检查 git 历史中 data/ 与 content/ 的每个版本有无身份证号、手机号")

    p = command("build", cmd_build, "检查并生成网站到 site/（失败时保留原网站不动）")
    p.add_argument("--site-dir", help="输出目录，默认 <root>/site")
    p.add_argument("--today", type=_iso_day, help="按这一天计算公示期（YYYY-MM-DD），默认今天或 SOURCE_DATE_EPOCH")

    p = command("serve", cmd_serve, "本地预览网站（给工作人员核对用）")
    p.add_argument("--today", type=_iso_day, help="按这一天计算公示期")
    p.add_argument("--port", type=int, default=8000, help="端口，默认 8000")

    p = command("diff", cmd_diff, "列出两个 git 版本之间各数据集新增、修改、删除的记录（Markdown）")
    p.add_argument("base", help="基准版本：分支、标签或提交号，例如 origin/main")
    p.add_argument("head", nargs="?", default="HEAD", help="对比版本，默认 HEAD")

    _staff_commands(command)

    p = sub.add_parser("synth", help="生成合成数据（用于性能测试）", description="生成一套合法的合成数据，用于性能测试")
    p.add_argument("--scale", type=int, required=True, help="机构数 N（处罚、许可各 N/2，变动 2N，人员 N/50）")
    p.add_argument("--out", required=True, help="输出目录")
    p.add_argument("--seed", type=int, default=20211231, help="随机种子（相同种子生成相同数据）")
    p.set_defaults(handler=cmd_synth)
    return parser


def _staff_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    from .datasets import DATASETS

    names = [ds.name for ds in DATASETS if ds.is_csv]
    p = command("import", cmd_import, "把工作人员的 Excel/WPS/CSV 表格导入数据文件（先整体检查，有错误时不写入）")
    p.add_argument("file", help="表格文件：.xlsx、.xls、.ods 或 .csv（UTF-8 或 GBK）")
    p.add_argument("--dataset", required=True, choices=names, help="导入到哪个数据集")
    p.add_argument("--sheet", help="工作表名称，默认第一个可见工作表")
    p.add_argument("--update", action="store_true", help="编号或文号已存在时，用表格中的内容改写该条记录")
    p.add_argument("--dry-run", action="store_true", help="只检查并显示将要做的修改，不写入")
    p.add_argument("--ignore-column", action="store_true", help="忽略无法对应字段的列（默认报错）")
    p = command("template", cmd_template, "生成一个数据集的 Excel 填报模板（填好后可直接导入）")
    p.add_argument("dataset", choices=names, help="数据集")
    p.add_argument("--out", required=True, help="输出的 .xlsx 文件")
    p = command("export", cmd_export, "导出报送信用平台的双公示文件（含未打码的姓名，不会放到网站上）")
    p.add_argument("target", choices=("credit-platform",), help="导出目标")
    p.add_argument("--out", required=True, help="输出目录（不要放在 data/、content/ 或网站目录中）")
    p.add_argument("--since", type=_iso_day, help="只导出这一天及以后新增或改动的决定（按 git 提交记录，"
                   "不是决定日期），以及这一天以后开始公示或失效的决定（YYYY-MM-DD）")
    p.add_argument("--today", type=_iso_day, help="导出日期：按这一天网站上的公示状态导出，也用在文件名中；"
                   "默认今天或 SOURCE_DATE_EPOCH")
    p.add_argument("--label-row", action="store_true", help="在英文代码表头下加一行中文列名（部分省份的模板需要）")
    p = command("posters", cmd_posters, "打印白名单机构的 A4 公示海报（PDF，含本机构网页的二维码）")
    p.add_argument("ids", nargs="*", help="机构编号，默认全部白名单机构")
    p.add_argument("--out", required=True, help="输出目录")
    p.add_argument("--today", type=_iso_day, help="海报上「名单状态截至」的日期，默认今天或 SOURCE_DATE_EPOCH")
    p = command("inbox", cmd_inbox,
                "导入 inbox/ 中的全部表格，每个文件一个 git 提交（有任何问题时不写入、不提交，列出问题）")
    p.add_argument("--report", help="把报告（问题清单或数据变更摘要，Markdown）另存到这个文件")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return EXIT_ERRORS
    except Exception as exc:  # the last guard: staff see a sentence, never a traceback
        if os.environ.get("GENERATOR_DEBUG"):
            raise
        print(f"error[internal-error] 程序内部错误（{type(exc).__name__}: {exc}）。数据没有被修改；"
              "请把这一行发给技术支持，设置环境变量 GENERATOR_DEBUG=1 可看到详细信息。", file=sys.stderr)
        return EXIT_ERRORS
