"""What each output was built from, so that a rebuild redoes only what changed.

Inputs are recorded where files are read (``load`` and the template loader), hashed as read. A
target's inputs: every YAML and BibTeX file read while reading the edition, the Markdown texts
its documents render, the templates they load, and the keys cited in the edition, in order.

Kept light on purpose: deciding that nothing changed imports nothing heavy and starts no TeX.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from .. import plugins
from ..diagnostics import display_path
from ..exceptions import UsageError
from ..files import file_hash, is_inside, replace_atomically
from ..registry import BUILD, products_of
from ..settings import ENGINES, PACKAGE
from ..source.editions import output_folder
from ..vocabulary import REPORT

if TYPE_CHECKING:
    from ..source.load import Reads

STATE_FILE = ".proposalgen-state.json"


def templates_folder(data: Path, given: Path | None) -> Path | None:
    """The folder of templates overriding ours: ``--templates``, else the data folder's own."""
    if given and not given.is_dir():
        raise UsageError(f"--templates {display_path(given)}: no such folder")
    folder = given or data / "templates"
    if not given and folder.is_dir() and not is_inside(folder, data):
        raise UsageError(f"{display_path(folder)} leads outside the data folder through a symlink; pass --templates to use templates from elsewhere")
    return folder if folder.is_dir() else None


def out_and_templates(folder: Path, out: Path, templates: Path | None) -> tuple[Path, Path | None]:
    """The output folder (never in the data folder) and the templates folder in use, as ``--out``
    and ``--templates`` give them, for the edition in ``folder``."""
    return output_folder(out, folder.parent), templates_folder(folder.parent, templates and templates.resolve())


def identity(folder: Path, templates: Path | None, out: Path) -> dict:
    """What every output of the edition in ``folder`` depends on besides the files it read: the
    data folder, the tool's code and the plugins', the engine, and the paths in the data and
    templates folders (``out``, the output folder, aside): another templates folder that
    overrides nothing is the same."""
    data = folder.parent
    return {"data": str(data), "tool": tool_identity(), "plugins": plugins.identity(), "engine": engine_identity(),
            "listing": listing([data, templates] if templates else [data], skip=out)}


def tool_identity() -> str:
    """The tool's code: a change to it rebuilds everything (its templates and venue presets are
    recorded where they are read, like the user's files)."""
    return hashlib.sha256("".join(file_hash(p) for p in sorted(PACKAGE.rglob("*.py"))).encode()).hexdigest()


def engine_identity() -> str:
    """The TeX engines as installed (their paths, sizes and dates), told without starting them:
    which one an edition uses is written in its edition.yaml, a file every build reads."""
    return ";".join(_installed(engine) for engine in ENGINES)


def _installed(engine: str) -> str:
    path = shutil.which(engine)
    if path is None:
        return "missing"
    stat = os.stat(os.path.realpath(path))
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def listing(folders: list[Path], skip: Path) -> str:
    """The names of every file and folder under ``folders`` but ``skip`` and those editors leave
    (hidden, backups): a new edition renumbers the others, a file that now exists is read where
    none was (an earlier edition's site.yaml, a template override), one that nothing reads is
    reported."""
    return hashlib.sha256("\n".join(name for folder in folders for name in walked(folder, skip)).encode()).hexdigest()


def walked(folder: Path, skip: Path | None = None) -> Iterator[str]:
    """The paths of every folder (ending with "/") and file under ``folder``, in a fixed order,
    but ``skip`` and those editors leave (hidden, backups)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if _kept(d) and Path(root, d) != skip)
        yield from [os.path.join(root, d) + "/" for d in dirs] + sorted(os.path.join(root, f) for f in files if _kept(f))


def _kept(name: str) -> bool:
    return not name.startswith(".") and not name.endswith("~")


def cited_digest(keys: list[str]) -> str:
    """The keys cited in the edition, in the order that numbers every document's bibliography."""
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


