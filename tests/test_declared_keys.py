"""Nothing accepted is dropped: every key the format declares (source/format.py), given a value
in a copy of a series that has a place for each one (tests/data/every-part), changes an output
or is named by a diagnostic. The keys are walked from the declaration, so a key declared later
is covered by construction: it needs a value rule below only if its kind is new."""
from __future__ import annotations

import csv
import datetime
import itertools
import re
import shutil
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from proposalgen.commands.check import check
from proposalgen.diagnostics import ERROR, Diagnostics
from proposalgen.registry import BUILD, OUTPUTS, Request, function, render, target_names
from proposalgen.render.documents import TemplateProblem, bibliography_of
from proposalgen.report.report import facts
from proposalgen.source import format as declared
from proposalgen.source.format import Key, Shape
from proposalgen.typeset.compile import compile_tex

from conftest import FIXTURES, starts_engine

SERIES = FIXTURES / "every-part"
EDITION = "2030"
PRESET = "venues/came-2030.yaml"  # the series' own venue preset, for the preset's keys
FILES = {**{name: shape for name, shape in declared.FILES.items() if name != "series.yaml"}, PRESET: declared.VENUE}
OPTIONS = MappingProxyType({"status": "all", "reply_by": None, "format": "csv"})
MARK = "zz-marker"
ANY = "*"  # each item of a list


def declared_keys(shape: Shape, path: tuple = ()):
    """(path, key) for every key under ``shape``; a list of mappings adds ANY to the path."""
    for key in shape.keys:
        yield (*path, key.name), key
        if key.shape:
            yield from declared_keys(key.shape, (*path, key.name, *((ANY,) if key.kind == "list" else ())))


def every_key():
    yield from ((("series.yaml", path), key) for path, key in declared_keys(declared.SERIES))
    for name, shape in FILES.items():
        where = name if name == PRESET else f"{EDITION}/{name}"
        rows = (ANY,) if name.endswith(".csv") else ()
        yield from (((where, path), key) for path, key in declared_keys(shape, rows))


def _id(case) -> str:
    (file, path), _ = case
    return f"{file}:{'.'.join(path)}"


def _container(key: Key) -> bool:
    """A mapping of keys, or a list of them: its keys are the cases, not itself."""
    return bool(key.shape) and not key.items


KEYS = [case for case in every_key() if not _container(case[1])]


def outputs_of(series: Path, typeset: dict[str, Path]) -> tuple[dict[str, bytes], list]:
    """Every output the edition makes, rendered (TeX is not run: what it is given is compared),
    the figures of report.json, and each PDF's page check run on the example's PDF, ``typeset``;
    and the diagnostics."""
    diagnostics = Diagnostics()
    edition = check(series / EDITION, diagnostics, target_names(BUILD))
    documents: dict[str, bytes] = {}
    if not diagnostics.failing(strict=False):
        request = Request(bibliography_of(edition), None, diagnostics, OPTIONS)
        for output in (o for o in OUTPUTS if not o.made_from):  # a bundle repeats the documents of the target it is made from
            try:
                documents |= {d.name: d.content for d in render(output, edition, request)}
            except TemplateProblem as problem:
                diagnostics.items.append(problem.diagnostic)
        documents["report.json"] = repr(facts(edition)).encode()
        documents |= {o.typeset_into: repr(function(o.pages)(edition, typeset[o.name], diagnostics).as_json()).encode() for o in OUTPUTS if o.name in typeset}
    return documents, diagnostics.items


def said(diagnostic) -> tuple[str, str, str]:
    """What a diagnostic says, wherever it is (a copy's YAML is written anew, its lines moved)."""
    return diagnostic.severity, diagnostic.code, diagnostic.message


@pytest.fixture(scope="module")
@starts_engine
def typeset(tmp_path_factory):
    """The series' LaTeX documents typeset once, with their page marks: the PDF every copy's
    page checks measure (a key that changes the pages changes the document, compared already)."""
    folder = tmp_path_factory.mktemp("typeset")
    documents, _ = outputs_of(SERIES, {})
    pdfs = {}
    for output in (o for o in OUTPUTS if o.pages):
        tex = folder / output.name
        tex.write_bytes(documents[output.name])
        pdfs[output.name] = compile_tex(tex, "pdflatex", tex, SERIES / EDITION, Diagnostics())
    return pdfs


