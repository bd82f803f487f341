"""What the website's pages show beyond the model's own fields: the invited talks with their
speakers, the panelists apart, and where each person's photo and each image of prose is copied."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..model.edition import Edition, Person, ScheduleItem

# The photos a site shows: images a browser displays and that run nothing (an SVG may hold scripts).
_UNSAFE_IN_NAME = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class InvitedTalk:
    """An invited talk as the speakers page shows it: its speakers once each, then its title and
    abstract from the schedule (none for a speaker the schedule gives no talk)."""

    speakers: tuple[Person, ...]
    title: str
    abstract: str


def invited_talks(edition: Edition) -> tuple[InvitedTalk, ...]:
    """The speakers who have not declined, in roles.yaml's order, grouped by their talk: a talk
    given by two speakers is shown once, with both."""
    speakers = [p.person for p in edition.speakers if p.status != "declined"]
    # By the identity of the talk's item (items hold mappings, which do not hash), or the speaker's own.
    talks: dict[int, tuple[ScheduleItem | None, list[Person]]] = {}
    for person in speakers:
        item = _talk_of(edition, person)
        talks.setdefault(id(item) if item else id(person), (item, []))[1].append(person)
    return tuple(InvitedTalk(tuple(people), item.title if item else "", item.abstract if item else "") for item, people in talks.values())


def _talk_of(edition: Edition, person: Person) -> ScheduleItem | None:
    items = edition.schedule.items if edition.schedule else ()
    return next((i for i in items if i.kind == "talk" and person.id in (s.person.id for s in i.speakers)), None)


def panelists(edition: Edition) -> tuple[Person, ...]:
    """The panelists who have not declined."""
    return tuple(p.person for p in edition.panelists if p.status != "declined")


def photo_name(person: Person, edition: Edition) -> str:
    """Where a person's photo file is copied, under the site's root: a stable name from their id
    (``assets/img/2026/grace-hopper.jpg``), made safe for a path and a link."""
    return str(PurePosixPath(_images_folder(edition), _safe(person.id) + Path(person.photo_file).suffix.lower()))


def prose_image_name(file: str, edition: Edition) -> str:
    """Where an image file that prose shows is copied, beside the PDFs and under the site's root:
    ``assets/img/2026/prose/figures-plot-1f0e3dad.png``, a stable name from its path in the edition folder,
    made safe for a path, a link and LaTeX's \\includegraphics."""
    path = PurePosixPath(os.path.normpath(file).replace(os.sep, "/"))
    return str(PurePosixPath(_images_folder(edition), "prose", _safe(str(path.with_suffix(""))) + path.suffix.lower()))


def calendar_name(edition: Edition) -> str:
    """Where the day's calendar lies under the site's root, a name of its edition's own
    (``assets/2026/schedule.ics``), so that the calendars of two editions of one site never meet."""
    return str(PurePosixPath("assets", _edition_folder(edition), "schedule.ics"))


def calendar_address(edition: Edition) -> str:
    """The day's calendar as the schedule page links it, from the site's root; "" when the
    edition has none."""
    return "/" + calendar_name(edition) if edition.has_day_calendar else ""


def _images_folder(edition: Edition) -> str:
    return str(PurePosixPath("assets", "img", _edition_folder(edition)))


def _edition_folder(edition: Edition) -> str:
    return _UNSAFE_IN_NAME.sub("-", edition.name.lower())


def _safe(name: str) -> str:
    """``name`` as lower-case letters, digits, - and _; with a digest of it when that changed it,
    so that two names never meet."""
    slug = _UNSAFE_IN_NAME.sub("-", name.lower()).strip("-")
    return slug if slug == name else f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:8]}".lstrip("-")


def photo_address(person: Person, edition: Edition) -> str:
    """The photo as a page links it: its web address, or the copy's address from the site's root;
    "" when the person has none."""
    if person.photo_file:
        return "/" + photo_name(person, edition)
    return person.photo if person.photo.startswith(("http://", "https://")) else ""


def shown_people(edition: Edition) -> tuple[Person, ...]:
    """Everyone a page of the site shows with a photo, each once."""
    kinds = {page.kind for page in edition.site.pages} if edition.site else set()
    shown = [*(edition.organizers if "organizers" in kinds else ()), *(edition.invited_people if "speakers" in kinds else ())]
    return tuple({p.id: p for p in shown}.values())
