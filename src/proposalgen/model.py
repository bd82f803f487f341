"""The edition as typed, frozen data: what every check and template receives."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .diagnostics import Location

STATUSES = ("confirmed", "invited", "declined")
PLACEHOLDER = "TBD"  # a value not known yet: accepted anywhere, reported until it is filled in
SITE_DEFAULTS = {  # page kind: (title, nav_order)
    "description": ("Workshop description", 1), "call": ("Call for Papers", 2), "schedule": ("Schedule", 3),
    "speakers": ("Speakers", 4), "organizers": ("Organizers", 5), "committee": ("Program Committee", 6),
}
ATTRIBUTES = ("gender", "continent", "career_stage")
SCHEDULE_KINDS = ("talk", "contributed", "poster", "panel", "break", "opening", "award")
BLOCKS = ("schedule", "organizers", "committee")
CITATION_STYLES = ("author-year", "numeric")


@dataclass(frozen=True)
class CitationUse:
    key: str
    location: Location


@dataclass(frozen=True)
class Prose:
    """Markdown text with its parsed tokens; ``location`` is its first line in the source."""

    location: Location
    markdown: str
    tokens: tuple
    citations: tuple[CitationUse, ...]


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    affiliation: str
    email: str
    website: str
    scholar: str
    bio: Prose | None
    attributes: MappingProxyType  # the self-reported ones among ATTRIBUTES that were given
    location: Location
    where: MappingProxyType  # the location of each field given


@dataclass(frozen=True)
class Participant:
    """A person in a role that they must accept (speaker, panelist, PC member)."""

    person: Person
    status: str
    location: Location

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


@dataclass(frozen=True)
class ScheduleItem:
    kind: str
    label: str
    start: int
    duration: int
    talks: int
    speakers: tuple[Participant, ...]
    title: str
    note: str
    location: Location
    where: MappingProxyType

    @property
    def end(self) -> int:
        return self.start + self.duration

    @property
    def talk_minutes(self) -> int:
        return self.duration // self.talks

    @property
    def start_label(self) -> str:
        return clock(self.start)

    @property
    def end_label(self) -> str:
        return clock(self.end)


@dataclass(frozen=True)
class Schedule:
    timezone: str
    items: tuple[ScheduleItem, ...]

    @property
    def has_unconfirmed(self) -> bool:
        return any(not s.confirmed for item in self.items for s in item.speakers)


@dataclass(frozen=True)
class Dates:
    timezone: str
    submission_deadline: datetime.date | None
    review_start: datetime.date | None
    review_end: datetime.date | None
    decisions: datetime.date | None
    camera_ready: datetime.date | None
    workshop: datetime.date | None
    location: Location
    where: MappingProxyType

    FIELDS = ("submission_deadline", "review_start", "review_end", "decisions", "camera_ready", "workshop")

    def given(self) -> dict[str, datetime.date]:
        return {name: getattr(self, name) for name in self.FIELDS if getattr(self, name) is not None}


@dataclass(frozen=True)
class Submissions:
    expected: int
    reviews_per_paper: int
    max_load: int
    reviewers_from_authors: int  # reviewers each submission's authors nominate to the PC
    location: Location


@dataclass(frozen=True)
class Name:
    last: str
    first: str

    @property
    def initials(self) -> str:
        return " ".join(_initial(part) for part in self.first.split())


@dataclass(frozen=True)
class Reference:
    key: str
    entry_type: str
    authors: tuple[Name, ...]
    et_al: bool
    year: str
    title: str
    venue: str
    volume: str
    number: str
    pages: str
    url: str
    location: Location


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    year: int
    page_limit: int
    excludes: tuple[str, ...]
    source_url: str
    bio_word_limit: int  # 0: no limit
    day_start: int | None  # minutes after midnight, None: not set
    day_end: int | None
    proposal_deadline: datetime.date | None
    required_sections: tuple[str, ...]  # words a section title or run-in heading must contain
    speakers_confirmed: bool  # the venue wants every invited speaker confirmed in the proposal
    location: Location
    assumed: tuple[str, ...] = ()  # fields whose value is our guess, not read from the venue's page


@dataclass(frozen=True)
class Block:
    """A part of a section that the template draws from data (schedule, organizers, committee)."""

    name: str
    location: Location


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    parts: tuple[Prose | Block, ...]
    location: Location

    @property
    def mark(self) -> str:
        return f"section-{self.number}"


@dataclass(frozen=True)
class Series:
    """The workshop series (data/series.yaml): what stays the same from one edition to the next."""

    title: str
    acronym: str
    contact: str
    url: str
    earlier_editions: int  # editions held before the first folder in data/
    location: Location


@dataclass(frozen=True)
class Workshop:
    """The series as this edition is: its title and acronym, and its computed number."""

    title: str
    acronym: str
    number: int
    location: Location

    @property
    def ordinal(self) -> str:
        return ordinal(self.number)

    @property
    def ordinal_word(self) -> str:
        return ordinal_word(self.number)


@dataclass(frozen=True)
class Outcome:
    """How an edition went, known after it: a figure not given reads as the placeholder."""

    submissions: int | str
    accepted: int | str
    attendees: int | str
    registered_interest: int | str
    challenge_entries: int | str


@dataclass(frozen=True)
class Edition:
    name: str
    folder: Path
    workshop: Workshop
    venue: Venue
    citation_style: str
    abstract: Prose | None
    sections: tuple[Section, ...]
    people: tuple[Person, ...]
    organizers: tuple[Person, ...]
    speakers: tuple[Participant, ...]
    panelists: tuple[Participant, ...]
    committee: tuple[Participant, ...]
    schedule: Schedule
    dates: Dates
    submissions: Submissions
    references: tuple[Reference, ...]
    values: MappingProxyType  # the computed facts prose and templates use (values.py)
    series: Series | None = None
    outcome: Outcome | None = None
    previous: "PreviousEdition | None" = None
    call: "Call | None" = None  # None when the edition has no call.yaml
    site: "Site | None" = None  # None when the edition has no site.yaml
    earlier_pages: tuple["EditionLink", ...] = ()  # the earlier editions' description pages

    @property
    def invited_people(self) -> tuple[Person, ...]:
        """Speakers and panelists, each person once, speakers first."""
        return tuple({p.person.id: p.person for p in (*self.speakers, *self.panelists)}.values())

    @property
    def prose(self) -> tuple[Prose, ...]:
        """Every prose text in reading order: abstract, sections, bios, the call, the site's."""
        parts = [p for s in self.sections for p in s.parts if isinstance(p, Prose)]
        bios = [p.bio for p in self.people if p.bio is not None]
        call = self.call.prose if self.call else ()
        site = [p for page in self.site.pages for p in page.prose] if self.site else []
        # The site's pages reuse the sections' prose: each text once (tokens make Prose unhashable).
        unique = {id(p): p for p in (self.abstract, *parts, *bios, *call, *site) if p is not None}
        return tuple(unique.values())


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


