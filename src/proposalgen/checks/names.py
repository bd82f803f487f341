"""One person, several spellings: a name of people.yaml, of an author (papers.csv, the schedule)
or in prose that is another name written with a letter more, less or swapped (`Kowalsky`,
`Kowalski`), as a short form (`Sam Lee`, `Samuel J. Lee`) or without its accents (`Jose`, `José`).

Names are indexed by surname and by given name, so that only names sharing one are compared:
never every pair of 2,000 PC members. Prose is compared with people.yaml only: its capitalized
words are names of people, places and things, which only the registry's names can sort out."""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics, Location, display_path
from ..model.edition import Edition, Prose
from ..vocabulary import PLACEHOLDER
from .text import name_key, without_accents

CODES = ("name",)

_MIN_EDITED = 5  # shorter names a letter apart are as often two people as one misspelt: Ying/Yang, Zhan/Zhang
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd"}
_PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "dos", "das", "la", "le", "bin", "ibn", "al", "ter", "ten"}
_PARENTHESES = re.compile(r"\([^)]*\)")  # "Erkang (Eric) Zhu": a nickname beside the name
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:[,;&]|\band\b)\s*")
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
_POSSESSIVE = re.compile(r"['’]s$")
_SPACE_AND_MARKS = re.compile(r"[\s.,;:!?()\[\]{}*_\"]+")


@dataclass(frozen=True)
class Form:
    """A name folded for comparing: no accents, capitals or dots; its given name, middle names and surname."""

    given: str
    middle: tuple[str, ...]
    surname: str


@dataclass
class Name:
    """One spelling of a name, with the places it is written."""

    spelling: str
    form: Form
    registered: str  # people.yaml's id for it; "" for a name written elsewhere
    places: list[Location] = field(default_factory=list)


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    people = ((p.name, p.where.get("name", p.location), p.id) for p in edition.people if p.name != PLACEHOLDER)
    names = _names(people, _author_names(edition)).values()
    for first, second in _Index(names).pairs():
        _report(first, second, diagnostics)
    registered = _Index(name for name in names if name.registered)
    found: dict[tuple[str, str], tuple[Name, Name]] = {}
    for spelling, where, known in (m for prose in edition.prose for m in _prose_mentions(prose, registered)):
        written = found.setdefault((spelling, known.spelling), (Name(spelling, _form(spelling) or known.form, ""), known))[0]
        written.places.append(where)
    for written, known in found.values():
        _report(known, written, diagnostics)


def _names(*sources: Iterable[tuple[str, Location, str]]) -> dict[str, Name]:
    """Each spelling once, with its places, in the order first written; a name that is no
    person's name (one word, digits: `Reviewer 12`) is left out."""
    names: dict[str, Name] = {}
    for spelling, where, person_id in (m for source in sources for m in source):
        form = _form(spelling)
        if form is not None:
            name = names.setdefault(_spelt(spelling), Name(spelling, form, person_id))
            name.places.append(where)
    return names


def _author_names(edition: Edition) -> Iterator[tuple[str, Location, str]]:
    for paper in edition.papers:
        where = paper.location or Location(edition.folder / "papers.csv")  # papers.csv's rows all have their line
        yield from ((name, where, "") for name in _authors(paper.authors))
    for item in edition.schedule.items if edition.schedule else ():
        if "authors" in item.where:
            yield from ((name, item.where["authors"], "") for name in _authors(item.authors))
        for paper in item.papers:
            yield from ((name, item.where["papers"], "") for name in _authors(paper.authors))


def _authors(text: str) -> list[str]:
    return [name for name in _AUTHOR_SEPARATORS.split(text) if name]


def _spelt(spelling: str) -> str:
    """What tells two spellings apart: not spaces, dots or a nickname in parentheses."""
    return " ".join(_PARENTHESES.sub(" ", spelling).replace(".", " ").split())


@functools.lru_cache(maxsize=4096)
def _form(spelling: str) -> Form | None:
    words = [w.strip(".,") for w in without_accents(_PARENTHESES.sub(" ", spelling).casefold()).replace(".", ". ").split()]
    words = [w for w in words if w]
    while words and words[-1] in _SUFFIXES:
        words.pop()
    if len(words) < 2 or not all(w.replace("-", "").replace("'", "").replace("’", "").isalpha() for w in words):
        return None
    return Form(words[0], tuple(words[1:-1]), words[-1])


class _Index:
    """Names by their surname and given name's first letter, and by their given name and each
    form of the surname with one letter left out: names a letter apart share one of those."""

    def __init__(self, names: Iterable[Name]) -> None:
        self.names = list(names)
        self.buckets: dict[tuple, list[Name]] = defaultdict(list)
        self.words = {word for name in self.names for word in (name.form.given, name.form.surname)}
        for name in self.names:
            for key in _keys(name.form):
                self.buckets[key].append(name)

    def pairs(self) -> Iterator[tuple[Name, Name]]:
        """Each pair of names that look like one person, the name written first, first."""
        order = {id(name): number for number, name in enumerate(self.names)}
        seen: set[tuple[int, int]] = set()
        for bucket in self.buckets.values():
            for later_index, later in enumerate(bucket):
                for earlier in bucket[:later_index]:
                    pair = tuple(sorted((earlier, later), key=lambda n: order[id(n)]))
                    if (id(pair[0]), id(pair[1])) not in seen and _kind(pair[0], pair[1]):
                        seen.add((id(pair[0]), id(pair[1])))
                        yield pair[0], pair[1]

    def like(self, form: Form) -> Iterator[Name]:
        """The names sharing a key with ``form``: those it may be another spelling of."""
        found = {id(name): name for key in _keys(form) for name in self.buckets.get(key, ())}
        return iter(found.values())


