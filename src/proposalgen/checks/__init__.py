"""Checks over the whole model; every problem is collected, none stops the others."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Edition
from . import characters, citations, committee, dates, people, schedule, text

CHECKS = (citations.check, schedule.check, dates.check, people.check, committee.check, text.check, characters.check)


def run_checks(edition: Edition, diagnostics: Diagnostics) -> None:
    for check in CHECKS:
        check(edition, diagnostics)
