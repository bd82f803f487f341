"""What each output was built from, so that a rebuild redoes only what changed.

Kept light on purpose: deciding that nothing changed imports nothing heavy and starts no TeX.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

STATE_FILE = ".proposalgen-state.json"
ENGINE = "pdflatex"  # the one TeX engine: its identity is an input of every PDF
PACKAGE = Path(__file__).parent
PACKAGE_TEMPLATES = PACKAGE / "templates"
# What each target gives the user; a build of "all" builds every target.
PRODUCTS = {"proposal": ("proposal.pdf",), "cfp": ("cfp.pdf", "cfp.md", "cfp.txt", "dates.ics"), "site": ("site/",)}
TARGETS = tuple(PRODUCTS)


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


def targets_of(choice: str) -> tuple[str, ...]:
    return TARGETS if choice == "all" else (choice,)


def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def tool_identity() -> str:
    """The tool's own code and templates: a change to either rebuilds everything."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".tex", ".md", ".txt"))
    return hashlib.sha256("".join(file_hash(p) for p in files).encode()).hexdigest()


def engine_identity() -> str:
    """The TeX engine as installed (its path, size and date), told without starting it."""
    path = shutil.which(ENGINE)
    if path is None:
        return "missing"
    stat = os.stat(os.path.realpath(path))
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def data_listing(data: Path) -> str:
    """The series' edition folders (adding one changes later editions' numbers and links) and
    the names in data/templates (adding an override changes the outputs it overrides)."""
    editions = sorted(p.name for p in data.iterdir() if p.is_dir() and p.name.isdigit())
    templates = data / "templates"
    overrides = sorted(str(p.relative_to(templates)) for p in templates.rglob("*")) if templates.is_dir() else []
    return ",".join(editions) + "|" + ",".join(overrides)


def _shared(data: Path) -> dict:
    """What every output depends on: the tool, the engine, the editions and template overrides."""
    return {"tool": tool_identity(), "engine": engine_identity(), "listing": data_listing(data)}


def stale(out: Path, data: Path, targets) -> list[str]:
    """The targets whose recorded inputs, tool, engine or outputs are not what they were."""
    recorded, shared = _load(out), _shared(data)
    return [t for t in targets if not _fresh(recorded.get(t), shared, out, t)]


def _fresh(entry: dict | None, shared: dict, out: Path, target: str) -> bool:
    if entry is None or any(entry.get(k) != v for k, v in shared.items()):
        return False
    if not all((out / name).exists() for name in PRODUCTS[target]):
        return False
    return all(file_hash(Path(p)) == h for p, h in entry["inputs"].items())


def record(out: Path, data: Path, built: dict[str, list[Path]]) -> None:
    """Remembers the inputs of the targets just built (the others keep their entries)."""
    from .output import replace_atomically

    state, shared = _load(out), _shared(data)
    state.update({target: {**shared, "inputs": {str(p): file_hash(p) for p in inputs}} for target, inputs in built.items()})
    replace_atomically(out / STATE_FILE, json.dumps(state, indent=1).encode())


def forget(out: Path) -> None:
    (out / STATE_FILE).unlink(missing_ok=True)


def _load(out: Path) -> dict:
    try:
        return json.loads((out / STATE_FILE).read_text())
    except (OSError, ValueError):
        return {}
