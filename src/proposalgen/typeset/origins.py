"""Where the text a template printed is written in the data: the values an overfull line may
hold, to report a word too wide for its column where the organizers can shorten it."""
from __future__ import annotations

import re

from ..diagnostics import Location
from ..model.edition import Edition

# Where TeX may break a value besides its spaces: after a hyphen, and where \pgbreak stands.
_BREAKS = re.compile(r"\s+|(?<=[-/_@])|(?<=\.)(?=[A-Za-z])")
_PERSON_FIELDS = ("name", "affiliation", "position", "email", "website", "scholar")
_ITEM_FIELDS = ("label", "title", "note", "authors", "abstract", "url")
_CALL_FIELDS = ("system", "published", "prize", "contact", "url")


def written_values(edition: Edition) -> tuple[tuple[str, Location], ...]:
    """Each text value the proposal's and the flyer's templates print, with where it is written."""
    values = [(_value(person, field), person.where[field]) for person in edition.people for field in _PERSON_FIELDS if field in person.where]
    if edition.schedule:
        values += [(str(getattr(item, field)), item.where[field]) for item in edition.schedule.items for field in _ITEM_FIELDS if field in item.where]
    if edition.call:
        values += [(str(getattr(edition.call, field)), edition.call.where[field]) for field in _CALL_FIELDS if field in edition.call.where]
    return tuple(values)


def _value(person, field: str) -> str:
    return str(getattr(person, field)) if field not in ("website", "scholar") else person.known(field)


def longest_piece(text: str) -> str:
    """The longest stretch of ``text`` TeX cannot break."""
    return max(_BREAKS.split(text), key=len, default="")
