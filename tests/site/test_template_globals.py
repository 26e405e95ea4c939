"""Each template's globals are a plain dict taken when it is loaded (render/templates.py, _Environment): every global
a family adds is there by then, in every environment the generator renders with, and a page is the one Jinja's own
environment renders."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined

import generator.datasets
from generator.render import templates


def _environments() -> list[tuple[str, Environment]]:
    """templates.ENV and every environment a module of the generator's families holds (their own folders)."""
    found: dict[int, tuple[str, Environment]] = {id(templates.ENV): ("render.templates.ENV", templates.ENV)}
    for module in pkgutil.walk_packages(generator.datasets.__path__, "generator.datasets."):
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if isinstance(value, Environment):
                found.setdefault(id(value), (f"{module.name}.{name}", value))
    return list(found.values())


ENVIRONMENTS = _environments()


def test_the_families_environments_are_found() -> None:
    names = {name for name, _ in ENVIRONMENTS}
    assert "generator.datasets.institutions.pages._TEMPLATES" in names
    assert "generator.datasets.deputies.pages.TEMPLATES" in names
    assert len(ENVIRONMENTS) >= 5


@pytest.mark.parametrize(("name", "env"), ENVIRONMENTS, ids=[name for name, _ in ENVIRONMENTS])
def test_every_template_holds_every_global_of_its_environment(name: str, env: Environment) -> None:
    assert isinstance(env, templates._Environment)
    assert {"has_poster", "qr_inline", "page_address"} <= env.globals.keys()  # the institutions' (posters.py)
    listed = [t for t in env.list_templates() if t.endswith(".j2")]
    assert listed
    for template in listed:
        loaded = env.get_template(template)
        assert type(loaded.globals) is dict, template
        assert loaded.globals == env.globals, f"{name}: {template} was loaded before a global was added"


SOURCES = {
    "macros.j2": "{% macro cell(v) %}<td>{{ v }}{{ suffix }}</td>{% endmacro %}",
    "page.j2": ("{% from 'macros.j2' import cell %}{% import 'macros.j2' as m %}"
                "{% for v in rows %}{{ cell(v) }}{{ m.cell(v | upper) }}{% endfor %}|{{ suffix }}|{{ shout('x') }}"),
}


def _rendered(kind: type[Environment], times: int) -> list[str]:
    env = kind(loader=DictLoader(SOURCES), autoescape=True, undefined=StrictUndefined)
    env.globals.update(suffix="，", shout=lambda s: s.upper() + "!")
    page = env.get_template("page.j2")
    return [page.render(rows=["<a>", "乙", f"第{k}"]) for k in range(times)]


def test_imports_globals_and_escaping_render_as_with_jinjas_own_environment() -> None:
    ours = _rendered(templates._Environment, 3)
    assert ours == _rendered(Environment, 3)
    assert ours[0].startswith("<td>&lt;a&gt;，</td><td>&lt;A&gt;，</td><td>乙，</td>")
    assert ours[0].endswith("|，|X!")
