"""Citations: every key cited is defined, every reference is cited."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Edition
from ..schema import did_you_mean


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    """Undefined keys are errors where they are cited; references never cited are warnings."""
    known = {r.key for r in edition.references}
    cited = set()
    for prose in edition.prose:
        for use in prose.citations:
            cited.add(use.key)
            if use.key not in known:
                diagnostics.error("cite", f"undefined citation '@{use.key}'{did_you_mean(use.key, known)}", use.location)
    for reference in edition.references:
        if reference.key not in cited:
            diagnostics.warning("cite", f"reference '{reference.key}' is never cited", reference.location)
