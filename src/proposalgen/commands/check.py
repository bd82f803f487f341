"""``proposalgen check``: read and check an edition without running LaTeX."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Diagnostics
from ..exceptions import DiagnosticsError
from ..registry import chosen
from ..source.editions import edition_folder
from .remembered import remember, replayed
from .terminal import exit_code, print_diagnostics

if TYPE_CHECKING:
    from ..model.edition import Edition


def run(args) -> int:
    """``proposalgen check``: the problems found, in the form ``--format`` names; those of the
    last check when nothing it depends on changed since (commands/remembered.py)."""
    folder, targets = edition_folder(args.data.resolve(), args.edition), chosen(args.target)
    found = replayed(folder, targets)
    if found is None:
        found = _checked_now(folder, targets)
    diagnostics = Diagnostics(found)
    if args.format == "json":
        print(json.dumps([d.as_json() for d in found], indent=2, ensure_ascii=False))
    elif args.format == "github":
        print("\n".join(d.as_github() for d in found))
    else:
        print_diagnostics(found)
    return exit_code(diagnostics, args.strict)


def _checked_now(folder: Path, targets: tuple[str, ...]) -> list[Diagnostic]:
    from ..source import load

    diagnostics = Diagnostics()
    with load.recording() as reads:
        check(folder, diagnostics, targets)
    found = diagnostics.sorted()
    remember(folder, targets, reads, found)
    return found


def check(folder: Path, diagnostics: Diagnostics, targets: tuple[str, ...] = ("proposal",)) -> Edition:
    """The edition in ``folder`` with every problem of its source for ``targets`` reported, in one
    run: every check runs on every part that could be read."""
    # Imported when a check runs: one replayed imports none of the stages.
    from ..checks import run_checks
    from ..render.values import with_values_filled
    from ..source.edition import read_edition

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
