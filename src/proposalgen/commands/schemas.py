"""``proposalgen schema DIR``: a JSON Schema per source file kind, from the format's declaration,
so that editors complete and validate the YAML as people type (yaml-language-server)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..files import replace_atomically
from ..source.format import EMAIL_PATTERN, KINDS_OF_FILES, PAPERS, SITE_CALL_PAGE, Key, Shape
from ..vocabulary import PLACEHOLDER
from .terminal import EXIT_OK

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_SCALARS: dict[str, dict] = {
    "text": {"type": ["string", "number"]},
    "number": {"type": "integer"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "deadline": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2})?( \S+)?$"},
    "time": {"type": "string", "pattern": r"^\d{1,2}(:\d{2}|(:\d{2})?\s*[aApP]\.?[mM]\.?)$"},
    # AoE, or UTC or GMT with an offset, in any case; an IANA name is the other choice (_time_zones)
    "timezone": {"type": "string", "pattern": r"^([Aa][Oo][Ee]|([Uu][Tt][Cc]|[Gg][Mm][Tt])(\s*[+\-−]\s*\d{1,2}(:?\d{2})?)?)$"},
    "prose": {"type": ["string", "number"]},
    "person": {"type": "string"},
    "url": {"type": "string", "pattern": "^(https?://|mailto:)"},
    "email": {"type": "string", "pattern": EMAIL_PATTERN},
}


def run(args) -> int:
    """``proposalgen schema FOLDER``: writes the schemas, and names each."""
    for path in write_schemas(args.folder.resolve()):
        print(f"wrote {args.folder / path.name}", file=sys.stderr)
    return EXIT_OK


def write_schemas(folder: Path) -> list[Path]:
    """Writes ``<kind>.schema.json`` for each file kind into ``folder``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, shape in KINDS_OF_FILES.items():
        path = folder / f"{kind}.schema.json"
        replace_atomically(path, (json.dumps(file_schema(kind, shape), indent=2, ensure_ascii=False) + "\n").encode())
        written.append(path)
    return written


def file_schema(kind: str, shape: Shape) -> dict:
    return {"$schema": DIALECT, "$id": f"proposalgen:{kind}", "title": f"proposalgen {shape.name}", **_object(shape)}


def _object(shape: Shape) -> dict:
    required = [key.name for key in shape.keys if key.required]
    properties = {key.name: _value(key) for key in shape.keys}
    replaced = {key: {"not": {"anyOf": [{"required": [name]} for name in names]}} for key, names in shape.instead}
    return {"type": "object", "properties": properties, "additionalProperties": False, **({"required": required} if required else {}),
            **({"dependentSchemas": replaced} if replaced else {})}


def _value(key: Key) -> dict:
    """A key's value, or the placeholder TBD, which any value may be while it is not known; an
    optional key may also be written empty (`key:`), which is as if it were not given."""
    empty = [] if key.required else [{"type": "null"}]
    return {"description": key.doc, "anyOf": [_kind(key), {"const": PLACEHOLDER}, *empty]}


def _kind(key: Key) -> dict:
    if key.kind == "mapping":
        # A mapping without a declared shape takes any keys, each a single value.
        return _object(key.shape) if key.shape else {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}}
    if key.kind == "list":
        return {"type": "array", "items": _items(key)}
    if key.kind == "choice":
        return {"enum": list(key.choices)}
    if key.minimum is not None:
        return {**_SCALARS[key.kind], "minimum": key.minimum}
    if key.pattern:
        return _matching(key)
    if key.kind == "timezone":
        return _time_zones()
    return dict(_SCALARS[key.kind])


def _matching(key: Key) -> dict:
    return {"type": "string", "pattern": f"^(?:{key.pattern})$"}


def _time_zones() -> dict:
    """AoE, UTC or GMT with an offset, or an IANA name of the machine's zone database."""
    import zoneinfo

    return {"anyOf": [_SCALARS["timezone"], {"enum": sorted(zoneinfo.available_timezones())}]}


def _items(key: Key) -> dict:
    """A list's items: mappings of its shape, single values of its item kind, or either."""
    single = {"enum": list(key.choices)} if key.items == "choice" else _matching(key) if key.pattern else _SCALARS.get(key.items)
    options = [o for o in (_object(key.shape) if key.shape else None, single) if o]
    return options[0] if len(options) == 1 else {"anyOf": options}


def reference_tables() -> str:
    """The docs' reference (docs/reference.md): a table of every key per file kind, nested keys written with dots,
    and of papers.csv's columns."""
    blocks = []
    for shape in (*KINDS_OF_FILES.values(), PAPERS):
        rows = [f"| `{name}` | {key.kind}{_choices(key)} | {_required(key)} | {key.doc} |" for name, key in _flattened(shape)]
        title = shape.name if shape.name.endswith((".yaml", ".csv")) else f"{shape.name} (`venues/<id>.yaml`)"
        blocks.append(f"## {title}\n\n| key | kind | required | meaning |\n|---|---|---|---|\n" + "\n".join(rows))
    return "\n\n".join(blocks) + "\n"


def _required(key: Key) -> str:
    """Always (where its mapping is given), for the outputs that need it, or never."""
    outputs = [output.replace(SITE_CALL_PAGE, "site's call page") for output in key.needed_by]
    return "yes" if key.required else f"for {', '.join(outputs)}" if outputs else ""


def _flattened(shape: Shape, prefix: str = ""):
    for key in shape.keys:
        name = f"{prefix}{key.name}"
        yield name, key
        if key.shape is not None:
            yield from _flattened(key.shape, f"{name}[]." if key.kind == "list" else f"{name}.")


def _choices(key: Key) -> str:
    return f": {', '.join(f'`{c}`' for c in key.choices)}" if key.choices else ""
