"""The edition as typed, frozen data: what every check and template receives."""
from __future__ import annotations

import bisect
import dataclasses
import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..diagnostics import Location
from ..settings import ENGINES
from ..vocabulary import DATE_FIELDS, LINKS, PLACEHOLDER, PROFILE_LABELS, SITE_DEFAULTS, STATUS_LABELS

# What outputs may link to: a web page, or (``mail``) an address; written without spaces or
# control characters, which browsers drop to read "java\tscript:" as "javascript:".
_LINK = re.compile(r"(?:https?://|mailto:)[^\s\x00-\x1f\x7f-\x9f]+\Z", re.IGNORECASE)
_WEB_LINK = re.compile(r"https?://", re.IGNORECASE)


def link_allowed(url: str, mail: bool = True) -> bool:
    """Whether an output may link to ``url``: ``http://``, ``https://`` or, with ``mail``,
    ``mailto:``; nothing else (``javascript:``, ``data:``, a relative path) is ever linked."""
    return bool(_LINK.match(url)) and (mail or bool(_WEB_LINK.match(url)))




@dataclass(frozen=True)
class CitationUse:
    key: str
    location: Location


@dataclass(frozen=True)
class SourceMap:
    """Where the characters of prose whose values were filled in are written in its source:
    stretches copied character by character, and values, all of one at its ``{{``."""

    starts: tuple[int, ...]  # where each stretch starts in the filled text
    origins: tuple[int, ...]  # where it comes from in the text as written
    steps: tuple[int, ...]  # 1: copied; 0: a value
    line_starts: tuple[int, ...]  # where each line of the text as written starts

    def line_and_column(self, offset: int) -> tuple[int, int]:
        """The line and column (from 0) in the text as written of the filled text's ``offset``."""
        stretch = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        origin = self.origins[stretch] + (offset - self.starts[stretch]) * self.steps[stretch]
        line = bisect.bisect_right(self.line_starts, origin) - 1
        return line, origin - self.line_starts[line]


@dataclass(frozen=True)
class Prose:
    """Markdown text with its parsed tokens; ``location`` is its first line in the source."""

    location: Location
    markdown: str
    tokens: tuple
    citations: tuple[CitationUse, ...]
    filled_from: SourceMap | None = None  # None: the markdown is the text as written

    @classmethod
    def parsed(cls, markdown: str, location: Location, filled_from: SourceMap | None = None) -> Prose:
        """The prose of ``markdown`` at ``location``; ``filled_from`` maps ``markdown`` back to
        the text as written when values were filled in."""
        from ..text.markdown import citation_places, parse_tokens  # markdown-it: only what reads prose imports it

        prose = cls(location, markdown, parse_tokens(markdown), (), filled_from)
        uses = (CitationUse(key, prose.at(line, column)) for key, line, column in citation_places(prose.tokens, prose.lines))
        return dataclasses.replace(prose, citations=tuple(uses))

    @property
    def lines(self) -> list[str]:
        """The markdown's lines as markdown-it numbers them: only a line feed (CR LF, CR) ends
        one; U+2028, a form feed and the others Python's splitlines takes are text, to check."""
        return re.split(r"\r\n?|\n", self.markdown)

    def at(self, line: int, column: int) -> Location:
        """Where the character at ``line`` and ``column`` (from 0) of the markdown is written."""
        if self.filled_from is not None:
            offset = sum(len(text) + 1 for text in self.lines[:line]) + column  # filled text ends its lines with \n
            line, column = self.filled_from.line_and_column(offset)
        return Location(self.location.path, self.location.line + line, column + 1)


