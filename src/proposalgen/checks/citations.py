"""Citations: every key cited is defined, every reference is cited."""
from __future__ import annotations

from ..diagnostics import Diagnostics, did_you_mean
from ..model.edition import Edition


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    """Undefined keys are errors where they are cited; references never cited are warnings. Each
    needs the other side read whole: a key may be defined in an entry, or cited in a text, that
    could not be read. Without references.bib at all, the file's absence is reported once
    instead (files_and_links)."""
    if bibliography_missing(edition):
        return
    known = {r.key for r in edition.references}
    cited = set()
    for prose in edition.prose:
        for use in prose.citations:
            cited.add(use.key)
            if use.key not in known and "references" not in edition.unread:
                diagnostics.error("cite", f"undefined citation '@{use.key}'{did_you_mean(use.key, known)}", use.location)
    for reference in edition.references:
        if reference.key not in cited and "prose" not in edition.unread:
            diagnostics.warning("cite", f"reference '{reference.key}' is never cited", reference.location)


def bibliography_missing(edition: Edition) -> bool:
    """Whether the edition has no references.bib at all (a link that leads nowhere is one)."""
    path = edition.folder / "references.bib"
    return not (path.exists() or path.is_symlink())
