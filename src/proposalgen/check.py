"""``proposalgen check``: read and check an edition without running LaTeX."""
from __future__ import annotations

from pathlib import Path

from .checks import run_checks
from .diagnostics import Diagnostics
from .model import Edition
from .read import read_edition


def check(folder: Path, diagnostics: Diagnostics, targets: tuple[str, ...] = ("proposal",)) -> Edition | None:
    """The edition in ``folder`` with every problem of its source for ``targets`` reported, in one run."""
    edition = read_edition(folder, diagnostics)
    if edition is not None:
        run_checks(edition, diagnostics, targets)
    return edition
