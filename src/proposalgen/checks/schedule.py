"""The day: items in order without overlaps or gaps, within the venue's hours, with speakers who come."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model.edition import Edition, ScheduleItem, Venue, clock
from .venue import rules_for

MIDNIGHT = 24 * 60  # minutes


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    if edition.schedule is None:
        return
    _check_sequence(edition.schedule.items, diagnostics)
    _check_hours(edition, rules_for(edition, targets), diagnostics)
    for item in edition.schedule.items:
        _check_speakers(item, diagnostics)
    if not edition.unread & {"schedule", "roles"}:  # a slot may stand in an item not read
        _check_unscheduled(edition, diagnostics)


def _check_sequence(items: tuple[ScheduleItem, ...], diagnostics: Diagnostics) -> None:
    """Each item that starts itself (the open last one too) against the last item before it whose
    times are known; an item whose time could not be read is left out, and no gap is reported
    across it."""
    before: tuple[ScheduleItem, tuple[int, int]] | None = None
    adjacent = False
    for item in items:
        if before is not None and item.start is not None and "start" in item.where:
            _check_pair(*before, item, item.start, adjacent, diagnostics)
        before, adjacent = ((item, item.span), True) if item.span else (before, False)


def _check_pair(before: ScheduleItem, span: tuple[int, int], item: ScheduleItem, start: int, adjacent: bool, diagnostics: Diagnostics) -> None:
    where, (before_start, before_end) = item.where["start"], span
    if start < before_start:
        diagnostics.error("schedule", f"'{item.label}' starts at {item.start_label}, before '{before.label}' ({before.start_label}): items are out of order", where)
    elif start < before_end:
        diagnostics.error("schedule", f"'{item.label}' starts at {item.start_label}, before '{before.label}' ends at {before.end_label}: they overlap by {before_end - start} min", where)
    elif start > before_end and adjacent and item.timed:  # an open last item ("Dinner") may come later
        diagnostics.warning("schedule", f"a gap of {start - before_end} min between '{before.label}' (ends {before.end_label}) and '{item.label}' (starts {item.start_label})", where,
                            hint="if the gap is a break, add it as a break item")


def _check_hours(edition: Edition, venue: Venue | None, diagnostics: Diagnostics) -> None:
    """The day within one day (a clock past 24:00 is no time), and within the venue's hours."""
    spans = [(i, i.span) for i in edition.schedule.items if i.span] if edition.schedule else []
    if not spans:
        return
    (first, (start, _)), (last, (_, end)) = spans[0], max(spans, key=lambda timed: timed[1][1])
    late = next((item for item, (_, ends) in spans if ends > MIDNIGHT), None)
    if late is not None:
        diagnostics.error("schedule", f"'{late.label}' ends at {late.end_label}, past midnight: a schedule holds one day", late.location,
                          hint="a duration in hours where minutes are meant?")
    if venue is None:
        return
    if venue.day_start is not None and start < venue.day_start:
        diagnostics.error("schedule", f"the day starts at {first.start_label}, before {venue.name}'s workshop hours begin ({clock(venue.day_start)})", first.location)
    if venue.day_end is not None and end > venue.day_end:
        diagnostics.error("schedule", f"the day ends at {last.end_label}, after {venue.name}'s workshop hours end ({clock(venue.day_end)})", last.location)


def _check_speakers(item: ScheduleItem, diagnostics: Diagnostics) -> None:
    if item.kind == "panel" and not item.speaker_ids:
        diagnostics.warning("schedule", f"'{item.label}' names no panelists yet: the outputs show the panel without names", item.location,
                            hint="list them under 'speakers' once they are invited")
    for participant in item.speakers:
        name = participant.person.name
        if participant.status == "declined":
            diagnostics.error("schedule", f"{name} is scheduled in '{item.label}' but has declined", item.where.get("speakers", item.location))
        elif participant.status == "invited":
            diagnostics.warning("schedule", f"{name} is scheduled in '{item.label}' but not confirmed yet", item.where.get("speakers", item.location),
                                hint="the proposal marks them as invited; the website will refuse them")


def _check_unscheduled(edition: Edition, diagnostics: Diagnostics) -> None:
    items = edition.schedule.items if edition.schedule else ()
    scheduled = {(item.kind == "panel", s.person.id) for item in items for s in item.speakers}
    for role, panel in (("speakers", False), ("panelists", True)):
        for participant in getattr(edition, role):
            if participant.confirmed and (panel, participant.person.id) not in scheduled:
                slot = "a panel" if panel else "a talk"
                diagnostics.warning("schedule", f"{participant.person.name} is a confirmed {role[:-1]} with no slot in {slot}", participant.location)
