"""One format, one truth (issue 21): the declaration in source/format.py is what the readers run
on, the model holds nothing it does not declare, and the JSON Schemas written from it give the
same verdict as `check` on every value a generated set of documents gives a key."""
from __future__ import annotations

import copy
import dataclasses
import datetime
import shutil

import jsonschema
import pytest
import yaml

from proposalgen.diagnostics import ERROR, Diagnostics
from proposalgen.model import edition as model
from proposalgen.registry import BUILD, target_names
from proposalgen.source import format as declared
from proposalgen.source.edition import read_edition
from proposalgen.source.schema import Fields

from conftest import FIXTURES
from test_schemas import _AsWritten

SERIES = FIXTURES / "every-part"


def _shapes(shape: declared.Shape):
    yield shape
    for key in shape.keys:
        if key.shape:
            yield from _shapes(key.shape)


SHAPES = {shape.name: shape for kind in declared.KINDS_OF_FILES.values() for shape in _shapes(kind)}


def test_every_key_given_is_read(monkeypatch):
    """Reading the series that gives every key asks for each key given: a key the format
    declares and no reader asks for would be accepted and dropped without a word."""
    made: list[Fields] = []
    init = Fields.__init__

    def recorded(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(Fields, "__init__", recorded)
    read_edition(SERIES / "2030", Diagnostics(), target_names(BUILD))
    overridden = {key for edition in ("2029", "2030") for key in yaml.safe_load((SERIES / edition / "edition.yaml").read_text())["venue"]}
    dropped = sorted({f"{fields.shape.name}: {key}" for fields in made if fields.shape is not None and _read_whole(fields)
                      for key in fields.locations() if fields.shape.key(key) and key not in fields._read
                      and not (fields.shape is declared.VENUE and key in overridden)})
    assert dropped == []
    assert len({fields.shape.name for fields in made if fields.shape is not None}) == 23  # the series gives every part


def _read_whole(fields: Fields) -> bool:
    """Whether the reader means to read all of ``fields``: an earlier edition is read only for
    what later ones use (its venue, outcome and organizers)."""
    return "2029" not in fields.path.parts


TYPED_READERS = {"text", "url", "shown_text", "choice", "integer", "boolean", "date", "time", "sequence", "mapping", "timezone",
                 "placeholder_or", "email", "names", "words", "deadline"}


def test_no_reader_reads_a_key_by_its_type_outside_the_generic_readers():
    """Every key is read by ``Fields.read`` from its declaration (kind, default, whether the
    outputs being made need it): no reader module names a key's type at its call."""
    import ast

    from conftest import ROOT

    calls = []
    for module in sorted((ROOT / "src" / "proposalgen" / "source").glob("*.py")):
        if module.name != "schema.py":
            calls += [f"{module.name}:{node.lineno} {node.func.attr}" for node in ast.walk(ast.parse(module.read_text()))
                      if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TYPED_READERS]
    assert calls == []


# What a model class holds beyond its keys, and why.
DERIVED = {"location", "where"}  # where the mapping and each value are written, for diagnostics
MODELS = {
    model.Dates: (declared.DATES, {"zone"}),  # the zone `timezone` names
    model.Submissions: (declared.SUBMISSIONS, set()),
    model.Outcome: (declared.OUTCOME, set()),
    model.Series: (declared.SERIES, set()),
    model.Venue: (declared.VENUE_CHOICE, {"id", "assumed", "note"}),  # the preset's name, the rules it assumes, and its note
    model.Person: (declared.PERSON, {"links", "attributes"} | set(model.LINKS) - set(model.LINKS)),  # the links and attributes given, gathered
    model.Track: (declared.TRACK, set()),
    model.Call: (declared.CALL, {"tracks", "challenge", "prize", *(k.name for k in declared.SUBMISSION_RULES.keys)}),
    model.Site: (declared.SITE, {"unbuilt"}),  # the pages listed that have nothing to show
    model.SitePage: (declared.PAGE, {"kind", "slug"}),
}


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_model_field_is_declared(cls):
    shape, derived = MODELS[cls]
    fields = {field.name for field in dataclasses.fields(cls)}
    assert fields - {key.name for key in shape.keys} - DERIVED - derived == set()


# The schemas against `check`, value by value ---------------------------------------------------

VALUES = ["zz text", 7, 0, -3, True, None, "TBD", "ada@localhost", "ada@example.org", "https://example.org/x",
          "example.org", "9:00", datetime.date(2030, 1, 15), "2030-01-15 12:00 AoE", "UTC+5:30", "Europe/Paris", ["zz"], {"zz": 1}]
READ_ERRORS = {"type", "value", "link", "key", "required"}  # what a value's kind decides, as the schema does


def _scalar_keys():
    """(file, path, key) for each key of a mapping the series writes once, outside lists; of the
    keys of one mapping declared alike (the dates, say), the first: the same generic reader and
    the same schema read them, which the test over typed calls (above) makes sure of."""
    for name, shape in (*((n, s) for n, s in declared.FILES.items() if n.endswith(".yaml")),):
        file = "series.yaml" if name == "series.yaml" else f"2030/{name}"
        data = yaml.load((SERIES / file).read_text(), Loader=_AsWritten) or {}
        alike = {(path[:-1], _declared_as(key)): (file, path, key) for path, key in reversed(list(_keys_in(shape, data, ())))}
        yield from sorted(alike.values(), key=lambda case: list(shape.names()).index(case[1][0]))


def _declared_as(key: declared.Key) -> tuple:
    """What decides how a key is read and what its schema says: all of its declaration but its name and meaning."""
    return dataclasses.replace(key, name="", doc="")


def _keys_in(shape, data, path):
    for key in shape.keys:
        if key.shape and key.kind == "mapping" and isinstance(data.get(key.name), dict):
            yield from _keys_in(key.shape, data[key.name], (*path, key.name))
        elif not key.shape:
            yield (*path, key.name), key


CASES = list(_scalar_keys())


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}:{'.'.join(c[1])}")
def test_the_schema_and_check_agree_on_every_value(case, schemas, tmp_path):
    """Each value of the palette, given to the key: the schema refuses it exactly when `check`
    reports a reading error at it."""
    file, path, key = case
    disagree = []
    series = tmp_path / "series"
    # Once, each value then written over the one file: without the earlier edition and the
    # references, which no value given here reads (half of each read's time).
    shutil.copytree(SERIES, series, ignore=shutil.ignore_patterns("2029", "references.bib"))
    original = yaml.safe_load((SERIES / file).read_text())
    for value in VALUES:
        document = copy.deepcopy(original)
        _set(document, path, value)
        (series / file).write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
        as_written = yaml.load((series / file).read_text(), Loader=_AsWritten)  # as an editor reads it
        by_schema = not jsonschema.Draft202012Validator(schemas[file.rsplit("/", 1)[-1].removesuffix(".yaml")]).is_valid(as_written)
        by_check = _refused_by_check(series, file, path)
        if by_schema != by_check:
            disagree.append(f"{value!r}: schema {'refuses' if by_schema else 'accepts'}, check {'refuses' if by_check else 'accepts'}")
    assert disagree == []


def _set(document: dict, path: tuple, value) -> None:
    for name in path[:-1]:
        document = document[name]
    document[path[-1]] = value


def _refused_by_check(series, file: str, path: tuple) -> bool:
    diagnostics = Diagnostics()
    read_edition(series / "2030", diagnostics, target_names(BUILD))
    lines = _lines_of(series / file, path)
    return any(d.severity == ERROR and d.code in READ_ERRORS and d.location.path.name == file.rsplit("/", 1)[-1] and d.location.line in lines
               for d in diagnostics.items)


def _lines_of(file, path: tuple) -> range:
    """The lines of the key at ``path`` and of its value (a list's items, say)."""
    node = yaml.compose(file.read_text())
    for name in path:
        key, node = next((k, v) for k, v in node.value if k.value == name)
    return range(key.start_mark.line + 1, node.end_mark.line + 2)
