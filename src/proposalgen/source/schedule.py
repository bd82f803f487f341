"""The day: its items in order, their times, and the speakers they name."""
from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

import yaml

from ..diagnostics import did_you_mean
from ..model.edition import Paper, Participant, Person, Schedule, ScheduleItem, clock
from ..vocabulary import CLOCKS, PLACEHOLDER, SPEAKING_ROLES, STATUS_LABELS
from . import load
from .papers import PaperIndex, title_key
from .reader import Reader, finished
from .schema import Fields, describe, time_zone

KIND_LABELS = {
    "talk": "Invited talk", "contributed": "Contributed talk", "poster": "Poster Session",
    "panel": "Panel Discussion", "break": "Break", "opening": "Opening remarks", "award": "Awards",
}
NUMBERED_KINDS = ("talk", "contributed", "poster")


def read_schedule(reader: Reader, doc: Fields | None, participants: dict, roles, people: dict[str, Person],
                  papers: PaperIndex) -> Schedule | None:
    """The schedule, or None when schedule.yaml could not be read. A scheduled id is resolved
    against the speakers and panelists, a contributed talk's or poster's presenter against
    everyone in people.yaml too; when roles.yaml could not be read, no id is checked. A paper
    named by its row or title is resolved against papers.csv."""
    if doc is None:
        reader.unread.add("schedule")
        return None
    statuses = {p.person.id: p for role in SPEAKING_ROLES for p in participants[role]}
    named = {ref.person_id for refs in roles.values() for ref in refs} if roles is not None else None
    return _schedule_from(reader, doc, _Resolver(statuses, named, people, papers))


def _schedule_from(reader: Reader, doc: Fields, resolver: _Resolver) -> Schedule:
    """The items in order; each one's time follows the previous item's end unless it starts
    itself. An item whose time cannot be known keeps its place without one."""
    labels = finished(doc.read("labels"), _labels) or {**KIND_LABELS, **STATUS_LABELS}
    hours = doc.read("clock") or CLOCKS[0]
    all_fields = doc.items("items")
    timed = any(fields is not None and "start" in fields.locations() for fields in all_fields)
    items, clock = [], None
    numbers: dict[str, int] = {}  # kind -> the last number given to its talks
    for index, fields in enumerate(all_fields):
        if fields is None:
            reader.unread.add("schedule")
            clock = None
            continue
        place = _Place(timed, index == 0, index == len(all_fields) - 1)
        item = _read_item(fields, clock, place, resolver, labels, numbers, hours)
        clock = item.end
        items.append(item)
    if resolver.failed:
        reader.unread.add("schedule")  # a slot meant for someone names nobody known
    label = doc.read("timezone")
    return Schedule(label, doc.read("tentative"), tuple(items), doc.locations(),
                    doc.locations().get("timezone", doc.location), _zone(doc, label),
                    MappingProxyType({status: labels[status] for status in STATUS_LABELS}))


def _zone(doc: Fields, label: str):
    """The day's time zone: ``zone``, else ``timezone`` when it names one; None for a label
    alone (BRT), or a ``zone`` that names none (reported)."""
    if "zone" not in doc.locations():
        named = time_zone(label)
        return named[1] if named else None
    _, zone = doc.read("zone")
    return zone


def _labels(fields: Fields) -> dict[str, str]:
    """The words for each kind of item and each status, the organizers' where they give them."""
    given = fields.read_all()
    return {name: given[name] or default for name, default in {**KIND_LABELS, **STATUS_LABELS}.items()}


class _Place(NamedTuple):
    """Where an item stands: in a day with times or not, first, last (which may stay open)."""

    timed: bool
    first: bool
    last: bool


def _read_item(fields: Fields, clock: int | None, place: _Place, resolver: _Resolver, labels, numbers: dict[str, int],
               hours: str) -> ScheduleItem:
    """The item; its start is its own, else the previous item's end (None when unknown). In a
    day without times, no item needs a start or a duration; the last one needs none if it starts."""
    kinds = _kinds(fields)
    start = fields.read("start", required=place.timed and place.first)
    bad_start = start is None and "start" in fields.locations()
    duration = _duration(fields, start, required=place.timed and not (place.last and start is not None))
    papers = _papers(fields, resolver.papers)
    talks = _talks(fields, papers if "contributed" in kinds else ())
    ids = tuple(resolver.ids(fields, presented=bool({"contributed", "poster"} & set(kinds))))
    note, label, abstract = fields.read_all("note", "label", "abstract").values()
    talk = _talk(fields, resolver.papers)
    fields.finish()
    start = None if bad_start or duration is _UNKNOWN else (start if start is not None else clock)
    numbered = " and ".join(_numbered_label(labels[kind], kind, talks, numbers) for kind in kinds)
    return ScheduleItem(kinds, label or numbered or fields.context, start, None if duration is _UNKNOWN else duration, talks, ids,
                        resolver.participants(ids), resolver.presenters(ids), talk.title, note, talk.authors, talk.url, papers, fields.location, fields.locations(), abstract, hours)


