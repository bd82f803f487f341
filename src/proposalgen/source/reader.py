"""What every part of an edition is read with: its folder, where problems go, what could not be read."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostics
from . import load
from .editions import edition_names
from .format import FILES
from .schema import Fields

if TYPE_CHECKING:
    from ..model.edition import Prose


@dataclass
class Reader:
    """State of one read: the edition folder, where problems go, and the collections with a
    piece that could not be read (so that the checks depending on them are skipped)."""

    folder: Path
    diagnostics: Diagnostics
    targets: frozenset[str] = frozenset()  # the outputs being made: the keys they need are required
    unread: set[str] = dataclasses.field(default_factory=set)
    prose: dict[Path, Prose | None] = dataclasses.field(default_factory=dict)  # each prose file read, by its path

    def fields(self, name: str) -> Fields | None:
        return self._fields_at(self.folder / name)

    def series_fields(self) -> Fields | None:
        """data/series.yaml, beside the edition folders."""
        return self._fields_at(self.folder.parent / "series.yaml")

    def _fields_at(self, path: Path) -> Fields | None:
        if not load.kept_inside(path, self.folder.parent, self.diagnostics):
            return None
        node = load.load_yaml(path, self.diagnostics)
        return Fields.of(node, path, self.diagnostics, "", FILES[path.name], self.targets) if node is not None else None

    def optional_fields(self, name: str) -> Fields | None:
        """Like ``fields``, for a file the edition may leave out; None, silently, when it does.
        When it cannot be read, the prose it names is unknown."""
        if not (self.folder / name).exists():
            return None
        fields = self.fields(name)
        if fields is None:
            self.unread.add("prose")
        return fields


def finished(fields: Fields | None, build):
    """``build(fields)``, then the unknown keys of ``fields`` reported; None for a missing mapping."""
    if fields is None:
        return None
    value = build(fields)
    fields.finish()
    return value


def other_editions(folder: Path) -> list[str]:
    return [name for name in edition_names(folder.parent) if name != folder.name]
