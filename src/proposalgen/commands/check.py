"""``proposalgen check``: read and check an edition without running LaTeX."""
from __future__ import annotations

from pathlib import Path

from ..checks import run_checks
from ..diagnostics import Diagnostics
from ..exceptions import DiagnosticsError
from ..model.edition import Edition
from ..render.values import with_values_filled
from ..source.edition import read_edition


def check(folder: Path, diagnostics: Diagnostics, targets: tuple[str, ...] = ("proposal",)) -> Edition:
    """The edition in ``folder`` with every problem of its source for ``targets`` reported, in one
    run: every check runs on every part that could be read."""
    edition = with_values_filled(read_edition(folder, diagnostics, targets), diagnostics)
    run_checks(edition, diagnostics, targets)
    return edition


# What reading an edition for no output asks: what it gives well-formed, nothing more.
NO_OUTPUT: tuple[str, ...] = ()


def require_no_errors(*folders: Path) -> None:
    """Reads and checks each edition as it is, for no output in particular (a website-only
    edition has no proposal fields to give); raises ``DiagnosticsError`` with their errors, if any."""
    diagnostics = Diagnostics()
    for folder in folders:
        check(folder, diagnostics, NO_OUTPUT)
    errors = Diagnostics(diagnostics.failing(strict=False)).sorted()
    if errors:
        raise DiagnosticsError(errors)
