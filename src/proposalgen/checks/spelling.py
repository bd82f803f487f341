"""Spelling: common misspellings (codespell's list) and words written twice ("the the", "a the")
in prose, titles, labels and the names of sections. Names of people, the series' acronym and the
words series.yaml lists are never reported."""
from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..diagnostics import Diagnostics
from ..exceptions import WriteError
from ..files import replace_atomically
from ..model.edition import Edition
from ..settings import user_cache
from .text import field_kind

CODES = ("spelling", "repeated")

_LETTERS = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
# A word, or words joined by hyphens, standing alone: not part of "2nd", "snake_case", "x86",
# "counts.organizers" or "and/or".
_WORD = re.compile(rf"(?<![\w'’./-]){_LETTERS}(?:-{_LETTERS})*(?![\w'’/-])")
# Two articles in a row: "a the"; "the a priori bound" and "the A matrix" are right.
_ARTICLES = ("a", "an", "the")
_LATIN = re.compile(r"\s+(?:priori|posteriori|fortiori)\b")
_ALLOWED_TWICE = frozenset(("that", "had"))  # "he said that that was so", "they had had enough"
# What prose holds besides words: code, addresses, link targets, citation keys, tags, entities.
_NOT_WORDS = re.compile(r"`+[^`\n]*`+|<[^>\n]*>|\]\([^)\n]*\)|(?:https?://|www\.)[^\s)>\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                        r"|@[\w:.-]+|&#?\w+;|\{[{%].*?[%}]\}|\{[{%].*|\$[^$\n]+\$")  # a value not closed: reported
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
# The texts of the data that are written words: titles, labels, notes and abstracts, the prize.
_WRITTEN = ("title", "label", "note", "abstract", "prize")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    known = _known_words(edition)
    for prose in edition.prose:
        text = _words_only(prose.markdown)
        for offset, misspelt, message in _slips(text, known, prose=True):
            line, column = _line_and_column(text, offset)
            diagnostics.warning("spelling" if misspelt else "repeated", message, prose.at(line, column), _HINT if misspelt else "")
    for field, value, where in edition.texts:
        if field_kind(field) in _WRITTEN or field.startswith("labels."):
            for _, misspelt, message in _slips(_words_only(value), known, prose=False):
                diagnostics.warning("spelling" if misspelt else "repeated", f"{field}: {message}", where, _HINT if misspelt else "")


_HINT = "if it is what you mean, list it under `words:` in series.yaml"


def _slips(text: str, known: frozenset[str], prose: bool) -> Iterator[tuple[int, bool, str]]:
    """Each misspelt word and each word written twice in ``text``: its offset, whether it is
    misspelt (else written twice), and the message."""
    words = [(m.start(), m.end(), m[0]) for m in _WORD.finditer(text)]
    found = [(offset, False, message) for offset, message in _written_twice(text, words, known)]
    found += [(offset, True, f"'{word}' is a common misspelling of {fix}") for offset, word, fix in _misspelt(text, words, known, prose)]
    yield from sorted(found)


def _written_twice(text: str, words: list[tuple[int, int, str]], known: frozenset[str]) -> Iterator[tuple[int, str]]:
    """"the the" and "a the": two words of a sentence one after the other, on one line or two;
    of "very very very", the first two."""
    repeating = False
    for (start, end, word), (next_start, next_end, following) in zip(words, words[1:]):
        gap = text[end:next_start]
        adjacent = gap.isspace() and gap.count("\n") + gap.count("\r") <= 1
        twice = adjacent and word.casefold() == following.casefold()
        if twice and not repeating and word.casefold() not in _ALLOWED_TWICE | known:
            yield start, f"'{word} {following}': a word written twice"
        elif adjacent and word.lower() in _ARTICLES and following in _ARTICLES and word.lower() != following and not _LATIN.match(text, next_end):
            yield start, f"'{word} {following}': two articles in a row"
        repeating = twice


def _misspelt(text: str, words: list[tuple[int, int, str]], known: frozenset[str], prose: bool) -> Iterator[tuple[int, str, str]]:
    """Each misspelt word of ``text``; in ``prose``, a word in capitals inside a sentence is a name
    ("École Normale Supérieure"), taken as written: a title writes every word in capitals."""
    table = misspellings()
    for offset, word in _checked_words(words):
        if word.casefold() in known or _acronym(word) or (prose and word[0].isupper() and not _starts_sentence(text, offset)):
            continue
        fix = table.correction(word)
        if fix:
            yield offset, word, fix


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[max(0, offset - 40):offset].rstrip(" \t*_#>[(\"'“‘-")
    return not before or before[-1] in ".!?:\n\r"


def _checked_words(words: list[tuple[int, int, str]]) -> Iterator[tuple[int, str]]:
    """Each word and its offset; of "mis-specified", "specified": a short first part of a
    hyphenated word is a prefix, not a word."""
    for offset, _, compound in words:
        parts = compound.split("-")
        for number, part in enumerate(parts):
            if not (number == 0 and len(parts) > 1 and len(part) <= 3):
                yield offset, part
            offset += len(part) + 1


def _acronym(word: str) -> bool:
    """An acronym or a name written in capitals inside: "NeurIPS", "GitHub", "ACM"."""
    return word[1:] != word[1:].lower()


def _words_only(markdown: str) -> str:
    """``markdown`` with what is not words (code, addresses, citation keys...) made '#', in place."""
    if "```" not in markdown and "~~~" not in markdown:
        return _NOT_WORDS.sub(_hidden, markdown)
    lines, fenced = re.split(r"(\r\n?|\n)", markdown), False
    for number in range(0, len(lines), 2):  # between them, the line breaks
        fence = bool(_FENCE.match(lines[number]))
        fenced ^= fence
        lines[number] = "#" * len(lines[number]) if fenced or fence else _NOT_WORDS.sub(_hidden, lines[number])
    return "".join(lines)


def _hidden(match: re.Match) -> str:
    return "#" * len(match[0])


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The line and column (from 0) of ``offset``, lines ended as Prose.lines ends them."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
    line = bisect.bisect_right(starts, offset) - 1
    return line, offset - starts[line]


def _known_words(edition: Edition) -> frozenset[str]:
    """Words never reported: the names of people (of people.yaml, papers and references) and of
    their institutions ("École Normale Supérieure"), the series' acronym and the words
    series.yaml lists, in lower case."""
    names = [text for p in edition.people for text in (p.name, p.affiliation, p.position)]
    names += [name for r in edition.references for n in r.authors for name in (n.first, n.last)]
    names += [p.authors for p in edition.papers] + [i.authors for i in (edition.schedule.items if edition.schedule else ())]
    series = edition.series
    listed = (series.acronym, *series.words) if series else ()
    return frozenset(word.casefold() for text in (*names, *listed) for word in re.findall(r"[^\W\d_]+", text))


@functools.cache
def misspellings() -> Misspellings:
    """codespell's list of common misspellings, looked up by hashes cached once per version."""
    spec = importlib.util.find_spec("codespell_lib")  # its file, without importing codespell
    assert spec is not None and spec.origin is not None, "codespell is a dependency"
    return Misspellings(Path(spec.origin).parent / "data" / "dictionary.txt")


class Misspellings:
    """The lines "misspelling->correction, other," of codespell's dictionary. Reading its 65,000
    lines into a dict takes longer than a check may (25 ms): a sorted table of the CRC-32 of each
    misspelling, kept in the user's cache, says whether a word may be one; only then is the line read."""

    def __init__(self, path: Path):
        self.path = path
        self.hashes = _hashes(path)
        self.seen: dict[str, str] = {}  # each word once: prose repeats its words

    def correction(self, word: str) -> str:
        """The corrections of ``word`` ("'receive'"; "'and' or 'bad'"), "" when it is no misspelling."""
        if word not in self.seen:
            self.seen[word] = self._looked_up(word)
        return self.seen[word]

    def _looked_up(self, word: str) -> str:
        word = word.replace("’", "'")
        lower = word.lower()
        line = (word != lower and self._line(word.encode())) or self._line(lower.encode())
        if not line:
            return ""
        fixes = [_cased(fix.strip(), word) for fix in line.split(",") if fix.strip()]
        return " or ".join(f"'{fix}'" for fix in fixes)

    def _line(self, key: bytes) -> str:
        """What follows "key->" in the dictionary; "" when no line begins with it."""
        crc = zlib.crc32(key)
        index = bisect.bisect_left(self.hashes, crc)
        if index == len(self.hashes) or self.hashes[index] != crc:
            return ""
        start = self._text.find(b"\n" + key + b"->")
        if start < 0:
            return ""
        start += len(key) + 3
        end = self._text.find(b"\n", start)
        return self._text[start:end if end >= 0 else None].decode()

    @functools.cached_property
    def _text(self) -> bytes:
        return b"\n" + self.path.read_bytes()  # each line begins with a line feed


def _cased(fix: str, word: str) -> str:
    return fix[:1].upper() + fix[1:] if word[:1].isupper() else fix


def _hashes(path: Path) -> array:
    stat = path.stat()
    folder = user_cache("spelling")
    cached = folder / f"codespell-{stat.st_size}-{stat.st_mtime_ns}.crc32" if folder else None
    table = array("I")
    try:
        table.frombytes(cached.read_bytes() if cached else b"")
    except (OSError, ValueError):  # not written yet, or cut short
        table = array("I")
    if not table:
        table = array("I", sorted({zlib.crc32(key) for key in _misspelt_keys(path.read_bytes())}))
        _keep(cached, table)
    return table


def _misspelt_keys(dictionary: bytes) -> Iterable[bytes]:
    return dictionary.replace(b"->", b"\n").split(b"\n")[0::2]


def _keep(cached: Path | None, table: array) -> None:
    if cached is not None:
        try:
            replace_atomically(cached, table.tobytes())
        except WriteError:
            pass  # a cache that cannot be written is built again next time
