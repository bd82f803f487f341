"""Reading an edition folder into the model, reporting every problem found along the way."""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import yaml

from . import load, prose
from .diagnostics import Diagnostics, Location
from .model import (ATTRIBUTES, BLOCKS, PLACEHOLDER, SITE_DEFAULTS, Call, EditionLink, default_page, default_prefix, permalink, Outcome, PreviousEdition, Series, Site, SitePage, CITATION_ORDERS, CITATION_STYLES, CitationStyle, SCHEDULE_KINDS, STATUSES, Block, Dates, Edition, Name,
                    Participant, Person, Prose, Reference, Schedule, ScheduleItem, Section, Submissions,
                    Venue, Workshop, clock)
from .schema import Fields, describe, did_you_mean
from .values import UNREAD, Counts, Unread, diversity_of, returning_organizers, spoken_dates

EDITION_FILES = ("edition.yaml", "people.yaml", "roles.yaml", "schedule.yaml")
KIND_LABELS = {
    "talk": "Invited talk", "contributed": "Contributed talk", "poster": "Poster Session",
    "panel": "Panel Discussion", "break": "Break", "opening": "Opening remarks", "award": "Awards",
}
NUMBERED_KINDS = ("talk", "contributed", "poster")


@dataclass
class _Reader:
    """State of one read: the edition folder, where problems go, and the collections with a
    piece that could not be read (so that the checks depending on them are skipped)."""

    folder: Path
    diagnostics: Diagnostics
    unread: set[str] = dataclasses.field(default_factory=set)

    def fields(self, name: str) -> Fields | None:
        return self._fields_at(self.folder / name)

    def series_fields(self) -> Fields | None:
        """data/series.yaml, beside the edition folders."""
        return self._fields_at(self.folder.parent / "series.yaml")

    def _fields_at(self, path: Path) -> Fields | None:
        node = load.load_yaml(path, self.diagnostics)
        return Fields.of(node, path, self.diagnostics, "") if node is not None else None

    def optional_fields(self, name: str) -> Fields | None:
        """Like ``fields``, for a file the edition may leave out; None, silently, when it does.
        When it cannot be read, the prose it names is unknown."""
        if not (self.folder / name).exists():
            return None
        fields = self.fields(name)
        if fields is None:
            self.unread.add("prose")
        return fields



def read_edition(folder: Path, diagnostics: Diagnostics) -> Edition:
    """The edition in ``folder``, every problem reported. Each file is read on its own: a part
    that cannot be read is reported once and left out (None, or named in ``Edition.unread``),
    and whatever depends on it is skipped silently, so every other part is still checked."""
    reader = _Reader(folder, diagnostics)
    documents = {name: reader.fields(name) for name in EDITION_FILES}
    return _read_documents(reader, documents)


def _read_documents(reader: _Reader, docs: dict[str, Fields | None]) -> Edition:
    edition_doc = _edition_doc(reader, docs["edition.yaml"])
    drafts = _people_drafts(reader, docs["people.yaml"])
    roles = _roles(reader, docs["roles.yaml"], drafts)
    series = _finished(reader.series_fields(), _series)
    workshop = _workshop(series, reader.folder) if series else None
    outcome = _finished(edition_doc.mapping("outcome", required=False), _outcome) or _outcome(None)
    previous = _previous_edition(reader, series)
    dates = _finished(edition_doc.mapping("dates"), _dates)
    submissions = _finished(edition_doc.mapping("submissions"), _submissions)
    venue = _read_venue(edition_doc.mapping("venue"), reader.diagnostics)
    style = CitationStyle(edition_doc.choice("citation_style", CITATION_STYLES), edition_doc.choice("citation_order", CITATION_ORDERS, required=False))
    values = _prose_values(workshop, roles, dates, submissions, {person.id: person for person, _ in drafts or ()}, previous)
    people = tuple(_with_bio(reader, person, node, docs["people.yaml"], values) for person, node in drafts or ())
    participants = {role: _participants(refs, {p.id: p for p in people}) for role, refs in (roles or _NO_ROLES).items()}
    schedule = _schedule(reader, docs["schedule.yaml"], participants, roles)
    abstract = _optional_prose_file(reader, edition_doc, "abstract", values)
    sections = _read_sections(reader, edition_doc, values)
    references = _references(reader)
    call = _finished(reader.optional_fields("call.yaml"), lambda fields: _call(reader, fields, values, series))
    site = _finished(reader.optional_fields("site.yaml"), lambda fields: _site(reader, fields, sections, values, series, call))
    for doc in docs.values():
        if doc is not None:
            doc.finish()
    return Edition(
        name=reader.folder.name, folder=reader.folder, workshop=workshop, venue=venue, citation_style=style,
        abstract=abstract, sections=sections, people=people,
        organizers=tuple(p.person for p in participants["organizers"]), speakers=participants["speakers"],
        panelists=participants["panelists"], committee=participants["committee"], schedule=schedule,
        dates=dates, submissions=submissions, references=references, values=values,
        call=call, site=site, earlier_pages=_earlier_pages(reader.folder),
        series=series, outcome=outcome, previous=None if previous is UNREAD else previous, unread=frozenset(reader.unread),
    )


