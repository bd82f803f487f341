"""The build's pipeline: read, check, render, write, then typeset each LaTeX document in one pass."""
from __future__ import annotations

import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import state
from .check import check
from .compile import EarlyRun, compile_tex
from .diagnostics import Diagnostics, Location
from .exceptions import DiagnosticsError
from .model import Edition, Prose
from .output import Outputs
from .pages import PageReport, check_one_page, check_page_limit
from .render import Document, TemplateProblem, render_documents
from .report import write_report

PAGE_CHECKS = {"proposal.tex": check_page_limit, "cfp.tex": check_one_page}


@dataclass(frozen=True)
class Plan:
    """One build: the edition's folder, its output folder, the targets asked for and those of
    them whose inputs changed (rebuilt)."""

    folder: Path
    out: Path
    targets: tuple[str, ...]
    rebuilt: tuple[str, ...]
    strict: bool
    templates: Path | None


def run(plan: Plan, early: dict[str, EarlyRun]) -> Diagnostics:
    """Reads and checks the source, renders the rebuilt targets' documents, writes them and
    typesets the LaTeX ones (through ``early``, the runs TeX started on their preamble).

    Nothing is written before the source has been read, checked and every document rendered; a
    PDF is replaced only by one that compiled. Raises ``DiagnosticsError`` when the build fails.
    """
    diagnostics = Diagnostics()
    edition = check(plan.folder, diagnostics, plan.targets)
    outputs = Outputs(plan.out)
    pages, rebuilt = _previous_pages(outputs.folder), []
    if not edition.complete and not diagnostics.failing(strict=False):
        diagnostics.error("placeholder", "the edition cannot be built until its placeholders are filled in", Location(plan.folder))
    if not diagnostics.failing(plan.strict):
        rebuilt = plan.rebuilt
        documents = _rendered(edition, rebuilt, plan.templates, diagnostics)
        for document in documents:
            outputs.write_bytes(document.name, document.content)
        pages.update(_typeset(outputs, [d for d in documents if d.typeset], edition, diagnostics, early))
    write_report(outputs, plan.folder.name, diagnostics, plan.strict, edition, pages)
    if diagnostics.failing(plan.strict):
        state.forget(outputs.folder)
        raise DiagnosticsError(diagnostics.sorted())
    state.record(outputs.folder, plan.folder.parent, {t: inputs_of(edition, t, plan.templates) for t in rebuilt})
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


def _typeset(outputs: Outputs, documents: list[Document], edition: Edition, diagnostics: Diagnostics,
             early: dict[str, EarlyRun]) -> dict[str, dict]:
    """Compiles the documents side by side (they are independent), each in one pass."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda d: _compile_into(outputs, d, edition, diagnostics, early.get(d.name)), documents))
    return {d.name.removesuffix(".tex"): r.as_json() for d, r in zip(documents, reports) if r is not None}


def _compile_into(outputs: Outputs, document: Document, edition: Edition, diagnostics: Diagnostics,
                  early: EarlyRun | None) -> PageReport | None:
    """Compiles in a scratch folder of its own (so builds running at once cannot mix their
    files), checks the pages, then moves the log and the PDF into place."""
    shown_as = outputs.folder / document.name
    with tempfile.TemporaryDirectory(prefix="proposalgen-") as scratch:
        tex, pdf = _compiled(Path(scratch) / document.name, document, shown_as, edition, diagnostics, early)
        pages = PAGE_CHECKS[document.name](edition, pdf, diagnostics) if pdf else None
        if tex.with_suffix(".log").exists():
            outputs.move(tex.with_suffix(".log").name, tex.with_suffix(".log"))
        if pdf:
            outputs.move(pdf.name, pdf)
        return pages


def _compiled(tex: Path, document: Document, shown_as: Path, edition: Edition, diagnostics: Diagnostics,
              early: EarlyRun | None) -> tuple[Path, Path | None]:
    """The LaTeX file TeX read and its PDF (None if it failed): through the early run when the
    document begins with the preamble it guessed, else in a pass of its own at ``tex``."""
    if early is not None:
        used, pdf = early.finish(document.content, shown_as, edition.folder, diagnostics)
        if used:
            return early.tex, pdf
    tex.write_bytes(document.content)
    return tex, compile_tex(tex, shown_as, edition.folder, diagnostics)
