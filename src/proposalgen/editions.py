"""Finding edition folders in the data folder."""
from __future__ import annotations

from pathlib import Path

from .diagnostics import display_path
from .exceptions import UsageError


def edition_names(data: Path) -> list[str]:
    """The editions in ``data``, oldest first: folders named by their year."""
    if not data.is_dir():
        raise UsageError(f"{display_path(data)}: no such data folder")
    return sorted((p.name for p in data.iterdir() if p.is_dir() and p.name.isdigit()), key=int)


def edition_folder(data: Path, edition: str | None) -> Path:
    names = edition_names(data)
    if not names:
        raise UsageError(f"{display_path(data)}: holds no edition folder (a folder named by its year, such as {display_path(data / '2026')})")
    if edition is None:
        return data / names[-1]
    if edition not in names:
        raise UsageError(f"{display_path(data / edition)}: no such edition; editions: {', '.join(names)}")
    return data / edition
