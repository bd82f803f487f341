"""Text hygiene in every value: stray TABs and spaces, spaces around punctuation, unbalanced
brackets and quotes, and one label or title written two ways (capitals, a space after ':')."""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics, Location, display_path
from ..model.edition import Edition
from .text import field_kind, written_in_yaml

CODES = ("whitespace", "punctuation", "brackets", "capitals")

_SPACE_BEFORE = re.compile(r"(?<=\S)[ \t]+([,;:]|\.(?!\.))(?=\s|\Z)")
_NO_SPACE_AFTER = re.compile(r"(?<=\S)[,:](?=[^\W\d_])")
_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“"}
_ADDRESSES = ("url", "email", "contact")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Texts of people and addresses: their spellings are the other checks' (names, affiliations).
_NOT_LABELS = ("name", "affiliation", "position", "author", "authors", *_ADDRESSES)
_TWO_SPACES = re.compile(r"\S  +\S")
_SPACES = re.compile(r"\s+")
# Texts that may run over several lines: a talk's abstract and note.
_MULTILINE = ("abstract", "note")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    texts = list(dict.fromkeys((field, text, where) for field, text, where in edition.texts if text))
    for field, text, where in texts:
        _check_spaces(field, text, where, diagnostics)
        _check_brackets(field, text, where, diagnostics)
    _check_written_two_ways(texts, diagnostics)


def _check_spaces(field: str, text: str, where: Location, diagnostics: Diagnostics) -> None:
    if where.path.suffix != ".bib":  # BibTeX's fields run over lines, spaced as they come
        _check_whitespace(field, text, where, diagnostics)
    before = _SPACE_BEFORE.search(text)
    if before:
        diagnostics.warning("punctuation", f"{field}: a space before '{before[1]}' in '{text}'", where, hint=f"write '{before[1]}' right after the word")


def _check_whitespace(field: str, text: str, where: Location, diagnostics: Diagnostics) -> None:
    if "\t" in text and not written_in_yaml(where):  # YAML's reader reports a TAB, even one it strips
        diagnostics.warning("whitespace", f"{field}: a TAB in '{text}', which prints as a space", where, hint="write a space")
    elif "\n" in text and field_kind(field) not in _MULTILINE:
        diagnostics.warning("whitespace", f"{field}: a line break in '{text}', which prints as a space", where, hint="write it on one line")
    elif _TWO_SPACES.search(text):
        diagnostics.warning("whitespace", f"{field}: two spaces in a row in '{text}'", where, hint="write one")


def _check_brackets(field: str, text: str, where: Location, diagnostics: Diagnostics) -> None:
    if field_kind(field) in _ADDRESSES or _CONTROL.search(text):  # a terminal's escape "\x1b[1m" is reported as a character
        return
    problem = _unbalanced(text)
    if problem:
        diagnostics.warning("brackets", f"{field}: {problem} in '{text}'", where)


def _unbalanced(text: str) -> str:
    """What is unbalanced in ``text``: a bracket or curly quote never closed or never opened, an
    odd number of straight double quotes; "" when all is balanced."""
    opened: list[str] = []
    for char in text:
        if char in "([{“":
            opened.append(char)
        elif char in _PAIRS:
            if not opened or opened[-1] != _PAIRS[char]:
                return f"a '{char}' that closes no '{_PAIRS[char]}'"
            opened.pop()
    if opened:
        return f"a '{opened[-1]}' never closed"
    return "an odd number of '\"'" if text.count('"') % 2 else ""


def _check_written_two_ways(texts: list[tuple[str, str, Location]], diagnostics: Diagnostics) -> None:
    """A label or title written again with other capitals, or without the space after ':' or ','
    that it has elsewhere; the capitals are reported where the text is written the second way."""
    first: dict[str, tuple[str, str, Location]] = {}
    for field, text, where in texts:
        if field_kind(field) in _NOT_LABELS or where.path.suffix == ".bib":  # two works may share a title: "Deep learning", "Deep Learning"
            continue
        seen = first.setdefault(_spacing_key(text).casefold(), (field, text, where))
        if seen[1] == text:
            continue
        if _spacing_key(text) != _spacing_key(seen[1]):
            diagnostics.warning("capitals", f"{field}: '{text}' is written '{seen[1]}' at {_place(seen[2])}", where,
                                hint="write it the same way everywhere")
        else:
            _report_missing_space((field, text, where), seen, diagnostics)


def _report_missing_space(one: tuple[str, str, Location], other: tuple[str, str, Location], diagnostics: Diagnostics) -> None:
    """Of a text written twice, with and without a space after ':' or ',', the one without."""
    (field, text, where), (_, other_text, other_where) = (one, other) if _NO_SPACE_AFTER.search(one[1]) else (other, one)
    missing = _NO_SPACE_AFTER.search(text)
    if missing and not _NO_SPACE_AFTER.search(other_text):
        diagnostics.warning("punctuation", f"{field}: no space after '{missing[0]}' in '{text}', where {_place(other_where)} writes "
                            f"'{other_text}'", where, hint="write it the same way everywhere")


def _spacing_key(text: str) -> str:
    """``text`` with its spaces made single and one space after each ':' and ',' before a letter."""
    return _NO_SPACE_AFTER.sub(lambda m: m[0] + " ", _SPACES.sub(" ", text.strip()).replace(": ", ":").replace(", ", ","))


def _place(where: Location) -> str:
    return f"{display_path(where.path)}:{where.line}" if where.line else display_path(where.path)
