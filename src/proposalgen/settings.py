"""What every stage may know of the installation: the TeX engines, the package's own files, the
user's cache and the version."""
from __future__ import annotations

import os
from pathlib import Path

# The TeX engines an edition can choose (`engine:` in edition.yaml), the default first; their
# identities are inputs of every PDF.
ENGINES = ("pdflatex", "lualatex")
PACKAGE = Path(__file__).parent
PACKAGE_TEMPLATES = PACKAGE / "templates"


def user_cache(kind: str) -> Path | None:
    """A folder of the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``) for what builds can
    share and a build can do without; None when it cannot be written."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = root / "proposalgen" / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def version() -> str:
    """The installed version, which pyproject.toml sets (the one place it is written)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("proposalgen")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"
