"""The program committee or the organizers as a submission system imports them: OpenReview's
recruitment lines, CMT's tab-separated reviewer file, or a plain CSV."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..diagnostics import Diagnostics
from ..model.edition import Edition, Person
from ..registry import Request
from ..vocabulary import CHOSEN_STATUSES, PLACEHOLDER
from .documents import Document

CSV_HEADER = ("name", "email", "affiliation", "status", "openreview")


@dataclass(frozen=True)
class Listed:
    """One person to export, with the status of their membership ("" for an organizer)."""

    person: Person
    status: str


def committee_list(edition: Edition, request: Request) -> list[Document]:
    wanted = CHOSEN_STATUSES[request.options["status"]]
    listed = [Listed(member.person, member.status) for member in edition.committee if member.status in wanted]
    return [_document("committee.txt", listed, request)]


def organizers_list(edition: Edition, request: Request) -> list[Document]:
    listed = [Listed(person, "") for person in edition.organizers]
    if request.options["format"] == "openreview":
        _warn_missing_profiles(listed, request.diagnostics)
    return [_document("organizers.txt", listed, request)]


def _document(name: str, listed: list[Listed], request: Request) -> Document:
    return Document(name, FORMATTERS[request.options["format"]](with_email(listed, request.diagnostics)).encode())


def with_email(listed: list, diagnostics: Diagnostics) -> list:
    """The entries (each with a ``person``) whose person has an email; the others are warnings."""
    warn_without_email([entry.person for entry in listed], "left out of the export", diagnostics)
    return [entry for entry in listed if entry.person.mailto]


def warn_without_email(people: list[Person], consequence: str, diagnostics: Diagnostics) -> None:
    for person in people:
        if not person.mailto:
            diagnostics.warning("email", f"{person.name} ({person.id}) has no email: {consequence}", person.location)


def _warn_missing_profiles(listed: list[Listed], diagnostics: Diagnostics) -> None:
    """OpenReview requires a profile of every organizer of a venue it hosts."""
    for entry in listed:
        if entry.person.openreview in ("", PLACEHOLDER):
            diagnostics.warning("export", f"organizer {entry.person.name} ({entry.person.id}) has no 'openreview' profile id,"
                                " which OpenReview requires of every organizer", entry.person.location)


def openreview_lines(listed: list[Listed]) -> str:
    """OpenReview's recruitment form: ``email, name``, one person a line."""
    return "".join(f"{entry.person.email}, {entry.person.name}\n" for entry in listed)


def cmt_lines(listed: list[Listed]) -> str:
    """CMT's reviewer import: first name, middle initial, last name, email, organization, tab
    separated, no header line."""
    return "".join("\t".join((*_cmt_name(entry.person.name), entry.person.email, _known(entry.person.affiliation))) + "\n"
                   for entry in listed)


def _cmt_name(name: str) -> tuple[str, str, str]:
    """First name, middle initial (left empty) and last name, split as BibTeX splits a name:
    "John von Neumann" is John and von Neumann; a name of one word is all last name."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    parts = parse_single_name_into_parts(name)
    return " ".join(parts.first), "", " ".join(parts.von + parts.last + parts.jr)


def _known(value: str) -> str:
    return "" if value == PLACEHOLDER else value


def csv_lines(listed: list[Listed]) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for entry in listed:
        person = entry.person
        writer.writerow((person.name, person.email, _known(person.affiliation), entry.status, _known(person.openreview)))
    return text.getvalue()


FORMATTERS = {"openreview": openreview_lines, "cmt": cmt_lines, "csv": csv_lines}