class Disk:
    """The files as they are now, each hashed once per decision."""

    def __init__(self) -> None:
        self.hashes: dict[str, str] = {}

    def holds(self, files: Mapping[str, str | None]) -> bool:
        """Whether every file still has the recorded hash (a hash not recorded never matches)."""
        return all(self._hash(path) == recorded for path, recorded in files.items())

    def _hash(self, path: str) -> str:
        if path not in self.hashes:
            self.hashes[path] = file_hash(Path(path))
        return self.hashes[path]


def stale(out: Path, sources: dict, targets) -> list[str]:
    """The targets whose identity, recorded files or products are not what they were (whether
    the keys cited changed is known only after reading: see ``cited_changed``)."""
    recorded, disk = _load(out), Disk()
    return [t for t in targets if not _fresh(recorded.get(t), sources, out, t, disk)]


def unchanged(out: Path, sources: dict, targets) -> bool:
    """Whether nothing changed since the last build of exactly these targets: every file it read
    is as it read it, so its report holds and no check needs to run again."""
    recorded, disk = _load(out), Disk()
    report = recorded.get("report")
    # The report is replayed as recorded: one damaged or edited since is made again.
    if not (_same(report, sources) and report.get("targets") == list(targets) and disk.holds({str(out / REPORT): report.get("hash")})):
        return False
    return disk.holds(report["read"]) and all(_fresh(recorded.get(t), sources, out, t, disk) for t in targets)


def cited_changed(out: Path, targets, cited: str) -> list[str]:
    """The targets built when other keys were cited (their bibliography lists others now)."""
    recorded = _load(out)
    return [t for t in targets if recorded.get(t, {}).get("cited") != cited]


def _same(entry: dict | None, sources: dict) -> TypeGuard[dict]:
    return entry is not None and all(entry.get(k) == v for k, v in sources.items())


def _fresh(entry: dict | None, sources: dict, out: Path, target: str, disk: Disk) -> bool:
    if not _same(entry, sources) or not all((out / name).exists() for name in products_of(BUILD, target)):
        return False
    return disk.holds(entry["inputs"])


def record(out: Path, sources: dict, targets, reading: Reads, rendered: dict[str, Reads], cited: str) -> None:
    """Remembers what this build read and checked for ``targets``, and the inputs of those it
    rendered (the others keep their entries)."""
    state = _load(out)
    state["report"] = {**sources, "targets": list(targets), "read": reading.files, "hash": file_hash(out / REPORT)}
    state.update({target: {**sources, "inputs": _inputs(reading, reads), "cited": cited} for target, reads in rendered.items()})
    replace_atomically(out / STATE_FILE, json.dumps(state, indent=1).encode())


def _inputs(reading: Reads, rendering: Reads) -> dict[str, str]:
    """A target's files: those read while reading the edition, but the Markdown texts that its
    documents do not render, and the templates they loaded."""
    kept = {path: h for path, h in reading.files.items() if path not in reading.texts or path in rendering.rendered}
    return kept | rendering.files


def forget(out: Path, rendered) -> None:
    """After a failed build: its report is not to be repeated, and the targets it rendered may
    have written some of their files; the other targets' entries still hold."""
    state = _load(out)
    kept = {key: entry for key, entry in state.items() if key not in ("report", *rendered)}
    if not kept:
        (out / STATE_FILE).unlink(missing_ok=True)
    elif kept != state:
        replace_atomically(out / STATE_FILE, json.dumps(kept, indent=1).encode())


def _load(out: Path) -> dict:
    """The state recorded in ``out``; empty (everything is rebuilt) when there is none, or it is
    damaged: unreadable, not UTF-8 or JSON, or not the shape this module writes."""
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if _well_formed(state) else {}


def _well_formed(state) -> bool:
    entries = state.values() if isinstance(state, dict) else [None]
    return all(isinstance(e, dict) and isinstance(e.get("inputs", e.get("read")), dict) for e in entries)
