"""Numbers typed in prose or in a value that the data contradicts ("our 5 organizers" with six in
roles.yaml), and the call and the proposal of one edition stating different figures.

A number filled in as a value (``{{ counts.organizers }}``) is the data itself and never checked.
A claim is a number (digits, or a word from "two" to "twenty") right before something the tool
counts; a number that only counts part of it ("the first three speakers", "two of our
organizers", "more than 100 submissions", "three organizers from Europe") is not a claim.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from ..diagnostics import Diagnostics, Location, display_path
from ..model.edition import Edition, Prose
from ..model.values import NUMBER_WORDS, Unread

# The counted things, as prose names them after their number (plurals: a total counts several).
NOUNS = {
    "speakers and panelists": r"(?:invited\s+)?speakers\s+and\s+panel(?:l)?ists",
    "organizers": r"(?:workshop\s+)?(?:co-?)?organi[sz]ers",
    "speakers": r"(?:(?:invited|keynote|confirmed)\s+)?speakers|keynotes|(?:invited|keynote)\s+talks",
    "panelists": r"(?:(?:invited|confirmed)\s+)?panel(?:l)?ists",
    "committee": r"(?:(?:program(?:me)?|technical\s+program)\s+committee|PC|committee)\s+members",
    "women": r"women|female\s+(?:organi[sz]ers|speakers|panel(?:l)?ists|researchers|scientists|members)",
    "men": r"men|male\s+(?:organi[sz]ers|speakers|panel(?:l)?ists|researchers|scientists|members)",
    "countries": r"(?:(?:different|distinct)\s+)?(?:countries|nationalities)",
    "continents": r"(?:(?:different|distinct)\s+)?continents",
    "accepted": r"accepted\s+(?:papers|submissions|abstracts|contributions)|(?:papers|submissions|abstracts)\s+(?:were\s+|have\s+been\s+)?accepted",
    "submissions": r"(?:paper\s+)?submissions|submitted\s+papers",
    "poster sessions": r"poster\s+sessions",
    "contributed talks": r"(?:contributed|spotlight|oral)\s+(?:talks|presentations)",
    "pages": r"pages?",
}
SCHEDULE_KINDS = ("poster sessions", "contributed talks")  # a value names one item's, not the day's
# Words before a number that make it part of a whole, a bound or a range, not the whole.
PARTIAL_BEFORE = re.compile(r"(?:\b(?:first|last|top|best|other|another|remaining|additional|extra|further|more|than|least|most|to|"
                            r"about|around|approximately|roughly|nearly|almost|over|under|some|plus|or)|between\s+\S+\s+and|[+~≈-])[\s*_]*$",
                            re.IGNORECASE)
PAGES_PARTIAL_BEFORE = re.compile(r"(?:\b(?:plus|additional|extra|and|or)|[+~≈-])[\s*_]*$", re.IGNORECASE)
# Words after the counted thing that pick some of them: "three organizers from Europe".
PARTIAL_AFTER = re.compile(r"[\s*_]+(?:from|in|at|who|that|based|working|affiliated|of|per|each|for\s+(?:references|the\s+appendix))\b",
                           re.IGNORECASE)
SUBMITTED = re.compile(r"\b(?:papers?|submissions?|abstracts?|contributions?|submit)\b", re.IGNORECASE)
GROUPS = {"organizers": r"organi[sz]ers?", "speakers": r"speakers?|panel(?:l)?ists?|keynotes?", "committee": r"committee|PC|reviewers"}
FEMALE, MALE = frozenset({"female", "woman", "women", "f", "w"}), frozenset({"male", "man", "men", "m"})


@cache
def claim_pattern() -> re.Pattern:
    words = "|".join(NUMBER_WORDS[2:])
    nouns = "|".join(f"(?P<{_group(kind)}>{noun})" for kind, noun in NOUNS.items())
    return re.compile(rf"(?<![\w$€£.,:/#–-])(?P<number>\d{{1,5}}|{words})(?:[\s*_]+|(?=-pages?\b)-)(?:{nouns})(?![\w'’-])",
                      re.IGNORECASE)


@cache
def group_pattern() -> re.Pattern:
    return re.compile("|".join(f"\\b(?P<{name}>{words})\\b" for name, words in GROUPS.items()), re.IGNORECASE)


def _group(kind: str) -> str:
    return kind.replace(" ", "_")


@dataclass(frozen=True)
class Claim:
    """A number stated for a counted thing, where it is written and in which document."""

    kind: str
    number: int
    typed: str  # as written: "5", "five"
    phrase: str  # the number and the thing as written: "five invited speakers"
    group: str  # whose figure, for a diversity claim: organizers, speakers, committee, or "" (any)
    document: str  # proposal, call, site or value
    where: Location


@dataclass(frozen=True)
class Figure:
    """What the data says of a counted thing: the numbers a text may state, the one to write."""

    accepted: frozenset[int]
    shown: int
    source: str  # where the data says it: "roles.yaml lists 6 organizers"
    value: str = ""  # the value to write instead: "{{ counts.organizers }}"


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    claims = [*_prose_claims(edition), *_value_claims(edition)]
    unchecked = []
    for claim in claims:
        figure = _figure(edition, claim)
        if figure is None:
            unchecked.append(claim)
        elif claim.number not in figure.accepted:
            _report(claim, figure, diagnostics)
    _report_disagreements(unchecked, diagnostics)


def _report(claim: Claim, figure: Figure, diagnostics: Diagnostics) -> None:
    stated = f"'{claim.phrase}'" + (f" of the {claim.group}" if claim.group and claim.group not in claim.phrase else "")
    value = figure.value.replace(" }}", " | words }}") if figure.value and not claim.typed.isdigit() else figure.value
    if claim.document == "value" or not value:  # the data's texts are not filled in: no value there
        hint = f"write {figure.shown}, or correct the data"
    else:
        hint = f"write {value} instead: it follows the data"
    diagnostics.warning("figure" if claim.kind == "pages" else "number", f"the text says {stated}, but {figure.source}", claim.where, hint=hint)


def _report_disagreements(claims: list[Claim], diagnostics: Diagnostics) -> None:
    """Claims the data cannot check, stated differently by the proposal and by the call."""
    first: dict[tuple[str, str], Claim] = {}
    for claim in (c for c in claims if c.document in ("proposal", "call")):
        earlier = first.setdefault((claim.kind, claim.group), claim)
        if earlier.document != claim.document and earlier.number != claim.number:
            diagnostics.warning("figure", f"the {claim.document} says '{claim.phrase}', the {earlier.document} "
                                f"'{earlier.phrase}' ({_place(earlier.where)})", claim.where,
                                hint="state one figure, or write it once as data and use its value in both")


def _place(where: Location) -> str:
    return f"{display_path(where.path)}:{where.line}" if where.line else display_path(where.path)


# Where claims are written -------------------------------------------------------------------------

def _documents(edition: Edition) -> Iterator[tuple[str, Prose]]:
    """The prose about the workshop, with the document it is in; bios speak of other things."""
    bios = {id(p.bio) for p in edition.people if p.bio is not None}
    call = {id(p) for p in edition.call.prose} if edition.call else set()
    proposal = {id(p) for p in (edition.abstract, *(p for s in edition.sections for p in s.parts)) if p is not None}
    for prose in edition.prose:
        if id(prose) not in bios:
            yield "call" if id(prose) in call else "proposal" if id(prose) in proposal else "site", prose


def _prose_claims(edition: Edition) -> Iterator[Claim]:
    for document, text, match, where in prose_matches(edition, _claims_in):
        yield _claim(match, text, document, where)


def prose_matches(edition: Edition, find: Callable[[str], Iterator[re.Match]]) -> Iterator[tuple[str, str, re.Match, Location]]:
    """What ``find`` finds in each paragraph of the workshop's prose, typed (not filled in by a
    value): the document, the paragraph's text, the match and where it starts."""
    for document, prose in _documents(edition):
        lines = prose.lines  # computed on each use
        starts = _line_starts(lines)
        for text, line, offsets in _paragraphs(prose, lines):
            for match in find(text):
                line_index = text.count("\n", 0, match.start())
                column = offsets[line_index] + match.start() - (text.rfind("\n", 0, match.start()) + 1)
                if not _filled_in(prose, starts[line + line_index] + column):
                    yield document, text, match, prose.at(line + line_index, column)