@dataclass(frozen=True)
class Person:
    """Someone the edition names. A text field not given is ""; one given as TBD is PLACEHOLDER."""

    id: str
    name: str
    affiliation: str
    position: str  # "Research Scientist at X": shown instead of the affiliation where there is room
    email: str
    photo: str  # a path in the edition folder, or an http(s) URL
    openreview: str  # the OpenReview profile id: ~Grace_Hopper1
    links: MappingProxyType[str, str]  # among LINKS, those given: name -> URL (or PLACEHOLDER)
    bio: Prose | None
    attributes: MappingProxyType[str, str]  # the self-reported ones among ATTRIBUTES that were given
    location: Location
    where: MappingProxyType[str, Location]  # the location of each field given

    @property
    def website(self) -> str:
        return self.known("website")

    @property
    def scholar(self) -> str:
        return self.known("scholar")

    def known(self, link: str) -> str:
        """The URL of ``link``; "" while it is not given or TBD, so nothing links to "TBD"."""
        url = self.links.get(link, "")
        return "" if url == PLACEHOLDER else url

    @property
    def photo_file(self) -> str:
        """The photo's path in the edition folder; "" for a web address, or while not given or TBD."""
        return "" if self.photo in ("", PLACEHOLDER) or self.photo.startswith(("http://", "https://")) else self.photo

    @property
    def profiles(self) -> tuple[tuple[str, str], ...]:
        """Their pages besides the website, as (label, URL), for the site: Google Scholar, GitHub..."""
        pages = tuple((PROFILE_LABELS[link], self.known(link)) for link in LINKS[1:] if self.known(link))
        return pages + ((("OpenReview", self.openreview_url),) if self.openreview_url else ())

    @property
    def openreview_url(self) -> str:
        return f"https://openreview.net/profile?id={self.openreview}" if self.openreview not in ("", PLACEHOLDER) else ""

    @property
    def mailto(self) -> str:
        """The address to write to; "" while it is not given or TBD."""
        return "" if self.email == PLACEHOLDER else self.email

    @property
    def standing(self) -> str:
        """The line under the name: the position ("Research Scientist at X"), else the affiliation."""
        return self.position or self.affiliation

    @property
    def with_affiliation(self) -> str:
        """"Name (Affiliation)", or the name alone when the affiliation is not given: never "()"."""
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


@dataclass(frozen=True)
class Participant:
    """A person in a role that they must accept (speaker, panelist, PC member)."""

    person: Person
    status: str  # one of STATUSES, or PLACEHOLDER while not known
    location: Location
    role: str = ""  # an organizer's title: "Main coordinator"

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    @property
    def pending(self) -> bool:
        """Asked, or not known yet, but not declined: listed as "not yet confirmed"."""
        return self.status in ("invited", PLACEHOLDER)



@dataclass(frozen=True)
class Committee:
    """A named committee besides the program committee: steering, senior PC, volunteers."""

    name: str  # its key in roles.yaml, which a block names
    title: str  # its heading: "Steering committee"
    members: tuple[Participant, ...]
    preliminary: bool  # the list is not final: its heading says so
    location: Location

    @property
    def heading(self) -> str:
        return f"{self.title} (preliminary)" if self.preliminary else self.title


@dataclass(frozen=True)
class Paper:
    """A contributed talk or a poster: its authors are not invited speakers. An accepted paper
    of papers.csv has its decision and its row there, also where the schedule names it by
    ``paper``; one the schedule writes out has neither."""

    title: str
    authors: str
    url: str
    decision: str = ""  # among DECISIONS
    location: Location | None = None


