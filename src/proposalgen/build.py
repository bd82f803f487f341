"""``proposalgen build proposal``: the checked proposal, typeset in one pass."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .check import check
from .compile import compile_tex
from .diagnostics import Diagnostics
from .exceptions import DiagnosticsError
from .model import Edition
from .output import Outputs
from .pages import PageReport, check_page_limit
from .render import bibliography_of, render_proposal
from .report import write_report


def build_proposal(folder: Path, out: Path, strict: bool, templates: Path | None) -> Diagnostics:
    """Builds ``out/<edition>/proposal.pdf`` from the edition in ``folder``.

    Nothing is written before the source has been read, checked and rendered; the previous PDF
    is replaced only by one that compiled. Raises ``DiagnosticsError`` when the build fails.
    """
    diagnostics = Diagnostics()
    edition = check(folder, diagnostics)
    outputs = Outputs(out / folder.name)
    pages = None
    if edition is not None and not diagnostics.failing(strict):
        source = render_proposal(edition, bibliography_of(edition), templates or _data_templates(folder.parent))
        outputs.write_text("proposal.tex", source)
        pages = _compile_into(outputs, source, edition, diagnostics)
    write_report(outputs, folder.name, diagnostics, strict, edition, pages)
    if diagnostics.failing(strict):
        raise DiagnosticsError(diagnostics.sorted())
    return diagnostics


def _data_templates(data: Path) -> Path | None:
    """The data folder's own ``templates/``, whose files override ours by name."""
    folder = data / "templates"
    return folder if folder.is_dir() else None


def _compile_into(outputs: Outputs, source: str, edition: Edition, diagnostics: Diagnostics) -> PageReport | None:
    """Compiles in a scratch folder of its own (so builds running at once cannot mix their
    files), then moves the PDF into place."""
    scratch = Path(tempfile.mkdtemp(prefix=".compile-", dir=outputs.folder))
    try:
        tex = scratch / "proposal.tex"
        tex.write_text(source, encoding="utf-8")
        pdf = compile_tex(tex, outputs.folder / "proposal.tex", edition.folder, diagnostics)
        if tex.with_suffix(".log").exists():
            outputs.move("proposal.log", tex.with_suffix(".log"))
        if pdf is None:
            return None
        pages = check_page_limit(edition, pdf, diagnostics)
        outputs.move("proposal.pdf", pdf)
        return pages
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
