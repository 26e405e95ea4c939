"""JSON Schemas for editors: generated from the models, committed for VS Code, published under /data/schemas/."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from generator.datasets import REGISTRY
from generator.render.jsonschemas import schemas

PROJECT = Path(__file__).resolve().parents[2]


def test_committed_schemas_are_the_generated_ones() -> None:
    for name, text in schemas(REGISTRY).items():
        assert (PROJECT / "schemas" / name).read_text(encoding="utf-8") == text, f"重新生成 schemas/{name}"
    settings = json.loads((PROJECT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/site.schema.json"] == ["data/site.yml"]


def test_sample_yaml_files_satisfy_their_schemas_and_a_typo_does_not() -> None:
    generated = {name: json.loads(text) for name, text in schemas(REGISTRY).items()}
    site = yaml.safe_load((PROJECT / "data/site.yml").read_text(encoding="utf-8"))
    jsonschema.validate(site, generated["site.schema.json"])
    matters = yaml.safe_load((PROJECT / "data/enforcement_matters.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(matters, generated["enforcement_matters.schema.json"])
    site["bureau"]["nmae"] = "拼错的键"
    try:
        jsonschema.validate(site, generated["site.schema.json"])
    except jsonschema.ValidationError as exc:
        assert "nmae" in exc.message
    else:
        raise AssertionError("an unknown key must fail the schema")