@dataclass(frozen=True)
class ScheduleItem:
    """One item of the day. ``start`` and ``duration`` are None in a plan without times, and
    where a time could not be read (reported): such an item is left out of time checks. The last
    item may be open: a start and no duration ("Dinner, 6:30pm")."""

    kinds: tuple[str, ...]  # its kind, then the kinds it is combined with ("Poster session and break")
    label: str
    start: int | None
    duration: int | None
    talks: int
    speaker_ids: tuple[str, ...]  # as written, whether or not each could be resolved
    speakers: tuple[Participant, ...]
    presenters: tuple[Person, ...]  # of a contributed talk or poster, by id, not invited speakers
    title: str
    note: str
    authors: str  # of a contributed talk given by its title
    url: str
    papers: tuple[Paper, ...]
    location: Location
    where: MappingProxyType[str, Location]
    abstract: str = ""  # an invited talk's abstract, shown under its speakers on the site
    clock: str = "24h"  # among CLOCKS: how its times print

    @property
    def kind(self) -> str:
        return self.kinds[0] if self.kinds else ""

    @property
    def identity(self) -> tuple[str, ...]:
        """What the item is wherever it stands in the day: its kinds, its label when given (a
        computed one is numbered by place) and its speakers or presenters as written."""
        return (*self.kinds, self.label if "label" in self.where else "", *self.speaker_ids)

    @property
    def listed_papers(self) -> tuple[Paper, ...]:
        """The papers its notes list: its own talk when it has a title, authors or a link and no
        invited speaker, then ``papers``."""
        own = (Paper(self.title, self.authors, self.url),) if (self.title or self.authors or self.url) and not self.speakers else ()
        return own + self.papers

    @property
    def notes(self) -> tuple[str, ...]:
        """What the schedule's notes show of it, in order: its ``speakers`` (with the talk's title),
        else its presenters and ``papers``, else how long ``each`` of its contributed talks is;
        then its ``note`` and its ``abstract``."""
        main = "speakers" if self.speakers else "papers" if self.listed_papers or self.presenters else "each" if self.each_talk_minutes else ""
        return tuple(part for part, shown in ((main, main), ("note", self.note), ("abstract", self.shown_abstract)) if shown)

    @property
    def each_talk_minutes(self) -> int | None:
        """The minutes of each talk of a slot of contributed talks, when it has several."""
        return self.talk_minutes if self.kind == "contributed" and self.talks > 1 else None

    @property
    def timed(self) -> bool:
        return self.span is not None

    @property
    def span(self) -> tuple[int, int] | None:
        """When it starts and ends, in minutes after midnight; None unless both are known."""
        return (self.start, self.start + self.duration) if self.start is not None and self.duration is not None else None

    @property
    def end(self) -> int | None:
        return self.span[1] if self.span else None

    @property
    def talk_minutes(self) -> int | None:
        return self.duration // self.talks if self.duration is not None else None

    @property
    def start_label(self) -> str:
        return time_of_day(self.start, self.clock) if self.start is not None else ""

    @property
    def end_label(self) -> str:
        return time_of_day(self.end, self.clock) if self.end is not None else ""

    @property
    def time_range(self) -> str:
        """"9:00–9:10"; the start alone for an open end; "" while the start is not known."""
        return "–".join(label for label in (self.start_label, self.end_label) if label) if self.start_label else ""

    @property
    def duration_label(self) -> str:
        return f"{self.duration} min" if self.duration is not None else ""

    @property
    def shown_abstract(self) -> str:
        """The abstract the schedule shows: an invited talk's goes with its speakers instead."""
        return "" if self.speakers else self.abstract


@dataclass(frozen=True)
class Schedule:
    timezone: str  # "" when not given
    tentative: bool
    items: tuple[ScheduleItem, ...]
    where: MappingProxyType[str, Location]  # the location of each key of schedule.yaml given
    timezone_at: Location  # where the timezone (else the file) is written
    zone: datetime.tzinfo | None = None  # where the times are, when the schedule names a zone
    status_labels: MappingProxyType[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType(STATUS_LABELS))  # status -> its words, `labels` in schedule.yaml

    @property
    def timed(self) -> bool:
        """Whether the day has times: a plan of sessions in order may give none."""
        return any(item.start is not None for item in self.items)

    @property
    def has_durations(self) -> bool:
        return any(item.duration is not None for item in self.items)

    @property
    def has_unconfirmed(self) -> bool:
        return any(not s.confirmed for item in self.items for s in item.speakers)


@dataclass(frozen=True)
class Dates:
    timezone: str  # the label deadlines are announced with: "AoE", "UTC+1", "Europe/Paris"
    zone: datetime.tzinfo
    abstract_deadline: datetime.date | None
    submission_deadline: datetime.date | None
    review_start: datetime.date | None
    review_end: datetime.date | None
    decisions: datetime.date | None
    camera_ready: datetime.date | None
    workshop: datetime.date | None
    location: Location
    where: MappingProxyType[str, Location]

    FIELDS = DATE_FIELDS

    def given(self) -> dict[str, datetime.date]:
        return {name: getattr(self, name) for name in self.FIELDS if getattr(self, name) is not None}


@dataclass(frozen=True)
class Submissions:
    """The figures reviewer capacity is computed from; each one is PLACEHOLDER while TBD."""

    expected: int | str
    reviews_per_paper: int | str
    max_load: int | str
    reviewers_from_authors: int | str  # reviewers each submission's authors nominate to the PC
    location: Location

    @property
    def known(self) -> bool:
        return PLACEHOLDER not in (self.expected, self.reviews_per_paper, self.max_load, self.reviewers_from_authors)