def _edition_doc(reader: _Reader, doc: Fields | None) -> Fields:
    """edition.yaml's fields; when it could not be read, fields that hold nothing and report
    nothing missing, and the sections it names are unknown."""
    if doc is not None:
        return doc
    reader.unread.update(("sections", "prose"))
    return Fields.unreadable(reader.folder / "edition.yaml", reader.diagnostics)


def _references(reader: _Reader) -> tuple[Reference, ...]:
    """The entries read; when the file or an entry's key could not be read, a key cited may be
    one of those missing, so ``references`` is unread."""
    references, every_key = _read_references(reader.folder / "references.bib", reader.diagnostics)
    if not every_key:
        reader.unread.add("references")
    return references


def _earlier_pages(folder: Path) -> tuple[EditionLink, ...]:
    """Where each earlier edition's description page is, by its own site.yaml (prefix and slug)."""
    earlier = [n for n in _other_editions(folder) if int(n) < int(folder.name)]
    return tuple(EditionLink(name, _description_permalink(folder.parent / name)) for name in earlier)


def _description_permalink(edition: Path) -> str:
    site_file = edition / "site.yaml"
    site = load.load_plain(site_file, Diagnostics()) if site_file.exists() else None
    site = site if isinstance(site, dict) else {}
    pages = site.get("pages") if isinstance(site.get("pages"), dict) else {}
    page = pages.get("description") if isinstance(pages.get("description"), dict) else {}
    return permalink(str(site.get("prefix", default_prefix(edition.name))), str(page.get("slug", default_page("description").slug)))


def _other_editions(folder: Path) -> list[str]:
    return sorted((p.name for p in folder.parent.iterdir() if p.is_dir() and p.name.isdigit() and p != folder), key=int)


# People and roles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _RoleRef:
    """A role entry before the people it names are complete: the id, status and where it stands."""

    person_id: str
    status: str
    location: Location


_NO_ROLES: dict[str, list[_RoleRef]] = {role: [] for role in ("organizers", "speakers", "panelists", "committee")}


def _people_drafts(reader: _Reader, doc: Fields | None) -> list[tuple[Person, yaml.Node | None]] | None:
    """The people without their bios, or None when people.yaml could not be read."""
    if doc is None:
        reader.unread.add("people")
        return None
    return _read_people(reader, doc)


def _read_people(reader: _Reader, doc: Fields) -> list[tuple[Person, yaml.Node | None]]:
    """Each person without their bio, which is read once the prose values are known."""
    drafts, seen = [], {}
    for index, node in enumerate(doc.sequence("people")):
        fields = Fields.of(node, doc.path, doc.diagnostics, f"people[{index}]")
        person, bio_node = _read_person(fields) if fields else (None, None)
        if person is None or not person.id:
            reader.unread.add("people")  # someone roles may name is missing
        elif person.id in seen:
            fields.error("duplicate", f"duplicate person id '{person.id}' (first defined on line {seen[person.id].line})", fields.node("id"))
        else:
            seen[person.id] = person.location
            drafts.append((person, bio_node))
    return drafts


def _read_person(fields: Fields) -> tuple[Person, yaml.Node | None]:
    bio_node = fields.node("bio", required=False)
    if bio_node is not None and not (isinstance(bio_node, yaml.ScalarNode) and bio_node.tag.endswith(":str")):
        fields.error("type", f"'bio' must be text, got {describe(bio_node)}", bio_node)
        bio_node = None
    person = Person(
        id=fields.text("id"), name=fields.text("name"), affiliation=fields.text("affiliation"),
        email=fields.text("email", required=False), website=fields.text("website", required=False),
        scholar=fields.text("scholar", required=False), bio=None,
        attributes=MappingProxyType({a: fields.text(a) for a in ATTRIBUTES if fields.node(a, required=False) is not None}),
        location=fields.location, where=fields.locations(),
    )
    fields.finish()
    return person, bio_node


def _with_bio(reader: _Reader, person: Person, node: yaml.ScalarNode | None, doc: Fields, values: dict) -> Person:
    if node is None:
        return person
    first_line = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
    bio = _parse_prose(node.value, Location(doc.path, first_line, 1), values, doc.diagnostics)
    return dataclasses.replace(person, bio=bio)


