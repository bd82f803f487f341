"""`proposalgen schema` writes JSON Schemas from the format's one declaration: every source file
of the example and of the minimal edition validates against them, and mistakes do not."""

import jsonschema
import pytest
import yaml

from proposalgen.source.format import FILES

from conftest import FIXTURES, ROOT

VENUES = ROOT / "src" / "proposalgen" / "venues"


class _AsWritten(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay text."""


_AsWritten.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                      for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _sources():
    for root in (ROOT / "data", FIXTURES / "minimal", *sorted((ROOT / "examples").iterdir())):
        for path in sorted(root.rglob("*.yaml")):
            if path.name in FILES:
                yield path.name.removesuffix(".yaml"), path
    for path in sorted(VENUES.glob("*.yaml")):
        yield "venue", path


def test_one_schema_per_file_kind(schemas):
    assert sorted(schemas) == ["call", "edition", "people", "roles", "schedule", "series", "site", "venue"]


@pytest.mark.parametrize("kind, path", list(_sources()), ids=lambda v: str(v).rsplit("/", 3)[-1] if not isinstance(v, str) else v)
def test_every_source_file_validates(schemas, kind, path):
    jsonschema.validate(yaml.load(path.read_text(), Loader=_AsWritten), schemas[kind])


@pytest.mark.parametrize("kind, document, complaint", [
    ("people", {"people": [{"id": "a", "name": "A", "affiliation": "X", "nmae": "B"}]}, "'nmae' was unexpected"),
    ("roles", {"organizers": ["a"], "speakers": [{"person": "b", "status": "maybe"}]}, "is not valid"),
    ("edition", {"citation_style": "harvard"}, "is not valid under any of the given schemas"),
])
def test_mistakes_do_not_validate(schemas, kind, document, complaint):
    with pytest.raises(jsonschema.ValidationError) as error:
        jsonschema.validate(document, schemas[kind])
    assert complaint in str(error.value)


def test_any_value_may_be_tbd(schemas):
    jsonschema.validate({"venue": "TBD", "citation_style": "TBD", "dates": "TBD", "submissions": "TBD", "sections": "TBD"}, schemas["edition"])