ORDINAL_WORDS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal_word(number: int) -> str:
    return ORDINAL_WORDS[number] if 0 <= number < len(ORDINAL_WORDS) else ordinal(number)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _initial(part: str) -> str:
    return "-".join(f"{piece[0]}." for piece in part.split("-") if piece)


@dataclass(frozen=True)
class Call:
    """The call for papers: what the edition asks of submissions (call.yaml)."""

    aim: Prose
    pages: int
    extra_pages: str
    style_files: str
    anonymous: bool
    archival: bool
    dual_submission: Prose | None
    openreview: str
    challenge: Prose | None
    prize: str
    reviewers: Prose | None
    contact: str
    location: Location
    where: MappingProxyType

    @property
    def prose(self) -> tuple[Prose, ...]:
        """The call's prose texts that are given: aim, dual-submission policy, challenge, reviewers."""
        return tuple(p for p in (self.aim, self.dual_submission, self.challenge, self.reviewers) if p is not None)


@dataclass(frozen=True)
class SitePage:
    """One page of the website: its Jekyll front matter and address."""

    kind: str
    title: str
    layout: str
    slug: str
    nav_order: int
    prose: tuple[Prose, ...]


@dataclass(frozen=True)
class Site:
    """The website's settings (site.yaml): the room, the permalinks' prefix, the pages' front matter."""

    room: str
    prefix: str  # permalinks are <prefix>/<slug>/: "/2026" by default
    pages: tuple[SitePage, ...]
    location: Location

    def permalink(self, page: SitePage) -> str:
        return permalink(self.prefix, page.slug)

    def page(self, kind: str) -> SitePage:
        return next((p for p in self.pages if p.kind == kind), default_page(kind))


def default_prefix(edition_name: str) -> str:
    """Where an edition's pages live unless its site.yaml says otherwise: /2026/..."""
    return f"/{edition_name}"


def permalink(prefix: str, slug: str) -> str:
    return f"{prefix.rstrip('/')}/{slug}/"


def default_page(kind: str) -> SitePage:
    title, order = SITE_DEFAULTS[kind]
    return SitePage(kind, title, "page", kind, order, ())


@dataclass(frozen=True)
class PreviousEdition:
    """What this edition knows of the one before it, read from its folder."""

    name: str
    workshop: Workshop
    venue: Venue
    outcome: Outcome
    organizer_ids: tuple[str, ...]

    @property
    def venue_name(self) -> str:
        return f"{self.venue.name} {self.venue.year}"


@dataclass(frozen=True)
class EditionLink:
    """An earlier edition, linked by the address of its site's description page."""

    name: str
    permalink: str
