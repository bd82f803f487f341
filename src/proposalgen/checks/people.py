"""People: one id per person, well-formed addresses and photos, bios within the venue's limit, roles
venues allow, blocks naming committees that exist."""
from __future__ import annotations

from urllib.parse import urlparse

from ..diagnostics import Diagnostics, did_you_mean
from ..model.edition import Block, Edition, Person, Venue, link_allowed
from ..source import load
from ..vocabulary import LINKS, MAX_PHOTO_BYTES, PHOTO_TYPES, PLACEHOLDER
from .text import name_key
from .venue import rules_for


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    _check_same_names(edition.people, diagnostics)
    for person in edition.people:
        _check_addresses(person, diagnostics)
        _check_photo(person, edition, diagnostics)
        _check_bio_length(person, rules_for(edition, targets), diagnostics)
    _check_organizers_speaking(edition, diagnostics)
    _check_committee_blocks(edition, diagnostics)


def _check_same_names(people, diagnostics: Diagnostics) -> None:
    seen: dict[str, Person] = {}
    for person in (p for p in people if p.name != PLACEHOLDER):  # names still TBD are not names yet
        first = seen.setdefault(name_key(person.name), person)
        if first is not person:
            diagnostics.warning("people", f"'{person.name}' (id '{person.id}') has the same name as '{first.id}' (line {first.location.line}): one person under two ids?",
                                person.where.get("name", person.location))


def _check_addresses(person: Person, diagnostics: Diagnostics) -> None:
    for field in LINKS:
        url = person.known(field)
        if url and not _web_address(url):
            diagnostics.error("people", f"{person.id}: {field} '{url}' is not a web address (https://...)", person.where[field])


def _web_address(url: str) -> bool:
    return link_allowed(url, mail=False) and "." in urlparse(url).netloc


def _check_photo(person: Person, edition: Edition, diagnostics: Diagnostics) -> None:
    """A photo is a web address or a file in the data folder (the site copies it from there)."""
    if person.photo_file:
        path = load.named_file(edition.folder, person.photo_file, f"{person.id}: photo", person.where["photo"], diagnostics,
                               hint="give a path relative to the edition folder or an https:// address")
        if path:
            _check_photo_image(person, path, diagnostics)
    elif person.photo not in ("", PLACEHOLDER) and not _web_address(person.photo):
        diagnostics.error("people", f"{person.id}: photo '{person.photo}' is not a web address (https://...)", person.where["photo"])


def _check_photo_image(person: Person, path, diagnostics: Diagnostics) -> None:
    """The site copies a photo file as it is: an image browsers show, of a size a page can carry."""
    if path.suffix.lower() not in PHOTO_TYPES:
        diagnostics.error("people", f"{person.id}: photo '{person.photo}' is not an image the site shows", person.where["photo"],
                          hint=f"the site copies photos of the types {', '.join(PHOTO_TYPES)}")
    elif path.stat().st_size > MAX_PHOTO_BYTES:
        diagnostics.error("people", f"{person.id}: photo '{person.photo}' is {path.stat().st_size / 1e6:.1f} MB; photos are at most "
                          f"{MAX_PHOTO_BYTES / 1e6:.0f} MB", person.where["photo"])


def _check_bio_length(person: Person, venue: Venue | None, diagnostics: Diagnostics) -> None:
    limit = venue.bio_word_limit if venue else None
    if venue is None or not (limit and person.bio):
        return
    words = len(person.bio.markdown.split())
    if words > limit:
        diagnostics.warning("people", f"{person.id}: the bio has {words:,} words; {venue.full_name} allows {limit}", person.where["bio"])


def _check_organizers_speaking(edition: Edition, diagnostics: Diagnostics) -> None:
    organizers = {p.id for p in edition.organizers}
    for speaker in edition.speakers:
        if speaker.person.id in organizers:
            diagnostics.warning("people", f"{speaker.person.name} is an organizer and an invited speaker; venues usually forbid organizers' talks", speaker.location)


def _check_committee_blocks(edition: Edition, diagnostics: Diagnostics) -> None:
    """A block's ``name`` is a committee of roles.yaml, and only a committee block has one."""
    if "roles" in edition.unread:
        return
    names = [c.name for c in edition.committees]
    for block in (p for s in edition.sections for p in s.parts if isinstance(p, Block) and p.committee):
        if block.name != "committee":
            diagnostics.error("people", f"'name' chooses a committee; a {block.name} block has none", block.location)
        elif block.committee not in names:
            diagnostics.error("people", f"no committee '{block.committee}' in roles.yaml{did_you_mean(block.committee, names)}", block.location)
