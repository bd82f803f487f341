"""Dates typed in prose or in a value that edition.yaml's `dates` contradict ("the submission
deadline is January 20" with `submission_deadline: 2030-01-30`), and the call and the proposal
of one edition giving one date two ways.

A date filled in as a value (``{{ dates.submission_deadline }}``) is the data itself and never
checked. A claim is a date written right beside a word naming one of the edition's dates
("papers are due 30 January", "notification: March 1st", "the workshop on April 26",
"January 30: submission deadline"); a range ("April 26-27", "from March 2 to March 9"), a year
alone, and a date in a sentence about another event (the main conference, an earlier edition,
a deadline moved from another day) are not claims.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..diagnostics import Diagnostics, Location, display_path
from ..model.edition import Dates, Edition
from ..model.values import SpokenDate
from .numbers import prose_matches

CODES = ("date",)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|" + "|".join(MONTHS)
DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+"
# "January 30", "Jan. 30th, 2030", "30 January 2030", "30th of January", "2030-01-30".
DATE = (rf"(?<![\w.-])(?:(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>\d{{4}}))?"
        rf"|(?P<day2>{DAY})\s+(?:of\s+)?(?P<month2>{MONTH})(?:,?\s+(?P<year2>\d{{4}}))?"
        r"|(?P<iso>\d{4}-\d{2}-\d{2}))(?![\w-])")

# The words naming each of the edition's dates, and the dates of `dates` each may mean.
NAMES = {
    "abstract deadline": (r"abstracts?\s+(?:(?:submission|registration)\s+)?(?:deadline|(?:are\s+|is\s+)?due)|abstract\s+(?:submission|registration)"
                          r"|deadline\s+for\s+abstracts", ("abstract_deadline",)),
    "submission deadline": (r"(?:(?:full[-\s])?paper\s+)?submission\s+deadline|paper\s+deadline|deadline\s+for\s+(?:paper\s+)?(?:submissions|papers)"
                            r"|(?:full\s+)?(?:papers|submissions|manuscripts)\s+(?:are\s+)?due|submissions?\s+close|(?:paper\s+)?submissions?(?=[\s*_]*:)",
                            ("submission_deadline",)),
    "review period's start": (r"review(?:ing)?\s+(?:period\s+)?(?:starts|begins)|reviews?\s+(?:start|begin)", ("review_start",)),
    "review period's end": (r"review(?:ing)?\s+(?:period\s+)?(?:ends|closes|deadline)|reviews?\s+(?:are\s+)?due", ("review_end",)),
    "review period": (r"review(?:ing)?\s+period", ("review_start", "review_end")),
    "decisions": (r"(?:final\s+)?decisions?(?:\s+(?:notification|(?:are\s+|will\s+be\s+)?(?:released|sent|announced|out)))?|(?:author\s+|acceptance\s+)?notifications?"
                  r"(?:\s+of\s+(?:acceptance|decisions))?|acceptance(?=[\s*_]*:)", ("decisions",)),
    "camera-ready deadline": (r"camera[-\s]ready(?:\s+(?:versions?|papers|deadline))?(?:\s+(?:are\s+|is\s+)?due)?|final\s+versions?\s+(?:are\s+|is\s+)?due",
                              ("camera_ready",)),
    "workshop": (r"workshop(?:\s+(?:day|date))?", ("workshop",)),
}
PUNCTUATION = r"[\s*_:|–—-]"
DIGIT = re.compile(r"\d")
# What may stand between the name and a date after it: "is", "are due on", "will be held on", ":".
BETWEEN = rf"{PUNCTUATION}*(?:(?:is|are|will|be|on|by|falls|set|for|scheduled|due|of){PUNCTUATION}+){{0,4}}(?:{WEEKDAY})?"
# The workshop is named everywhere: only "the workshop (is|will be held|takes place) on".
WORKSHOP_BETWEEN = rf"{PUNCTUATION}*(?:(?:is|will|be|takes?|place|held|on){PUNCTUATION}+){{0,4}}(?:{WEEKDAY})?"
# A date before the name: "January 30 (AoE): submission deadline", "| March 1 | Notification |".
NAME_AFTER = r"(?:\s*\(AoE\))?[\s*_]*[:|–—-][\s*_:|–—-]*(?:the\s+)?"
RANGE_AFTER = rf"\s*(?:–|—|-|to|until|till|through|and|&)\s*(?:{WEEKDAY})?(?:\d|{MONTH})"
RANGE_BEFORE = rf"(?:(?:\d|{MONTH})[\s,]*(?:–|—|-|and|&)|\b(?:from|between|to|until|till|through))\s*(?:{WEEKDAY})?\Z"
# A sentence about another event than this edition's: its date is not one of `dates`.
OTHER_EVENT = (r"\b(?:previous|past|prior|earlier|inaugural|originally|struck|last\s+(?:year|edition|time)|first\s+edition|(?:was|were)\s+held"
               r"|took\s+place|(?:extended|moved|postponed)\s+from|main\s+conference|(?:19|20)\d\d\s+edition)\b")


@cache
def date_pattern() -> re.Pattern:
    return re.compile(DATE)


@cache
def name_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The names of the edition's dates: before a date, the workshop's before a date, after one."""
    names = "|".join(f"(?P<{_group(name)}>{words})" for name, (words, _) in NAMES.items() if name != "workshop")
    workshop = NAMES["workshop"][0]
    return (re.compile(rf"(?<![\w-])(?:{names}){BETWEEN}\Z", re.IGNORECASE),
            re.compile(rf"(?<![\w-])(?P<workshop>{workshop}){WORKSHOP_BETWEEN}\Z", re.IGNORECASE),
            re.compile(rf"{NAME_AFTER}(?:{names}|(?P<workshop>{workshop}))(?![\w-])", re.IGNORECASE))


