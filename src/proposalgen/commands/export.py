"""``proposalgen export``: the program committee or the organizers, printed for OpenReview, CMT
or a spreadsheet (render/lists.py writes them)."""
from __future__ import annotations

import sys
from pathlib import Path
from types import MappingProxyType

from ..diagnostics import Diagnostics
from ..exceptions import DiagnosticsError, UsageError
from ..model.edition import Edition
from ..registry import EXPORT, Request, outputs_of, render
from ..source.editions import edition_folder
from .check import NO_OUTPUT, check
from .terminal import exit_code, print_diagnostics


def run(args) -> int:
    """``proposalgen export GROUP``: the list on stdout, the people left out of it on stderr."""
    diagnostics = Diagnostics()
    text = export(edition_folder(args.data.resolve(), args.edition), args.group, args.form, args.status, diagnostics)
    print_diagnostics(diagnostics.sorted())
    sys.stdout.write(text)
    return exit_code(diagnostics, args.strict)


def export(folder: Path, group: str, form: str, status: str | None, diagnostics: Diagnostics) -> str:
    """The text of the export; people who cannot be listed are warnings in ``diagnostics``.
    Raises ``DiagnosticsError`` when the edition has errors, ``UsageError`` for a status given to
    the organizers, who have none."""
    if group == "organizers" and status:
        raise UsageError("--status selects committee members; the organizers are exported all")
    edition = checked_edition(folder)
    request = Request(None, None, diagnostics, MappingProxyType({"format": form, "status": status or "all"}))
    output, = outputs_of(EXPORT, (group,))
    return "".join(document.content.decode() for document in render(output, edition, request))


def checked_edition(folder: Path) -> Edition:
    """The edition, read and checked; its errors raise ``DiagnosticsError``, its warnings (a TBD
    left in the call, say) are the build's business, not the export's."""
    found = Diagnostics()
    edition = check(folder, found, NO_OUTPUT)
    if found.failing(strict=False):
        raise DiagnosticsError(Diagnostics(found.failing(strict=False)).sorted())
    return edition
