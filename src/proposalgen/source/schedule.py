"""The day: its items in order, their times, and the speakers they name."""
from __future__ import annotations

from typing import NamedTuple

import yaml

from .. import load
from ..model import SCHEDULE_KINDS, Paper, Participant, Person, Schedule, ScheduleItem, clock
from ..schema import Fields, describe, did_you_mean
from .format import ITEM, PAPER
from .reader import Reader, finished

KIND_LABELS = {
    "talk": "Invited talk", "contributed": "Contributed talk", "poster": "Poster Session",
    "panel": "Panel Discussion", "break": "Break", "opening": "Opening remarks", "award": "Awards",
}
NUMBERED_KINDS = ("talk", "contributed", "poster")


def read_schedule(reader: Reader, doc: Fields | None, participants: dict, roles, people: dict[str, Person]) -> Schedule | None:
    """The schedule, or None when schedule.yaml could not be read. A scheduled id is resolved
    against the speakers and panelists, a contributed talk's or poster's presenter against
    everyone in people.yaml too; when roles.yaml could not be read, no id is checked."""
    if doc is None:
        reader.unread.add("schedule")
        return None
    statuses = {p.person.id: p for role in ("speakers", "panelists") for p in participants[role]}
    named = {ref.person_id for refs in roles.values() for ref in refs} if roles is not None else None
    return _schedule_from(reader, doc, _Resolver(statuses, named, people))


def _schedule_from(reader: Reader, doc: Fields, resolver: "_Resolver") -> Schedule:
    """The items in order; each one's time follows the previous item's end unless it starts
    itself. An item whose time cannot be known keeps its place without one."""
    labels = finished(doc.mapping("labels", required=False), _kind_labels) or dict(KIND_LABELS)
    nodes = doc.sequence("items")
    timed = any(_gives(node, "start") for node in nodes)
    items, clock, numbers = [], None, {}
    for index, node in enumerate(nodes):
        fields = Fields.of(node, doc.path, doc.diagnostics, f"items[{index}]", ITEM)
        if fields is None:
            reader.unread.add("schedule")
            clock = None
            continue
        place = _Place(timed, index == 0, index == len(nodes) - 1)
        item = _read_item(fields, clock, place, resolver, labels, numbers)
        clock = item.end
        items.append(item)
    if resolver.failed:
        reader.unread.add("schedule")  # a slot meant for someone names nobody known
    return Schedule(doc.shown_text("timezone", required=False), doc.boolean("tentative", required=False), tuple(items), doc.locations())


def _gives(node: yaml.Node, key: str) -> bool:
    return isinstance(node, yaml.MappingNode) and any(getattr(k, "value", None) == key for k, _ in node.value)


def _kind_labels(fields: Fields) -> dict[str, str]:
    return {kind: fields.text(kind, required=False, default=default) for kind, default in KIND_LABELS.items()}


class _Place(NamedTuple):
    """Where an item stands: in a day with times or not, first, last (which may stay open)."""

    timed: bool
    first: bool
    last: bool


def _read_item(fields: Fields, clock: int | None, place: _Place, resolver: "_Resolver", labels, numbers) -> ScheduleItem:
    """The item; its start is its own, else the previous item's end (None when unknown). In a
    day without times, no item needs a start or a duration; the last one needs none if it starts."""
    kinds = _kinds(fields)
    start = fields.time("start", required=place.timed and place.first)
    bad_start = start is None and (fields.is_placeholder("start") or fields.node("start", required=False) is not None)
    duration = _duration(fields, start, required=place.timed and not (place.last and start is not None))
    papers = _papers(fields)
    talks = _talks(fields, papers if "contributed" in kinds else ())
    ids = tuple(resolver.ids(fields, presented=bool({"contributed", "poster"} & set(kinds))))
    title, note, label = fields.shown_text("title", required=False), fields.shown_text("note", required=False), fields.text("label", required=False)
    authors, url = fields.shown_text("authors", required=False), fields.url("url", required=False)
    abstract = fields.shown_text("abstract", required=False)
    fields.finish()
    start = None if bad_start or duration is _UNKNOWN else (start if start is not None else clock)
    numbered = " and ".join(_numbered_label(labels[kind], kind, talks, numbers) for kind in kinds)
    return ScheduleItem(kinds, label or numbered or fields.context, start, None if duration is _UNKNOWN else duration, talks, ids,
                        resolver.participants(ids), resolver.presenters(ids), title, note, authors, url, papers, fields.location, fields.locations(), abstract)


