"""Site engine: MkDocs with the project's mkdocs.yml, then Pagefind; the only code that knows either tool.

The generator hands the engine a folder of Markdown pages and a config; swapping MkDocs for another engine
that reads mkdocs.yml (Zensical) means changing this module only.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

import yaml

from ..render.files import NOT_IN_NAV
from ..render.templates import safe_title
from ..render.views import PublicView

ENGINE_CONFIG = "mkdocs.yml"
#: Characters a URL may keep when written into a quoted attribute (no quotes, angle brackets, spaces or &).
URL_SAFE = ":/?#@!$*+,;=%._~-"


def engine_config(root: Path, docs: Path, out: Path, nav: list[dict[str, str]], view: PublicView) -> str:
    """The project's mkdocs.yml with this build's folders, navigation and the bureau's values from site.yml."""
    base = yaml.safe_load((root / ENGINE_CONFIG).read_text(encoding="utf-8")) or {}
    site = view.site
    assert site is not None
    # The theme writes both raw into every page: validated in schema/site.py, and neutralised here again.
    base.update(docs_dir=str(docs), site_dir=str(out), site_name=safe_title(site.site.title).replace('"', "＂").replace("'", "＇"),
                site_url=quote(site.site.base_url, safe=URL_SAFE), nav=nav, not_in_nav=NOT_IN_NAV)
    theme = dict(base.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    base["theme"] = theme
    extra = dict(base.get("extra") or {})
    extra["tp"] = {
        "bureau": site.bureau.model_dump(), "site": site.site.model_dump(),
        "site_domain": site.site.base_url.split("//", 1)[-1].split("/", 1)[0],
    }
    base["extra"] = extra
    return yaml.safe_dump(base, allow_unicode=True, sort_keys=False)


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


def localise_theme_assets(site: Path, base_url: str) -> None:
    """No request may leave the site's host: point the theme's CDN fallbacks at local files, drop source maps."""
    prefix = "/" + base_url.split("//", 1)[-1].partition("/")[2]
    for script in (site / "assets" / "javascripts").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        patched = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
        for cdn, local in CDN_FALLBACKS.items():
            patched = patched.replace(cdn, prefix.rstrip("/") + "/" + local)
        if patched != text:
            script.write_text(patched, encoding="utf-8")
    for source_map in site.rglob("*.map"):
        source_map.unlink()