def _roles(reader: _Reader, doc: Fields | None, drafts) -> dict[str, list[_RoleRef]] | None:
    """Each role's entries, or None when roles.yaml could not be read. When the people could not
    all be read, a name not found among them is not reported: it may be one of the missing."""
    if doc is None:
        reader.unread.add("roles")
        return None
    known = None if "people" in reader.unread else {person.id for person, _ in drafts}
    return _read_roles(doc, known)


def _read_roles(doc: Fields, known: set[str] | None) -> dict[str, list[_RoleRef]]:
    roles = {"organizers": [_organizer(doc, node, known, f"organizers[{i}]") for i, node in enumerate(doc.sequence("organizers"))]}
    for role in ("speakers", "panelists", "committee"):
        roles[role] = [_participant(doc, node, known, f"{role}[{i}]") for i, node in enumerate(doc.sequence(role, required=False))]
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


def _organizer(doc: Fields, node: yaml.Node, known, context: str) -> _RoleRef | None:
    person_id = _person_id(doc.diagnostics, doc.path, node, known, context)
    return _RoleRef(person_id, "confirmed", load.location_of(node, doc.path)) if person_id else None


def _participant(doc: Fields, node: yaml.Node, known, context: str) -> _RoleRef | None:
    """The entry; a status still TBD is kept as the placeholder, a wrong one (reported) as ''."""
    fields = Fields.of(node, doc.path, doc.diagnostics, context)
    if fields is None:
        return None
    pending = fields.is_placeholder("status")
    person_node, status = fields.node("person"), fields.choice("status", STATUSES)
    fields.finish()
    person_id = _person_id(doc.diagnostics, doc.path, person_node, known, context) if person_node is not None else None
    return _RoleRef(person_id, PLACEHOLDER if pending else status, fields.location) if person_id else None


def _participants(refs: list[_RoleRef], registry: dict[str, Person]) -> tuple[Participant, ...]:
    """The entries naming a person read (one that is not has been reported, or could not be read)."""
    return tuple(Participant(registry[ref.person_id], ref.status, ref.location) for ref in refs if ref.person_id in registry)


# Schedule --------------------------------------------------------------------------------------


def _schedule(reader: _Reader, doc: Fields | None, participants: dict, roles) -> Schedule | None:
    """The schedule, or None when schedule.yaml could not be read. A scheduled id is resolved
    against the speakers and panelists; when roles.yaml could not be read, it is not checked."""
    if doc is None:
        reader.unread.add("schedule")
        return None
    statuses = {p.person.id: p for role in ("speakers", "panelists") for p in participants[role]}
    named = {ref.person_id for refs in roles.values() for ref in refs} if roles is not None else None
    return _read_schedule(reader, doc, statuses, named)


def _read_schedule(reader: _Reader, doc: Fields, statuses: dict[str, Participant], named: set[str] | None) -> Schedule:
    """The items in order; each one's time follows the previous item's end unless it starts
    itself. An item whose time cannot be known keeps its place without one."""
    labels = _finished(doc.mapping("labels", required=False), _kind_labels) or dict(KIND_LABELS)
    nodes = doc.sequence("items")
    timed = any(_gives(node, "start") for node in nodes)
    items, clock, numbers, resolver = [], None, {}, _Resolver(statuses, named)
    for index, node in enumerate(nodes):
        fields = Fields.of(node, doc.path, doc.diagnostics, f"items[{index}]")
        if fields is None:
            reader.unread.add("schedule")
            clock = None
            continue
        item = _read_item(fields, clock, timed, index == 0, resolver, labels, numbers)
        clock = item.end
        items.append(item)
    if resolver.failed:
        reader.unread.add("schedule")  # a slot meant for someone names nobody known
    return Schedule(doc.text("timezone"), tuple(items))


def _gives(node: yaml.Node, key: str) -> bool:
    return isinstance(node, yaml.MappingNode) and any(getattr(k, "value", None) == key for k, _ in node.value)


def _kind_labels(fields: Fields) -> dict[str, str]:
    return {kind: fields.text(kind, required=False, default=default) for kind, default in KIND_LABELS.items()}


def _read_item(fields: Fields, clock: int | None, timed: bool, first: bool, resolver: "_Resolver", labels, numbers) -> ScheduleItem:
    """The item; its start is its own, else the previous item's end (None when unknown). In a
    day without times, no item needs a start or a duration."""
    kind = fields.choice("kind", SCHEDULE_KINDS)
    start = fields.time("start", required=timed and first)
    bad_start = start is None and (fields.is_placeholder("start") or fields.node("start", required=False) is not None)
    duration = _duration(fields, start, required=timed)
    talks = fields.integer("talks", required=False, default=1, minimum=1)
    ids = tuple(resolver.ids(fields))
    title, note, label = fields.text("title", required=False), fields.text("note", required=False), fields.text("label", required=False)
    fields.finish()
    start = None if bad_start or duration is _UNKNOWN else (start if start is not None else clock)
    label = label or (_numbered_label(labels[kind], kind, talks or 1, numbers) if kind else fields.context)
    return ScheduleItem(kind, label, start, None if duration is _UNKNOWN else duration, talks or 1, ids,
                        resolver.participants(ids), title, note, fields.location, fields.locations())


