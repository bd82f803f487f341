"""One thing written two ways in one edition: a country (`DE` and `Germany`, one country by
ISO 3166) or an affiliation (`INRIA` and `Inria`; `MIT` beside `Massachusetts Institute of
Technology`); a person given another affiliation beside their name in an author list (`Ada
Lovelace (Babbage Ltd.)` where people.yaml says Analytical Engines Ltd.); and a country no list
knows, with the closest one it does."""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator

from ..diagnostics import Diagnostics, Location, display_path
from ..model.countries import country_named, country_names
from ..model.edition import Edition, Person
from ..vocabulary import PLACEHOLDER
from .text import without_accents

CODES = ("country", "affiliation")

# Words an acronym leaves out: `MIT` is Massachusetts Institute of Technology.
_SMALL_WORDS = {"of", "the", "and", "for", "at", "in", "on", "de", "di", "du", "des", "la", "le", "der", "fur", "und", "y", "e"}
_ACRONYM = re.compile(r"[A-Z]{2,8}")
_SHOWN_IDS = 3
# "Ada Lovelace (Analytical Engines)" in an author list: a name, then an affiliation in parentheses.
_NAME_AND_AFFILIATION = re.compile(r"([^,;()]+?)\s*\(([^()]+)\)")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    _check_countries(edition.people, diagnostics)
    _check_affiliations(edition, diagnostics)
    _check_affiliations_beside_names(edition, diagnostics)


def _check_countries(people: tuple[Person, ...], diagnostics: Diagnostics) -> None:
    forms: dict[str, dict[str, list[Person]]] = defaultdict(dict)  # country code -> form written -> who writes it
    for person in (p for p in people if p.attributes.get("country", PLACEHOLDER) != PLACEHOLDER):
        text = person.attributes["country"]
        country = country_named(text)
        if country is None:
            diagnostics.warning("country", f"{person.id}: unknown country '{text}'{_closest_country(text)}", person.where["country"],
                                hint="write the country's English name or its ISO 3166 code (DE, USA); the diversity figures count it as written")
        else:
            forms[country.code].setdefault(text, []).append(person)
    for country_forms in (f for f in forms.values() if len(f) > 1):
        for message, where, hint in _forms_written(country_forms, "country", "name one country two ways"):
            diagnostics.warning("country", message, where, hint)


