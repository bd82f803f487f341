"""The invitation mails: one RFC 5322 message per speaker, panelist or committee member of the
status asked for, from the Markdown template of their group, and an mbox of them all."""
from __future__ import annotations

import datetime
import email.message
import email.utils
import mailbox
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import UsageError
from ..model.edition import Edition, Participant, Person
from ..model.values import SpokenDate
from ..registry import Request
from ..vocabulary import CHOSEN_STATUSES
from .documents import Document, render_mail
from .lists import warn_without_email

ANSWER_WEEKS = 1  # a reply is asked for this long before the deadline that needs it


@dataclass(frozen=True)
class Invitation:
    """What a mail template receives for one person."""

    participant: Participant
    minutes: int | None  # the length of their talk or panel in the schedule
    reply_by: SpokenDate | None

    @property
    def person(self) -> Person:
        return self.participant.person


def speakers_invitations(edition: Edition, request: Request) -> list[Document]:
    return _invitations(edition, "speakers", request)


def panelists_invitations(edition: Edition, request: Request) -> list[Document]:
    return _invitations(edition, "panelists", request)


def committee_invitations(edition: Edition, request: Request) -> list[Document]:
    return _invitations(edition, "committee", request)


def _invitations(edition: Edition, group: str, request: Request) -> list[Document]:
    """A message per person of ``group`` with the status asked for, then their mbox."""
    invited = _participants(edition, group, request.options["status"])
    warn_without_email([p.person for p in invited], "their mail has no recipient (add it in people.yaml or in the mail client)",
                       request.diagnostics)
    deadline = request.options["reply_by"] or _reply_deadline(edition, group)
    sender = _sender(edition) if invited else ""
    messages = [Document(f"mail/{group}/{p.person.id}.eml",
                         _message(edition, group, Invitation(p, _minutes(edition, p), SpokenDate(deadline) if deadline else None), sender,
                                  request.templates)) for p in invited]
    return [*messages, _mbox(f"mail/{group}.mbox", messages)] if messages else []


def _participants(edition: Edition, group: str, status: str) -> list[Participant]:
    return [p for p in getattr(edition, group) if p.status in CHOSEN_STATUSES[status]]


def _minutes(edition: Edition, participant: Participant) -> int | None:
    """The length of the first schedule item they speak in."""
    items = edition.schedule.items if edition.schedule else ()
    return next((item.duration for item in items if participant.person.id in item.speaker_ids), None)


def _reply_deadline(edition: Edition, group: str) -> datetime.date | None:
    """A week before what needs the answer: the proposal, which names the speakers and panelists,
    or the submission deadline, by which the committee must be known."""
    if group == "committee":
        needed = edition.dates.submission_deadline if edition.dates else None
    else:
        needed = edition.venue.proposal_deadline.date if edition.venue and edition.venue.proposal_deadline else None
    return needed - datetime.timedelta(weeks=ANSWER_WEEKS) if needed else None


def _sender(edition: Edition) -> str:
    """The series' contact address, else the first organizer's."""
    contact = edition.series.contact if edition.series else ""
    if "@" in contact:
        return contact
    organizer = next((p for p in edition.organizers if p.mailto), None)
    if organizer is None:
        raise UsageError("no address to send from: give data/series.yaml a `contact` address, or an organizer an email")
    return email.utils.formataddr((organizer.name, organizer.email))


def _message(edition: Edition, group: str, invitation: Invitation, sender: str, templates: Path | None) -> bytes:
    subject, _, body = render_mail(edition, group, invitation, templates).partition("\n")
    message = email.message.EmailMessage()
    message["From"] = sender
    if invitation.person.mailto:
        message["To"] = email.utils.formataddr((invitation.person.name, invitation.person.email))
    message["Subject"] = subject.removeprefix("Subject:").strip()
    message["Date"] = email.utils.formatdate(localtime=True)
    message["X-Unsent"] = "1"  # mail clients open it as a draft, ready to send
    message.set_content(body.lstrip("\n"), cte="8bit")  # readable as written, in any editor too
    return bytes(message)


def _mbox(name: str, messages: list[Document]) -> Document:
    with tempfile.TemporaryDirectory() as scratch:
        box = mailbox.mbox(Path(scratch) / "mbox")
        for message in messages:
            box.add(message.content)
        box.close()
        return Document(name, (Path(scratch) / "mbox").read_bytes())
