"""The call's dates as an RFC 5545 calendar, written with icalendar."""
from __future__ import annotations

import datetime
import re

from .model import Edition
from .values import DEADLINES, announced_dates

def deadline_instant(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    """The end of ``day`` in ``zone`` (a deadline "on" a day ends when that day ends there), as
    an aware UTC datetime."""
    end_local = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
    return end_local.astimezone(datetime.timezone.utc)


def _slug(name: str) -> str:
    """"mind-the-gap" for "Mind the Gap": a name as a UID may carry it."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def calendar_of(edition: Edition, stamp: datetime.datetime) -> bytes:
    """One event per announced date; UIDs are stable so that importing again updates them."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//proposalgen//workshop dates//EN")
    calendar.add("version", "2.0")
    name = f"{edition.workshop.short_name} {edition.name}"
    for announced in announced_dates(edition.dates):
        event = Event()
        event.add("uid", f"{_slug(edition.workshop.short_name)}-{edition.name}-{announced.name}@proposalgen")
        event.add("dtstamp", stamp)
        event.add("summary", f"{name}: {announced.label}")
        if announced.name in DEADLINES:
            end = deadline_instant(announced.date, edition.dates.zone)
            event.add("dtstart", end - datetime.timedelta(minutes=1))
            event.add("dtend", end)
        else:
            event.add("dtstart", announced.date)
            event.add("dtend", announced.date + datetime.timedelta(days=1))
        calendar.add_component(event)
    return calendar.to_ical()
