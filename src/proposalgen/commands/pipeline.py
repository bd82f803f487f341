"""The build's pipeline: read, check, render, write, then typeset each LaTeX document in one pass."""
from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from ..exceptions import DiagnosticsError
from ..model.edition import Edition
from ..registry import BUILD, Output, Request, function, outputs_of, render
from ..render.documents import Document, TemplateProblem, bibliography_of, cited_keys
from ..render.values import with_values_filled
from ..render.website import calendar_name
from ..report.output import Outputs
from ..report.report import recorded_pages, write_report
from ..source import load
from ..source.edition import read_edition
from ..typeset.compile import EarlyRun, Preloaded, compile_tex
from ..typeset.formats import ENGINE as FORMAT_ENGINE
from ..typeset.formats import FormatDump, cached_format
from ..typeset.origins import written_values
from ..typeset.pages import PageReport
from ..vocabulary import SITE_DEFAULTS
from . import state

# What a site build writes besides photos and the day's calendar: a page of each kind.
SITE_PAGES = tuple(f"site/{kind}.md" for kind in SITE_DEFAULTS)

@dataclass(frozen=True)
class Plan:
    """One build: the edition's folder, its output folder, the targets asked for, those of them
    whose files changed (rebuilt), and what every output depends on (``state.identity``)."""

    folder: Path
    out: Path
    targets: tuple[str, ...]
    rebuilt: tuple[str, ...]
    strict: bool
    templates: Path | None
    sources: dict


@dataclass(frozen=True)
class Built:
    """What a build found and which of its targets it wrote (the others were up to date)."""

    diagnostics: Diagnostics
    rebuilt: tuple[str, ...]
    empty: tuple[str, ...] = ()  # those of them that had nothing to write (a site.yaml listing no page)


@dataclass(frozen=True)
class Rendered:
    """One output's documents."""

    output: Output
    documents: list[Document]


@dataclass(frozen=True)
class Rendering:
    """A target's outputs, rendered, and what rendering them read."""

    outputs: list[Rendered]
    reads: load.Reads


def run(plan: Plan, early: dict[str, EarlyRun]) -> Built:
    """Reads and checks the source, renders the rebuilt targets' documents, writes them and
    typesets the LaTeX ones (through ``early``, the runs TeX started on their preamble).

    Nothing is written before the source has been read, checked and every document rendered; a
    PDF is replaced only by one that compiled. Raises ``DiagnosticsError`` when the build fails.
    """
    diagnostics = Diagnostics()
    with load.recording() as reading:
        edition = with_values_filled(read_edition(plan.folder, diagnostics, plan.targets), diagnostics)
        _refuse_lua_templates(edition, plan.templates, diagnostics)
        _refuse_lua_kit(edition, diagnostics)
        ahead = _sent_ahead(edition, plan, diagnostics, early)
        from ..checks import run_checks  # once TeX has the documents: the checks' modules are a third of what a build imports

        run_checks(edition, diagnostics, plan.targets)
    if not edition.complete and not diagnostics.failing(strict=False):
        diagnostics.error("placeholder", "the edition cannot be built until its placeholders are filled in", Location(plan.folder))
    outputs = Outputs(plan.out)
    pages, rendered = recorded_pages(outputs.folder), {}  # those of the documents not redone
    if not diagnostics.failing(plan.strict):
        cited = ahead.cited if ahead else state.cited_digest(cited_keys(edition))
        rendered = ahead.rendered if ahead else _rendered(edition, _rebuilt(plan, cited), plan.templates, diagnostics)
        diagnostics.items += ahead.diagnostics.items if ahead else []
        pages.update(_written(outputs, rendered, edition, diagnostics, early))
    write_report(outputs, plan.folder.name, diagnostics, plan.strict, edition, pages)
    if diagnostics.failing(plan.strict):
        state.forget(outputs.folder, rendered)
        raise DiagnosticsError(diagnostics.sorted())
    state.record(outputs.folder, plan.sources, plan.targets, reading, {t: r.reads for t, r in rendered.items()}, cited)
    return Built(diagnostics, tuple(rendered), tuple(t for t, r in rendered.items() if not any(o.documents for o in r.outputs)))


@dataclass(frozen=True)
class Ahead:
    """The documents rendered before the checks ran, what rendering them noted, and the digest
    of the keys cited that chose the targets redone."""

    rendered: dict[str, Rendering]
    diagnostics: Diagnostics
    cited: str