_UNKNOWN = object()  # a duration given but not readable: the item's times are unknown


def _duration(fields: Fields, start: int | None, required: bool):
    """Minutes, from ``duration`` or from ``end`` (which needs ``start``); None when not given,
    ``_UNKNOWN`` when given wrong (reported)."""
    if fields.node("end", required=False) is None:
        if fields.node("duration", required=False) is None and not required:
            return None
        minutes = fields.integer("duration", default=None, minimum=1)
        return _UNKNOWN if minutes is None else minutes
    end = fields.time("end")
    if fields.node("duration", required=False) is not None:
        fields.error("schedule", "give 'duration' or 'end', not both", fields.node("end"))
    elif start is None:
        fields.error("schedule", "'end' needs a 'start' on the same item", fields.node("end"))
    elif end is not None and end <= start:
        fields.error("schedule", f"starts at {clock(start)} but ends at {clock(end)}, before it starts", fields.node("end"),
                     hint="times are 24-hour H:MM")
    else:
        return end - start if end is not None else _UNKNOWN
    return _UNKNOWN


def _numbered_label(label: str, kind: str, talks: int, numbers: dict) -> str:
    """"Invited talk 3", "Contributed talks 3 & 4": numbers run on through the day."""
    if kind not in NUMBERED_KINDS:
        return label
    first = numbers.get(kind, 0) + 1
    numbers[kind] = first + talks - 1
    if talks == 1:
        return f"{label} {first}"
    joined = f"{first} & {first + 1}" if talks == 2 else f"{first}–{first + talks - 1}"
    return f"{label}s {joined}"


class _Resolver:
    """Scheduled ids against the speakers and panelists: ``named`` are the ids roles.yaml names,
    even in entries reported as wrong (None: roles.yaml could not be read, nothing is checked).
    ``failed`` tells whether an id was reported."""

    def __init__(self, statuses: dict[str, Participant], named: set[str] | None):
        self.statuses, self.named, self.failed = statuses, named, False

    def ids(self, fields: Fields):
        for index, node in enumerate(fields.sequence("speakers", required=False)):
            context = f"{fields.context}.speakers[{index}]"
            if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str")):
                fields.diagnostics.error("type", f"{context}: expected a person id, got {describe(node)}", load.location_of(node, fields.path))
                self.failed = True
                continue
            if self.named is not None and node.value not in self.statuses and node.value not in self.named:
                known = [*self.statuses, *self.named]
                message = f"{context}: '{node.value}' is not among the speakers or panelists in roles.yaml{did_you_mean(node.value, known)}"
                fields.diagnostics.error("ref", message, load.location_of(node, fields.path))
                self.failed = True
            yield node.value

    def participants(self, ids) -> tuple[Participant, ...]:
        return tuple(self.statuses[i] for i in ids if i in self.statuses)


# Edition settings -----------------------------------------------------------------------------


def _finished(fields: Fields | None, build):
    """``build(fields)``, then the unknown keys of ``fields`` reported; None for a missing mapping."""
    if fields is None:
        return None
    value = build(fields)
    fields.finish()
    return value


def _series(fields: Fields) -> Series:
    return Series(fields.text("title"), fields.text("acronym"), fields.text("contact", required=False),
                  fields.text("url", required=False), fields.integer("earlier_editions", required=False), fields.location)


def _workshop(series: Series, folder: Path) -> Workshop:
    """The edition's number is its place among the series' edition folders, after any earlier ones."""
    names = [folder.name, *_other_editions(folder)]
    number = series.earlier_editions + sorted(names, key=int).index(folder.name) + 1
    return Workshop(series.title, series.acronym, number, series.location)


def _outcome(fields: Fields | None) -> Outcome:
    names = ("submissions", "accepted", "attendees", "registered_interest", "challenge_entries")
    if fields is None:
        return Outcome(*(PLACEHOLDER for _ in names))
    return Outcome(*(fields.integer(name, required=False, default=PLACEHOLDER) for name in names))