@dataclass(frozen=True)
class Name:
    last: str
    first: str

    @property
    def initials(self) -> str:
        return " ".join(_initial(part) for part in self.first.split())


@dataclass(frozen=True)
class CitationStyle:
    """How the text cites (``kind``: author-year or numeric) and the order of the reference list,
    which numbers it: by first citation (``appearance``) or by ``author``. Unless told, numeric
    lists go by appearance, as numeric styles do, and author-year lists by author."""

    kind: str
    chosen_order: str = ""

    @property
    def order(self) -> str:
        return self.chosen_order or ("appearance" if self.kind == "numeric" else "author")


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
class Deadline:
    """A deadline as a venue states it: a day, a time of day and a time zone (23:59 AoE unless given)."""

    date: datetime.date
    time: datetime.time
    timezone: str  # the label it is stated with: "AoE", "UTC+1", "Europe/Paris"
    zone: datetime.tzinfo

    @property
    def instant(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.time, self.zone)

    def __str__(self) -> str:
        return f"{self.date} {self.time:%H:%M} {self.timezone}"


# How each class's title block names the authors; any other class is given LaTeX's own \\author.
AUTHOR_FORMS = {"IEEEtran": "ieee", "acmart": "acm", "llncs": "lncs"}


@dataclass(frozen=True)
class DocumentStyle:
    """The format a venue asks proposals to use: a document class with its options, and the style
    kit the organizers copied from the venue's page (its files, checked to be inside the data
    folder, and the packages of it to load)."""

    document_class: str
    options: tuple[str, ...]
    files: tuple[Path, ...]
    packages: tuple[str, ...]
    location: Location

    @property
    def class_options(self) -> str:
        """The options as ``\\documentclass`` takes them: ``sigconf,review``."""
        return ",".join(self.options)

    @property
    def author_form(self) -> str:
        """How the title block names the organizers: ``ieee``, ``acm``, ``lncs`` or ``latex``."""
        return AUTHOR_FORMS.get(self.document_class, "latex")


@dataclass(frozen=True)
class Venue:
    """A venue's rules for a year: a preset, with the edition's overrides. A rule the edition
    gives as TBD is None, never the preset's value: the checks that need it wait for it."""

    id: str
    name: str
    year: int | None
    page_limit: int | None  # 0: no limit
    excludes: tuple[str, ...]
    source_url: str
    bio_word_limit: int | None  # 0: no limit
    day_start: int | None  # minutes after midnight, None: not set
    day_end: int | None
    proposal_deadline: Deadline | None
    notification: datetime.date | None  # the venue's last day for telling authors the decisions
    required_sections: tuple[str, ...]  # words a section title or run-in heading must contain
    speakers_confirmed: bool  # the venue wants every invited speaker confirmed in the proposal
    location: Location
    assumed: tuple[str, ...] = ()  # fields whose value is our guess, not read from the venue's page
    note: str = ""  # the preset's note for people: what was read from the venue's page, what is assumed
    style: DocumentStyle | None = None  # None: our own look

    @property
    def full_name(self) -> str:
        """"ICLR 2026"; the name alone while the year is not known, the preset's id while the name is not."""
        name = self.name or self.id
        return f"{name} {self.year}" if self.year is not None else name


@dataclass(frozen=True)
class Block:
    """A part of a section that the template draws from data (schedule, organizers, committee...)."""

    name: str
    location: Location
    committee: str = ""  # a committee block's named committee; "": the program committee
    by_status: bool = False  # a committee block lists confirmed and not-yet-confirmed members apart


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
    acronym: str  # "" when the series has none
    contact: str
    url: str
    earlier_editions: int  # editions held before the first folder in data/
    location: Location
    numbered: bool | None = None  # whether titles carry the ordinal; None: from the second edition on
    ignore: frozenset[str] = frozenset()  # check codes whose warnings are not reported
    words: tuple[str, ...] = ()  # words the spelling check takes as written: names of things, terms


