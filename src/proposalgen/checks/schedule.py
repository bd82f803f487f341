"""The day: items in order without overlaps or gaps, within the venue's hours, with speakers who come."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Edition, ScheduleItem, clock


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    items = edition.schedule.items
    for before, item in zip(items, items[1:]):
        _check_sequence(before, item, diagnostics)
    _check_hours(edition, diagnostics)
    for item in items:
        _check_speakers(item, diagnostics)
    _check_unscheduled(edition, diagnostics)


def _check_sequence(before: ScheduleItem, item: ScheduleItem, diagnostics: Diagnostics) -> None:
    """Only an item with its own start can break the sequence: the others follow on."""
    if "start" not in item.where:
        return
    where = item.where["start"]
    if item.start < before.start:
        diagnostics.error("schedule", f"'{item.label}' starts at {item.start_label}, before '{before.label}' ({before.start_label}): items are out of order", where)
    elif item.start < before.end:
        diagnostics.error("schedule", f"'{item.label}' starts at {item.start_label}, before '{before.label}' ends at {before.end_label}: they overlap by {before.end - item.start} min", where)
    elif item.start > before.end:
        diagnostics.warning("schedule", f"a gap of {item.start - before.end} min between '{before.label}' (ends {before.end_label}) and '{item.label}' (starts {item.start_label})", where,
                            hint="if the gap is a break, add it as a break item")


def _check_hours(edition: Edition, diagnostics: Diagnostics) -> None:
    venue, items = edition.venue, edition.schedule.items
    if not items:
        return
    first, last = items[0], items[-1]
    if venue.day_start is not None and first.start < venue.day_start:
        diagnostics.error("schedule", f"the day starts at {first.start_label}, before {venue.name}'s workshop hours begin ({clock(venue.day_start)})", first.location)
    if venue.day_end is not None and max(i.end for i in items) > venue.day_end:
        diagnostics.error("schedule", f"the day ends at {last.end_label}, after {venue.name}'s workshop hours end ({clock(venue.day_end)})", last.location)


def _check_speakers(item: ScheduleItem, diagnostics: Diagnostics) -> None:
    if item.kind == "panel" and not item.speakers:
        diagnostics.error("schedule", f"'{item.label}' has no panelists", item.location, hint="list them under 'speakers'")
    for participant in item.speakers:
        name = participant.person.name
        if participant.status == "declined":
            diagnostics.error("schedule", f"{name} is scheduled in '{item.label}' but has declined", item.where.get("speakers", item.location))
        elif not participant.confirmed:
            diagnostics.warning("schedule", f"{name} is scheduled in '{item.label}' but not confirmed yet", item.where.get("speakers", item.location),
                                hint="the proposal marks them as invited; the website will refuse them")


def _check_unscheduled(edition: Edition, diagnostics: Diagnostics) -> None:
    scheduled = {(item.kind == "panel", s.person.id) for item in edition.schedule.items for s in item.speakers}
    for role, panel in (("speakers", False), ("panelists", True)):
        for participant in getattr(edition, role):
            if participant.confirmed and (panel, participant.person.id) not in scheduled:
                slot = "a panel" if panel else "a talk"
                diagnostics.warning("schedule", f"{participant.person.name} is a confirmed {role[:-1]} with no slot in {slot}", participant.location)