def _value_claims(edition: Edition) -> Iterator[Claim]:
    """Claims in the data's own texts (schedule labels and notes, titles, the call's fields); not
    in people's, which speak of other things, nor in references."""
    for _, text, where in edition.texts:
        if isinstance(text, str) and where.path.name not in ("people.yaml", "references.bib"):
            yield from (c for c in (_claim(m, text, "value", where) for m in _claims_in(text)) if c.kind not in SCHEDULE_KINDS)


def _claims_in(text: str) -> Iterator[re.Match]:
    """The claims of ``text``: not a year, not a part, and a length only where submissions are spoken of."""
    for match in claim_pattern().finditer(text):
        pages = bool(match["pages"])
        before = (PAGES_PARTIAL_BEFORE if pages else PARTIAL_BEFORE).search(text, max(match.start() - 40, 0), match.start())
        if before or PARTIAL_AFTER.match(text, match.end()) or _year(match["number"]):
            continue
        if not pages or SUBMITTED.search(text, *_sentence(text, match)):
            yield match


def _year(typed: str) -> bool:
    return typed.isdigit() and 1900 <= int(typed) <= 2100


def _claim(match: re.Match, text: str, document: str, where: Location) -> Claim:
    kind = next(k for k in NOUNS if match[_group(k)])
    typed = match["number"]
    number = int(typed) if typed.isdigit() else NUMBER_WORDS.index(typed.lower())
    return Claim(kind, number, typed, " ".join(match[0].replace("*", "").replace("_", " ").split()), _whose(match, text), document, where)


