"""Rules, site configuration: mkdocs.yml may set only what changes how pages look, never what runs code or reads
files from elsewhere.

The engine runs hooks and plugins (Python code), reads files named by Markdown extensions (pymdownx.snippets can
pull `.git/config` into a page), inherits other files (INHERIT), and the theme loads any URL in extra_css,
extra_javascript, a logo or a favicon (a blocked foreign host hangs every page in mainland China). So the file is
read against an allow-list: keys, theme settings and Markdown extensions, each value of the expected kind; the
build writes the engine's copy from the same reading (publish/engine.py) and refuses what this rule refuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from ..problems import Problem, Where, problem
from ..read.sources import Marks, parse_yaml

ENGINE_CONFIG = "mkdocs.yml"

#: Top-level keys staff may set, and what each must be. Those the build writes itself (folders, navigation, name,
#: URL) are accepted and replaced.
KEYS = {
    "site_name": "text", "site_url": "text", "site_description": "text", "site_author": "text",
    "copyright": "text", "docs_dir": "text", "site_dir": "text", "use_directory_urls": "flag", "strict": "flag",
    "theme": "theme", "plugins": "plugins", "markdown_extensions": "extensions", "extra_css": "local",
    "extra_javascript": "local", "extra": "extra", "nav": "any", "not_in_nav": "any", "validation": "any",
    "exclude_docs": "text", "draft_docs": "text",
}
#: Theme settings of Material that only change the look; custom_dir must be a folder of the repository (checked
#: with its files when the build copies it).
THEME_KEYS = {"name": "text", "language": "text", "custom_dir": "text", "font": "font", "features": "texts",
              "palette": "any", "icon": "any", "logo": "local", "favicon": "local", "direction": "text"}
#: Markdown extensions that only change how staff Markdown reads (none reads files or runs code it is given).
EXTENSIONS = frozenset({"tables", "toc", "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
                        "sane_lists", "smarty", "meta", "nl2br", "wikilinks", "pymdownx.details", "pymdownx.mark",
                        "pymdownx.tilde", "pymdownx.caret", "pymdownx.betterem", "pymdownx.tasklist",
                        "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys",
                        "pymdownx.smartsymbols", "pymdownx.tabbed", "pymdownx.critic", "pymdownx.saneheaders"})
#: Options of an allowed extension that name code or files (a slug function, a formatter, a base path).
_CODE_OPTIONS = re.compile(r"slugify|format|base_path|custom_|validator", re.I)
_SCHEME = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")


def check_config(text: str, rel: str = "mkdocs.yml") -> list[Problem]:
    """Every setting of the configuration outside the allow-list, located at its line and column."""
    config, marks, found = parse_yaml(text, rel)
    if found or config is None:
        return found
    return _tags(text, rel) + config_problems(config, marks, rel)


#: What YAML gives a value written without a tag (and !!str and the like): plain data.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map",
                                                                  "timestamp", "binary", "omap", "set"))


def _tags(text: str, rel: str) -> list[Problem]:
    """YAML tags make the engine's loader build Python objects or read the environment (!!python/name, !ENV)."""
    found = []
    nodes = [yaml.compose(text, Loader=yaml.BaseLoader)]
    while nodes:
        node = nodes.pop()
        if node is None:
            continue
        if node.tag not in _PLAIN_TAGS:
            where = Where(rel, node.start_mark.line + 1, node.start_mark.column + 1)
            found.append(problem("unsafe-config", where, "YAML", (
                f"不允许使用 YAML 标签「{node.tag}」（会让网站引擎运行程序或读取环境变量）。此设置不予使用，"
                "网站不会生成：请删除这个标签")))
        if isinstance(node, yaml.SequenceNode):
            nodes += node.value
        elif isinstance(node, yaml.MappingNode):
            nodes += [part for pair in node.value for part in pair]
    return found


