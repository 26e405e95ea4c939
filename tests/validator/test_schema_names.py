"""Issue 20: names say what they hold. The site's publicity settings are `PublicityRules` in the code (a `Policy` is a
政策文件 record), while the JSON Schema editors use keeps the name it was published with."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, ConfigDict

from generator.datasets import REGISTRY
from generator.datasets.policies import model as policies
from generator.render.jsonschemas import named_by_title, schemas
from generator.schema import site


def test_the_site_schema_keeps_the_published_name_of_the_publicity_settings() -> None:
    assert site.SiteConfig.model_fields["policy"].annotation is site.PublicityRules
    assert not hasattr(site, "Policy") and policies.Policy.__module__ == "generator.datasets.policies.model"
    published = json.loads(schemas(REGISTRY)["site.schema.json"])
    assert set(published["$defs"]) == {"Bureau", "GovInfo", "Policy", "Remedies", "SiteInfo"}  # gov_info, remedies
    assert published["properties"]["policy"]["$ref"] == "#/$defs/Policy"
    assert published["$defs"]["Policy"]["title"] == "Policy"
    assert "PublicityRules" not in json.dumps(published)


class _Inner(BaseModel):
    model_config = ConfigDict(title="Earlier")
    value: int = 0


class _Plain(BaseModel):
    value: int = 0


class _Outer(BaseModel):
    one: _Inner
    many: list[_Inner]
    plain: _Plain


def test_a_def_is_named_by_its_title_and_every_reference_follows() -> None:
    schema = named_by_title(_Outer.model_json_schema())
    assert set(schema["$defs"]) == {"Earlier", "_Plain"}
    assert schema["properties"]["one"]["$ref"] == "#/$defs/Earlier"
    assert schema["properties"]["many"]["items"]["$ref"] == "#/$defs/Earlier"
    assert schema["properties"]["plain"]["$ref"] == "#/$defs/_Plain"
    assert named_by_title(_Plain.model_json_schema()) == _Plain.model_json_schema()


def test_two_defs_with_one_title_are_refused() -> None:
    class _Twin(BaseModel):
        model_config = ConfigDict(title="_Plain")

    class _Both(BaseModel):
        a: _Twin
        b: _Plain

    with pytest.raises(ValueError, match="share a title"):
        named_by_title(_Both.model_json_schema())
