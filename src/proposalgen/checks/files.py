"""Files: every file of the edition folder is read; one that is not was probably meant to be."""
from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from ..model.edition import Edition
from .prose import image_paths

READ_BY_NAME = ("edition.yaml", "people.yaml", "roles.yaml", "schedule.yaml", "references.bib", "call.yaml", "site.yaml", "papers.csv")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    if edition.unread & {"sections", "prose", "people"}:
        return  # a file that could not be read was named, and is reported already
    photos = {edition.folder / os.path.normpath(p.photo_file) for p in edition.people if p.photo_file}
    read = {edition.folder / name for name in READ_BY_NAME} | {p.location.path for p in edition.prose} | photos | image_paths(edition)
    for path in sorted(_files(edition.folder)):
        if path not in read:
            diagnostics.warning("file", "this file is not read: nothing in the edition names it", Location(path),
                                hint="prose is read when edition.yaml's sections, call.yaml or site.yaml name its file, a photo when people.yaml does, an image when prose shows it")


def _files(folder: Path):
    """The edition's files, less those editors and systems leave beside them (hidden, backups)."""
    for path in folder.rglob("*"):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts) and not path.name.endswith("~"):
            yield path
