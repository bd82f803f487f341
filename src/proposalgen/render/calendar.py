"""The call's dates and the workshop's day as RFC 5545 calendars, written with icalendar."""
from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from ..model.edition import Edition, Paper, ScheduleItem
from ..model.values import DEADLINES, announced_dates


def deadline_instant(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    """The end of ``day`` in ``zone`` (a deadline "on" a day ends when that day ends there), as
    an aware UTC datetime."""
    end_local = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
    return end_local.astimezone(datetime.UTC)


def _slug(name: str) -> str:
    """"mind-the-gap" for "Mind the Gap": a name as a UID may carry it."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def calendar_of(edition: Edition, stamp: datetime.datetime) -> bytes:
    """One event per announced date; UIDs are stable so that importing again updates them."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//proposalgen//workshop dates//EN")
    calendar.add("version", "2.0")
    workshop, dates = edition.workshop, edition.dates
    if workshop is None or dates is None:  # reported when read: nothing to announce
        return calendar.to_ical()
    name = f"{workshop.short_name} {edition.name}"
    for announced in announced_dates(dates):
        event = Event()
        event.add("uid", f"{_slug(workshop.short_name)}-{edition.name}-{announced.name}@proposalgen")
        event.add("dtstamp", stamp)
        event.add("summary", f"{name}: {announced.label}")
        if announced.name in DEADLINES:
            end = deadline_instant(announced.date, dates.zone)
            event.add("dtstart", end - datetime.timedelta(minutes=1))
            event.add("dtend", end)
        else:
            event.add("dtstart", announced.date)
            event.add("dtend", announced.date + datetime.timedelta(days=1))
        calendar.add_component(event)
    return calendar.to_ical()


def day_calendar(edition: Edition, stamp: datetime.datetime) -> bytes:
    """One event per timed item of the day; an item's UID is the edition's and what the item is,
    so that importing the calendar again after a change updates the events it had."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//proposalgen//workshop day//EN")
    calendar.add("version", "2.0")
    workshop, schedule = edition.workshop, edition.schedule
    day = edition.dates.workshop if edition.dates else None
    if workshop is None or schedule is None or day is None:  # no day to place: has_day_calendar is false
        return calendar.to_ical()
    name = f"{workshop.short_name} {edition.name}"
    for uid, item in zip(item_uids(f"{_slug(workshop.short_name)}-{edition.name}", schedule.items), schedule.items):
        if item.start is not None:
            times = (_instant(day, item.start, schedule.zone), None if item.end is None else _instant(day, item.end, schedule.zone))
            calendar.add_component(_item_event(edition, name, uid, item, times, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def item_uids(prefix: str, items: Sequence[ScheduleItem]) -> list[str]:
    """Each item's UID from what it is, not from its place, so that inserting an item changes no
    other's; items alike (two coffee breaks) are told apart by their order among themselves."""
    uids: list[str] = []
    taken: set[str] = set()
    tried: dict[str, int] = {}  # the last number each base was given: many items alike take linear time
    for item in items:
        base = "-".join(part for part in (prefix, *map(_slug, item.identity)) if part)
        number = tried.get(base, 0) + 1
        while (uid := base if number == 1 else f"{base}-{number}") in taken:
            number += 1
        tried[base] = number
        taken.add(uid)
        uids.append(f"{uid}@proposalgen")
    return uids


def _item_event(edition: Edition, name: str, uid: str, item: ScheduleItem,
                times: tuple[datetime.datetime, datetime.datetime | None], stamp: datetime.datetime):
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", _summary(name, item))
    event.add("dtstart", times[0])
    if times[1] is not None:
        event.add("dtend", times[1])
    if edition.site and edition.site.room:
        event.add("location", edition.site.room)
    details = [_paper_line(paper) for paper in item.listed_papers] + ([item.note] if item.note else [])
    if details:
        event.add("description", "\n".join(details))
    links = [paper.url for paper in item.listed_papers if paper.url]
    if len(links) == 1:
        event.add("url", links[0])
    return event


def _paper_line(paper: Paper) -> str:
    """"Seeds Matter (Alan Turing) <https://example.org/seeds>": a talk as its event describes it."""
    return paper.title + (f" ({paper.authors})" if paper.authors else "") + (f" <{paper.url}>" if paper.url else "")


def _summary(name: str, item: ScheduleItem) -> str:
    """"WCE 2030: Invited talk 1 – Alan Turing: On computable numbers"; a contributed talk's
    presenters are named as an invited talk's speakers are."""
    names = ", ".join([p.person.name for p in item.speakers] + [p.name for p in item.presenters])
    title = item.title if names else ""
    return f"{name}: {item.label}" + (f" – {names}" if names else "") + (f": {title}" if title else "")


def _instant(day: datetime.date, minutes: int, zone: datetime.tzinfo | None) -> datetime.datetime:
    """The time of day on ``day``, in ``zone``; a fixed offset is written in UTC, since an
    offset is no time zone a calendar can name (TZID)."""
    local = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(minutes=minutes)
    if zone is None:
        return local
    aware = local.replace(tzinfo=zone)
    return aware if hasattr(zone, "key") else aware.astimezone(datetime.UTC)
