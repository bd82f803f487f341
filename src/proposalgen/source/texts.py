"""The sections of the proposal and the prose files they, the call and the site name."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..diagnostics import Location
from ..model.edition import Block, Prose, Section
from . import load
from .format import PART
from .reader import Reader
from .schema import Fields, describe


def read_sections(reader: Reader, doc: Fields) -> tuple[Section, ...]:
    sections: list[Section] = []
    for fields in doc.items("sections"):
        if fields is None:
            reader.unread.add("sections")
            continue
        title = fields.read("title")
        parts = [_section_part(reader, fields, part) for part in fields.read("parts")]
        if None in parts:
            reader.unread.add("sections")
        fields.finish()
        sections.append(Section(len(sections) + 1, title, tuple(p for p in parts if p is not None), fields.location))
    return tuple(sections)


def _section_part(reader: Reader, fields: Fields, node: yaml.Node) -> Prose | Block | None:
    where = load.location_of(node, fields.path)
    if isinstance(node, yaml.MappingNode):
        block = Fields(node, fields.path, fields.diagnostics, fields.context, PART, fields.targets)
        read = block.read_all()
        block.finish()
        return Block(read["block"], where, read["name"], read["by_status"]) if read["block"] else None
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        return read_prose_file(reader, node.value, where)
    fields.error("type", f"a part is a prose file name or {{block: name}}, got {describe(node)}", node)
    return None


def prose_file(reader: Reader, doc: Fields, key: str) -> Prose | None:
    name = doc.read(key)
    return read_prose_file(reader, name, doc.key_location(key)) if name else None


def read_prose_file(reader: Reader, name: str, where: Location) -> Prose | None:
    """The prose of the file ``name``; a file that two places name (a section and a site page)
    is read once, so that each of its problems is reported once."""
    path = load.named_file(reader.folder, name, "prose file", where, reader.diagnostics)
    if path is None:
        reader.unread.add("prose")
        return None
    if path not in reader.prose:
        reader.prose[path] = _parsed_prose(reader, path)
    return reader.prose[path]


def _parsed_prose(reader: Reader, path: Path) -> Prose | None:
    source = load.read_text(path, reader.diagnostics)
    if source is None:
        reader.unread.add("prose")
        return None
    return Prose.parsed(source.text, Location(path, 1, 1))


def optional_prose_file(reader: Reader, fields: Fields | None, key: str) -> Prose | None:
    if fields is None or fields.node(key, required=False) is None:
        return None
    return prose_file(reader, fields, key)
