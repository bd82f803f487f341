"""``proposalgen mail``: one invitation per speaker, panelist or committee member, written as an
RFC 5322 message (``mail/<group>/<id>.eml``; a speaker may sit on the committee too) and all of
them in one ``mail/<group>.mbox``, to open in any mail client. Nothing is sent."""
from __future__ import annotations

import datetime
from pathlib import Path
from types import MappingProxyType

from ..diagnostics import Diagnostics
from ..registry import MAIL, Output, Request, outputs_of, render
from ..render.documents import Document
from ..report.output import Outputs
from .export import checked_edition


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
