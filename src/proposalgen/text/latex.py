"""Text as LaTeX: escaped to print as written, addresses for ``\\href`` and for print, and what
each TeX engine can typeset with the preamble's fonts."""
from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote

from ..diagnostics import shown
from ..exceptions import UnsupportedCharacter

# The Vietnamese letters that T1 fonts lack (ơ, ư and the Latin Extended Additional ones, Ạ to
# ỹ): the preamble's \pgvietnamese sets them in T5 (vntex) under pdflatex, as written under lualatex.
_VIETNAMESE = re.compile("[\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]+")


@functools.cache
def _encoder():
    import logging

    from pylatexenc.latexencode import RULE_CALLABLE, RULE_DICT, RULE_REGEX, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

    # A character it cannot encode becomes our own error; its log line would only repeat it.
    logging.getLogger("pylatexenc.latexencode").setLevel(logging.CRITICAL)
    # pylatexenc keeps ` as is, which T1 fonts set as an opening quote: print the character typed.
    # Brackets and stars in braces: after \\ or \item, LaTeX reads a bare "[" as the start of an
    # optional argument ("[Chair] Ada" would lose its text or break the build), and after \\ a
    # "*" as its starred form ("*Coffee* break" would lose its star).
    literal = UnicodeToLatexConversionRule(RULE_DICT, {ord("`"): r"{\textasciigrave}", ord("["): "{[}", ord("]"): "{]}", ord("*"): "{*}"})
    vietnamese = UnicodeToLatexConversionRule(RULE_REGEX, [(_VIETNAMESE, r"\\pgvietnamese{\g<0>}")], replacement_latex_protection="none")
    wide = UnicodeToLatexConversionRule(RULE_CALLABLE, lambda s, at: (1, s[at]) if _wide(s[at]) else None)
    return UnicodeToLatexEncoder(conversion_rules=[literal, vietnamese, "defaults", wide], unknown_char_policy="fail", non_ascii_only=False)


def _wide(char: str) -> bool:
    """A letter, digit or punctuation mark of the wide East Asian scripts (CJK ideographs, kana,
    Hangul, full-width forms): written as is, for lualatex's fallback font (the character check
    keeps them from pdflatex, which has no font for them)."""
    return unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char)[0] in "LNP"


def latex_escape(text: str) -> str:
    """``text`` as LaTeX that prints it literally, whatever it contains.

    The character check reports what the engine cannot typeset before rendering; reaching one
    here means a value escaped that check.
    """
    text = str(text)
    special = set(text.translate(_unchanged_by_encoder()))
    if not special:
        return text  # nothing in it that LaTeX reads specially: pylatexenc would return it as is
    if any(map(_control, special)):
        raise UnsupportedCharacter(_unsupported(text))
    try:
        return "".join(piece if index % 2 else _encoded(piece) for index, piece in enumerate(_plain_runs().split(text)) if piece)
    except ValueError:
        raise UnsupportedCharacter(_unsupported(text)) from None


def _encoded(piece: str) -> str:
    return "".join(_encoder().unicode_to_latex(chunk) for chunk in _chunks(piece))


def _unsupported(text: str) -> str:
    bad = next(c for c in text if not _encodable(c))
    return f"cannot typeset '{shown(bad)}' (U+{ord(bad):04X}) in '{shown(text[:60])}'"


def _control(char: str) -> bool:
    """A control character other than tab and newline: pylatexenc keeps some as they are (DEL,
    CR), which TeX refuses or reads as the end of the line, dropping the rest."""
    return unicodedata.category(char) == "Cc" and char not in "\t\n"


@functools.cache
def _unchanged_by_encoder() -> dict[int, None]:
    """A translation table deleting the printable ASCII characters pylatexenc leaves as they are
    (asked of pylatexenc itself), so that a value made only of them needs no encoding."""
    return {ord(c): None for c in map(chr, range(32, 127)) if _encoder().unicode_to_latex(c) == c}


@functools.cache
def _plain_runs() -> re.Pattern:
    """Splits a text at its runs of characters pylatexenc leaves as they are (captured, at odd
    indices: ``split`` keeps them): only the pieces between them, few and short, go through
    pylatexenc, which looks at each character it is given through every rule. Its rules replace
    characters each on its own, in braces, so a piece needs nothing from its neighbours; but a
    letter a combining accent follows (a decomposed "é") goes with it."""
    unchanged = "".join(re.escape(chr(c)) for c in _unchanged_by_encoder())
    return re.compile(f"((?:[{unchanged}](?![{_COMBINING}]))+)")


_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"


_CHUNK = 4096


def _chunks(text: str):
    """``text`` in pieces of about ``_CHUNK`` characters, cut after whitespace so that no
    character sequence is split: pylatexenc takes time quadratic in the length it is given."""
    start = 0
    while start < len(text):
        end = start + _CHUNK
        if end < len(text):
            space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            end = space + 1 if space > start else end
        yield text[start:end]
        start = end


def typesettable(text: str, engine: str) -> bool:
    """Whether ``engine`` can typeset every character of ``text`` with the preamble's fonts."""
    return all(_typesettable_character(c, engine) for c in set(text) if not (" " <= c <= "~" or c in "\n\t"))


@functools.lru_cache(maxsize=4096)
def _typesettable_character(char: str, engine: str) -> bool:
    return engine == "lualatex" if _wide(char) else _encodable(char)


def _encodable(char: str) -> bool:
    if _control(char):
        return False
    try:
        _encoder().unicode_to_latex(char)
        return True
    except ValueError:
        return False


def latex_url(url: str) -> str:
    """A URL for ``\\href``: percent-encoded where TeX would misread it, then escaped.

    ``~`` is encoded too: inside another macro's argument hyperref cannot take it literally,
    and ``%7E`` is the same URL (RFC 3986, section 2.3).
    """
    safe = quote(url, safe="/:?=&#%@+,;!*'()$-._").replace("~", "%7E")
    return "".join("\\" + c if c in "#%&$_" else c for c in safe)


# Where a printed address may break (the preamble's \\pgbreak): after / . - _ @ and the
# like, never inside "//", nor before a space, the end or a combining accent.
_ADDRESS_BREAK = re.compile(rf"(?<=[/.\-_@?&=#:])(?=[^/\s{_COMBINING}])")
# Where a long name or label in a table cell may break besides its spaces (TeX breaks after "-"
# itself): after / _ @, and after a dot a letter follows ("Dept.of", "example.org").
_CELL_BREAK = re.compile(rf"(?:(?<=[/_@])|(?<=\.)(?=[A-Za-z]))(?=[^\s{_COMBINING}])")


def shown_url(url: str) -> str:
    """A web or e-mail address as written (``~``, not ``%7E``), escaped, able to break."""
    return _with_breaks(str(url), _ADDRESS_BREAK)


def breakable(text: str) -> str:
    """A value for a table cell, escaped, able to break after / _ @ as well as at its spaces."""
    return _with_breaks(text, _CELL_BREAK)


def upper_latex(text: str) -> str:
    """``text`` upper-cased and escaped, a character it cannot typeset reported in the text as
    written, not as upper-cased."""
    try:
        return latex_escape(text.upper())
    except UnsupportedCharacter:
        raise UnsupportedCharacter(_unsupported(text)) from None


def _with_breaks(text: str, breaks: re.Pattern) -> str:
    try:
        return "\\pgbreak{}".join(latex_escape(piece) for piece in breaks.split(text))
    except UnsupportedCharacter:
        raise UnsupportedCharacter(_unsupported(text)) from None