def _previous_edition(reader: _Reader, series: Series | None) -> PreviousEdition | Unread | None:
    """The edition before this one, read as far as later editions use it: venue, outcome,
    organizers. None for a first edition; ``UNREAD`` when it, or the series, could not be read."""
    earlier = [name for name in _other_editions(reader.folder) if int(name) < int(reader.folder.name)]
    if not earlier:
        return None
    folder = reader.folder.parent / earlier[-1]
    previous = _Reader(folder, reader.diagnostics)
    edition, roles = previous.fields("edition.yaml"), previous.fields("roles.yaml")
    if edition is None or roles is None or series is None:
        return UNREAD
    venue = _read_venue(edition.mapping("venue"), reader.diagnostics)
    outcome = _finished(edition.mapping("outcome", required=False), _outcome) or _outcome(None)
    organizers = tuple(str(n.value) for n in roles.sequence("organizers") if isinstance(n, yaml.ScalarNode))
    return PreviousEdition(folder.name, _workshop(series, folder), venue, outcome, organizers) if venue else UNREAD


def _dates(fields: Fields) -> Dates:
    label, zone = fields.timezone("timezone", default="AoE")
    return Dates(
        timezone=label, zone=zone,
        submission_deadline=fields.date("submission_deadline"), review_start=fields.date("review_start", required=False),
        review_end=fields.date("review_end", required=False), decisions=fields.date("decisions"),
        camera_ready=fields.date("camera_ready", required=False), workshop=fields.date("workshop", required=False),
        location=fields.location, where=fields.locations(),
    )


def _submissions(fields: Fields) -> Submissions | None:
    """The figures (a TBD one is the placeholder), or None when one is missing or wrong (reported)."""
    figures = (_figure(fields, "expected", 0), _figure(fields, "reviews_per_paper", 1), _figure(fields, "max_load", 1),
               _figure(fields, "reviewers_from_authors", 0, required=False))
    return None if None in figures else Submissions(*figures, fields.location)


def _figure(fields: Fields, key: str, minimum: int, required: bool = True) -> int | str | None:
    """A whole number of at least ``minimum``, the placeholder while TBD, 0 when optional and
    not given, None when wrong (reported)."""
    if fields.is_placeholder(key):
        fields.node(key)  # reported as a placeholder
        return PLACEHOLDER
    return fields.integer(key, required, default=None if required else 0, minimum=minimum)


VENUE_RULES = ("name", "year", "page_limit", "excludes", "source_url", "bio_word_limit", "day_start", "day_end",
               "proposal_deadline", "required_sections", "speakers_confirmed")


def _read_venue(fields: Fields | None, diagnostics: Diagnostics) -> Venue | None:
    """The preset's rules with the edition's overrides; a venue without rules while the preset is
    TBD; None when the venue is not given or its preset is unknown (reported)."""
    if fields is None:
        return None
    preset_id = fields.text("preset")
    pending = fields.is_placeholder("preset")
    preset = None if pending else _preset(preset_id, fields, diagnostics)
    if preset is None:
        fields.accept(VENUE_RULES)  # overrides of a preset that cannot be read are not unknown keys
        fields.finish()
        return _placeholder_venue(fields) if pending else None
    venue = _venue(preset_id, fields, preset)
    preset.accept(("note",))  # for people, not for the tool
    preset.finish()
    fields.finish()
    return venue


def _venue(preset_id: str, fields: Fields, preset: Fields) -> Venue:
    def value(key: str, read, required: bool = True):
        """The edition's own value for ``key`` if it gives one (None for TBD), else the preset's."""
        if fields.is_placeholder(key):
            preset.accept((key,))
            fields.node(key, required=False)  # reported as a placeholder
            return None
        if fields.node(key, required=False) is None:
            return read(preset, key, required=required)
        preset.accept((key,))  # overridden, which is not an unknown key
        return read(fields, key, required=False)

    return Venue(
        id=preset_id, name=value("name", Fields.text), year=value("year", Fields.integer),
        page_limit=value("page_limit", Fields.integer), excludes=tuple(value("excludes", _names) or ()),
        source_url=value("source_url", Fields.text), bio_word_limit=value("bio_word_limit", Fields.integer, required=False),
        day_start=value("day_start", Fields.time, required=False), day_end=value("day_end", Fields.time, required=False),
        proposal_deadline=value("proposal_deadline", Fields.date, required=False),
        required_sections=tuple(value("required_sections", _words, required=False) or ()),
        speakers_confirmed=bool(value("speakers_confirmed", Fields.boolean, required=False)), location=fields.location,
        # the preset's guesses, unless the edition gives its own value
        assumed=tuple(key for key in _words(preset, "assumed", required=False) if key not in fields.locations()),
    )


def _placeholder_venue(fields: Fields) -> Venue:
    """A venue not chosen yet: no rules to check, until a preset is named."""
    return Venue(id=PLACEHOLDER, name=PLACEHOLDER, year=None, page_limit=None, excludes=(), source_url="",
                 bio_word_limit=None, day_start=None, day_end=None, proposal_deadline=None, required_sections=(),
                 speakers_confirmed=False, location=fields.location)


