"""The text values of the data that reach a document, with where each is written: what the
checks of text (placeholders, characters, hygiene, spelling, numbers, dates) read, walked once
per edition (``Edition.texts``)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Location
from ..vocabulary import PLACEHOLDER

if TYPE_CHECKING:
    from .edition import Edition


def data_texts(edition: Edition) -> Iterator[tuple[str, str, Location]]:
    """Each text value of the data that reaches a document: what it is, the text, where it is written."""
    yield from _people_texts(edition)
    yield from _schedule_texts(edition)
    yield from _reference_texts(edition)
    yield from _edition_texts(edition)
    yield from _call_and_site_texts(edition)
    yield from _paper_texts(edition)


def _people_texts(edition: Edition):
    for person in edition.people:
        for field in ("name", "affiliation", "position", "email"):
            yield f"{person.id}: {field}", getattr(person, field), person.where.get(field, person.location)
    for person_id, role in edition.organizer_roles.items():
        yield f"organizers: {person_id}: role", role, edition.organizer_roles_where[person_id]
    for committee in edition.committees:
        yield f"committee '{committee.name}': title", committee.title, committee.location


def _schedule_texts(edition: Edition):
    if edition.schedule is None:
        return
    if "timezone" in edition.schedule.where:
        yield "timezone", edition.schedule.timezone, edition.schedule.where["timezone"]
    for status, words in edition.schedule.status_labels.items():
        yield f"labels.{status}", words, edition.schedule.where.get("labels", edition.schedule.timezone_at)
    for number, item in enumerate(edition.schedule.items):
        for field in ("title", "note", "authors", "abstract"):
            if field in item.where:
                yield f"items[{number}].{field}", getattr(item, field), item.where[field]
        # A label not given is ours, or made from the one `labels` gives its kind.
        yield f"items[{number}].label", item.label, item.where.get("label", edition.schedule.where.get("labels", item.location))
        for index, paper in enumerate(item.papers):
            for field in ("title", "authors"):
                yield f"items[{number}].papers[{index}].{field}", getattr(paper, field), item.where["papers"]


def _reference_texts(edition: Edition):
    for reference in edition.references:
        for field in ("title", "venue", "year", "volume", "number", "pages"):
            yield f"reference '{reference.key}': {field}", getattr(reference, field), reference.location
        for name in reference.authors:
            yield f"reference '{reference.key}': author", f"{name.first} {name.last}", reference.location


def _edition_texts(edition: Edition):
    workshop, series = edition.workshop, edition.series
    if workshop is not None:
        for field in ("title", "acronym"):
            text = getattr(workshop, field)
            if text != PLACEHOLDER:  # TBD as a whole is reported where series.yaml gives it
                yield f"workshop: {field}", text, workshop.location
    if series is not None:
        for field in ("url", "contact"):  # the call prints them as text too
            yield f"series: {field}", getattr(series, field), series.location
    if edition.venue is not None:
        yield "venue: name", edition.venue.name, edition.venue.location
    for section in edition.sections:
        yield f"sections[{section.number - 1}].title", section.title, section.location


def _call_and_site_texts(edition: Edition):
    call, site = edition.call, edition.site
    if call is not None:
        for field in ("published", "system", "prize", "url", "contact"):
            if field in call.where:
                yield f"call: {field}", getattr(call, field), call.where[field]
        for index, track in enumerate(call.tracks):
            for field in ("name", "extra_pages"):
                yield f"call: tracks[{index}].{field}", getattr(track, field), call.where.get("tracks", call.location)
    if site is not None and "room" in site.where:
        yield "site: room", site.room, site.where["room"]


def _paper_texts(edition: Edition):
    for paper in edition.papers:
        for field in ("title", "authors"):
            yield f"papers.csv: {field}", getattr(paper, field), paper.location or Location(edition.folder / "papers.csv")
