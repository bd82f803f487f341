"""``glance.txt``: one line per item of the day, in plain text (nothing in it is markup, so no
value of the data can act as any)."""
from proposalgen.model.edition import Edition, ScheduleItem
from proposalgen.registry import Request
from proposalgen.render.documents import Document


def program_at_a_glance(edition: Edition, request: Request) -> list[Document]:
    """The day, or no document while the edition has no schedule."""
    if edition.schedule is None or not edition.schedule.items:
        return []
    items = edition.schedule.items
    width = max(len(item.time_range) for item in items)
    lines = [_heading(edition), "", *(f"{item.time_range:<{width}}  {_what(item)}".rstrip() for item in items)]
    return [Document("glance.txt", ("\n".join(lines) + "\n").encode())]


def _heading(edition: Edition) -> str:
    """``Sci4DL 2026: the program at a glance (BRT)``: the acronym, the edition, the time zone."""
    name = f"{edition.workshop.acronym} {edition.name}" if edition.workshop else edition.name
    zone = f" ({edition.schedule.timezone})" if edition.schedule and edition.schedule.timezone else ""
    return f"{name}: the program at a glance{zone}"


def _what(item: ScheduleItem) -> str:
    """``Invited talk 1: Why transformers — Ada Lovelace``: the label, the title, the speakers."""
    title = f": {item.title}" if item.title else ""
    speakers = ", ".join(participant.person.name for participant in item.speakers)
    return item.label + title + (f" — {speakers}" if speakers else "")
