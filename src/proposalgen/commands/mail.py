"""``proposalgen mail``: one invitation per speaker, panelist or committee member, written as an
RFC 5322 message (``mail/<group>/<id>.eml``; a speaker may sit on the committee too) and all of
them in one ``mail/<group>.mbox``, to open in any mail client. Nothing is sent."""
from __future__ import annotations

import datetime
import sys
from pathlib import Path
from types import MappingProxyType

from ..diagnostics import Diagnostics
from ..registry import MAIL, Output, Request, outputs_of, render
from ..render.documents import Document
from ..report.output import Outputs
from ..source.editions import edition_folder
from . import state
from .export import checked_edition
from .terminal import exit_code, print_diagnostics


def run(args) -> int:
    """``proposalgen mail GROUP``: writes the invitations, and names each file written."""
    diagnostics = Diagnostics()
    folder = edition_folder(args.data.resolve(), args.edition)
    out, templates = state.out_and_templates(folder, args.out, args.templates)
    written = mail(folder, out, args.group, args.status, args.reply_by, templates, diagnostics)
    print_diagnostics(diagnostics.sorted())
    for path in written:
        print(f"wrote {args.out / path.relative_to(args.out.resolve())}", file=sys.stderr)
    if not written:
        who = ("" if args.status == "all" else f"{args.status} ") + {"committee": "committee members"}.get(args.group, args.group)
        print(f"no mail written: there are no {who}", file=sys.stderr)
    return exit_code(diagnostics, args.strict)


def mail(folder: Path, out: Path, group: str, status: str, reply_by: datetime.date | None, templates: Path | None,
         diagnostics: Diagnostics) -> list[Path]:
    """Writes the invitations of ``group`` into ``out/<edition>/mail/``; returns their paths."""
    edition = checked_edition(folder)
    request = Request(None, templates, diagnostics, MappingProxyType({"status": status, "reply_by": reply_by}))
    output, = outputs_of(MAIL, (group,))
    return _write(Outputs(out / edition.name), output, render(output, edition, request))


def _write(outputs: Outputs, output: Output, documents: list[Document]) -> list[Path]:
    """The documents, in place of the group's of the last run (whose people may since have
    answered): a folder of drafts holds only the ones to send."""
    drafts = outputs.folder / output.name
    for path in [*drafts.glob("*.eml"), drafts.with_suffix(".mbox")]:
        path.unlink(missing_ok=True)
    return [outputs.write_bytes(document.name, document.content) for document in documents]