@dataclass(frozen=True)
class Workshop:
    """The series as this edition is: its title and acronym, and its computed number."""

    title: str
    acronym: str
    number: int
    location: Location
    numbered: bool = True  # whether titles carry the ordinal ("2nd")

    @property
    def full_title(self) -> str:
        """The title as the outputs head it: "2nd Workshop on X (WX)", without an ordinal that
        is not wanted or an acronym that does not exist."""
        return " ".join(part for part in (self.ordinal if self.numbered else "", self.title, f"({self.acronym})" if self.acronym else "") if part)

    @property
    def short_name(self) -> str:
        """The acronym, or the title of a series without one."""
        return self.acronym or self.title

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
    """Every part of the edition that could be read. A part that could not (reported where it is
    written) is None, or, for a collection read in pieces, named in ``unread``: the checks that
    depend on it are skipped, so that one mistake never hides another or adds false ones."""

    name: str
    folder: Path
    workshop: Workshop | None
    venue: Venue | None
    citation_style: CitationStyle
    abstract: Prose | None
    sections: tuple[Section, ...]
    people: tuple[Person, ...]
    organizers: tuple[Person, ...]
    speakers: tuple[Participant, ...]
    panelists: tuple[Participant, ...]
    committee: tuple[Participant, ...]
    schedule: Schedule | None
    dates: Dates | None
    submissions: Submissions | None
    references: tuple[Reference, ...]
    values: MappingProxyType  # the computed facts prose and templates use (values.py)
    series: Series | None = None
    outcome: Outcome | None = None
    previous: PreviousEdition | None = None
    call: Call | None = None  # None when the edition has no call.yaml
    site: Site | None = None  # None when the edition has no site.yaml
    earlier_pages: tuple[EditionLink, ...] = ()  # the earlier editions' description pages
    unread: frozenset[str] = frozenset()  # among UNREAD_PARTS: collections with a piece not read
    engine: str = ENGINES[0]  # the TeX engine typesetting its documents: `engine:` in edition.yaml
    needed: frozenset[str] = frozenset()  # the parts of edition.yaml the outputs asked for need
    organizer_roles: MappingProxyType[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))  # person id -> role title, for those given one
    organizer_roles_where: MappingProxyType[str, Location] = dataclasses.field(default_factory=lambda: MappingProxyType({}))  # person id -> where its role is written
    committees: tuple[Committee, ...] = ()  # the named committees, in the order roles.yaml gives them
    papers: tuple[Paper, ...] = ()  # the accepted papers (papers.csv), in its order

    @functools.cached_property
    def texts(self) -> tuple[tuple[str, str, Location], ...]:
        """Each text value of the data that reaches a document: what it is, the text, where it is
        written; walked once, for every check that reads them."""
        from .texts import data_texts

        return tuple(data_texts(self))

    @property
    def has_day_calendar(self) -> bool:
        """Whether it gives what the day's calendar needs: the workshop's date and a timed schedule
        (whose ``zone``, if any, places the times)."""
        return bool(self.schedule and self.schedule.timed and self.dates and self.dates.workshop)

    @property
    def status_labels(self) -> MappingProxyType:
        """How the outputs word each status: schedule.yaml's `labels`, else ours."""
        return self.schedule.status_labels if self.schedule else MappingProxyType(STATUS_LABELS)

    def status_words(self, participant: Participant) -> str:
        """"confirmed", or the words for an invited (or TBD) one: "not yet confirmed"."""
        return self.status_labels["confirmed" if participant.confirmed else "invited"]

    @property
    def status_headings(self) -> tuple[tuple[str, str], ...]:
        """The groups of a committee listed by status, each with its heading: ("pending", "Not yet confirmed")."""
        return tuple((group, _capitalized(self.status_labels[status])) for group, status in (("confirmed", "confirmed"), ("pending", "invited")))

    @property
    def organizer_affiliations(self) -> tuple[str, ...]:
        """The organizers' affiliations, each once, in the order they first appear: the
        institutes an LNCS title block numbers."""
        return tuple(dict.fromkeys(p.affiliation for p in self.organizers if p.affiliation))

    def committee_named(self, name: str) -> Committee | None:
        return next((c for c in self.committees if c.name == name), None)

    @property
    def complete(self) -> bool:
        """Whether every part the outputs need was read whole (placeholders aside): a part they
        do not need may be left out."""
        parts = (self.workshop, self.schedule, *(getattr(self, part) for part in ("venue", "dates", "submissions") if part in self.needed))
        return not self.unread and None not in parts

    @property
    def invited_people(self) -> tuple[Person, ...]:
        """Speakers and panelists who have not declined, each person once, speakers first."""
        coming = (p for p in (*self.speakers, *self.panelists) if p.status != "declined")
        return tuple({p.person.id: p.person for p in coming}.values())

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


