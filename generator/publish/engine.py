"""Site engine: MkDocs with the project's mkdocs.yml, then Pagefind; the only code that knows either tool.

The generator hands the engine a folder of Markdown pages and a config; swapping MkDocs for another engine
that reads mkdocs.yml (Zensical) means changing this module only.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import yaml

from ..model import View
from ..read.files import Tree, read_regular, unsafe_reason
from ..render.site import not_in_nav
from ..render.templates import safe_title
from ..rules.engine_config import ENGINE_CONFIG, check_config

#: Characters a URL may keep when written into a quoted attribute (no quotes, angle brackets, spaces or &).
URL_SAFE = ":/?#@!$*+,;=%._~-"


class ConfigRefused(Exception):
    """The engine configuration or its theme folder would bring a link or a special file into the site."""


def engine_config(staff: Tree, docs: Path, out: Path, nav: list[dict[str, Any]], view: View,
                  theme_copy: Path) -> str:
    """The project's mkdocs.yml with this build's folders, navigation and the bureau's values from site.yml; its
    theme folder (custom_dir) is copied to `theme_copy`, ordinary files only, and the engine reads that copy. `staff`:
    the listing of the repository's files the build validated."""
    root = staff.root
    reason = unsafe_reason(root, root / ENGINE_CONFIG)
    if reason:
        raise ConfigRefused(f"{ENGINE_CONFIG} {reason}")
    text = read_regular(root / ENGINE_CONFIG).decode("utf-8-sig")
    refused = check_config(text, ENGINE_CONFIG)  # validate refused these already; a build without it may not run them
    if refused:
        raise ConfigRefused(f"{refused[0].path}:{refused[0].line}:{refused[0].col}: {refused[0].message}")
    base = yaml.safe_load(text) or {}
    site = view.site
    assert site is not None
    # The theme writes both raw into every page: validated in schema/site.py, and neutralised here again.
    base.update(docs_dir=str(docs), site_dir=str(out),
                site_name=safe_title(site.site.title).replace('"', "＂").replace("'", "＇"),
                site_url=quote(site.site.base_url, safe=URL_SAFE), nav=nav,
                not_in_nav=not_in_nav(view.catalog.registry))
    theme = dict(base.get("theme") or {})
    if theme.get("custom_dir"):
        copy_theme(staff, str(theme["custom_dir"]), theme_copy)
        theme["custom_dir"] = str(theme_copy)
    base["theme"] = theme
    extra = dict(base.get("extra") or {})
    extra["tp"] = {
        "bureau": site.bureau.model_dump(), "site": site.site.model_dump(),
        "site_domain": site.site.base_url.split("//", 1)[-1].split("/", 1)[0],
    }
    base["extra"] = extra
    return yaml.safe_dump(base, allow_unicode=True, sort_keys=False)


def copy_theme(staff: Tree, folder: str, dest: Path) -> None:
    """Copy the theme folder (a folder of the repository) to `dest`: MkDocs follows links in its custom_dir and
    would publish what they lead to (.git/config, files of the machine), so only ordinary files are copied, and a
    link or special file anywhere in it stops the build."""
    root = staff.root
    parts = PurePosixPath(folder).parts
    if PurePosixPath(folder).is_absolute() or "\\" in folder or any(p in ("..", ".git") for p in parts) or not parts:
        raise ConfigRefused(f"{ENGINE_CONFIG} 的 theme.custom_dir「{folder}」应是仓库中的一个文件夹（例如 "
                            "site_overrides）")
    reason = unsafe_reason(root, root / folder)
    if reason or not (root / folder).is_dir():
        raise ConfigRefused(f"{ENGINE_CONFIG} 的 theme.custom_dir：{folder} {reason or '不存在或不是文件夹'}")
    dest.mkdir()
    for path, found in staff.walk(folder):
        rel = path.relative_to(root / folder)
        if stat.S_ISDIR(found.st_mode):
            (dest / rel).mkdir()
        elif stat.S_ISREG(found.st_mode):
            (dest / rel).write_bytes(read_regular(path))
        else:
            raise ConfigRefused(f"{path.relative_to(root).as_posix()} {unsafe_reason(root, path) or '不是普通文件'}")


def run_engine(config: Path, today: date) -> tuple[bool, list[str]]:
    epoch = int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                           str(config)], capture_output=True, text=True, env=env, check=False)
    noise = ("pkg_resources", "import pkg_resources", "Building prefix dict", "Loading model", "Prefix dict has been")
    lines = [line for line in (proc.stdout + proc.stderr).splitlines()
             if line.strip() and not any(n in line for n in noise)]
    if any(line.startswith("Traceback") for line in lines):  # staff get the reason, not the engine's internals
        lines = [f"网站引擎内部错误：{lines[-1].strip()}。数据和原网站都没有改动；请把这一行发给技术支持。"]
    return proc.returncode == 0, lines


#: Scripts the theme would fetch from a CDN in rare cases (old browsers, diagrams): served from this site instead.
CDN_FALLBACKS = {
    "https://unpkg.com/resize-observer-polyfill": "assets/javascripts/vendor/resize-observer-polyfill.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/javascripts/vendor/mermaid.min.js",
}


def localise_theme_assets(site: Path, base_url: str, maps: Iterable[Path] = ()) -> None:
    """No request may leave the site's host: point the theme's CDN fallbacks at local files; drop the source maps
    under `maps` (see drop_source_maps)."""
    prefix = "/" + base_url.split("//", 1)[-1].partition("/")[2]
    for script in sorted((site / "assets" / "javascripts").rglob("*.js")):  # the search worker's in workers/ too
        text = script.read_text(encoding="utf-8")
        patched = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
        for cdn, local in CDN_FALLBACKS.items():
            patched = patched.replace(cdn, prefix.rstrip("/") + "/" + local)
        if patched != text:
            script.write_text(patched, encoding="utf-8")
    for folder in maps:
        drop_source_maps(folder)


def drop_source_maps(folder: Path) -> None:
    """Remove every source map (.map) under `folder`: it names files the site does not publish. The build drops the
    engine's right after it runs, before the record pages make the site tens of thousands of folders to walk."""
    for root, _dirs, names in os.walk(folder):  # os.walk: no Path for each folder
        for name in names:
            if name.endswith(".map"):
                os.unlink(os.path.join(root, name))