def config_problems(config: Any, marks: Marks, rel: str = "mkdocs.yml") -> list[Problem]:
    """Every setting of the parsed configuration outside the allow-list, located at its line and column."""
    if not isinstance(config, dict):
        return [_refused(rel, marks, "", "文件内容应是「键: 值」的设置")]
    found = []
    for key, value in config.items():
        kind = KEYS.get(key)
        if kind is None:
            found.append(_refused(rel, marks, key, f"不允许设置「{key}」（只允许改变网站外观的设置；"
                                                   "hooks、INHERIT、插件等会运行程序或读取仓库以外的文件）"))
            continue
        found += [_refused(rel, marks, path, why) for path, why in _check(kind, value, key)]
    return found


def _check(kind: str, value: Any, path: str) -> Iterator[tuple[str, str]]:
    if kind == "any":
        return
    if kind == "text" and not isinstance(value, str):
        yield path, "应是一段文字"
    elif kind == "flag" and value not in ("true", "false", True, False):
        yield path, "应是 true 或 false"
    elif kind == "texts" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        yield path, "应是文字列表"
    elif kind == "local":
        yield from _local(value, path)
    elif kind == "font" and value not in ("false", False):
        yield path, "应为 false：网页字体从境外网站下载，国内读者打开页面会一直等待"
    elif kind == "plugins" and value not in ([], None):
        yield path, "不允许启用插件（插件会运行程序）；站内搜索由生成器自带"
    elif kind == "theme":
        yield from _theme(value, path)
    elif kind == "extensions":
        yield from _extensions(value, path)
    elif kind == "extra":
        yield from _extra(value, path)


def _local(value: Any, path: str) -> Iterator[tuple[str, str]]:
    values = value if isinstance(value, list) else [value]
    for i, item in enumerate(values):
        where = f"{path}[{i}]" if isinstance(value, list) else path
        if not isinstance(item, str) or _SCHEME.match(item) or item.startswith("/") or ".." in item.split("/"):
            yield where, "只能写本站主题文件夹中的文件（例如 assets/stylesheets/site.css），不能写其他网站的地址"


def _theme(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if not isinstance(value, dict):
        yield path, "应是主题设置"
        return
    if value.get("name") != "material":
        yield f"{path}.name", "主题只能是 material"
    for key, item in value.items():
        kind = THEME_KEYS.get(key)
        if kind is None:
            yield f"{path}.{key}", f"不允许的主题设置「{key}」"
        else:
            yield from _check(kind, item, f"{path}.{key}")


def _extensions(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if not isinstance(value, list):
        yield path, "应是 Markdown 扩展的列表"
        return
    for i, item in enumerate(value):
        name, options = (next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, None))
        if not isinstance(name, str) or name not in EXTENSIONS:
            yield f"{path}[{i}]", (f"不允许的 Markdown 扩展「{name}」（有的扩展会读取仓库中的任意文件，"
                                   "如 pymdownx.snippets 可把 .git/config 插入页面）")
        elif options is not None and _CODE_OPTIONS.search(repr(options)):
            yield f"{path}[{i}]", f"扩展「{name}」的选项不能指定程序或文件"


#: Settings of Material under extra that load pages or scripts from other hosts (analytics, a cookie consent
#: service, a version selector's list) or link out to them from every page.
_EXTRA_REFUSED = frozenset({"analytics", "consent", "version", "alternate", "social"})


def _extra(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """extra: values the templates print as text (strings, numbers, lists and mappings of them)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if path == "extra" and key in _EXTRA_REFUSED:
                yield f"{path}.{key}", f"不允许设置「extra.{key}」（会让每个页面访问其他网站）"
                continue
            yield from _extra(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _extra(item, f"{path}[{i}]")
    elif not isinstance(value, str | int | float | bool) and value is not None:
        yield path, "只能是文字或数字"


def _refused(rel: str, marks: Marks, path: str, why: str) -> Problem:
    line, col = marks.get(path, marks.get(path.split(".", 1)[0].split("[", 1)[0], (1, 1)))
    return problem("unsafe-config", Where(rel, line, col), path or "mkdocs.yml", (
        f"{why}。此设置不予使用，网站不会生成：请删除这一项，或改回示例中的写法"))
