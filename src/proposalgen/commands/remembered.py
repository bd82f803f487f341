"""What the last `check` of an edition found, said again while nothing it depends on changed.

A check depends on the files it read (recorded with their hashes as read), on every file of the
data folder by name, size and time (a photo is measured, not read; a file that now exists may be
read), on our code and the plugins', on the outputs asked for, and on the day (a check reads the
clock: an award's day). When all of them are as they were, the diagnostics are the same, and an
editor that runs `check` on every save gets them at the cost of the look, not of a check.

Kept light on purpose: deciding imports nothing of the stages.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .. import plugins
from ..diagnostics import Diagnostic, Location
from ..files import replace_atomically
from ..settings import user_cache
from .state import Disk, tool_identity, walked

if TYPE_CHECKING:
    from ..source.load import Reads


def replayed(folder: Path, targets: tuple[str, ...]) -> list[Diagnostic] | None:
    """The diagnostics of the last check of ``folder`` for ``targets``, if it still holds."""
    path = _record(folder, targets)
    try:
        record = json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("sources") != _sources(folder, targets) or not Disk().holds(record.get("read", {})):
        return None
    return [_diagnostic(item) for item in record["diagnostics"]]


def remember(folder: Path, targets: tuple[str, ...], reads: Reads, found: list[Diagnostic]) -> None:
    """Records what this check read and found, for the next one (nothing when the cache cannot be written)."""
    path = _record(folder, targets)
    if path is not None:
        record = {"sources": _sources(folder, targets), "read": reads.files, "diagnostics": [_as_record(d) for d in found]}
        replace_atomically(path, json.dumps(record).encode())


def _record(folder: Path, targets: tuple[str, ...]) -> Path | None:
    cache = user_cache("checks")
    key = hashlib.sha256(f"{folder}\n{' '.join(targets)}".encode()).hexdigest()[:32]
    return cache / f"{key}.json" if cache else None


def _sources(folder: Path, targets: tuple[str, ...]) -> dict:
    return {"tool": tool_identity(), "plugins": plugins.identity(), "targets": list(targets),
            "today": today().isoformat(), "files": _measured(folder.parent)}


def today() -> datetime.date:
    return datetime.date.today()


def _measured(data: Path) -> str:
    """Every file and folder of the data folder, each file with its size and time (editors'
    hidden files and backups aside, as ``state.walked`` leaves them)."""
    return hashlib.sha256("\n".join(path if path.endswith("/") else _measure(path) for path in walked(data)).encode()).hexdigest()


def _measure(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:  # a symlink leading nowhere
        return f"{path} missing"
    return f"{path} {stat.st_size} {stat.st_mtime_ns}"


def _as_record(diagnostic: Diagnostic) -> dict:
    where = diagnostic.location
    return {"severity": diagnostic.severity, "code": diagnostic.code, "message": diagnostic.message,
            "file": str(where.path), "line": where.line, "column": where.column, "hint": diagnostic.hint}


def _diagnostic(item: dict) -> Diagnostic:
    return Diagnostic(item["severity"], item["code"], item["message"], Location(Path(item["file"]), item["line"], item["column"]), item["hint"])
