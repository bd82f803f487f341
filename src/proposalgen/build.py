"""``proposalgen build``: the checked documents of an edition, each LaTeX one typeset in one pass."""
from __future__ import annotations

import json
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import state
from .check import check
from .compile import compile_tex
from .diagnostics import Diagnostics, Location
from .exceptions import DiagnosticsError
from .model import Edition, Prose
from .output import Outputs
from .pages import PageReport, check_one_page, check_page_limit
from .render import Document, TemplateProblem, render_documents
from .report import write_report

PAGE_CHECKS = {"proposal.tex": check_page_limit, "cfp.tex": check_one_page}


def build(folder: Path, out: Path, targets: tuple[str, ...], strict: bool, templates: Path | None, force: bool = False) -> Diagnostics:
    """Builds the targets' outputs into ``out/<edition>/``, redoing only those whose inputs changed
    (all of them with ``force``); every check runs all the same.

    Nothing is written before the source has been read, checked and every document rendered; a
    PDF is replaced only by one that compiled. Raises ``DiagnosticsError`` when the build fails.
    """
    diagnostics = Diagnostics()
    edition = check(folder, diagnostics, targets)
    outputs = Outputs(out / folder.name)
    templates = templates or _data_templates(folder.parent)
    pages, rebuilt = _previous_pages(outputs.folder), []
    if edition is None and not diagnostics.failing(strict=False):
        diagnostics.error("placeholder", "the edition cannot be built until its placeholders are filled in", Location(folder))
    if edition is not None and not diagnostics.failing(strict):
        rebuilt = list(targets) if force else state.stale(outputs.folder, folder.parent, targets)
        documents = _rendered(edition, rebuilt, templates, diagnostics)
        for document in documents:
            outputs.write_bytes(document.name, document.content)
        pages.update(_typeset(outputs, [d for d in documents if d.typeset], edition, diagnostics))
    write_report(outputs, folder.name, diagnostics, strict, edition, pages)
    if diagnostics.failing(strict):
        state.forget(outputs.folder)
        raise DiagnosticsError(diagnostics.sorted())
    state.record(outputs.folder, folder.parent, {t: inputs_of(edition, t, templates) for t in rebuilt})
    return diagnostics


def inputs_of(edition: Edition, target: str, templates: Path | None) -> list[Path]:
    """The exact files a target's outputs are made from (the tool's own files are counted apart)."""
    folder, data = edition.folder, edition.folder.parent
    files = [folder / name for name in ("edition.yaml", "people.yaml", "roles.yaml", "schedule.yaml", "references.bib")]
    files.append(data / "series.yaml")
    if edition.previous:
        files += [data / edition.previous.name / "edition.yaml", data / edition.previous.name / "roles.yaml"]
    files += [p.location.path for p in _prose_of(edition, target)]
    if target != "proposal":  # the call page and the flyer read both files
        files += [folder / "call.yaml", folder / "site.yaml"]
    files += sorted(templates.rglob("*")) if templates else []
    return sorted(set(files))


def _prose_of(edition: Edition, target: str) -> list[Prose]:
    if target == "proposal":
        return [p for p in (edition.abstract, *(p for s in edition.sections for p in s.parts)) if isinstance(p, Prose)]
    call = list(edition.call.prose) if edition.call else []
    site = [p for page in edition.site.pages for p in page.prose] if edition.site and target == "site" else []
    return call + site


def _previous_pages(folder: Path) -> dict:
    """The page reports of the last build, for the documents this build does not redo."""
    try:
        return json.loads((folder / "report.json").read_text()).get("pages") or {}
    except (OSError, ValueError):
        return {}


def _rendered(edition: Edition, targets, templates: Path | None, diagnostics: Diagnostics) -> list[Document]:
    """Every document, or none if a template fails (reported): nothing is written half-rendered."""
    try:
        return render_documents(edition, targets, templates)
    except TemplateProblem as problem:
        diagnostics.items.append(problem.diagnostic)
        return []


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
        pages = PAGE_CHECKS[document.name](edition, pdf, diagnostics) if pdf else None
        if tex.with_suffix(".log").exists():
            outputs.move(tex.with_suffix(".log").name, tex.with_suffix(".log"))
        if pdf:
            outputs.move(pdf.name, pdf)
        return pages
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