def available_presets() -> list[str]:
    folder = resources.files("proposalgen.venues")
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def _preset(preset_id: str, fields: Fields, diagnostics: Diagnostics) -> Fields | None:
    if preset_id not in available_presets():
        if preset_id:
            fields.error("ref", f"unknown venue preset '{preset_id}'{did_you_mean(preset_id, available_presets())}", fields._values["preset"], hint=f"presets: {', '.join(available_presets())}")
        return None
    path = Path(str(resources.files("proposalgen.venues") / f"{preset_id}.yaml"))
    node = load.load_yaml(path, diagnostics)
    return Fields.of(node, path, diagnostics, "") if node is not None else None


def _words(fields: Fields, key: str, required: bool = True) -> list[str]:
    return [str(n.value).lower() for n in fields.sequence(key, required=required) if isinstance(n, yaml.ScalarNode)]


def _names(fields: Fields, key: str, required: bool = True) -> list[str]:
    names = []
    for node in fields.sequence(key, required=required):
        if isinstance(node, yaml.ScalarNode) and node.value in (*BLOCKS, "references"):
            names.append(node.value)
        else:
            fields.error("value", f"'{key}' lists parts among schedule, organizers, committee, references; got {getattr(node, 'value', describe(node))}", node)
    return names


# Prose -------------------------------------------------------------------------------------------


def _prose_values(workshop, roles, dates, submissions, registry, previous) -> MappingProxyType:
    """What prose and templates may use as ``{{ values }}``; needs only ids, so bios can use it.
    A value whose source could not be read is ``UNREAD``: prose using it reports nothing more."""
    people_read = roles is not None and all(ref.person_id in registry for refs in roles.values() for ref in refs)
    values = {"workshop": workshop or UNREAD, "submissions": submissions or UNREAD,
              "dates": spoken_dates(dates) if dates else UNREAD,
              **(_people_values(roles, registry) if people_read else {"counts": UNREAD, "diversity": UNREAD})}
    if previous is not None:
        values["previous"] = previous
        values["returning"] = UNREAD if previous is UNREAD or roles is None else returning_organizers(
            [ref.person_id for ref in roles["organizers"]], previous.organizer_ids)
    return MappingProxyType(values)


def _people_values(roles, registry) -> dict:
    counts = Counts(*(len(roles[r]) for r in ("organizers", "speakers", "panelists", "committee")))
    speaker_ids = dict.fromkeys(ref.person_id for role in ("speakers", "panelists") for ref in roles[role])
    diversity = {
        "organizers": diversity_of([registry[ref.person_id] for ref in roles["organizers"]]),
        "speakers": diversity_of([registry[i] for i in speaker_ids]),
    }
    return {"counts": counts, "diversity": diversity}


def _read_sections(reader: _Reader, doc: Fields, values: dict) -> tuple[Section, ...]:
    sections = []
    for index, node in enumerate(doc.sequence("sections")):
        fields = Fields.of(node, doc.path, doc.diagnostics, f"sections[{index}]")
        if fields is None:
            reader.unread.add("sections")
            continue
        title = fields.text("title")
        parts = [_section_part(reader, fields, part, values) for part in fields.sequence("parts")]
        if None in parts:
            reader.unread.add("sections")
        fields.finish()
        sections.append(Section(len(sections) + 1, title, tuple(p for p in parts if p is not None), fields.location))
    return tuple(sections)


def _section_part(reader: _Reader, fields: Fields, node: yaml.Node, values: dict) -> Prose | Block | None:
    where = load.location_of(node, fields.path)
    if isinstance(node, yaml.MappingNode):
        block = Fields(node, fields.path, fields.diagnostics, fields.context)
        name = block.choice("block", BLOCKS)
        block.finish()
        return Block(name, where) if name else None
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        return _read_prose_file(reader, node.value, where, values)
    fields.error("type", f"a part is a prose file name or {{block: name}}, got {describe(node)}", node)
    return None


def _prose_file(reader: _Reader, doc: Fields, key: str, values: dict) -> Prose | None:
    name = doc.text(key)
    return _read_prose_file(reader, name, doc.key_location(key), values) if name else None


def _read_prose_file(reader: _Reader, name: str, where: Location, values: dict) -> Prose | None:
    path = reader.folder / name
    source = load.read_text(path, reader.diagnostics) if path.is_file() else None
    if not path.is_file():
        reader.diagnostics.error("file", f"prose file '{name}' does not exist", where)
    if source is None:
        reader.unread.add("prose")
        return None
    return _parse_prose(source.text, Location(path, 1, 1), values, reader.diagnostics)


