"""``proposalgen build``: the checked documents of an edition, each LaTeX one typeset in one pass."""
from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .check import check
from .compile import compile_tex
from .diagnostics import Diagnostics
from .exceptions import DiagnosticsError
from .model import Edition
from .output import Outputs
from .pages import PageReport, check_one_page, check_page_limit
from .render import Document, TemplateProblem, render_documents
from .report import write_report

PAGE_CHECKS = {"proposal.tex": check_page_limit, "cfp.tex": check_one_page}
PRODUCTS = {"proposal": ["proposal.pdf"], "cfp": ["cfp.pdf", "cfp.md", "cfp.txt", "dates.ics"], "site": ["site/"]}


def build(folder: Path, out: Path, targets: tuple[str, ...], strict: bool, templates: Path | None) -> Diagnostics:
    """Builds the targets' outputs into ``out/<edition>/``.

    Nothing is written before the source has been read, checked and every document rendered; a
    PDF is replaced only by one that compiled. Raises ``DiagnosticsError`` when the build fails.
    """
    diagnostics = Diagnostics()
    edition = check(folder, diagnostics, targets)
    outputs = Outputs(out / folder.name)
    pages = {}
    if edition is not None and not diagnostics.failing(strict):
        documents = _rendered(edition, targets, templates or _data_templates(folder.parent), diagnostics)
        for document in documents:
            outputs.write_bytes(document.name, document.content)
        pages = _typeset(outputs, [d for d in documents if d.typeset], edition, diagnostics)
    write_report(outputs, folder.name, diagnostics, strict, edition, pages)
    if diagnostics.failing(strict):
        raise DiagnosticsError(diagnostics.sorted())
    return diagnostics


def _rendered(edition: Edition, targets, templates: Path | None, diagnostics: Diagnostics) -> list[Document]:
    """Every document, or none if a template fails (reported): nothing is written half-rendered."""
    try:
        return render_documents(edition, targets, templates)
    except TemplateProblem as problem:
        diagnostics.items.append(problem.diagnostic)
        return []


def products(targets) -> list[str]:
    """What a build of ``targets`` gives the user, to name when it succeeds."""
    return [name for target in targets for name in PRODUCTS[target]]


def _data_templates(data: Path) -> Path | None:
    """The data folder's own ``templates/``, whose files override ours by name."""
    folder = data / "templates"
    return folder if folder.is_dir() else None


def _typeset(outputs: Outputs, documents: list[Document], edition: Edition, diagnostics: Diagnostics) -> dict[str, dict]:
    """Compiles the documents side by side (they are independent), each in one pass."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda d: _compile_into(outputs, d, edition, diagnostics), documents))
    return {d.name.removesuffix(".tex"): r.as_json() for d, r in zip(documents, reports) if r is not None}


def _compile_into(outputs: Outputs, document: Document, edition: Edition, diagnostics: Diagnostics) -> PageReport | None:
    """Compiles in a scratch folder of its own (so builds running at once cannot mix their
    files), checks the pages, then moves the PDF into place."""
    scratch = Path(tempfile.mkdtemp(prefix=".compile-", dir=outputs.folder))
    try:
        tex = scratch / document.name
        tex.write_bytes(document.content)
        pdf = compile_tex(tex, outputs.folder / document.name, edition.folder, diagnostics)
        if tex.with_suffix(".log").exists():
            outputs.move(tex.with_suffix(".log").name, tex.with_suffix(".log"))
        if pdf is None:
            return None
        pages = PAGE_CHECKS[document.name](edition, pdf, diagnostics)
        outputs.move(pdf.name, pdf)
        return pages
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
