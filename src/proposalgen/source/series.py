"""The series (series.yaml), the edition's number in it, and what this edition knows of earlier ones."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from ..model.edition import EditionLink, Outcome, PreviousEdition, Series, Workshop, default_page, default_prefix, permalink
from ..model.values import UNREAD, Unread
from ..vocabulary import OUTCOME_FIELDS, PLACEHOLDER
from . import load
from .people import organizer_id
from .reader import Reader, finished, other_editions
from .schema import Fields
from .venue import read_venue


def read_series(fields: Fields) -> Series:
    series = fields.read_all()
    return Series(**{**series, "ignore": frozenset(series["ignore"])}, location=fields.location)


def workshop_of(series: Series, folder: Path) -> Workshop:
    """The edition's number is its place among the series' edition folders, after any earlier ones;
    titles carry it from the second edition on, unless series.yaml says otherwise."""
    names = [folder.name, *other_editions(folder)]
    number = series.earlier_editions + sorted(names, key=int).index(folder.name) + 1
    numbered = number > 1 if series.numbered is None else series.numbered
    return Workshop(series.title, series.acronym, number, series.location, numbered)


def read_outcome(fields: Fields | None) -> Outcome:
    if fields is None:
        return Outcome(*(PLACEHOLDER for _ in OUTCOME_FIELDS))
    return Outcome(**fields.read_all())


def previous_edition(reader: Reader, series: Series | None) -> PreviousEdition | Unread | None:
    """The edition before this one, read as far as later editions use it: venue, outcome,
    organizers. None for a first edition; ``UNREAD`` when it, or the series, could not be read."""
    earlier = [name for name in other_editions(reader.folder) if int(name) < int(reader.folder.name)]
    if not earlier:
        return None
    folder = reader.folder.parent / earlier[-1]
    previous = Reader(folder, reader.diagnostics)
    edition, roles = previous.fields("edition.yaml"), previous.fields("roles.yaml")
    if edition is None or roles is None or series is None:
        return UNREAD
    venue_fields = edition.read("venue")
    venue = read_venue(venue_fields, reader.folder.parent, reader.diagnostics)
    outcome = finished(edition.read("outcome"), read_outcome) or read_outcome(None)
    organizers = tuple(i for i in map(organizer_id, roles.read("organizers")) if i is not None)
    return UNREAD if venue_fields and not venue else PreviousEdition(folder.name, workshop_of(series, folder), venue, outcome, organizers)


def earlier_pages(folder: Path) -> tuple[EditionLink, ...]:
    """Where each earlier edition's description page is, by its own site.yaml (prefix and slug)."""
    earlier = [n for n in other_editions(folder) if int(n) < int(folder.name)]
    return tuple(EditionLink(name, _description_permalink(folder.parent / name)) for name in earlier)


def _description_permalink(edition: Path) -> str:
    site_file = edition / "site.yaml"
    loaded = load.load_plain(site_file, Diagnostics()) if site_file.exists() and load.kept_inside(site_file, edition.parent, Diagnostics()) else None
    site = _mapping(loaded)
    page = _mapping(_mapping(site.get("pages")).get("description"))
    return permalink(str(site.get("prefix", default_prefix(edition.name))), str(page.get("slug", default_page("description").slug)))


def _mapping(value) -> dict:
    """``value`` when a mapping, else an empty one: another edition's site.yaml may be anything."""
    return value if isinstance(value, dict) else {}