def _parse_prose(text: str, where: Location, values: dict, diagnostics: Diagnostics) -> Prose:
    return prose.parse_filled(text, where, values, diagnostics)


# The call for papers and the website ---------------------------------------------------------

def _call(reader: _Reader, fields: Fields, values, series: Series | None) -> Call | None:
    """The call for papers, or None when its aim or submission rules are missing (reported)."""
    aim = _prose_file(reader, fields, "aim", values)
    reviewers = _optional_prose_file(reader, fields, "reviewers", values)
    contact = fields.text("contact", required=not (series and series.contact), default=series.contact if series else "")
    challenge = _finished(fields.mapping("challenge", required=False), lambda c: (_optional_prose_file(reader, c, "text", values), c.text("prize", required=False)))
    submission = fields.mapping("submission")
    if submission is None or aim is None:
        return None
    call = Call(
        aim=aim, pages=submission.integer("pages"), extra_pages=submission.text("extra_pages", required=False),
        style_files=submission.text("style_files", required=False), anonymous=submission.boolean("anonymous"),
        archival=submission.boolean("archival"), dual_submission=_optional_prose_file(reader, submission, "dual_submission", values),
        openreview=submission.text("openreview"), challenge=challenge[0] if challenge else None, prize=challenge[1] if challenge else "",
        reviewers=reviewers, contact=contact, location=fields.location,
        where=MappingProxyType({**fields.locations(), **submission.locations()}),
    )
    submission.finish()
    return call


def _optional_prose_file(reader: _Reader, fields: Fields | None, key: str, values) -> Prose | None:
    if fields is None or fields.node(key, required=False) is None:
        return None
    return _prose_file(reader, fields, key, values)


def _site(reader: _Reader, fields: Fields, sections, values, series: Series | None, call) -> Site:
    """The site's settings; ``pages`` lists the pages to build (all of them when it is left out;
    the call's page only with a call for papers)."""
    pages_fields = fields.mapping("pages", required=False)
    first_section_prose = tuple(p for p in sections[0].parts if isinstance(p, Prose)) if sections else ()
    kinds = [k for k in SITE_DEFAULTS if pages_fields is None or k in pages_fields._values]
    pages = []
    for kind in kinds:
        title, order = SITE_DEFAULTS[kind]
        page = pages_fields.mapping(kind, required=False) if pages_fields else None
        pages.append(_site_page(reader, kind, title, order, page, first_section_prose if kind == "description" else (), values))
    pages = [page for page in pages if page.kind != "call" or call is not None]
    if pages_fields:
        pages_fields.finish()
    prefix = fields.text("prefix", required=False, default=default_prefix(reader.folder.name))
    return Site(fields.text("room", required=False), prefix, tuple(pages), fields.location)


def _site_page(reader: _Reader, kind: str, title: str, order: int, fields: Fields | None, default_prose, values) -> SitePage:
    if fields is None:
        return SitePage(kind, title, "page", kind, order, default_prose)
    prose_nodes = fields.sequence("prose", required=False) if kind == "description" else []
    prose = tuple(p for p in (_read_prose_file(reader, str(n.value), load.location_of(n, fields.path), values) for n in prose_nodes) if p)
    page = SitePage(kind, fields.text("title", required=False, default=title), fields.text("layout", required=False, default="page"),
                    fields.text("slug", required=False, default=kind), fields.integer("nav_order", required=False, default=order),
                    prose or default_prose)
    fields.finish()
    return page


# References --------------------------------------------------------------------------------------


def _read_references(path: Path, diagnostics: Diagnostics) -> tuple[tuple[Reference, ...], bool]:
    """The entries, and whether every entry's key is known. An entry that cannot be parsed
    (reported) is kept empty when its first line gives its key, so that citing it is not also an
    undefined citation."""
    if not path.exists():
        return (), True
    library = load.load_bibtex(path, diagnostics)
    if library is None:
        return (), False
    _report_failed_blocks(library, path, diagnostics)
    entries = tuple(_reference(entry, path, diagnostics) for entry in library.entries)
    unparsed = _unparsed_entries(library, path)
    return entries + tuple(r for r in unparsed if r is not None), None not in unparsed


def _report_failed_blocks(library, path: Path, diagnostics: Diagnostics) -> None:
    from bibtexparser.model import DuplicateBlockKeyBlock

    for block in library.failed_blocks:
        where = Location(path, block.start_line + 1, 1)
        if isinstance(block, DuplicateBlockKeyBlock):
            diagnostics.error("cite", f"duplicate reference key '{block.key}'", where)
        else:
            reason = getattr(block.error, "abort_reason", "") or str(block.error) or "syntax error"
            diagnostics.error("bibtex", f"cannot parse this entry: {_clause(reason)}", where,
                              hint="are its braces balanced?" if "end of file" in reason or "block start" in reason else "")