def time_of_day(minutes: int, hours: str) -> str:
    """"14:30" on a 24-hour clock, "2:30pm" on a 12-hour one (``hours``: among CLOCKS)."""
    if hours == "24h":
        return clock(minutes)
    hour, half = (minutes // 60) % 24, "am" if (minutes // 60) % 24 < 12 else "pm"
    return f"{(hour - 1) % 12 + 1}:{minutes % 60:02d}{half}"


def _capitalized(words: str) -> str:
    return words[:1].upper() + words[1:]


ORDINAL_WORDS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal_word(number: int) -> str:
    return ORDINAL_WORDS[number] if 0 <= number < len(ORDINAL_WORDS) else ordinal(number)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _initial(part: str) -> str:
    return "-".join(f"{piece[0]}." for piece in part.split("-") if piece)


@dataclass(frozen=True)
class Track:
    """A kind of paper the call asks for, with its own length and format; ``name`` is "" when
    the call has one track."""

    name: str
    pages: int | str | None  # PLACEHOLDER while TBD, None when the call sets no length
    extra_pages: str
    style_files: str

    @property
    def described(self) -> bool:
        """Whether the call says anything of this kind of paper (a call may set no length)."""
        return bool(self.name or self.pages or self.extra_pages or self.style_files)


@dataclass(frozen=True)
class Call:
    """The call for papers: what the edition asks of submissions (call.yaml). A rule the data
    leaves TBD is PLACEHOLDER, which the outputs print as such."""

    aim: Prose
    tracks: tuple[Track, ...]
    anonymous: bool | str
    archival: bool | str
    published: str  # where accepted papers appear; "" when the call does not say
    dual_submission: Prose | None
    system: str  # the submission system's name: OpenReview, CMT, EasyChair
    url: str  # the submission page, or PLACEHOLDER
    challenge: Prose | None
    prize: str
    reviewers: Prose | None
    contact: str  # an address, or PLACEHOLDER
    location: Location
    where: MappingProxyType[str, Location]

    @property
    def prose(self) -> tuple[Prose, ...]:
        """The call's prose texts that are given: aim, dual-submission policy, challenge, reviewers."""
        return tuple(p for p in (self.aim, self.dual_submission, self.challenge, self.reviewers) if p is not None)

    @property
    def link(self) -> str:
        """The submission page to link to; none while it is TBD (then TBD is printed instead)."""
        return "" if self.url == PLACEHOLDER else self.url


@dataclass(frozen=True)
class SitePage:
    """One page of the website: its Jekyll front matter and address, and the prose it opens with."""

    kind: str
    title: str
    layout: str
    slug: str
    nav_order: int
    prose: tuple[Prose, ...]
    nav: bool = True  # listed in the theme's menu
    front_matter: MappingProxyType = dataclasses.field(default_factory=lambda: MappingProxyType({}))  # site.yaml's extra keys


@dataclass(frozen=True)
class Site:
    """The website's settings (site.yaml): the room, the permalinks' prefix, the pages' front matter."""

    room: str
    prefix: str  # permalinks are <prefix>/<slug>/: "/2026" by default
    pages: tuple[SitePage, ...]
    location: Location
    where: MappingProxyType[str, Location]  # the location of each key of site.yaml given
    allow_html: bool = False  # raw HTML in prose reaches the pages as HTML (else it shows as text)
    conference_schedule: str = ""  # the conference's own page of the day, linked from the schedule page
    unbuilt: MappingProxyType[str, Location] = dataclasses.field(default_factory=lambda: MappingProxyType({}))  # pages listed with nothing to show: where, by kind

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
    venue: Venue | None  # None for an edition that named none (one with a website only)
    outcome: Outcome
    organizer_ids: tuple[str, ...]

    @property
    def venue_name(self) -> str:
        return self.venue.full_name if self.venue else ""


@dataclass(frozen=True)
class EditionLink:
    """An earlier edition, linked by the address of its site's description page."""

    name: str
    permalink: str