@pytest.fixture(scope="module")
def baseline(typeset):
    documents, diagnostics = outputs_of(SERIES, typeset)
    assert [d.format() for d in diagnostics if d.severity == ERROR] == []
    return documents, {said(d) for d in diagnostics}


def test_the_series_has_every_output(baseline):
    documents, _ = baseline
    expected = {"proposal.tex", "cfp.tex", "cfp.md", "cfp.txt", "dates.ics", "report.json", "committee.txt", "organizers.txt",
                "mail/speakers.mbox", "mail/panelists.mbox", "mail/committee.mbox",
                *(f"site/{page}.md" for page in ("description", "call", "schedule", "speakers", "organizers", "committee", "papers")),
                f"site/assets/{EDITION}/schedule.ics"}
    assert expected - set(documents) == set()


@pytest.mark.parametrize("case", KEYS, ids=map(_id, KEYS))
def test_a_declared_key_reaches_an_output_or_a_diagnostic(case, baseline, typeset, tmp_path):
    """At every place the key can be, some value of its kind is seen: it changes an output, or
    a diagnostic says why not (never accepted and dropped); and at some place a value is shown,
    or refused by a diagnostic naming the key or the value."""
    (file, path), key = case
    verdicts = {place: verdict(file, place, key, baseline, typeset, tmp_path) for place in places(read(SERIES / file), path)}
    assert [place for place, seen in verdicts.items() if seen == DROPPED] == [], f"{file}: accepted and shown nowhere"
    assert SHOWN in verdicts.values() or NAMED in verdicts.values(), f"{file}: refused for other reasons wherever it is given"


SHOWN, NAMED, REFUSED, DROPPED = "shown", "refused, naming it", "refused", "dropped"


def verdict(file: str, place: tuple, key: Key, baseline, typeset, tmp_path: Path) -> str:
    """The best of what the values tried at ``place`` did, trying them until one is shown."""
    seen = DROPPED
    for copy in variants(file, place, key, tmp_path):
        seen = min(seen, effect(copy, key, baseline, typeset), key=[SHOWN, NAMED, REFUSED, DROPPED].index)
        if seen == SHOWN:
            break
    return seen


def effect(copy: Path, key: Key, baseline, typeset) -> str:
    """What the value given in ``copy`` did: changed an output or report.json's diagnostics
    (shown), was refused by an error, or did nothing (dropped)."""
    documents, diagnostics = outputs_of(copy, typeset)
    errors = [d.message for d in diagnostics if d.severity == ERROR]
    if errors:
        return NAMED if any(key.name in message or MARK in message for message in errors) else REFUSED
    changed = any(documents.get(name) != baseline[0].get(name) for name in documents.keys() | baseline[0].keys())
    return SHOWN if changed or any(said(d) not in baseline[1] for d in diagnostics) else DROPPED


# Setting a value ----------------------------------------------------------------------------

SPARE = "spare-person"  # in people.yaml, in no role: a new item's person
PEOPLE = ["alan-turing", "emmy-noether", "grace-hopper", "john-neumann", "ada-lovelace", SPARE]


def variants(file: str, place: tuple, key: Key, tmp_path: Path):
    """Copies of the series, each with one value given to the key at ``place``: the value
    there renamed everywhere (an id), or a new value of its kind."""
    copies = (tmp_path / f"{'-'.join(map(str, place))}-{number}" for number in itertools.count())
    shape = FILE_SHAPES[file.removeprefix(f"{EDITION}/")]
    now = _get(read(SERIES / file), place)
    if key.kind == "text" and isinstance(now, str):
        yield _renamed(next(copies), now)
    for value in values(key):
        series = _copy(next(copies))
        if write(series / file, shape, place, value(now)):
            yield series