def _unparsed_entries(library, path: Path) -> list[Reference | None]:
    """An empty reference for each entry that could not be parsed, None for one whose key is unknown."""
    from bibtexparser.model import DuplicateBlockKeyBlock

    blocks = [block for block in library.failed_blocks if not isinstance(block, DuplicateBlockKeyBlock)]
    return [_empty_reference(_head(block.raw), Location(path, block.start_line + 1, 1)) for block in blocks]


def _empty_reference(head, where: Location) -> Reference | None:
    return Reference(head.key, head.entry_type.lower(), (), False, "", "", "", "", "", "", "", where) if head else None


def _head(raw: str):
    """The entry that the first line of ``raw`` opens, without its fields; None when the line does not give its key."""
    import bibtexparser

    first_line = raw.split("\n", 1)[0]
    if "," not in first_line:
        return None
    entries = bibtexparser.parse_string(first_line.split(",", 1)[0] + ",}").entries
    return entries[0] if entries else None


def _clause(message: str) -> str:
    """A library's message as the end of our sentence: lower-case first letter, no final period."""
    message = message.strip().rstrip(".")
    return message[:1].lower() + message[1:]


def _reference(entry, path: Path, diagnostics: Diagnostics) -> Reference:
    fields = {k.lower(): _decoded(str(f.value)) for k, f in entry.fields_dict.items()}
    where = Location(path, entry.start_line + 1, 1)
    authors, et_al = _authors_of(entry, path, diagnostics)
    for name in ("author", "title", "year"):
        if not fields.get(name):
            diagnostics.error("cite", f"reference '{entry.key}' has no {name}", where)
    venue = fields.get("booktitle") or fields.get("journal") or fields.get("publisher") or fields.get("howpublished", "")
    return Reference(entry.key, entry.entry_type.lower(), authors, et_al, fields.get("year", ""), fields.get("title", ""),
                     venue, fields.get("volume", ""), fields.get("number", ""), fields.get("pages", "").replace("--", "–"),
                     _web_address(entry, fields, path, diagnostics) or _doi_url(fields.get("doi", "")), where)


def _authors_of(entry, path: Path, diagnostics: Diagnostics) -> tuple[tuple[Name, ...], bool]:
    """The entry's authors; none when its author list cannot be split into names, which is
    reported at the field's line so that the entry's other problems and every other check still show."""
    from bibtexparser.middlewares.names import InvalidNameError

    field = _field(entry, "author")
    if field is None:
        return (), False
    try:
        return _authors(str(field.value))
    except InvalidNameError as e:
        diagnostics.error("bibtex", f"reference '{entry.key}': cannot split the author list into names at '{e.name}': "
                          f"{_clause(e.reason)}", Location(path, field.start_line + 1, 1),
                          hint="separate names by 'and', each written 'First Last', 'Last, First' or 'Last, Jr, First'")
        return (), False


def _field(entry, name: str):
    """The entry's field ``name`` as parsed (BibTeX field names ignore case), or None."""
    return next((f for f in entry.fields if f.key.lower() == name), None)


def _decoded(value: str) -> str:
    """A BibTeX value as text: LaTeX accents and braces decoded by pylatexenc when there are any."""
    if any(c in value for c in "\\{}$~%&^_"):
        return _latex_decoder().latex_to_text(value).strip()
    return value.strip()


@functools.cache
def _latex_decoder():
    # Building the decoder sets up every macro it knows: once per run, not once per entry.
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text()


def _authors(field: str) -> tuple[tuple[Name, ...], bool]:
    """The names of a raw author list and whether it ends in "and others". It is split before
    decoding, so that braces keep a name whole: "{Barnes and Noble}", "{Google DeepMind}"."""
    from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names

    names = [parse_single_name_into_parts(n) for n in split_multiple_persons_names(field)]
    et_al = bool(names) and names[-1].last == ["others"]
    people = names[:-1] if et_al else names
    if et_al and not people:
        raise InvalidNameError(field.strip(), "No name before 'others'")
    return tuple(Name(_decoded(" ".join(n.von + n.last)), _decoded(" ".join(n.first))) for n in people), et_al


def _web_address(entry, fields: dict, path: Path, diagnostics: Diagnostics) -> str:
    """The entry's url when it is a web address; another (``javascript:...``) is reported and left
    out, since the site and the PDF link to it."""
    from urllib.parse import urlparse

    url = fields.get("url", "")
    if url and urlparse(url).scheme not in ("http", "https"):
        where = Location(path, _field(entry, "url").start_line + 1, 1)
        diagnostics.error("bibtex", f"reference '{entry.key}': url '{url}' is not a web address (https://...)", where)
        return ""
    return url


def _doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}" if doi else ""