def _whose(match: re.Match, text: str) -> str:
    """Whose women, countries or continents: the group the claim names ("female organizers"),
    else the one nearest the number in its sentence, else any ("")."""
    if not any(match[_group(kind)] for kind in ATTRIBUTE_OF):
        return ""
    named = group_pattern().search(match[0])
    if named:
        return str(named.lastgroup)
    found = [(abs(g.start() - match.start()), str(g.lastgroup)) for g in group_pattern().finditer(text, *_sentence(text, match))]
    return min(found)[1] if found else ""


def _sentence(text: str, match: re.Match) -> tuple[int, int]:
    """Where the sentence holding ``match`` starts and ends in ``text``."""
    start = max(text.rfind(". ", 0, match.start()) + 1, 0)
    end = text.find(". ", match.end())
    return start, len(text) if end < 0 else end


def _paragraphs(prose: Prose, lines: list[str]) -> Iterator[tuple[str, int, list[int]]]:
    """Each inline text as written (code spans and link targets blanked), its first line, and the
    column of each of its lines in the markdown (markdown-it strips list markers and indents)."""
    for block in prose.tokens:
        if block.type != "inline" or not block.map:
            continue
        text = _blanked(block.content)
        line = block.map[0]
        offsets = [max(lines[line + i].find(part), 0) if line + i < len(lines) else 0
                   for i, part in enumerate(block.content.split("\n"))]
        yield text, line, offsets


def _blanked(text: str) -> str:
    return re.sub(r"`[^`]*`|\]\([^)]*\)|<[a-z]+:[^>]*>", lambda m: "\0" * len(m[0]), text)


def _line_starts(lines: list[str]) -> list[int]:
    starts = [0]
    for text in lines:
        starts.append(starts[-1] + len(text) + 1)
    return starts