FILE_SHAPES = {**FILES, "series.yaml": declared.SERIES}


def _copy(series: Path) -> Path:
    shutil.copytree(SERIES, series)
    return series


def _renamed(series: Path, value: str) -> Path:
    """A copy with ``value`` written as MARK wherever a YAML file of the series gives it whole."""
    _copy(series)
    for file in series.rglob("*.yaml"):
        file.write_text(re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", MARK, file.read_text()))
    return series


def read(file: Path):
    if file.suffix == ".csv":
        return list(csv.DictReader(file.read_text().splitlines()))
    return (yaml.safe_load(file.read_text()) if file.exists() else None) or {}


def places(data, path: tuple) -> list[tuple]:
    """The concrete paths of ``path`` in ``data``: ANY becomes the index of each item that is a
    mapping, or of a new item when there is none."""
    if not path:
        return [()]
    step, rest = path[0], path[1:]
    if step != ANY:
        inner = data.get(step) if isinstance(data, dict) else None
        return [(step, *tail) for tail in places(inner, rest)]
    items = data if isinstance(data, list) else []
    indexes = [i for i, item in enumerate(items) if isinstance(item, dict)] or [len(items)]
    return [(i, *tail) for i in indexes for tail in places(items[i] if i < len(items) else None, rest)]


def _get(data, place: tuple):
    for step in place:
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data


def write(file: Path, shape: Shape, place: tuple, value) -> bool:
    """Sets the value at ``place``, making the mappings and lists on the way (a new item with
    its required keys); False when it is the value already there."""
    data = read(file)
    node = data
    for step, following in zip(place, place[1:]):
        if isinstance(step, int):
            if step == len(node):
                node.append(fresh(shape))
        else:
            shape = shape.key(step).shape or shape
            if node.get(step) is None:
                node[step] = [] if isinstance(following, int) else {}
        node = node[step]
    if node.get(place[-1]) == value:
        return False
    node[place[-1]] = value
    _write_data(file, data, value)
    return True


def fresh(shape: Shape) -> dict:
    """A new item of ``shape``: its required keys, each with the first value of its kind."""
    return {key.name: ([] if key.kind == "list" else single_values(key.kind, key.choices)[0]) for key in shape.keys if key.required}


def _write_data(file: Path, data, value) -> None:
    if f"prose/{MARK}.md" in repr(value):
        (file.parent / "prose" / f"{MARK}.md").write_text("A marker paragraph.\n")
    if file.suffix == ".csv":
        with file.open("w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(data[0]))
            writer.writeheader()
            writer.writerows(data)
    else:
        file.parent.mkdir(exist_ok=True)
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def values(key: Key):
    """Functions of the value there now giving a new one, in the order they are tried."""
    if key.kind == "list" and key.items:
        return [lambda now, item=item: [*(now or []), item] for item in single_values(key.items, key.choices)]
    if key.kind == "mapping":
        return [lambda now: {**(now or {}), "zz_marker": MARK}]
    return [lambda now, value=value: value(now) if callable(value) else value for value in single_values(key.kind, key.choices)]


def single_values(kind: str, choices: tuple = ()) -> list:
    """Values of ``kind`` to try (a function takes the value there now)."""
    return {
        "text": [MARK, f"A {MARK} text"],
        "number": [lambda now: now + 1 if isinstance(now, int) else 2, 1],
        "boolean": [lambda now: not now if isinstance(now, bool) else True, False],
        "date": [lambda now: now + datetime.timedelta(days=1) if isinstance(now, datetime.date) else datetime.date(2030, 1, 20),
                 datetime.date(2030, 3, 10)],
        "deadline": ["2029-10-01 23:59 AoE"],
        "time": ["8:00", "18:30"],
        "timezone": ["UTC+1", "Europe/Paris"],
        "choice": list(choices),
        "prose": [f"prose/{MARK}.md"],
        "person": [SPARE, *PEOPLE],
        "url": [f"https://example.org/{MARK}"],
        "email": [f"{MARK}@example.org"],
        "file": [f"{MARK}.sty"],
    }[kind]
