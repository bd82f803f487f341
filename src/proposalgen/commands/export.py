"""``proposalgen export``: the program committee or the organizers, printed for OpenReview, CMT
or a spreadsheet (render/lists.py writes them); or a file made from a build target's documents,
written under OUT/EDITION/ (the proposal's bundle for Overleaf, render/overleaf.py)."""
from __future__ import annotations

import sys
from pathlib import Path
from types import MappingProxyType

from ..diagnostics import Diagnostics, Location
from ..exceptions import DiagnosticsError, UsageError
from ..model.edition import Edition
from ..registry import EXPORT, Output, Request, outputs_of, render
from ..render.documents import bibliography_of
from ..report.output import Outputs
from ..source.editions import edition_folder
from . import state
from .check import NO_OUTPUT, check
from .terminal import exit_code, print_diagnostics


def run(args) -> int:
    """``proposalgen export GROUP``: a list on stdout, the people left out of it on stderr; or a
    file written, named on stderr."""
    diagnostics = Diagnostics()
    folder = edition_folder(args.data.resolve(), args.edition)
    output, = outputs_of(EXPORT, (args.group,))
    if output.made_from:
        return _run_written(args, folder, output, diagnostics)
    text = export(folder, args.group, args.form or "csv", args.status, diagnostics)
    print_diagnostics(diagnostics.sorted())
    sys.stdout.write(text)
    return exit_code(diagnostics, args.strict)


def _run_written(args, folder: Path, output: Output, diagnostics: Diagnostics) -> int:
    """``proposalgen export overleaf``: the file written under OUT/EDITION/, named on stderr."""
    if args.form or args.status:
        raise UsageError(f"--format and --status choose the people of a list; export {args.group} takes neither")
    out, templates = state.out_and_templates(folder, args.out, args.templates)
    written = export_file(folder, out, output, templates, diagnostics)
    print_diagnostics(diagnostics.sorted())
    for path in written:
        print(f"wrote {args.out / path.relative_to(out)}", file=sys.stderr)
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


def export_file(folder: Path, out: Path, output: Output, templates: Path | None, diagnostics: Diagnostics) -> list[Path]:
    """Writes ``output``'s documents into ``out/<edition>/``, from the edition read and checked as
    for the build target it is made from; returns their paths. Raises ``DiagnosticsError`` when
    the edition has errors, or placeholders that target cannot be made with."""
    found = Diagnostics()
    edition = check(folder, found, (output.made_from,))
    if not edition.complete and not found.failing(strict=False):  # as a build refuses it: the warnings name each placeholder
        found.error("placeholder", "the edition cannot be exported until its placeholders are filled in", Location(folder))
        raise DiagnosticsError(found.sorted())
    _refuse_errors(found)
    request = Request(bibliography_of(edition), templates, diagnostics)
    outputs = Outputs(out / edition.name)
    return [outputs.write_bytes(document.name, document.content) for document in render(output, edition, request)]


def checked_edition(folder: Path) -> Edition:
    """The edition, read and checked; its errors raise ``DiagnosticsError``, its warnings (a TBD
    left in the call, say) are the build's business, not the export's."""
    found = Diagnostics()
    edition = check(folder, found, NO_OUTPUT)
    _refuse_errors(found)
    return edition


def _refuse_errors(found: Diagnostics) -> None:
    """Raises ``DiagnosticsError`` with the errors ``found``, if any."""
    if found.failing(strict=False):
        raise DiagnosticsError(Diagnostics(found.failing(strict=False)).sorted())
