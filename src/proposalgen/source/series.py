"""The series (series.yaml), the edition's number in it, and what this edition knows of earlier ones."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..diagnostics import Diagnostics, did_you_mean
from ..model.edition import EditionLink, Outcome, PreviousEdition, Series, Workshop, default_page, default_prefix, permalink
from ..model.values import UNREAD, Unread
from ..vocabulary import CHECK_CODES, OUTCOME_FIELDS, PLACEHOLDER
from . import load
from .people import organizer_id
from .reader import Reader, finished, other_editions
from .schema import Fields, describe
from .venue import read_venue


def read_series(fields: Fields) -> Series:
    numbered = fields.boolean("numbered", required=False) if "numbered" in fields.locations() else None
    return Series(fields.shown_text("title"), fields.shown_text("acronym", required=False), fields.text("contact", required=False),
                  fields.url("url", required=False), fields.integer("earlier_editions", required=False), fields.location, numbered,
                  _ignored(fields), _words(fields))


def _ignored(fields: Fields) -> frozenset[str]:
    """The check codes ``ignore`` lists; an unknown one is an error naming the closest code."""
    codes = set()
    for node in fields.sequence("ignore", required=False):
        code = node.value if isinstance(node, yaml.ScalarNode) else describe(node)
        if code in CHECK_CODES:
            codes.add(code)
        else:
            fields.error("value", f"'ignore' lists check codes; '{code}' is none{did_you_mean(code, CHECK_CODES)}", node)
    return frozenset(codes)


def _words(fields: Fields) -> tuple[str, ...]:
    """The words of ``words``, each a text (another is reported)."""
    words = []
    for node in fields.sequence("words", required=False):
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":str", ":int")):
            words.append(str(node.value))
        else:
            fields.error("type", f"'words' lists words, got {describe(node)}", node)
    return tuple(words)


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
    return Outcome(*(fields.integer(name, required=False, default=PLACEHOLDER) for name in OUTCOME_FIELDS))


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
    venue = read_venue(edition.mapping("venue"), reader.folder.parent, reader.diagnostics)
    outcome = finished(edition.mapping("outcome", required=False), read_outcome) or read_outcome(None)
    organizers = tuple(i for i in map(organizer_id, roles.sequence("organizers")) if i is not None)
    return PreviousEdition(folder.name, workshop_of(series, folder), venue, outcome, organizers) if venue else UNREAD


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