def _sent_ahead(edition: Edition, plan: Plan, diagnostics: Diagnostics, early: dict[str, EarlyRun]) -> Ahead | None:
    """Renders the documents as soon as the source is read and hands each LaTeX one to its early
    run, so that TeX typesets while the checks run; their PDFs are kept only if the checks then
    pass, and nothing reaches the output folder before. None when there is no early run, when
    reading failed, or when rendering did: a value the checks are about to report (a character no
    engine sets, a template's error) is rendered again after them, the usual way."""
    if not early or diagnostics.failing(plan.strict) or not edition.complete:
        return None
    own, cited = Diagnostics(), state.cited_digest(cited_keys(edition))
    try:
        rendered = _rendered(edition, _rebuilt(plan, cited), plan.templates, own)
    except Exception:  # data the checks refuse (a year 9999 a calendar cannot hold): rendered after them, or not at all
        return None
    if own.failing(strict=False):
        return None
    for output in (r for rendering in rendered.values() for r in rendering.outputs if r.output.typeset_into):
        for document in (d for d in output.documents if d.name in early and early[d.name].engine == edition.engine):
            _put(early[document.name].folder, [d for d in output.documents if d is not document])
            early[document.name].send(document.content)
    return Ahead(rendered, own, cited)


def _refuse_lua_templates(edition: Edition, templates: Path | None, diagnostics: Diagnostics) -> None:
    """LaTeX templates of the data folder's own, which may come from a stranger, are not typeset
    with lualatex: its Lua code can write any file (luaotfload refuses LuaTeX's --safer)."""
    for template in sorted(templates.rglob("*.tex")) if templates and edition.engine == "lualatex" else ():
        diagnostics.error("engine", "a LaTeX template of your own is not typeset with lualatex, whose Lua code could write any file",
                          Location(template), hint="use engine: pdflatex, or leave the template out")


def _refuse_lua_kit(edition: Edition, diagnostics: Diagnostics) -> None:
    """A venue's style kit, TeX code from the data folder like a template of its own, is not
    typeset with lualatex either."""
    style = edition.venue.style if edition.venue and edition.engine == "lualatex" else None
    for path in style.files if style else ():
        diagnostics.error("engine", "a style kit's file is not typeset with lualatex, whose Lua code could write any file",
                          Location(path), hint="use engine: pdflatex, or leave the kit out")


def _rebuilt(plan: Plan, cited: str) -> tuple[str, ...]:
    """The targets whose files changed, and those whose files did not but whose bibliography did
    (a citation added to a text they do not show)."""
    others = [t for t in plan.targets if t not in plan.rebuilt]
    return (*plan.rebuilt, *state.cited_changed(plan.out, others, cited))


def _written(outputs: Outputs, rendered: dict[str, Rendering], edition: Edition, diagnostics: Diagnostics,
             early: dict[str, EarlyRun]) -> dict[str, dict]:
    """Writes the documents, then typesets the LaTeX ones: their page reports."""
    every = [r for rendering in rendered.values() for r in rendering.outputs]
    for document in (d for r in every for d in r.documents):
        outputs.write_bytes(document.name, document.content)
    if "site" in rendered:
        _remove_unwritten_pages(outputs, {d.name for r in rendered["site"].outputs for d in r.documents}, edition)
    return _typeset(outputs, [(r, d) for r in every if r.output.typeset_into for d in r.documents if d.name.endswith(".tex")], edition, diagnostics, early)


def _remove_unwritten_pages(outputs: Outputs, written: set[str], edition: Edition) -> None:
    """Removes the site's pages (and calendar) that an earlier build wrote and this one does
    not, their data being gone, so that copying site/ brings back no page that should not be."""
    for name in (*SITE_PAGES, f"site/{calendar_name(edition)}"):
        if name not in written:
            (outputs.folder / name).unlink(missing_ok=True)
            _remove_empty_folders(outputs.folder / name, outputs.folder / "site")


def _remove_empty_folders(removed: Path, top: Path) -> None:
    """The folders that held only ``removed`` (site/assets/2026/ held only the calendar), up to ``top``."""
    for folder in removed.parents:
        if folder == top or not folder.is_dir() or any(folder.iterdir()):
            return
        folder.rmdir()


