"""Characters: every one that reaches LaTeX can be typeset by the engine."""
from __future__ import annotations

import unicodedata
from typing import Callable

from ..diagnostics import Diagnostics, Location
from ..model import Edition
from ..state import ENGINE
from ..templating import typesettable
from .text import data_texts


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    for field, text, where in data_texts(edition):
        _check(field, text, where, diagnostics)
    for prose in edition.prose:
        for number, line in enumerate(prose.markdown.splitlines()):
            _check("text", line, lambda column: prose.at(number, column), diagnostics)


def _check(field: str, text: str, where: Location | Callable[[int], Location], diagnostics: Diagnostics) -> None:
    """``where``: the value's location, or where each column of a line of prose is written."""
    if typesettable(text):
        return
    position, char = next((i, c) for i, c in enumerate(text) if not typesettable(c))
    if callable(where):
        where = where(position)
    name = unicodedata.name(char, "a control character")
    diagnostics.error("character", f"{field}: {ENGINE} cannot typeset '{_shown(char)}' (U+{ord(char):04X} {name}) in '{_shown(text[:60])}'", where,
                      hint="transliterate it, or leave it out of the documents")


def _shown(text: str) -> str:
    """``text`` with control characters written as escapes, so the message prints them visibly."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
