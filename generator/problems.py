"""Problems: what reading and checking found, as data (never exceptions), and how they are printed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

#: Every problem code, its severity and what it means for staff. Stable: tests and CI annotations use them.
CODES: dict[str, tuple[str, str]] = {
    "yaml-syntax": (ERROR, "YAML 语法错误（缩进、冒号、引号不配对等）"),
    "yaml-duplicate-key": (ERROR, "同一层级出现了两个相同的键"),
    "csv-encoding": (ERROR, "CSV 文件不是 UTF-8 编码（常见于 Excel/WPS 默认保存的 GBK）"),
    "csv-header": (ERROR, "CSV 表头缺列、多列或某行单元格个数与表头不符"),
    "missing-field": (ERROR, "必填字段为空"),
    "unknown-field": (ERROR, "出现了数据规范中没有的字段"),
    "invalid-value": (ERROR, "取值格式不对（数字、金额、编号等）"),
    "invalid-enum": (ERROR, "取值不在允许的选项之中"),
    "invalid-date": (ERROR, "日期不是 YYYY-MM-DD 格式或不存在"),
    "invalid-uscc": (ERROR, "统一社会信用代码校验位错误（GB 32100）"),
    "duplicate-id": (ERROR, "编号或文号重复"),
    "unknown-reference": (ERROR, "引用的机构或执法事项不存在或类别不符"),
    "date-order": (ERROR, "日期先后顺序不合理"),
    "conditional-field": (ERROR, "按规则应填（或不应填）的字段"),
    "personal-id-number": (ERROR, "发现公民身份号码，不得公开"),
    "phone-number": (ERROR, "发现个人手机号码，不得公开"),
    "bank-card-number": (ERROR, "发现银行卡号，不得公开"),
    "person-name-in-text": (ERROR, "自然人当事人的全名写在了其他字段中（网站只显示打码后的姓名）"),
    "active-svg": (ERROR, "SVG 图片中有脚本、事件属性或外部引用，不予发布"),
    "unreadable-path": (ERROR, "文件或文件夹无法读取，无法证明其中没有个人信息"),
    "published-personal-data": (ERROR, "生成的网站文件中发现个人信息（发布前的最后检查），网站未更新"),
    "control-character": (ERROR, "含有看不见的控制字符或文字方向字符（如 U+202E），可能让内容显示得与实际不同"),
    "generated-path": (ERROR, "content/ 下的文件与网站自动生成的页面或下载文件同名，会把它替换掉"),
    "unsafe-file": (ERROR, "指向数据目录以外的符号链接，或管道、设备等特殊文件"),
    "unreadable-file": (ERROR, "文件无法读取（权限不足、磁盘错误或文件名不是 UTF-8）"),
    "too-large": (ERROR, "超出规定上限（文件大小、行数、单元格长度、数字位数、Markdown 嵌套层数等）"),
    "engine-error": (ERROR, "网站引擎无法生成某个页面（例如页面要求的模板不存在）"),
    "list-conflict": (ERROR, "白名单/黑名单或机构状态变动相互矛盾"),
    "figure-mismatch": (ERROR, "年度报告中的数字与数据不一致"),
    "sheet-unreadable": (ERROR, "导入的表格文件打不开、工作表不存在或编码无法识别"),
    "sheet-header": (ERROR, "导入的表格找不到表头、列名无法对应字段或缺少必填列"),
    "unusual-license-no": (WARNING, "办学许可证号不是常见的「教民 + 15 位数字 + 号」格式"),
    "late-disclosure": (WARNING, "公示日期晚于决定日期 7 个工作日以上"),
    "late-report": (WARNING, "年度报告发布晚于规定期限"),
    "missing-report": (WARNING, "某一年度的报告过了发布期限仍未添加"),
    "calendar-unknown": (WARNING, "节假日安排未知的年份按周一至周五计算工作日"),
    "unsafe-markup": (WARNING, "Markdown 中的脚本、内嵌框架、事件属性、外部图片或不安全链接已被删除，不会发布"),
    "unchecked-file": (WARNING, "无法自动检查其中个人信息的文件（扫描件 PDF、旧版 Office 格式、损坏的文件）"),
}


@dataclass(frozen=True, slots=True)
class Where:
    """A position in a file under the root: 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One located problem. Field order is the sort order of reports."""

    path: str
    line: int
    col: int
    code: str
    field: str
    message: str

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}] {self.field}: {self.message}"

    def github(self) -> str:
        kind = "error" if self.severity == ERROR else "warning"
        message = f"{self.field}: {self.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col},title={self.code}::{message}"

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity}


def problem(code: str, where: Where, field: str, message: str) -> Problem:
    if code not in CODES:
        raise KeyError(f"unregistered problem code {code!r}")
    return Problem(where.path, where.line, where.col, code, field, message)


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for p in problems:
        if p.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def summary(problems: list[Problem], files: int) -> str:
    errors, warnings = count(problems)
    if errors:
        verdict = "请按上面每行提示修改对应文件后重新提交"
    elif warnings:
        verdict = "没有错误，可以发布；警告请留意"
    else:
        verdict = "全部通过"
    return f"共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告。{verdict}。"


def render(problems: list[Problem], fmt: str, files: int) -> str:
    ordered = sorted(problems)
    if fmt == "json":
        errors, warnings = count(ordered)
        return json.dumps(
            {"problems": [p.as_dict() for p in ordered], "errors": errors, "warnings": warnings, "files": files},
            ensure_ascii=False,
            indent=2,
        )
    lines = [p.github() if fmt == "github" else p.text() for p in ordered]
    lines.append(summary(ordered, files))
    return "\n".join(lines)