def _rendered(edition: Edition, targets, templates: Path | None, diagnostics: Diagnostics) -> dict[str, Rendering]:
    """Every target's documents, or none if a template fails (reported): nothing is written
    half-rendered."""
    if not targets:
        return {}  # the checks only: no bibliography to build
    request = Request(bibliography_of(edition), templates, diagnostics)
    try:
        return {target: _rendering(edition, target, request) for target in targets}
    except TemplateProblem as problem:
        diagnostics.items.append(problem.diagnostic)
        return {}


def _rendering(edition: Edition, target: str, request: Request) -> Rendering:
    with load.recording() as reads:
        rendered = [Rendered(output, render(output, edition, request)) for output in outputs_of(BUILD, (target,))]
    return Rendering(rendered, reads)


def _typeset(outputs: Outputs, documents: list[tuple[Rendered, Document]], edition: Edition, diagnostics: Diagnostics,
             early: dict[str, EarlyRun]) -> dict[str, dict]:
    """Compiles the LaTeX documents side by side (they are independent), each in one pass, the
    files their output renders beside them (the images of prose)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            reports = list(pool.map(lambda od: _compile_into(outputs, od[0], od[1], edition, diagnostics, early.get(od[1].name)), documents))
        except BaseException:  # Ctrl-C or SIGTERM, say: stop TeX's passes rather than wait for them
            for run in early.values():
                run.interrupt()
            raise
    return {d.name.removesuffix(".tex"): r.as_json() for (_, d), r in zip(documents, reports) if r is not None}


def _compile_into(outputs: Outputs, rendered: Rendered, document: Document, edition: Edition, diagnostics: Diagnostics,
                  early: EarlyRun | None) -> PageReport | None:
    """Compiles in a scratch folder of its own (so builds running at once cannot mix their
    files), checks the pages, then moves the log and the PDF into place."""
    shown_as, output = outputs.folder / document.name, rendered.output
    beside = [d for d in rendered.documents if d is not document]
    with tempfile.TemporaryDirectory(prefix="proposalgen-") as scratch:
        tex, pdf = _compiled(Path(scratch) / document.name, document, beside, shown_as, edition, diagnostics, early)
        pages = function(output.pages)(edition, pdf, diagnostics) if pdf and output.pages else None
        if tex.with_suffix(".log").exists():
            outputs.move(tex.with_suffix(".log").name, tex.with_suffix(".log"))
        if pdf:
            outputs.move(pdf.name, pdf)
        return pages


def _compiled(tex: Path, document: Document, beside: list[Document], shown_as: Path, edition: Edition, diagnostics: Diagnostics,
              early: EarlyRun | None) -> tuple[Path, Path | None]:
    """The LaTeX file TeX read and its PDF (None if it failed): through the early run when the
    document begins with the preamble it guessed with the engine the edition names, else in a
    pass of its own at ``tex``."""
    if early is not None and early.engine == edition.engine:
        if not early.sent:  # else its files are there already, and TeX may be reading them
            _put(early.folder, beside)
        used, pdf = early.finish(document.content, shown_as, edition.folder, diagnostics, values=written_values(edition))
        if used:
            return early.tex, pdf
    _put(tex.parent, beside)
    tex.write_bytes(document.content)
    with _format_of(document, edition.engine) as preloaded:
        return tex, compile_tex(tex, edition.engine, shown_as, edition.folder, diagnostics, values=written_values(edition),
                                kit=document.kit, preloaded=preloaded)


@contextlib.contextmanager
def _format_of(document: Document, engine: str) -> Iterator[Preloaded | None]:
    """The cached format of the preamble of a document in a venue's class; none the first time,
    while it is dumped beside the pass for the next build. None for a document with a style kit,
    whose files are not among those a format records (a changed kit would go unseen)."""
    preamble = document.preamble if engine == FORMAT_ENGINE and not document.kit else b""
    if not preamble or not document.content.startswith(preamble):
        yield None
        return
    cached = cached_format(preamble)
    dump = None if cached else FormatDump(preamble)
    try:
        yield Preloaded(cached, preamble) if cached else None
    finally:
        if dump:
            dump.wait()


def _put(folder: Path, documents: list[Document]) -> None:
    """Writes ``documents`` in the folder TeX compiles in, where it reads what the document includes."""
    for document in documents:
        (folder / document.name).parent.mkdir(parents=True, exist_ok=True)
        (folder / document.name).write_bytes(document.content)