@functools.lru_cache(maxsize=4096)
def _keys(form: Form) -> tuple[tuple[str, str, str], ...]:
    return (("surname", form.surname, form.given[0]), *(("given", form.given, surname) for surname in _without_a_letter(form.surname)))


def _without_a_letter(word: str) -> set[str]:
    return {word} | ({word[:i] + word[i + 1:] for i in range(len(word))} if len(word) >= _MIN_EDITED else set())


def _kind(first: Name, second: Name) -> str:
    """How ``second`` is ``first`` written another way; "" when they look like two people."""
    if _spelt(first.spelling) == _spelt(second.spelling):
        return ""
    if first.registered and second.registered and name_key(_spelt(first.spelling)) == name_key(_spelt(second.spelling)):
        return ""  # one name under two ids: the people check says so
    return _relation(first.form, second.form)


def _relation(a: Form, b: Form) -> str:
    if a == b:
        return "with other accents or capitals"
    if a.surname == b.surname and _same_given(a.given, b.given) and _compatible(a.middle, b.middle):
        return "a short form"
    if a.surname == b.surname and a.middle == b.middle and _a_letter_apart(a.given, b.given):
        return "a letter apart"
    if a.given == b.given and _compatible(a.middle, b.middle) and _a_letter_apart(a.surname, b.surname):
        return "a letter apart"
    return ""


def _same_given(a: str, b: str) -> bool:
    return a == b or _shortened(a, b) or _shortened(b, a)


def _shortened(short: str, full: str) -> bool:
    """`S` or `Sam` for `Samuel`; not `Jia` for `Jian`, two names of their own."""
    return full.startswith(short) and (len(short) == 1 or (len(short) >= 3 and len(full) >= len(short) + 2))


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names that may be one person's: one side without, or each the other's or its initial."""
    a, b = tuple(w for w in a if w not in _PARTICLES), tuple(w for w in b if w not in _PARTICLES)
    return not a or not b or (len(a) == len(b) and all(_same_given(x, y) for x, y in zip(a, b)))


def _a_letter_apart(a: str, b: str) -> bool:
    from rapidfuzz.distance import OSA  # a letter more, less, changed or two swapped: one step

    return min(len(a), len(b)) >= _MIN_EDITED and OSA.distance(a, b, score_cutoff=1) == 1


def _report(first: Name, second: Name, diagnostics: Diagnostics) -> None:
    """At ``second``, not the registry's spelling when one is: that is the one to correct."""
    if first.registered and not second.registered:
        known, written = first, second
    elif second.registered and not first.registered:
        known, written = second, first
    else:
        known, written = first, second
    kind = _relation(known.form, written.form)
    where = known.places[0]
    whose = f", id '{known.registered}'" if known.registered else ""
    others = ", ".join(f"{display_path(p.path)}:{p.line}" for p in written.places[1:4]) + (", ..." if len(written.places) > 4 else "")
    hint = ("if they are one person, keep one id and one spelling" if written.registered else f"write the name as {'people.yaml' if known.registered else 'elsewhere'}"
            " does") + (f"; also written so at {others}" if others else "")
    diagnostics.warning("name", f"'{written.spelling}' and '{known.spelling}' ({display_path(where.path)}:{where.line}{whose}) look like one person "
                        f"written two ways ({kind})", written.places[0], hint)


def _prose_mentions(prose: Prose, registry: _Index) -> Iterator[tuple[str, Location, Name]]:
    """The names in ``prose`` that are another spelling of a name of people.yaml: each with where it is and that name."""
    for number, line in enumerate(prose.lines):
        # Another spelling of a name shares its given name or its surname, but for its accents.
        if registry.words.isdisjoint(_POSSESSIVE.sub("", word) for word in _SPACE_AND_MARKS.split(without_accents(line.casefold()))):
            continue
        for run in _runs(line):
            mention = _mention(line, run, registry)
            if mention is not None:
                yield mention[0], prose.at(number, mention[1]), mention[2]


def _runs(line: str) -> Iterator[list[re.Match]]:
    """Runs of capitalized words (with particles: `van`, `de`) one space apart: where names are."""
    run: list[re.Match] = []
    for match in _WORD.finditer(line):
        joined = bool(run) and not line[run[-1].end():match.start()].strip() and not _ends_run(run[-1][0])
        if joined and (match[0][0].isupper() or match[0] in _PARTICLES):
            run.append(match)
            continue
        if len(run) >= 2:
            yield run
        run = [match] if match[0][0].isupper() else []
    if len(run) >= 2:
        yield run


def _ends_run(word: str) -> bool:
    """A word after which a name cannot go on: a possessive, or one ending a sentence (`Lee.`, not `J.`)."""
    return bool(_POSSESSIVE.search(word)) or (word.endswith(".") and len(word) > 2)


def _mention(line: str, run: list[re.Match], registry: _Index) -> tuple[str, int, Name] | None:
    """The longest stretch of ``run`` that is another spelling of a registry name, unless part
    of the run is a registry name as written."""
    stretches = [(start, end) for length in (4, 3, 2) for start in range(len(run) - length + 1) for end in (start + length,)
                 if run[start][0][0].isupper() and run[end - 1][0][0].isupper()]
    exact: list[tuple[int, int]] = []
    variants = []
    for start, end in stretches:
        spelling = _POSSESSIVE.sub("", line[run[start].start():run[end - 1].end()]).rstrip(".")
        form = _form(spelling)
        for name in registry.like(form) if form else ():
            if _spelt(name.spelling) == _spelt(spelling):
                exact.append((start, end))
            elif _relation(name.form, form):  # type: ignore[arg-type]
                variants.append((start, end, spelling, name))
    for start, end, spelling, name in variants:
        if not any(start < e and s < end for s, e in exact):
            return spelling, run[start].start(), name
    return None
