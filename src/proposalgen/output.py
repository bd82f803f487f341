"""Writing outputs: each path once per build, each file replaced atomically."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .diagnostics import display_path
from .exceptions import ProposalError, WriteError


class DuplicateOutput(ProposalError):
    """Raised when one build would write the same output path twice (a bug in a template set)."""


class Outputs:
    """The files one build writes into its output folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.written: list[Path] = []

    def write_text(self, name: str, text: str) -> Path:
        return self.write_bytes(name, text.encode("utf-8"))

    def write_bytes(self, name: str, data: bytes) -> Path:
        target = self._claim(name)
        replace_atomically(target, data)
        return target

    def move(self, name: str, source: Path) -> Path:
        """Puts a finished file, made in a scratch folder that may be on another file system, in
        place in one step."""
        target = self._claim(name)
        replace_atomically(target, source.read_bytes())
        return target

    def _claim(self, name: str) -> Path:
        target = self.folder / name
        if target in self.written:
            raise DuplicateOutput(f"{target}: written twice in one build")
        self.written.append(target)
        return target


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
