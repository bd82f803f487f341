"""Checks over the whole model; every problem is collected, none stops the others."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model.edition import Edition
from ..plugins import blamed, plugin_checks
from . import (
    characters,
    citations,
    committee,
    dates,
    files,
    files_and_links,
    hygiene,
    names,
    numbers,
    people,
    prose,
    schedule,
    schedule_sense,
    spelling,
    text,
    typed_dates,
    variants,
    venue,
    web,
)

CHECKS = (citations.check, schedule.check, schedule_sense.check, dates.check, people.check, names.check, variants.check, committee.check, text.check, prose.check, characters.check,
          hygiene.check, spelling.check, venue.check, web.check, files.check, files_and_links.check, numbers.check,
          typed_dates.check)


def run_checks(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    """Every check, ours then the plugins'; ``targets`` are the outputs being built, some of
    which need more."""
    for check in CHECKS:
        check(edition, diagnostics, targets)
    for point, plugin_check in plugin_checks():
        with blamed(point):
            plugin_check(edition, diagnostics, targets)
