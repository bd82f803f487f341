"""People, written once, and the roles that name them by id."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from ..diagnostics import Diagnostics, Location, did_you_mean
from ..model.edition import Committee, Participant, Person, Prose
from ..vocabulary import ATTRIBUTES, INVITED_ROLES, LINKS, ROLES
from . import load
from .format import ORGANIZER, PARTICIPANT, PERSON
from .reader import Reader
from .schema import Fields, describe


@dataclass(frozen=True)
class RoleRef:
    """A role entry before the people it names are complete: the id, status and where it stands."""

    person_id: str
    status: str
    location: Location
    role: str = ""


@dataclass(frozen=True)
class CommitteeRef:
    """A named committee before the people it names are complete."""

    name: str
    title: str
    members: list[RoleRef]
    preliminary: bool
    location: Location


NO_ROLES: dict[str, list[RoleRef]] = {role: [] for role in ROLES}


def people_drafts(reader: Reader, doc: Fields | None) -> list[tuple[Person, yaml.ScalarNode | None]] | None:
    """The people without their bios, or None when people.yaml could not be read."""
    if doc is None:
        reader.unread.add("people")
        return None
    return _read_people(reader, doc)


def _read_people(reader: Reader, doc: Fields) -> list[tuple[Person, yaml.ScalarNode | None]]:
    """Each person, with the node of their bio, which with_bio parses as prose."""
    drafts = []
    seen: dict[str, Location] = {}  # person id -> where first defined
    if "people" not in doc.locations():
        reader.unread.add("people")  # reported missing: anyone roles name may be among them
    for fields in doc.items("people"):
        person, bio_node = _read_person(fields) if fields else (None, None)
        if fields is None or person is None or not person.id:
            reader.unread.add("people")  # someone roles may name is missing
        elif person.id in seen:
            fields.error("duplicate", f"duplicate person id '{person.id}' (first defined on line {seen[person.id].line})", fields.node("id"))
        else:
            seen[person.id] = person.location
            drafts.append((person, bio_node))
    return drafts


def _read_person(fields: Fields) -> tuple[Person, yaml.ScalarNode | None]:
    node = fields.node("bio", required=False)
    bio_node = node if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") else None
    if node is not None and bio_node is None:
        fields.error("type", f"'bio' must be text, got {describe(node)}", node)
    read, given = fields.read_all(*_PERSON_FIELDS), fields.locations()
    person = Person(
        **{key: read[key] for key in _PERSON_FIELDS if key not in (*LINKS, *ATTRIBUTES)}, bio=None,
        links=MappingProxyType({link: read[link] for link in LINKS if read[link]}),
        attributes=MappingProxyType({a: read[a] for a in ATTRIBUTES if a in given}),
        location=fields.location, where=given,
    )
    fields.finish()
    return person, bio_node


_PERSON_FIELDS = tuple(key.name for key in PERSON.keys if key.name != "bio")  # a bio is prose, parsed at its own lines (with_bio)


def with_bio(reader: Reader, person: Person, node: yaml.ScalarNode | None, doc: Fields) -> Person:
    if node is None:
        return person
    first_line = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
    bio = Prose.parsed(node.value, Location(doc.path, first_line, 1))
    return dataclasses.replace(person, bio=bio)


def role_refs(reader: Reader, doc: Fields | None, drafts) -> dict[str, list[RoleRef]] | None:
    """Each role's entries, or None when roles.yaml could not be read. When the people could not
    all be read, a name not found among them is not reported: it may be one of the missing."""
    if doc is None:
        reader.unread.add("roles")
        return None
    return _read_roles(doc, _known(reader, drafts))


def _known(reader: Reader, drafts) -> set[str] | None:
    """The ids of the people read; None when some could not be read (any id may be theirs)."""
    return None if "people" in reader.unread else {person.id for person, _ in drafts}


def committee_refs(reader: Reader, doc: Fields | None, drafts) -> list[CommitteeRef]:
    """The named committees, in order; none when roles.yaml could not be read (reported)."""
    if doc is None:
        return []
    known, refs = _known(reader, drafts), []
    seen: dict[str, int] = {}  # committee name -> the line it is first defined on
    for index, fields in enumerate(doc.items("committees")):
        committee = _committee(doc, fields, known, f"committees[{index}]") if fields else None
        if committee is not None and committee.name in seen:
            doc.diagnostics.error("duplicate", f"committees[{index}]: duplicate committee '{committee.name}' (first defined on line {seen[committee.name]})", committee.location)
        elif committee is not None:
            seen[committee.name] = committee.location.line
            refs.append(committee)
    return refs


def _committee(doc: Fields, fields: Fields, known, context: str) -> CommitteeRef | None:
    name, title, preliminary = fields.read_all("name", "title", "preliminary").values()
    members = [_participant(doc, member, known, f"{context}.members[{i}]") for i, member in enumerate(fields.read("members"))]
    fields.finish()
    return CommitteeRef(name, title, [m for m in members if m is not None], preliminary, fields.location) if name else None


def committees_of(refs: list[CommitteeRef], registry: dict[str, Person]) -> tuple[Committee, ...]:
    return tuple(Committee(c.name, c.title, participants_of(c.members, registry), c.preliminary, c.location) for c in refs)


def _read_roles(doc: Fields, known: set[str] | None) -> dict[str, list[RoleRef]]:
    roles = {"organizers": [_organizer(doc, node, known, f"organizers[{i}]") for i, node in enumerate(doc.read("organizers"))]}
    for role in INVITED_ROLES:
        roles[role] = [_participant(doc, node, known, f"{role}[{i}]") for i, node in enumerate(doc.read(role))]
    return {role: [ref for ref in refs if ref is not None] for role, refs in roles.items()}


def _person_id(diagnostics: Diagnostics, path: Path, node: yaml.Node, known: set[str] | None, context: str) -> str | None:
    """The id ``node`` names if it may be a person (any id when ``known`` is None); otherwise
    reports why and returns None."""
    if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str")):
        diagnostics.error("type", f"{context}: expected a person id, got {describe(node)}", load.location_of(node, path))
        return None
    if known is not None and node.value not in known:
        diagnostics.error("ref", f"{context}: unknown person '{node.value}'{did_you_mean(node.value, known)}", load.location_of(node, path))
        return None
    return node.value


def _organizer(doc: Fields, node: yaml.Node, known, context: str) -> RoleRef | None:
    """A person id, or ``{person: id, role: title}``."""
    if not isinstance(node, yaml.MappingNode):
        person_id = _person_id(doc.diagnostics, doc.path, node, known, context)
        return RoleRef(person_id, "confirmed", load.location_of(node, doc.path)) if person_id else None
    fields = Fields(node, doc.path, doc.diagnostics, context, ORGANIZER)
    person_node, role = fields.node("person"), fields.read("role")
    fields.finish()
    person_id = _person_id(doc.diagnostics, doc.path, person_node, known, context) if person_node is not None else None
    return RoleRef(person_id, "confirmed", fields.location, role) if person_id else None


def organizer_id(node: yaml.Node) -> str | None:
    """The person id an organizers entry names, as written; None when it names none."""
    named = next((value for key, value in node.value if key.value == "person"), None) if isinstance(node, yaml.MappingNode) else node
    return str(named.value) if isinstance(named, yaml.ScalarNode) else None


def _participant(doc: Fields, node: yaml.Node, known, context: str) -> RoleRef | None:
    """The entry; a status still TBD is kept as the placeholder, a wrong one (reported) as ''."""
    fields = Fields.of(node, doc.path, doc.diagnostics, context, PARTICIPANT)
    if fields is None:
        return None
    person_node, status = fields.node("person"), fields.read("status")
    fields.finish()
    person_id = _person_id(doc.diagnostics, doc.path, person_node, known, context) if person_node is not None else None
    return RoleRef(person_id, status, fields.location) if person_id else None


def participants_of(refs: list[RoleRef], registry: dict[str, Person]) -> tuple[Participant, ...]:
    """The entries naming a person read (one that is not has been reported, or could not be read)."""
    return tuple(Participant(registry[ref.person_id], ref.status, ref.location, ref.role) for ref in refs if ref.person_id in registry)
