"""The proposal as a bundle co-authors open in Overleaf: its LaTeX as the build renders it, less
the page marks that measure it (they move nothing, so the bundle typesets as the build does), the
venue's style kit and the images it includes, and a README naming the data files it comes from,
zipped the same way every time."""
from __future__ import annotations

import re
import zipfile
from io import BytesIO

from ..model.edition import Edition
from ..registry import Request
from .documents import Document, overleaf_readme, proposal_source

# The preamble's measuring machinery, between its two comment lines (templates/latex/preamble.tex),
# and the marks in the document: a line holding only marks goes whole, lest it become a blank line.
_PAGE_MARKS = re.compile(r"^% page marks: begin\b.*?^% page marks: end\n", re.MULTILINE | re.DOTALL)
_MARK = r"\\pgmark(?:par)?\{[^{}\n]*\}%?"
_MARK_LINE = re.compile(rf"^(?:{_MARK})+\n", re.MULTILINE)
_SOURCE_LINE = re.compile(r"^% source: (?P<file>.+):\d+$", re.MULTILINE)
# Every entry dated the zip format's first day, so that the same proposal zips to the same bytes.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o644 << 16


def overleaf_bundle(edition: Edition, request: Request) -> list[Document]:
    """``proposal-overleaf.zip``: proposal.tex without its page marks, the kit, the images, README.txt."""
    proposal, *beside = proposal_source(edition, request)
    tex = unmeasured(proposal.content.decode())
    files = {"proposal.tex": tex.encode(), **{path.name: path.read_bytes() for path in proposal.kit},
             **{document.name: document.content for document in beside}}
    readme = overleaf_readme(edition, sorted(set(_SOURCE_LINE.findall(tex))), sorted(files), request.templates)
    return [Document("proposal-overleaf.zip", zipped({**files, "README.txt": readme.encode()}))]


def unmeasured(tex: str) -> str:
    """The LaTeX ``tex`` without the page marks: their macros and every ``\\pgmark`` and ``\\pgmarkpar``."""
    return re.sub(_MARK, "", _MARK_LINE.sub("", _PAGE_MARKS.sub("", tex)))


def zipped(files: dict[str, bytes]) -> bytes:
    """The files in a zip, by name in order, each with the same date and permissions."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, _ZIP_EPOCH)
            entry.external_attr, entry.compress_type = _FILE_MODE, zipfile.ZIP_DEFLATED
            archive.writestr(entry, files[name])
    return buffer.getvalue()
