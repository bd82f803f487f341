"""People: one id per person, well-formed addresses, bios within the venue's limit, roles venues allow."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

from ..diagnostics import Diagnostics
from ..model import Edition, Person

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    _check_same_names(edition.people, diagnostics)
    for person in edition.people:
        _check_addresses(person, diagnostics)
        _check_bio_length(person, edition, diagnostics)
    _check_organizers_speaking(edition, diagnostics)


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _check_same_names(people, diagnostics: Diagnostics) -> None:
    seen: dict[str, Person] = {}
    for person in people:
        first = seen.setdefault(_folded(person.name), person)
        if first is not person:
            diagnostics.warning("people", f"'{person.name}' (id '{person.id}') has the same name as '{first.id}' (line {first.location.line}): one person under two ids?",
                                person.where.get("name", person.location))


def _check_addresses(person: Person, diagnostics: Diagnostics) -> None:
    if person.email and not _EMAIL.match(person.email):
        diagnostics.error("people", f"{person.id}: '{person.email}' is not an email address", person.where["email"])
    for field in ("website", "scholar"):
        url = getattr(person, field)
        parsed = urlparse(url)
        if url and not (parsed.scheme in ("http", "https") and "." in parsed.netloc and " " not in url):
            diagnostics.error("people", f"{person.id}: {field} '{url}' is not a web address (https://...)", person.where[field])


def _check_bio_length(person: Person, edition: Edition, diagnostics: Diagnostics) -> None:
    limit = edition.venue.bio_word_limit if edition.venue else None
    if not (limit and person.bio):
        return
    words = len(person.bio.markdown.split())
    if words > limit:
        diagnostics.warning("people", f"{person.id}: the bio has {words:,} words; {edition.venue.name} {edition.venue.year} allows {limit}", person.where["bio"])


def _check_organizers_speaking(edition: Edition, diagnostics: Diagnostics) -> None:
    organizers = {p.id for p in edition.organizers}
    for speaker in edition.speakers:
        if speaker.person.id in organizers:
            diagnostics.warning("people", f"{speaker.person.name} is an organizer and an invited speaker; venues usually forbid organizers' talks", speaker.location)
