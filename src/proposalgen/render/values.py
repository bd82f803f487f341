"""Prose values: the prose of the edition with its ``{{ values }}`` filled in."""
from __future__ import annotations

from collections.abc import Mapping

from ..diagnostics import Diagnostics, Location
from ..model.edition import Prose


def parse_filled(text: str, location: Location, values: Mapping, diagnostics: Diagnostics) -> Prose:
    """The prose with its ``{{ ... }}`` values filled in; its positions stay those of ``text``."""
    if "{{" not in text and "{%" not in text:
        return Prose.parsed(text, location)
    from . import filling  # Jinja: imported only when some prose has values

    return filling.parse_filled(text, location, values, diagnostics)
