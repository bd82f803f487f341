"""One thing written two ways: placeholder."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model.edition import Edition

CODES = ("country", "affiliation")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    pass
