"""Characters: every one that reaches LaTeX can be typeset by the edition's engine."""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import partial

from ..diagnostics import Diagnostics, Location, shown
from ..model.edition import Edition
from ..text.latex import typesettable


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    for field, text, where in edition.texts:
        _check(edition.engine, field, text, where, diagnostics)
    for prose in edition.prose:
        for number, line in enumerate(prose.lines):
            _check(edition.engine, "text", line, partial(prose.at, number), diagnostics)


def _check(engine: str, field: str, text: str, where: Location | Callable[[int], Location], diagnostics: Diagnostics) -> None:
    """``where``: the value's location, or where each column of a line of prose is written."""
    if typesettable(unicodedata.normalize("NFC", text), engine):
        return
    start, letter = next((i, c) for i, c in _letters(text) if not typesettable(unicodedata.normalize("NFC", c), engine))
    # The character of the letter to name: a mark that no letter before it takes, else the letter.
    offset, char = next(((k, c) for k, c in enumerate(letter) if not typesettable(c, engine)), (0, letter[0]))
    position = start + offset
    if callable(where):
        where = where(position)
    name = unicodedata.name(char, "a control character")
    diagnostics.error("character", f"{field}: {engine} cannot typeset '{shown(char)}' (U+{ord(char):04X} {name}) in '{shown(text[:60])}'", where,
                      hint=_remedy(char))


def _letters(text: str):
    """Each character of ``text`` with the combining marks after it, and its column: a letter
    written decomposed (e and a combining acute) is typeset composed, as pylatexenc reads it."""
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or not unicodedata.combining(text[end]):
            yield start, text[start:end]
            start = end


def _remedy(char: str) -> str:
    if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
        return "an invisible character (pasted from a web page, a PDF or a terminal): delete it"
    if typesettable(char, "lualatex"):
        return "write `engine: lualatex` in edition.yaml to typeset it, or transliterate it"
    return "transliterate it, or leave it out of the documents"
