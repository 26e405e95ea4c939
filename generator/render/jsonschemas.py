"""Render stage, for editors too: JSON Schemas of the YAML files (site.yml, enforcement_matters.yaml, report front
matter) from the models, published under data/schemas/ and committed in schemas/ for VS Code."""

from __future__ import annotations

import json
from typing import Any

from ..model import Dataset, Registry
from ..schema.reports import Report
from ..schema.site import SiteConfig

#: Where the schemas are published on the site, and committed in the repository for editors (.vscode/settings.json).
FOLDER = "data/schemas"
REPO_FOLDER = "schemas"


def _yaml_list(ds: Dataset) -> dict[str, Any]:
    """A YAML dataset's file: one key (its list_key) holding the list of records."""
    item = ds.model.model_json_schema()
    defs = item.pop("$defs", {})
    name, key = ds.model.__name__, ds.list_key
    return {"$defs": {**defs, name: item}, "type": "object", "additionalProperties": False, "required": [key],
            "title": ds.title, "properties": {key: {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}}}


def _report() -> dict[str, Any]:
    schema = Report.model_json_schema()
    schema["properties"].pop("body", None)  # the body is the Markdown after the front matter
    schema["required"] = [name for name in schema.get("required", []) if name != "body"]
    return schema


def named_by_title(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with each of its $defs named by its title, not pydantic's class name: a model renamed in the code
    keeps the name editors' schemas were published with by setting that as its title (site.PublicityRules: Policy)."""
    names = {name: item.get("title", name) for name, item in schema.get("$defs", {}).items()}
    if len(set(names.values())) != len(names):
        raise ValueError(f"two $defs share a title: {sorted(names.values())}")
    refs = {f"#/$defs/{old}": f"#/$defs/{new}" for old, new in names.items() if new != old}
    if not refs:
        return schema
    renamed: dict[str, Any] = _with_refs(schema, refs)
    renamed["$defs"] = {names[name]: item for name, item in renamed["$defs"].items()}
    return renamed


def _with_refs(node: Any, refs: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {key: refs.get(value, value) if key == "$ref" else _with_refs(value, refs)
                for key, value in node.items()}
    if isinstance(node, list):
        return [_with_refs(item, refs) for item in node]
    return node


def schemas(registry: Registry) -> dict[str, str]:
    """File name -> JSON Schema text (draft 2020-12, as pydantic writes it), stable for diffs."""
    found = {"site.schema.json": SiteConfig.model_json_schema(), "report.schema.json": _report()}
    found |= {f"{ds.name}.schema.json": _yaml_list(ds) for ds in registry.datasets if ds.editor_schema and ds.list_key}
    return {name: json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", **named_by_title(schema)},
                             ensure_ascii=False, indent=2, sort_keys=True) + "\n" for name, schema in found.items()}


def schema_files(registry: Registry) -> dict[str, str]:
    """The schemas as site files under /data/schemas/."""
    return {f"{FOLDER}/{name}": text for name, text in schemas(registry).items()}
