"""Dates: in the order a workshop runs, in the edition's years, and all the call for papers needs."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Edition

# Each pair must come in this order: (earlier, later).
ORDER = (
    ("submission_deadline", "review_start"), ("review_start", "review_end"), ("review_end", "decisions"),
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
    for name in NEEDED_BY_CFP:
        if "cfp" in targets and name not in given:
            diagnostics.error("dates", f"dates: no '{name}' date; the call for papers needs it", dates.where.get(name, dates.location))
        elif name not in dates.where:  # a TBD is reported as a placeholder already
            diagnostics.warning("dates", f"dates: no '{name}' date; the call for papers needs it", dates.location)
