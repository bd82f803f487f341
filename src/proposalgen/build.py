"""``proposalgen build``: decides what to redo, starts TeX on it at once, then runs the pipeline.

Kept light on purpose: TeX loads the preamble's packages, most of a pdflatex pass, while the
pipeline's modules are imported and the source is read, checked and rendered.
"""
from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import state
from .state import ENGINE
from .compile import EarlyRun
from .formats import FormatDump, cached_format

if TYPE_CHECKING:
    from .pipeline import Built


def build(folder: Path, out: Path, targets: tuple[str, ...], strict: bool, templates: Path | None, force: bool = False) -> Built:
    """Builds the targets' outputs into ``out/<edition>/``, redoing only those whose inputs changed
    (all of them with ``force``); every check runs all the same. Raises ``DiagnosticsError`` when
    the build fails."""
    templates = state.templates_folder(folder.parent, templates)
    sources = state.identity(folder, templates, out)
    rebuilt = tuple(targets) if force else tuple(state.stale(out / folder.name, sources, targets))
    with _early_runs(rebuilt, templates) as early:
        from .pipeline import Plan, run  # only now: TeX works while these modules load

        return run(Plan(folder, out / folder.name, tuple(targets), rebuilt, strict, templates, sources), early)


@contextlib.contextmanager
def _early_runs(targets: tuple[str, ...], templates: Path | None) -> Iterator[dict[str, EarlyRun]]:
    """TeX started on the preamble of each LaTeX document the targets make, from the preamble's
    cached format if there is one (else the format is dumped beside, for the next build); all
    stopped and cleaned up on the way out however the build ends."""
    documents = _latex_documents(targets)
    if not documents or not shutil.which(ENGINE):
        yield {}
        return
    preamble = _preamble(templates)
    preloaded = cached_format(preamble)
    dump = None if preloaded else FormatDump(preamble)
    runs: dict[str, EarlyRun] = {}
    try:
        for name in documents:
            runs[name] = EarlyRun(name, preamble, preloaded)
        yield runs
    finally:
        for early in runs.values():
            early.close()
        if dump:
            dump.wait()
        if preloaded and any(early.ended_unread for early in runs.values()):
            preloaded.unlink(missing_ok=True)  # damaged: the next build dumps it again


def _latex_documents(targets: tuple[str, ...]) -> list[str]:
    return [product.removesuffix(".pdf") + ".tex" for t in targets for product in state.PRODUCTS[t] if product.endswith(".pdf")]


def _preamble(templates: Path | None) -> bytes:
    """The preamble template as written: what every LaTeX document is expected to begin with (a
    document that does not is compiled the usual way)."""
    folders = [templates] if templates else []
    found = next(f / "preamble.tex" for f in [*folders, state.PACKAGE_TEMPLATES / "latex"] if (f / "preamble.tex").is_file())
    return found.read_bytes()