def _kinds(fields: Fields) -> tuple[str, ...]:
    """The item's kind, then those it is combined with; none when its kind is wrong (reported)."""
    kind = fields.choice("kind", SCHEDULE_KINDS)
    also = []
    for node in fields.sequence("also", required=False):
        if isinstance(node, yaml.ScalarNode) and node.value in SCHEDULE_KINDS:
            also.append(node.value)
        else:
            choices = ", ".join(SCHEDULE_KINDS)
            fields.error("value", f"'also' lists kinds among {choices}; got {getattr(node, 'value', describe(node))}", node)
    return tuple(dict.fromkeys((kind, *also))) if kind else ()


def _papers(fields: Fields) -> tuple[Paper, ...]:
    papers = []
    for index, node in enumerate(fields.sequence("papers", required=False)):
        paper = Fields.of(node, fields.path, fields.diagnostics, f"{fields.context}.papers[{index}]", PAPER)
        if paper is not None:
            papers.append(Paper(paper.shown_text("title"), paper.shown_text("authors", required=False), paper.url("url", required=False)))
            paper.finish()
    return tuple(papers)


def _talks(fields: Fields, papers: tuple[Paper, ...]) -> int:
    """Talks in the slot: ``talks``, else the number of contributed ``papers``, else 1."""
    talks = fields.integer("talks", required=False, default=None, minimum=1)
    if talks is not None and papers and talks != len(papers):
        fields.error("schedule", f"'talks' is {talks} but 'papers' lists {len(papers)}", fields.node("talks"),
                     hint="leave 'talks' out: the papers give the count")
    return talks or len(papers) or 1


_UNKNOWN = object()  # a duration given but not readable: the item's times are unknown


def _duration(fields: Fields, start: int | None, required: bool):
    """Minutes, from ``duration`` or from ``end`` (which needs ``start``); None when not given,
    ``_UNKNOWN`` when given wrong (reported)."""
    if fields.node("end", required=False) is None:
        if fields.node("duration", required=False) is None and not fields.is_placeholder("duration"):
            return _missing(fields) if required else None
        minutes = fields.integer("duration", default=None, minimum=1)
        return _UNKNOWN if minutes is None else minutes
    end = fields.time("end")
    if fields.node("duration", required=False) is not None:
        fields.error("schedule", "give 'duration' or 'end', not both", fields.node("end"))
    elif start is None:
        fields.error("schedule", "'end' needs a 'start' on the same item", fields.node("end"))
    elif end is not None and end <= start:
        fields.error("schedule", f"starts at {clock(start)} but ends at {clock(end)}, before it starts", fields.node("end"),
                     hint="a time without am/pm is 24-hour: write 2:00pm or 14:00 for the afternoon")
    else:
        return end - start if end is not None else _UNKNOWN
    return _UNKNOWN


def _missing(fields: Fields):
    fields.error("required", "missing 'duration' or 'end'", hint="only the last item may be open, with a 'start' and no end")
    return _UNKNOWN


def _numbered_label(label: str, kind: str, talks: int, numbers: dict) -> str:
    """"Invited talk 3", "Contributed talks 3 & 4": numbers run on through the day, also past
    items whose label is given."""
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
    Presenters of contributed talks and posters may be anyone in ``people``; they are not invited
    speakers. ``failed`` tells whether an id was reported."""

    def __init__(self, statuses: dict[str, Participant], named: set[str] | None, people: dict[str, Person]):
        self.statuses, self.named, self.people, self.failed = statuses, named, people, False

    def ids(self, fields: Fields, presented: bool):
        for index, node in enumerate(fields.sequence("speakers", required=False)):
            context = f"{fields.context}.speakers[{index}]"
            if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str")):
                fields.diagnostics.error("type", f"{context}: expected a person id, got {describe(node)}", load.location_of(node, fields.path))
                self.failed = True
                continue
            known = [*self.statuses, *(self.named or ()), *(self.people if presented else ())]
            if self.named is not None and node.value not in known:
                among = "people in people.yaml" if presented else "speakers or panelists in roles.yaml"
                message = f"{context}: '{node.value}' is not among the {among}{did_you_mean(node.value, known)}"
                fields.diagnostics.error("ref", message, load.location_of(node, fields.path))
                self.failed = True
            yield node.value

    def participants(self, ids) -> tuple[Participant, ...]:
        return tuple(self.statuses[i] for i in ids if i in self.statuses)

    def presenters(self, ids) -> tuple[Person, ...]:
        """The people who present a contributed talk or a poster without an invited speaker's role."""
        return tuple(self.people[i] for i in ids if i not in self.statuses and i in self.people)