def _closest_country(text: str) -> str:
    from rapidfuzz import fuzz, process, utils

    close = process.extractOne(text, country_names(), scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_affiliations(edition: Edition, diagnostics: Diagnostics) -> None:
    forms = _affiliations(edition.people)
    for same in (f for f in forms.values() if len(f) > 1):
        for message, where, hint in _forms_written(same, "affiliation", "are one affiliation written two ways"):
            diagnostics.warning("affiliation", message, where, hint)
    reported: set[tuple[str, str]] = set()
    for group in _role_lists(edition):
        for acronym, expansion in _acronyms_beside_expansions(_affiliations(group)):
            if (acronym, expansion) not in reported:
                reported.add((acronym, expansion))
                both = {acronym: forms[_folded(acronym)][acronym], expansion: forms[_folded(expansion)][expansion]}
                for message, where, hint in _forms_written(both, "affiliation", "are one affiliation, written as its acronym and in full in one list"):
                    diagnostics.warning("affiliation", message, where, hint)


def _check_affiliations_beside_names(edition: Edition, diagnostics: Diagnostics) -> None:
    """A person of people.yaml whom an author list (papers.csv, the schedule) places at another
    institution: one person, two affiliations in one edition."""
    people = {_folded(p.name): p for p in edition.people if p.affiliation not in ("", PLACEHOLDER)}
    for text, where in _author_lists(edition):
        for match in _NAME_AND_AFFILIATION.finditer(text):
            person = people.get(_folded(match[1]))
            if person is not None and not _same_institution(match[2], person.affiliation):
                at = person.where.get("affiliation", person.location)
                diagnostics.warning("affiliation", f"{person.name} is at '{match[2].strip()}' here, and at '{person.affiliation}' in "
                                    f"{display_path(at.path)}:{at.line}", where, hint="give one person one affiliation in an edition")


def _author_lists(edition: Edition) -> Iterator[tuple[str, Location]]:
    """The author lists written as text, each where it is written."""
    for paper in edition.papers:
        yield paper.authors, paper.location or Location(edition.folder / "papers.csv")
    for item in edition.schedule.items if edition.schedule else ():
        if "authors" in item.where:
            yield item.authors, item.where["authors"]
        yield from ((paper.authors, item.where["papers"]) for paper in item.papers)


def _same_institution(written: str, known: str) -> bool:
    """Whether two affiliations may be one: the same but for capitals, spaces and punctuation, an acronym
    and its expansion, or one naming part of the other (`NYU` of `NYU and Flatiron Inst.`)."""
    a, b = _folded(written).replace(" ", ""), _folded(known).replace(" ", "")  # U.S. Navy is US Navy
    acronyms = {without_accents(written).upper(), without_accents(known).upper()}
    return a in b or b in a or bool({_initials(written), _initials(known)} & acronyms - {""})


def _affiliations(people) -> dict[str, dict[str, list[Person]]]:
    """Who writes each affiliation, by its folded form then as written."""
    forms: dict[str, dict[str, list[Person]]] = defaultdict(dict)
    for person in (p for p in people if p.affiliation not in ("", PLACEHOLDER)):
        forms[_folded(person.affiliation)].setdefault(person.affiliation, []).append(person)
    return forms


def _role_lists(edition: Edition) -> list[list[Person]]:
    """The lists a document prints together. Across them an acronym may be a choice: the full name
    in the schedule, where there is room, the acronym in a committee of forty."""
    invited = [p.person for p in (*edition.speakers, *edition.panelists)]
    return [list(edition.organizers), invited, [p.person for p in edition.committee], *([m.person for m in c.members] for c in edition.committees)]


def _acronyms_beside_expansions(forms: dict[str, dict[str, list[Person]]]) -> list[tuple[str, str]]:
    written = [form for same in forms.values() for form in same]
    acronyms = {without_accents(form): form for form in written if _ACRONYM.fullmatch(without_accents(form))}
    return [(acronyms[_initials(form)], form) for form in written if _initials(form) in acronyms]


@functools.lru_cache(maxsize=4096)  # a large committee writes a few affiliations many times
def _folded(text: str) -> str:
    """What tells two affiliations apart: not capitals, accents, punctuation, nor `&` for `and`."""
    return " ".join(re.sub(r"[^\w\s]", " ", without_accents(text).casefold().replace("&", " and ")).split())


@functools.lru_cache(maxsize=4096)
def _initials(text: str) -> str:
    """`MIT` for `Massachusetts Institute of Technology`; "" for a name of one word."""
    words = [w for w in re.findall(r"[^\W\d_]+", without_accents(text)) if w.casefold() not in _SMALL_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 and all(w[0].isupper() for w in words) else ""


def _forms_written(forms: dict[str, list[Person]], field: str, what: str) -> Iterator[tuple[str, Location, str]]:
    """For each form but the most used, at its first person: the forms, who writes each, and where the other is."""
    main = max(forms, key=lambda form: len(forms[form]))  # the first written, among the most used
    first = forms[main][0]
    where = first.where.get(field, first.location)
    for form, persons in ((f, p) for f, p in forms.items() if f != main):
        yield (f"'{form}' ({_ids(persons)}) and '{main}' ({_ids(forms[main])}, {display_path(where.path)}:{where.line}) {what}",
               persons[0].where.get(field, persons[0].location), f"write '{main}' for all of them")


def _ids(people: list[Person]) -> str:
    shown = ", ".join(p.id for p in people[:_SHOWN_IDS])
    return shown + (f" and {len(people) - _SHOWN_IDS} more" if len(people) > _SHOWN_IDS else "")