def _filled_in(prose: Prose, offset: int) -> bool:
    """Whether the character at ``offset`` of the markdown comes from a value filled in."""
    source = prose.filled_from
    if source is None:
        return False
    return source.steps[max(bisect.bisect_right(source.starts, offset) - 1, 0)] == 0


# What the data says ---------------------------------------------------------------------------

def _figure(edition: Edition, claim: Claim) -> Figure | None:
    """The data's figure for the claim; None when the data does not record it."""
    if claim.kind == "pages":
        return _pages(edition, claim)
    counts = edition.values.get("counts")
    if counts is None or isinstance(counts, Unread) or edition.unread & {"people", "roles"}:
        return None
    if claim.kind in PEOPLE_FIGURES:
        return PEOPLE_FIGURES[claim.kind](edition)
    if claim.kind in ("women", "men", "countries", "continents"):
        return _diversity(edition, claim)
    return OTHER_FIGURES[claim.kind](edition)


def _roles_file(edition: Edition) -> str:
    return display_path(edition.folder / "roles.yaml")


def _counted(count: int, things: str) -> str:
    """"1 speaker", "2 speakers", "1 country", "1 woman"."""
    if count != 1:
        return f"{count} {things}"
    return f"1 {re.sub(r'ies$', 'y', things) if things.endswith('ies') else re.sub('men$', 'man', things) if things.endswith('men') else things.removesuffix('s')}"


def _people_file(edition: Edition) -> str:
    return display_path(edition.folder / "people.yaml")


def _organizers(edition: Edition) -> Figure:
    count = len(edition.organizers)
    returning = edition.values.get("returning")
    known = {count, len(edition.previous.organizer_ids)} if edition.previous else {count}
    if returning is not None and not isinstance(returning, Unread):
        known |= {returning.count, returning.total - returning.count}
    return Figure(frozenset(known), count, f"{_roles_file(edition)} lists {_counted(count, 'organizers')}", "{{ counts.organizers }}")


def _invited(role: str, things: str):
    def figure(edition: Edition) -> Figure:
        people = getattr(edition, role)
        coming = [p for p in people if p.status != "declined"]
        known = {len(people), len(coming), sum(p.confirmed for p in coming)}
        return Figure(frozenset(known), len(coming), f"{_roles_file(edition)} lists {_counted(len(coming), things)}", f"{{{{ counts.{role} }}}}")
    return figure


def _speakers_and_panelists(edition: Edition) -> Figure:
    count = len(edition.invited_people)
    return Figure(frozenset({count, len(edition.speakers) + len(edition.panelists)}), count,
                  f"{_roles_file(edition)} lists {count} speakers and panelists (each person once)")


def _committee(edition: Edition) -> Figure:
    figure = _invited("committee", "program committee members")(edition)
    named = {len(c.members) for c in edition.committees}  # "our 5 steering committee members"
    return Figure(figure.accepted | named, figure.shown, figure.source, figure.value)


PEOPLE_FIGURES = {"organizers": _organizers, "speakers": _invited("speakers", "speakers"), "panelists": _invited("panelists", "panelists"),
                  "committee": _committee, "speakers and panelists": _speakers_and_panelists}
ATTRIBUTE_OF = {"women": "gender", "men": "gender", "countries": "country", "continents": "continent"}


def _diversity(edition: Edition, claim: Claim) -> Figure | None:
    """The group's figure, when everyone in it gave the attribute (else the count is unknown)."""
    attribute = ATTRIBUTE_OF[claim.kind]
    groups = (claim.group,) if claim.group else ("organizers", "speakers", "committee")
    figures = [f for f in (_group_figure(edition, g, attribute, claim.kind) for g in groups) if f is not None]
    if not figures:
        return None
    return Figure(frozenset().union(*(f.accepted for f in figures)), figures[0].shown, " and ".join(f.source for f in figures),
                  figures[0].value if len(figures) == 1 else "")


