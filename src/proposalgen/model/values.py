"""Facts computed from the data, never typed: counts, diversity, capacity, minutes, spoken dates.

Prose and templates use them as values, such as ``{{ counts.organizers }}``.
"""
from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from ..vocabulary import ATTRIBUTES
from .countries import country_named, is_code
from .edition import ordinal

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen", "twenty")


def in_words(number: int) -> str:
    """"four" for 4: prose spells out small numbers; larger ones stay digits; a placeholder stays as it is."""
    if not isinstance(number, int):
        return str(number)
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else f"{number:,}"


class Unread:
    """A value whose source could not be read (reported there). Any part of it is itself and it
    prints as nothing, so prose that uses it adds no second, false problem."""

    def __getattr__(self, name: str) -> Unread:
        return self

    def __getitem__(self, key) -> Unread:
        return self

    def __str__(self) -> str:
        return ""


UNREAD = Unread()


def with_thousands(number) -> str:
    """"1,773" for 1773; a placeholder stays as it is."""
    return f"{number:,}" if isinstance(number, int) else str(number)


@dataclass(frozen=True)
class Counts:
    organizers: int
    speakers: int
    panelists: int
    committee: int


@dataclass(frozen=True)
class Breakdown:
    """How many people have each value of one attribute: ``gender["female"]``, ``continent.distinct``."""

    counts: tuple[tuple[str, int], ...]
    unreported: int

    def __getitem__(self, value: str) -> int:
        return dict(self.counts).get(value, 0)

    @property
    def distinct(self) -> int:
        return len(self.counts)

    @property
    def names(self) -> str:
        """The values as a sentence lists them: "Africa, Asia, Europe and North America"."""
        return in_a_sentence(sorted(value for value, _ in self.counts))


def in_a_sentence(values: list[str]) -> str:
    """The values as a sentence lists them: "A", "A and B", "A, B and C"."""
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1] if values else ""


@dataclass(frozen=True)
class Diversity:
    """The breakdown of each self-reported attribute, for one group of people."""

    gender: Breakdown
    continent: Breakdown
    country: Breakdown
    sector: Breakdown
    career_stage: Breakdown


def diversity_of(people) -> Diversity:
    return Diversity(*(_breakdown(people, attribute) for attribute in ATTRIBUTES))


def _breakdown(people, attribute: str) -> Breakdown:
    written = [p.attributes[attribute] for p in people if attribute in p.attributes]
    given = Counter(_one_form_per_country(written) if attribute == "country" else written)
    return Breakdown(tuple(sorted(given.items(), key=lambda kv: (-kv[1], kv[0]))), len(people) - len(written))


def _one_form_per_country(written: list[str]) -> list[str]:
    """Each country as one form, so that `DE` and `Germany` count as one: the first name written
    for it (its own name where only codes are), an unknown one as written."""
    keys = [country.code if (country := country_named(text)) else text for text in written]
    forms: dict[str, str] = {}
    for key, text in zip(keys, written):
        if key not in forms or (is_code(forms[key]) and not is_code(text)):
            forms[key] = text
    return [_named(forms[key]) for key in keys]


def _named(form: str) -> str:
    country = country_named(form)
    return country.name if country and is_code(form) else form


@dataclass(frozen=True)
class Capacity:
    """Reviews the PC can write against reviews the expected submissions need."""

    reviewers: int
    max_load: int
    needed: int

    @property
    def available(self) -> int:
        return self.reviewers * self.max_load

    @property
    def short(self) -> bool:
        return self.available < self.needed


def reviewer_capacity(committee, submissions) -> Capacity:
    members = sum(1 for m in committee if m.status != "declined")
    nominated = submissions.expected * submissions.reviewers_from_authors
    return Capacity(members + nominated, submissions.max_load, submissions.expected * submissions.reviews_per_paper)


def schedule_minutes(schedule) -> dict[str, int]:
    """Minutes of the day by kind, talks counting invited and contributed ones. An item of
    several kinds ("Poster session and coffee break") is split evenly among them, the first
    kind taking what does not divide, so that the minutes add up to the day."""
    minutes: Counter[str] = Counter()
    for item in (i for i in schedule.items if i.duration is not None and i.kinds):
        share, rest = divmod(item.duration, len(item.kinds))
        for index, kind in enumerate(item.kinds):
            minutes["talks" if kind in ("talk", "contributed") else kind] += share + (rest if index == 0 else 0)
    return dict(minutes)


@dataclass(frozen=True)
class SpokenDate:
    """A date as prose writes it: ``{{ dates.decisions }}`` is "March 1st, 2026"."""

    date: datetime.date

    @property
    def day(self) -> str:
        return f"{self.date:%B} {ordinal(self.date.day)}"

    @property
    def long(self) -> str:
        return f"{self.day}, {self.date.year}"

    def __str__(self) -> str:
        return self.long


@dataclass(frozen=True)
class UnknownDate:
    """A date not given yet: prose shows the placeholder, which the text check then reports."""

    day: str = "TBD"
    long: str = "TBD"

    def __str__(self) -> str:
        return self.long


def spoken_dates(dates) -> dict:
    given = dates.given()
    return {name: SpokenDate(given[name]) if name in given else UnknownDate() for name in dates.FIELDS}


DATE_LABELS = {  # the dates a call for papers announces, in order, with their labels
    "abstract_deadline": "Abstract deadline", "submission_deadline": "Submission deadline", "decisions": "Acceptance notification",
    "camera_ready": "Camera-ready deadline", "workshop": "Workshop",
}
DEADLINES = ("abstract_deadline", "submission_deadline", "decisions", "camera_ready")


@dataclass(frozen=True)
class AnnouncedDate:
    name: str
    label: str
    date: datetime.date
    timezone: str

    @property
    def text(self) -> str:
        """"January 30, 2026 (AoE)": deadlines carry their timezone, the workshop day does not."""
        day = f"{self.date:%B} {self.date.day}, {self.date.year}"
        return f"{day} ({self.timezone})" if self.name in DEADLINES else day


def announced_dates(dates) -> tuple[AnnouncedDate, ...]:
    """The dates the call announces, in order; none for an edition without dates (a site only)."""
    given = dates.given() if dates else {}
    return tuple(AnnouncedDate(name, label, given[name], dates.timezone) for name, label in DATE_LABELS.items() if name in given)


def aligned(rows) -> list[str]:
    """"label .... value" lines with the values in one column, for plain text."""
    width = max((len(label) for label, _ in rows), default=0) + 4
    return [f"  {label} {'.' * (width - len(label) - 2)} {value}" for label, value in rows]


@dataclass(frozen=True)
class Returning:
    """The organizers who were on the previous edition's team (same person id)."""

    count: int
    total: int

    @property
    def share(self) -> str:
        """"half", "all", "none", or "three of eight"."""
        return _share(self.count, self.total)

    @property
    def others_share(self) -> str:
        return _share(self.total - self.count, self.total)


def _share(part: int, total: int) -> str:
    if part == 0:
        return "none"
    if part == total:
        return "all"
    if 2 * part == total:
        return "half"
    return f"{in_words(part)} of {in_words(total)}"


def returning_organizers(organizer_ids, previous_ids) -> Returning:
    return Returning(sum(1 for i in organizer_ids if i in set(previous_ids)), len(organizer_ids))
