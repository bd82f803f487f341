"""The folders a command names: an edition of the data folder, and the output folder beside it."""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import display_path
from ..exceptions import UsageError
from ..files import is_inside

# An edition is named by its year: ASCII digits only, so that a name is never a path ('..', '/')
# and every name reads as a number ('²' is a digit to Python, but no year).
_EDITION_NAME = re.compile(r"[0-9]{4}")


def is_edition_name(name: str) -> bool:
    return _EDITION_NAME.fullmatch(name) is not None


def require_edition_name(name: str) -> None:
    """Refuses a name given on the command line that cannot be an edition's."""
    if not is_edition_name(name):
        raise UsageError(f"'{name}': an edition is a folder of the data folder named by its year, such as 2030")


def edition_names(data: Path) -> list[str]:
    """The editions in ``data``, oldest first: folders named by their year."""
    if not data.is_dir():
        raise UsageError(f"{display_path(data)}: no such data folder")
    return sorted((p.name for p in data.iterdir() if is_edition_name(p.name) and p.is_dir()), key=int)


def edition_folder(data: Path, edition: str | None) -> Path:
    names = edition_names(data)
    if not names:
        raise UsageError(f"{display_path(data)}: holds no edition folder (a folder named by its year, such as {display_path(data / '2026')})")
    if edition is None:
        return data / names[-1]
    require_edition_name(edition)
    if edition not in names:
        raise UsageError(f"{display_path(data / edition)}: no such edition; editions: {', '.join(names)}")
    return data / edition


def output_folder(given: Path, data: Path) -> Path:
    """The folder ``--out`` names, resolved; refused when writing there could overwrite the data
    (it is in the data folder, by its path or a symlink) or cannot be a folder (it is a file)."""
    out = given.resolve()
    if is_inside(out, data):
        raise UsageError(f"--out {given} is in the data folder, which a build never writes; choose a folder outside it (default: build)")
    try:
        existing = next(p for p in (out, *out.parents) if p.exists())
    except OSError as e:
        raise UsageError(f"--out {given}: {e.strerror}") from e
    if not existing.is_dir():
        raise UsageError(f"--out {given}: {display_path(existing)} is a file, not a folder")
    return out
