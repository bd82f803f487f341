"""``proposalgen build``: decides what to redo, starts TeX on it at once, then runs the pipeline.

Kept light on purpose: TeX loads the preamble's packages, most of a pdflatex pass, while the
pipeline's modules are imported and the source is read, checked and rendered; and a no-op
rebuild, decided here, imports nothing that typesets.
"""
from __future__ import annotations

import contextlib
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..registry import BUILD, chosen, outputs_of, products_of
from ..settings import ENGINES, PACKAGE_TEMPLATES
from ..source.editions import edition_folder
from ..vocabulary import REPORT
from . import state
from .terminal import EXIT_ERRORS, EXIT_OK, print_diagnostics

# The templates every document in our own look begins with, in order (proposal.tex, cfp.tex).
PREAMBLE = ("article.tex", "preamble.tex")

if TYPE_CHECKING:
    from ..typeset.compile import EarlyRun
    from ..typeset.formats import FormatDump
    from .pipeline import Built


def run(args) -> int:
    """``proposalgen build TARGET``: builds what changed, or says again what the last build said
    when nothing did."""
    folder = edition_folder(args.data.resolve(), args.edition)
    targets = chosen(args.target)
    out, templates = state.out_and_templates(folder, args.out, args.templates)
    sources = state.identity(folder, templates, out)
    if not args.force and state.unchanged(out / folder.name, sources, targets):
        return _replay(out / folder.name, targets, args)
    built = build(folder, out, targets, args.strict, templates, sources, args.force)
    print_diagnostics(built.diagnostics.sorted())
    _print_products(args.out / folder.name, targets, built.rebuilt, built.empty)
    return EXIT_OK


def _replay(out: Path, targets, args) -> int:
    """Nothing changed since the last build: say what it said, and start nothing."""
    report = json.loads((out / REPORT).read_text())
    found = [Diagnostic.from_json(d) for d in report["diagnostics"]]
    print_diagnostics(found)
    if args.strict and found:
        return EXIT_ERRORS  # as the build would: its warnings fail it
    _print_products(args.out / out.name, targets, rebuilt=(), empty=())
    return EXIT_OK


def _print_products(folder: Path, targets, rebuilt, empty) -> None:
    """What became of each output: written by this build, or kept as the last build left it, or
    not written, the build having rendered nothing for it (the warnings say why)."""
    for target in targets:
        verb = "nothing written:" if target in empty else "wrote" if target in rebuilt else "up to date:"
        for product in products_of(BUILD, target):
            print(f"{verb} {folder / product}", file=sys.stderr)


def build(folder: Path, out: Path, targets: tuple[str, ...], strict: bool, templates: Path | None, sources: dict,
          force: bool = False) -> Built:
    """Builds the targets' outputs into ``out/<edition>/``, redoing only those whose inputs changed
    (all of them with ``force``); every check runs all the same. ``templates`` is the templates
    folder in use (``state.templates_folder``) and ``sources`` what every output depends on
    besides the files it reads (``state.identity``), both as the caller decided whether to build.
    Raises ``DiagnosticsError`` when the build fails."""
    rebuilt = tuple(targets) if force else tuple(state.stale(out / folder.name, sources, targets))
    with _early_runs(folder, rebuilt, templates) as early:
        from .pipeline import Plan, run

        return run(Plan(folder, out / folder.name, tuple(targets), rebuilt, strict, templates, sources), early)


@contextlib.contextmanager
def _early_runs(folder: Path, targets: tuple[str, ...], templates: Path | None) -> Iterator[dict[str, EarlyRun]]:
    """The edition's engine started on the preamble of each LaTeX document the targets make; for
    pdflatex, from the preamble's cached format if there is one (else the format is dumped
    beside, for the next build). All stopped and cleaned up on the way out however the build ends."""
    # Imported only now: a no-op rebuild ends in ``run``, before any of this, and starts no TeX.
    from ..typeset.compile import EarlyRun
    from ..typeset.formats import ENGINE as FORMAT_ENGINE
    from ..typeset.formats import FormatDump, cached_format

    documents, engine = _latex_documents(targets), _engine_guessed(folder)
    # A preamble of the data folder's own is not for lualatex, whose Lua code could write any file
    # (the pipeline refuses it), so it is not started on one.
    if not documents or not shutil.which(engine) or (engine == "lualatex" and templates):
        yield {}
        return
    preamble = _preamble(templates)
    preloaded = cached_format(preamble) if engine == FORMAT_ENGINE else None
    dump: FormatDump | None = None
    runs: dict[str, EarlyRun] = {}
    try:  # from the first engine on, so that an interrupt anywhere stops and cleans up what started
        dump = None if preloaded or engine != FORMAT_ENGINE else FormatDump(preamble)
        for name in documents:
            runs[name] = EarlyRun(name, preamble, engine, preloaded)
        yield runs
    finally:
        for early in runs.values():
            early.close()
        if dump:
            dump.wait()
        if preloaded and any(early.ended_unread for early in runs.values()):
            preloaded.unlink(missing_ok=True)  # damaged: the next build dumps it again


def _engine_guessed(folder: Path) -> str:
    """The engine edition.yaml names, guessed from its text without a YAML parser (a heavy import
    this early): a wrong guess only costs the early run, which the pipeline checks against the
    engine it reads."""
    try:
        named = re.search(rb"^engine:[ \t]*[\"']?(\w+)", (folder / "edition.yaml").read_bytes(), re.MULTILINE)
    except OSError:
        named = None
    return named[1].decode() if named and named[1].decode() in ENGINES else ENGINES[0]


def _latex_documents(targets: tuple[str, ...]) -> list[str]:
    return [output.name for output in outputs_of(BUILD, targets) if output.typeset_into]


def _preamble(templates: Path | None) -> bytes:
    """The preamble of our own look as its templates are written (the class and look, then the
    shared machinery): what every LaTeX document is expected to begin with (a document that does
    not, in a venue's class say, is compiled the usual way)."""
    return b"".join(_template(templates, name).read_bytes() for name in PREAMBLE)


def _template(templates: Path | None, name: str) -> Path:
    folders = [templates] if templates else []
    return next(f / name for f in [*folders, PACKAGE_TEMPLATES / "latex"] if (f / name).is_file())