@cache
def context_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    return re.compile(RANGE_AFTER), re.compile(RANGE_BEFORE, re.IGNORECASE), re.compile(OTHER_EVENT, re.IGNORECASE)


def _group(name: str) -> str:
    return re.sub(r"\W", "_", name)


@dataclass(frozen=True)
class Claim:
    """A date stated for one of the edition's dates, where it is written and in which document."""

    name: str  # as NAMES names it: "submission deadline"
    month: int
    day: int
    year: int | None  # None when typed without one
    phrase: str  # the name and the date as written: "papers are due 30 January"
    document: str  # proposal, call, site or value
    where: Location

    def means(self, date: datetime.date) -> bool:
        return (self.month, self.day) == (date.month, date.day) and self.year in (None, date.year)


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    given = edition.dates.given() if edition.dates else {}
    unchecked = []
    for claim in (*_prose_claims(edition), *_value_claims(edition)):
        fields = [f for f in NAMES[claim.name][1] if f in given]
        if not fields:
            unchecked.append(claim)
        elif not any(claim.means(given[f]) for f in fields):
            _report(claim, fields, edition.dates, diagnostics)
    _report_disagreements(unchecked, diagnostics)


def _report(claim: Claim, fields: list[str], dates: Dates | None, diagnostics: Diagnostics) -> None:
    assert dates is not None
    said = " and ".join(f"{_place(dates.where[f])} gives {SpokenDate(dates.given()[f])} (dates.{f})" for f in fields)
    spoken = SpokenDate(dates.given()[fields[0]])
    if claim.document == "value":  # the data's texts are not filled in: no value there
        hint = f"write {spoken if claim.year else spoken.day}, or correct the data"
    else:
        value = f"{{{{ dates.{fields[0]}{'' if claim.year else '.day'} }}}}"
        hint = f"write {value} instead: it prints \"{spoken if claim.year else spoken.day}\""
    diagnostics.warning("date", f"the text says '{claim.phrase}', but {said}", claim.where, hint=hint)


