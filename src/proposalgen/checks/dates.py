"""Dates: in the order a workshop runs, in the edition's years, by the venue's notification date, and all the call for papers needs."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model.edition import Dates, Edition, Venue
from .venue import rules_for

# Each pair must come in this order: (earlier, later).
ORDER = (
    ("abstract_deadline", "submission_deadline"), ("submission_deadline", "review_start"), ("review_start", "review_end"), ("review_end", "decisions"),
    ("submission_deadline", "decisions"), ("decisions", "camera_ready"), ("camera_ready", "workshop"),
    ("decisions", "workshop"), ("submission_deadline", "workshop"),
)
NEEDED_BY_CFP = ("workshop",)


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    dates = edition.dates
    if dates is None:
        return
    given = dates.given()
    for earlier, later in ORDER:
        if earlier in given and later in given and given[later] < given[earlier]:
            diagnostics.error("dates", f"dates: '{later}' ({given[later]}) comes before '{earlier}' ({given[earlier]})", dates.where[later])
    for name, date in given.items():
        if date.year < int(edition.name) - 1:
            diagnostics.error("dates", f"dates: '{name}' ({date}) is more than a year before the {edition.name} edition", dates.where[name],
                              hint="a date left from an earlier edition?")
        elif date.year > int(edition.name) + 1:
            diagnostics.error("dates", f"dates: '{name}' ({date}) is more than a year after the {edition.name} edition", dates.where[name],
                              hint="a mistyped year?")
    _check_notification(edition, rules_for(edition, targets), dates, given, diagnostics)
    for name in NEEDED_BY_CFP:
        if "cfp" in targets and name not in given:
            diagnostics.error("dates", f"dates: no '{name}' date; the call for papers needs it", dates.where.get(name, dates.location))
        elif edition.call is not None and name not in dates.where:  # a TBD is reported as a placeholder already
            diagnostics.warning("dates", f"dates: no '{name}' date; the call for papers needs it", dates.location)


def _check_notification(edition: Edition, venue: Venue | None, dates: Dates, given: dict, diagnostics: Diagnostics) -> None:
    """Decisions reach authors by the venue's mandatory notification date. A notification more
    than a year before the edition is another year's rule (the preset's year is warned about)."""
    notification = venue.notification if venue else None
    if venue is None or notification is None or "decisions" not in given or notification.year < int(edition.name) - 1:
        return
    if given["decisions"] > notification:
        diagnostics.error("dates", f"dates: 'decisions' ({given['decisions']}) is after {venue.full_name}'s mandatory author notification ({notification})",
                          dates.where["decisions"], hint="the venue wants every author told by then: move 'decisions' to that day or earlier")