def _group_figure(edition: Edition, group: str, attribute: str, kind: str) -> Figure | None:
    breakdown = getattr(edition.values["diversity"][group], attribute)
    if breakdown.unreported or not breakdown.counts:
        return None
    if attribute != "gender":
        count = breakdown.distinct
        return Figure(frozenset({count}), count, f"{_people_file(edition)} gives the {group} {_counted(count, kind)}",
                      f"{{{{ diversity.{group}.{attribute}.distinct }}}}")
    wanted = FEMALE if kind == "women" else MALE
    values = [(value, n) for value, n in breakdown.counts if value.casefold() in wanted]
    count = sum(n for _, n in values)
    value = f'{{{{ diversity.{group}.gender["{values[0][0]}"] }}}}' if len(values) == 1 else ""
    return Figure(frozenset({count}), count, f"{_people_file(edition)} records {_counted(count, kind)} among the {group}", value)


def _submissions(edition: Edition) -> Figure | None:
    """Expected this time, received this time or the time before: the tense tells, not the tool."""
    figures = [(n, source, value) for n, source, value in (
        (edition.submissions.expected if edition.submissions else None, "{edition} expects {n}", "{{ submissions.expected }}"),
        (edition.outcome.submissions if edition.outcome else None, "{edition}'s outcome says {n}", ""),
        (edition.previous.outcome.submissions if edition.previous else None, "the previous edition received {n}", "{{ previous.outcome.submissions }}"),
    ) if isinstance(n, int)]
    return _either(edition, figures, "submissions")


def _accepted(edition: Edition) -> Figure | None:
    papers = len(edition.papers) if edition.papers and "papers" not in edition.unread else None
    figures = [(n, source, value) for n, source, value in (
        (edition.outcome.accepted if edition.outcome else None, "{edition}'s outcome says {n}", ""),
        (papers, "{papers} lists {n}", ""),
        (edition.previous.outcome.accepted if edition.previous else None, "the previous edition accepted {n}", "{{ previous.outcome.accepted }}"),
    ) if isinstance(n, int)]
    return _either(edition, figures, "accepted papers")


def _either(edition: Edition, figures: list[tuple[int, str, str]], things: str) -> Figure | None:
    """Any of ``figures`` (number, where it is said, the value giving it) may be meant."""
    if not figures:
        return None
    files = {"edition": display_path(edition.folder / "edition.yaml"), "papers": display_path(edition.folder / "papers.csv")}
    sources = " and ".join(source.format(n=n, **files) for n, source, _ in figures)
    return Figure(frozenset(n for n, _, _ in figures), figures[0][0], f"{sources} {things}", next((v for _, _, v in figures if v), ""))


def _poster_sessions(edition: Edition) -> Figure | None:
    if edition.schedule is None:
        return None
    count = sum("poster" in item.kinds for item in edition.schedule.items)
    return Figure(frozenset({count}), count, f"{display_path(edition.folder / 'schedule.yaml')} has {_counted(count, 'poster sessions')}")


def _contributed_talks(edition: Edition) -> Figure | None:
    if edition.schedule is None:
        return None
    count = sum(item.talks for item in edition.schedule.items if "contributed" in item.kinds)
    orals = sum(p.decision in ("oral", "spotlight") for p in edition.papers)
    return Figure(frozenset({count, orals} if orals else {count}), count,
                  f"{display_path(edition.folder / 'schedule.yaml')} has {_counted(count, 'contributed talks')}")


OTHER_FIGURES = {"submissions": _submissions, "accepted": _accepted, "poster sessions": _poster_sessions,
                 "contributed talks": _contributed_talks}


def _pages(edition: Edition, claim: Claim) -> Figure | None:
    """The call's page limits, for a length given to submissions in the proposal or the call."""
    call = edition.call
    limits = {t.pages for t in call.tracks if isinstance(t.pages, int)} if call else set()
    if call is None or not limits or claim.document == "value":
        return None
    where = call.where.get("tracks", call.where.get("pages", call.location))
    shown = " or ".join(str(n) for n in sorted(limits))
    return Figure(frozenset(limits), min(limits), f"the call gives submissions {shown} pages ({_place(where)})")
