"""Problems: what reading and checking found, as data (never exceptions), and how they are printed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


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
    severity: str
    """ERROR or WARNING: its code's (Code.severity)."""

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}] {self.field}: {self.message}"

    def github(self) -> str:
        kind = "error" if self.severity == ERROR else "warning"
        message = f"{self.field}: {self.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col},title={self.code}::{message}"

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity}


@dataclass(frozen=True)
class Code:
    """One problem code, all it says to staff: its severity, what it means and what to do (the guide's row)."""

    code: str
    """Stable: tests and CI annotations use it."""
    severity: str
    means: str
    fix: str
    """What staff do about it (the guide's 「怎么改」 column)."""

    def at(self, where: Where, field: str, message: str) -> Problem:
        return Problem(where.path, where.line, where.col, self.code, field, message, self.severity)


def table(*codes: Code) -> dict[str, Code]:
    """Codes by name; a name given twice is an error."""
    found: dict[str, Code] = {}
    for code in codes:
        if code.code in found:
            raise ValueError(f"problem code {code.code!r} declared twice")
        found[code.code] = code
    return found


#: The codes every stage may report (a family declares its own beside its checks: its codes.py).
CORE: dict[str, Code] = table(
    Code("yaml-syntax", ERROR, "YAML 语法错误（缩进、冒号、引号不配对等）",
         "按报告的行列检查缩进（用空格，不用 Tab）、冒号后的空格和成对的引号；可对照仓库中原有的条目。"),
    Code("yaml-duplicate-key", ERROR, "同一层级出现了两个相同的键",
         "同一条目中删除重复的那一行，或把它改成本应填写的另一个键。"),
    Code("csv-encoding", ERROR,
         "CSV 文件不是 UTF-8 编码（常见于 Excel/WPS 默认保存的 GBK）",
         "用 WPS/Excel 另存为「CSV UTF-8（逗号分隔）」，或用 `python -m generator import 文件 --dataset 数据集` 导入，"
         "它会自动转换编码。"),
    Code("csv-header", ERROR,
         "CSV 表头缺列、多列或某行单元格个数与表头不符",
         "第一行表头按「数据填报说明」中的英文字段名填写，不要增删列；"
         "某行列数不符时检查是否多了或少了逗号（含逗号的内容要加英文双引号）。"),
    Code("missing-field", ERROR, "必填字段为空",
         "在报告的单元格中填写该字段；不知道怎么填时查看「数据填报说明」中该字段的说明。"),
    Code("unknown-field", ERROR, "出现了数据规范中没有的字段",
         "删除这一列或这一项，或改成数据规范中的字段名（区分大小写，用英文下划线）。"),
    Code("invalid-value", ERROR, "取值格式不对（数字、金额、编号等）",
         "按提示改成正确的格式：金额只写数字（单位元，最多两位小数），编号只用规定的字符。"),
    Code("invalid-enum", ERROR, "取值不在允许的选项之中",
         "改成提示中列出的选项之一，文字要完全一致（包括全角、半角）。"),
    Code("invalid-date", ERROR, "日期不是 YYYY-MM-DD 格式或不存在",
         "写成 YYYY-MM-DD，例如 2021-03-05（半角数字和短横线），并确认这一天存在。"),
    Code("invalid-uscc", ERROR,
         "统一社会信用代码校验位错误（GB 32100）",
         "对照营业执照或登记证书重新录入 18 位代码（常见错误：字母 O 与数字 0、I 与 1 混淆）；"
         "个体工商户没有代码时填 00000000000000000X。"),
    Code("duplicate-id", ERROR, "编号或文号重复",
         "编号或文号必须唯一：核对是否重复录入了同一条记录，删除重复的一行，或改正其中一个编号。"),
    Code("unknown-reference", ERROR, "引用的机构或执法事项不存在或类别不符",
         "先在被引用的文件中登记该机构、事项或决定，或改正引用的编号、文号，使类别也相符。"),
    Code("date-order", ERROR, "日期先后顺序不合理",
         "核对这两个日期，通常是年份或月份录错；改正后重新检查。"),
    Code("conditional-field", ERROR, "按规则应填（或不应填）的字段",
         "按提示补填或清空该字段：例如处罚类别含「罚款」时必须填罚款金额，不含时必须为空。"),
    Code("personal-id-number", ERROR, "发现公民身份号码，不得公开",
         "删除身份证号：网站和仓库都不得保存自然人的身份证号（报送信用平台时由导出文件留空、人工补填）。"),
    Code("phone-number", ERROR, "发现个人手机号码，不得公开",
         "删除个人手机号；公开的办公电话请登记在 data/site.yml 的 policy.public_phones 中。"),
    Code("bank-card-number", ERROR, "发现银行卡号，不得公开",
         "删除银行卡号，不得公开。"),
    Code("person-name-in-text", ERROR, "自然人当事人的全名写在了其他字段中（网站只显示打码后的姓名）",
         "把全名改写为「当事人」；网站只显示自然人的姓氏加 *。"),
    Code("active-file", ERROR,
         "content/ 中有网页或脚本文件（.html、.js、.xml 等），其中的脚本会在本站地址下运行，不予发布",
         "把网页内容改写成 Markdown（.md）页面；需要原样提供的文件请转成 PDF，或压缩成 .zip 作为附件。"),
    Code("active-svg", ERROR, "SVG 图片中有脚本、事件属性或外部引用，不予发布",
         "换成不含脚本和外部引用的图片（例如另存为 PNG），或用图片软件重新导出 SVG。"),
    Code("unsupported-file", ERROR,
         "content/ 中的文件类型不在允许发布的类型之中（例如 .doc、.xls、.wps、.rar、.exe、含宏的 .xlsm）",
         "按提示另存为允许的类型：旧版 .doc/.xls/.ppt 和 WPS 格式另存为 .docx/.xlsx/.pptx，"
         "含宏的文件另存为不含宏的格式，.rar/.7z 改用 .zip 压缩，其他图片另存为 PNG 或 JPG；不需要公开的文件请删除。"),
    Code("refused-file", ERROR,
         "附件无法完整检查（已损坏、加密、含宏、嵌入了其他程序的对象或无法读取的部件），不予发布",
         "按提示处理说明中指出的部分：加密的取消密码后另存；含宏的另存为不含宏的格式；删除嵌入的对象、字体、"
         "音频或视频，改为直接粘贴文字、表格或图片；损坏的用原来的软件打开后另存为新文件。"),
    Code("location-data", ERROR,
         "图片（或文档中的图片）含有拍摄地点（GPS 坐标），不予发布",
         "删除照片的位置信息后另存（Windows：右键图片 →「属性」→「详细信息」→「删除属性和个人信息」），"
         "或截图后使用截图；今后拍照前关闭相机的位置信息。"),
    Code("unreadable-path", ERROR, "文件或文件夹无法读取，无法证明其中没有个人信息",
         "检查文件权限和磁盘，使该文件可读；不需要的文件请删除。"),
    Code("published-personal-data", ERROR, "生成的网站文件中发现个人信息（发布前的最后检查），网站未更新",
         "按报告中的来源找到并删除该个人信息（数据文件的行，或模板、附件），重新生成；原网站保持不变。"),
    Code("control-character", ERROR,
         "含有看不见的控制字符、零宽字符或文字方向字符（如 U+200B、U+202E），可能让内容显示得与实际不同",
         "删除看不见的控制字符：把该单元格的内容在记事本中重新输入一遍，不要从网页或聊天软件直接粘贴。"),
    Code("generated-path", ERROR, "content/ 下的文件与网站自动生成的页面或下载文件同名，会把它替换掉",
         "把 content/ 中的这个文件改名或移到别的目录：该地址由网站自动生成（列表、下载、订阅源等）。"),
    Code("unsafe-config", ERROR,
         "mkdocs.yml 中有会运行程序、读取其他文件或访问其他网站的设置（插件、hooks、"
         "部分 Markdown 扩展、外部地址、YAML 标签）",
         "删除这一项，或改回仓库示例 mkdocs.yml 中的写法；"
         "需要新的外观设置时请联系技术支持确认它不会运行程序或访问其他网站。"),
    Code("unsafe-file", ERROR,
         "data/、content/、site_overrides/ 或 mkdocs.yml 中的符号链接（无论指向仓库内外），"
         "或管道、设备等特殊文件：不读取、不发布",
         "删除该符号链接或特殊文件，把真正需要公开的文件本身复制到这个位置（Windows 的快捷方式、"
         "Linux 的 ln -s 链接都不行）。"),
    Code("unreadable-file", ERROR, "文件无法读取（权限不足、磁盘错误或文件名不是 UTF-8）",
         "检查文件权限和文件名（文件名请用 UTF-8，避免从 Windows 压缩包解出的乱码名），或重新保存该文件。"),
    Code("too-large", ERROR,
         "超出规定上限（文件大小、行数、单元格长度、数字位数、Markdown 嵌套层数等）",
         "按提示缩短内容、拆分文件，或减少 Markdown 的嵌套层数和连续的方括号；导入的表格超过行数、列数上限时，"
         "删除表格末尾多余的行和列（右键「删除」）后另存，或拆分成几个文件分批导入。"),
    Code("engine-error", ERROR, "网站引擎无法生成某个页面（例如页面要求的模板不存在）",
         "检查该页面开头的文首信息（只允许 title、description、hide），删除不认识的项后重新生成。"),
    Code("list-conflict", ERROR,
         "白名单/黑名单或机构状态变动相互矛盾",
         "按提示先追加缺少的变动（例如「移出白名单」「重新取得办学许可」），或改正日期、"
         "事项；变动记录只追加，不修改旧行。"),
    Code("figure-mismatch", ERROR,
         "年度报告中的数字（文首 figures，或正文中紧跟在数据项名称后的数字）与数据不一致或无法核对",
         "核对报告中的数字和数据："
         "报告写错就改报告的 figures 和正文（也可以把正文中的数字写成 {{白名单机构数}} 这样的占位，"
         "由网站按数据填入），数据漏录就补录数据。"),
    Code("unknown-figure", ERROR,
         "年度报告正文中的 {{…}} 不是本站计算的数据项，网站无法填入",
         "把 {{ }} 中的名称改成报告页数据表中的项目名称（例如 {{白名单机构数}}）"
         "或数据项英文名（例如 {{whitelisted}}）；不需要填入数字时删去 {{ }}。"),
    Code("report-table", ERROR,
         "政府信息公开工作年度报告的表格（表三申请情况、表四复议诉讼情况）中，某行的总计不等于各列之和，（七）总计不等于"
         "各项办理结果之和，新收加上年结转不等于办结加结转下年度，或上年结转与上一年度报告的结转下年度不一致",
         "按提示的行和列核对文首信息中的数字：每行最后一个数是前面各数之和；（七）总计是（一）至（六）各行之和；"
         "上年结转应照抄上一年度报告的「结转下年度继续办理」。"),
    Code("report-section", ERROR,
         "政府信息公开工作年度报告的正文缺少国务院办公厅规定格式中的一节，或写了由网站生成的表格一节",
         "正文依次写「## 一、总体情况」「## 五、存在的主要问题及改进情况」「## 六、其他需要报告的事项」；"
         "二、三、四 三节的表格由网站按文首信息 proactive、applications、appeals 生成，正文中不要再写。"),
    Code("history-incomplete", ERROR,
         "validate --history 在浅克隆中运行：更早的 git 历史不在本地，无法确认历史中没有个人信息",
         "先运行 git fetch --unshallow 取回完整历史再检查；CI 中 actions/checkout 设 fetch-depth: 0，"
         "GitLab 设变量 GIT_DEPTH: \"0\"。"),
    Code("history-unchecked", ERROR,
         "validate --history 没有检查 git 历史中的某个文件版本（超过大小上限，或 git 对象缺失、损坏）",
         "按提示手工检查该版本（git cat-file -p 对象号）；对象缺失或损坏时运行 git fsck --full，必要时重新完整克隆；"
         "确需检查更大的文件时设置提示中的环境变量提高上限。"),
    Code("sheet-unreadable", ERROR,
         "导入的表格文件打不开、已损坏、不是普通文件（管道、设备、文件夹）、工作表不存在或编码无法识别",
         "确认文件能在 WPS/Excel 中打开、工作表名称正确（--sheet），CSV 另存为 UTF-8 或 GBK；"
         "不要导入 ~$ 开头的临时文件。"),
    Code("legal-state", ERROR,
         "导入会把已撤销、已变更或失效的决定改回「有效」（法律状态只能通过它自己的列、写明日期和理由来改变）",
         "撤销、变更、失效是已经作出的法律行为，导入不会改回「有效」：表格是旧的就删去「状态」列或那一格；"
         "数据确实录错时，在合并请求中说明后直接修改数据文件。"),
    Code("sheet-hidden", ERROR,
         "导入的表格中有隐藏的行或列（手动隐藏、行高或列宽为 0、被筛选隐藏）并且有内容",
         "在 Excel/WPS 中取消隐藏（选中相邻的行号或列标，右键「取消隐藏」；被筛选隐藏时点「数据」→「清除筛选」），"
         "核对后删除不需要的行或列，保存后再导入。"),
    Code("sheet-header", ERROR,
         "导入的表格找不到表头、列名无法对应字段或缺少必填列",
         "把表头改成字段的中文名称（见「数据填报说明」），或用 `python -m generator template` 生成的模板重新填写；"
         "多余的列可加 --ignore-column 忽略。"),
    Code("sheet-dataset", ERROR,
         "收件箱（inbox/）中的表格无法判断属于哪个数据集：没有模板标记，表头又对不上或同时像两个数据集",
         "使用对应数据集的填报模板填写（模板中藏有数据集标记），或把表头改成「数据填报说明」中该数据集的中文列名，"
         "并补齐必填列；一个文件只放一个数据集的表格。"),
    Code("inbox-file", ERROR,
         "收件箱（inbox/）中有不能导入的文件：不是 .xlsx、.xls、.ods、.csv 表格，或是文件夹、链接",
         "把文件另存为 .xlsx（或 .xls、.ods、.csv）后重新上传到 inbox/；不需要导入的文件从 inbox/ 删除；"
         "不要在 inbox/ 中建子文件夹。"),
    Code("inbox-git", ERROR,
         "收件箱导入无法提交：不在 git 仓库中、没有设置提交人、要改写的数据文件有未提交的修改，或提交时出错",
         "在网页上导入时请联系管理员查看作业日志；在本机运行时先提交或撤销提示中文件的修改，"
         "设置 git config user.name 和 user.email，再运行 python -m generator inbox。"),
    Code("late-report", WARNING, "年度报告发布晚于规定期限",
         "今后按期发布；已发布的报告无需改动（这只是提醒）。"),
    Code("missing-report", WARNING, "某一年度的报告过了发布期限仍未添加",
         "按提示添加 content/reports/年份.md（政府信息公开工作年度报告为 年份-xxgk.md；文首信息写明 year、title、"
         "kind、published_on）。"),
    Code("calendar-unknown", WARNING, "节假日安排未知的年份按周一至周五计算工作日",
         "升级 chinesecalendar 软件包后会自动按节假日计算；无需改动数据。"),
    Code("unsafe-markup", WARNING, "Markdown 中的脚本、内嵌框架、事件属性、外部图片或不安全链接已被删除，不会发布",
         "删除报告或页面中的脚本、内嵌框架、外部图片和 javascript: 链接；图片请放进仓库用相对路径引用。"),
    Code("unchecked-file", WARNING,
         "扫描件 PDF：没有文字层，页面图片中的文字无法自动检查（文档属性、批注、附件等已检查）",
         "人工核对扫描件中没有身份证号、手机号等个人信息；能转换时改用带文字层的 PDF（由 Word/WPS 直接导出），"
         "或把内容改写成 Markdown 页面。"),
)


def problem(code: str | Code, where: Where, field: str, message: str) -> Problem:
    """A located problem of a core code (by name) or of any declared Code."""
    if isinstance(code, Code):
        return code.at(where, field, message)
    if code not in CORE:
        raise KeyError(f"unregistered problem code {code!r}")
    return CORE[code].at(where, field, message)


def reporter(codes: dict[str, Code]) -> Callable[[str | Code, Where, str, str], Problem]:
    """`problem` for a family: its own codes (codes.py) by name, and the core ones."""
    def family_problem(code: str | Code, where: Where, field: str, message: str) -> Problem:
        if isinstance(code, str) and code in codes:
            return codes[code].at(where, field, message)
        return problem(code, where, field, message)
    return family_problem


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
