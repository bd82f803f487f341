"""Writing outputs: each path once per build, each file replaced atomically."""
from __future__ import annotations

from pathlib import Path

from ..exceptions import ProposalError
from ..files import replace_atomically


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
