"""Files read and written whole, as every stage needs them: a file's hash, and a file replaced in
one step (readers see the old or the new one, never half of one)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .diagnostics import display_path
from .exceptions import WriteError


def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, its '..' and symlinks followed, is in ``folder``. Raises OSError,
    ValueError or RuntimeError (a symlink loop, before Python 3.13) for a name the system refuses."""
    return path.resolve().is_relative_to(folder.resolve())


def replace_atomically(target: Path, data: bytes) -> None:
    """Writes ``data`` beside ``target`` (making its folder) and renames it over: readers see the
    old or the new file, never part of one, whatever stops the writing."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
    except OSError as e:
        raise WriteError(f"cannot write {display_path(target)}: {e.strerror or e}") from e


def _replace(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    # os.umask can only be read by setting it; it is put back at once.
    current = os.umask(0o022)
    os.umask(current)
    return current
