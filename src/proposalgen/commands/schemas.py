"""``proposalgen schema DIR``: a JSON Schema per source file kind, from the format's declaration,
so that editors complete and validate the YAML as people type (yaml-language-server)."""
from __future__ import annotations

import json
from pathlib import Path

from ..files import replace_atomically
from ..source.format import KINDS_OF_FILES, PAPERS, Key, Shape
from ..vocabulary import PLACEHOLDER

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_SCALARS: dict[str, dict] = {
    "text": {"type": ["string", "number"]},
    "number": {"type": "integer"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "deadline": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2})?( \S+)?$"},
    "time": {"type": "string", "pattern": r"^\d{1,2}(:\d{2}|(:\d{2})?\s*[aApP]\.?[mM]\.?)$"},
    "timezone": {"type": "string"},
    "prose": {"type": "string", "pattern": r"\.md$"},
    "person": {"type": "string"},
    "url": {"type": "string", "pattern": "^(https?://|mailto:)"},
    "email": {"type": "string", "pattern": "^[^@ ]+@[^@ ]+$"},
}


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
    return {"type": "object", "properties": properties, "additionalProperties": False, **({"required": required} if required else {})}


def _value(key: Key) -> dict:
    """A key's value, or the placeholder TBD, which any value may be while it is not known."""
    return {"description": key.doc, "anyOf": [_kind(key), {"const": PLACEHOLDER}]}


def _kind(key: Key) -> dict:
    if key.kind == "mapping":
        # A mapping without a declared shape takes any keys, each a single value.
        return _object(key.shape) if key.shape else {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}}
    if key.kind == "list":
        return {"type": "array", "items": _items(key)}
    if key.kind == "choice":
        return {"enum": list(key.choices)}
    return dict(_SCALARS[key.kind])


def _items(key: Key) -> dict:
    """A list's items: mappings of its shape, single values of its item kind, or either."""
    single = {"enum": list(key.choices)} if key.items == "choice" else _SCALARS.get(key.items)
    options = [o for o in (_object(key.shape) if key.shape else None, single) if o]
    return options[0] if len(options) == 1 else {"anyOf": options}


def reference_tables() -> str:
    """The README's reference: a table of every key per file kind, nested keys written with dots,
    and of papers.csv's columns."""
    blocks = []
    for shape in (*KINDS_OF_FILES.values(), PAPERS):
        rows = [f"| `{name}` | {key.kind}{_choices(key)} | {'yes' if key.required else ''} | {key.doc} |" for name, key in _flattened(shape)]
        title = shape.name if shape.name.endswith((".yaml", ".csv")) else f"{shape.name} (`venues/<id>.yaml`)"
        blocks.append(f"#### {title}\n\n| key | kind | required | meaning |\n|---|---|---|---|\n" + "\n".join(rows))
    return "\n\n".join(blocks) + "\n"


def _flattened(shape: Shape, prefix: str = ""):
    for key in shape.keys:
        name = f"{prefix}{key.name}"
        yield name, key
        if key.shape is not None:
            yield from _flattened(key.shape, f"{name}[]." if key.kind == "list" else f"{name}.")


def _choices(key: Key) -> str:
    return f": {', '.join(f'`{c}`' for c in key.choices)}" if key.choices else ""