def _kinds(fields: Fields) -> tuple[str, ...]:
    """The item's kind, then those it is combined with; none when its kind is wrong (reported)."""
    kind, also = fields.read_all("kind", "also").values()
    return tuple(dict.fromkeys((kind, *also))) if kind else ()


def _papers(fields: Fields, accepted: PaperIndex) -> tuple[Paper, ...]:
    papers = []
    for paper in fields.items("papers"):
        if paper is not None:
            papers.append(_talk(paper, accepted, title_required=True))
            paper.finish()
    return tuple(papers)


def _talk(fields: Fields, accepted: PaperIndex, title_required: bool = False) -> Paper:
    """The talk or paper as written, or the paper of papers.csv that ``paper`` names, with its
    row (TBD while it is; empty when it names none)."""
    if "paper" not in fields.locations():
        return Paper(fields.read("title", required=title_required), fields.read("authors"), fields.read("url"))
    for key in ("title", "authors", "url"):
        if fields.node(key, required=False) is not None:
            fields.error("schedule", f"give 'paper' or '{key}', not both", fields.node(key), hint="'paper' gives the title, authors and link of its row of papers.csv")
    return _named_paper(fields, accepted) or Paper("", "", "")


def _named_paper(fields: Fields, accepted: PaperIndex) -> Paper | None:
    """The paper ``paper`` names, by its row in papers.csv (a number) or its title; None when
    it names none (reported) or a row reported wrong, or papers.csv could not be read."""
    value, node = fields.read("paper"), fields.node("paper")
    if value == PLACEHOLDER:
        return Paper(PLACEHOLDER, "", "")
    if not (value and accepted.readable):
        return None  # not text (reported), or nothing to name it in
    row = int(value) if value.isdigit() else accepted.rows_by_title.get(title_key(value))
    if row in accepted.by_row:
        return accepted.by_row[row]
    if not accepted.by_row:
        fields.error("ref", f"'paper: {value}' names a paper, but there is no papers.csv listing them", node,
                     hint="papers.csv lists the accepted papers (see docs/source.md)")
    elif value.isdigit():
        fields.error("ref", f"'paper: {value}': row {value} of papers.csv holds no accepted paper", node,
                     hint="rows are numbered as a spreadsheet numbers them: the header is row 1, the first paper row 2")
    else:
        titles = [p.title for p in accepted.papers]
        fields.error("ref", f"'paper: {value}': no paper of papers.csv has this title{did_you_mean(value, titles)}", node)
    return None


def _talks(fields: Fields, papers: tuple[Paper, ...]) -> int:
    """Talks in the slot: ``talks``, else the number of contributed ``papers``, else 1."""
    talks = fields.read("talks")
    if talks is not None and papers and talks != len(papers):
        fields.error("schedule", f"'talks' is {talks} but 'papers' lists {len(papers)}", fields.node("talks"),
                     hint="leave 'talks' out: the papers give the count")
    return talks or len(papers) or 1


_UNKNOWN = object()  # a duration given but not readable: the item's times are unknown


def _duration(fields: Fields, start: int | None, required: bool):
    """Minutes, from ``duration`` or from ``end`` (which needs ``start``); None when not given,
    ``_UNKNOWN`` when given wrong (reported)."""
    given = fields.locations()
    if "end" not in given:
        if "duration" not in given:
            return _missing(fields) if required else None
        minutes = fields.read("duration")
        return _UNKNOWN if minutes is None else minutes
    end = fields.read("end")
    if "duration" in given:
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


def _numbered_label(label: str, kind: str, talks: int, numbers: dict[str, int]) -> str:
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
    speakers. ``failed`` tells whether an id was reported. ``papers`` are those a talk may name."""

    def __init__(self, statuses: dict[str, Participant], named: set[str] | None, people: dict[str, Person], papers: PaperIndex):
        self.statuses, self.named, self.people, self.papers, self.failed = statuses, named, people, papers, False

    def ids(self, fields: Fields, presented: bool):
        for index, node in enumerate(fields.read("speakers")):
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