def _report_disagreements(claims: list[Claim], diagnostics: Diagnostics) -> None:
    """Dates the data does not give, stated differently by the proposal and by the call."""
    first: dict[str, Claim] = {}
    for claim in (c for c in claims if c.document in ("proposal", "call")):
        earlier = first.setdefault(claim.name, claim)
        if earlier.document != claim.document and not _same_day(earlier, claim):
            fields = " and ".join(f"`{f}`" for f in NAMES[claim.name][1])
            diagnostics.warning("date", f"the {claim.document} says '{claim.phrase}', the {earlier.document} "
                                f"'{earlier.phrase}' ({_place(earlier.where)})", claim.where,
                                hint=f"give the date once in edition.yaml's `dates` ({fields}) and write its value in both")


def _same_day(one: Claim, other: Claim) -> bool:
    return (one.month, one.day) == (other.month, other.day) and (None in (one.year, other.year) or one.year == other.year)


def _place(where: Location) -> str:
    return f"{display_path(where.path)}:{where.line}" if where.line else display_path(where.path)


# Where claims are written -------------------------------------------------------------------------

def _prose_claims(edition: Edition) -> Iterator[Claim]:
    for document, text, match, where in prose_matches(edition, lambda text: _claims_in(text, edition)):
        yield _claim(match, text, document, where)


def _value_claims(edition: Edition) -> Iterator[Claim]:
    """Claims in the data's own texts (schedule notes, the call's fields); not in people's, which
    speak of other things, nor in references."""
    for _, text, where in edition.texts:  # most texts hold no digit: the path is asked last
        if isinstance(text, str) and DIGIT.search(text) and where.path.name not in ("people.yaml", "references.bib"):
            yield from (_claim(m, text, "value", where) for m in _claims_in(text, edition))


def _claims_in(text: str, edition: Edition) -> Iterator[re.Match]:
    """The dates of ``text`` named as one of the edition's: not a range, not another event's."""
    range_after, range_before, other_event = context_patterns()
    for match in date_pattern().finditer(text):
        start = max(text.rfind(". ", 0, match.start()) + 1, 0)
        if range_after.match(text, match.end()) or range_before.search(text, max(match.start() - 30, 0), match.start()):
            continue
        if other_event.search(text, start, match.start()) or not _this_edition(match, edition) or _name(text, match) is None:
            continue
        yield match


def _this_edition(match: re.Match, edition: Edition) -> bool:
    """A year more than one away from the edition's is another edition's (the `dates` check
    reports such a year in the data)."""
    year = _typed_date(match)[2]
    return year is None or not edition.name.isdigit() or abs(year - int(edition.name)) <= 1


def _name(text: str, match: re.Match) -> re.Match | None:
    """The name of an edition's date right before the date, or right after it."""
    before, workshop_before, after = name_patterns()
    lookback = max(match.start() - 80, 0)
    return before.search(text, lookback, match.start()) or workshop_before.search(text, lookback, match.start()) or after.match(text, match.end())


def _typed_date(match: re.Match) -> tuple[int, int, int | None]:
    """Month, day and year (None if not typed) of a date as written."""
    if match["iso"]:
        year, month, day = (int(part) for part in match["iso"].split("-"))
        return month, day, year
    month, day, year = match["month"] or match["month2"], match["day"] or match["day2"], match["year"] or match["year2"]
    number = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(month.rstrip(".")[:3]))
    return number, int(re.sub(r"\D", "", day)), int(year) if year else None


def _claim(match: re.Match, text: str, document: str, where: Location) -> Claim:
    name = _name(text, match)
    assert name is not None
    month, day, year = _typed_date(match)
    kind = next(k for k in NAMES if name.groupdict().get(_group(k)))
    start, end = min(name.start(), match.start()), max(name.end(), match.end())
    phrase = " ".join(text[start:end].replace("*", "").replace("_", " ").replace("|", " ").split())
    return Claim(kind, month, day, year, phrase, document, where)
