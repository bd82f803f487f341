"""Values computed from the data that prose may use, such as ``{{ counts.organizers }}``."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from .model import ordinal


@dataclass(frozen=True)
class Counts:
    organizers: int
    speakers: int
    panelists: int
    committee: int


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


def spoken_dates(dates) -> dict[str, SpokenDate]:
    fields = ("submission_deadline", "review_start", "review_end", "decisions", "camera_ready", "workshop")
    return {name: SpokenDate(getattr(dates, name)) for name in fields if getattr(dates, name) is not None}
