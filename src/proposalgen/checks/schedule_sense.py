"""The schedule makes sense to a reader: labels told apart and numbered in order, awards that name
their winners near the day, contributed talks tied to their rows of papers.csv, poster numbers
among the accepted papers, and a time zone for the proposal's times."""
from __future__ import annotations

import datetime
import re

from ..diagnostics import Diagnostics, Location
from ..model.edition import Block, Edition, Paper, ScheduleItem
from ..source.papers import title_key
from .text import name_key

# "Session 2", "Contributed talks 3 & 4", "Lightning talks 1-2": a small number (a year is no count) closing the label.
_NUMBERED = re.compile(r"(?P<words>.*?\D)\s*(?P<first>\d{1,2})(?:\s*(?:&|and|-|–)\s*(?P<last>\d{1,2}))?\s*\Z")
# "posters 1-8, 10, 12", "papers #3 and #5": the numbers of papers or posters a note or label names.
_NUMBER = r"#?\s*\d+(?:\s*(?:[-–]|\bto\b)\s*#?\s*\d+)?"
_NUMBER_LIST = re.compile(rf"\b(?:papers?|posters?|boards?)\s+({_NUMBER}(?:\s*(?:,|&|\band\b)\s*{_NUMBER})*)", re.IGNORECASE)
_AWARD_WINDOW = (datetime.timedelta(days=14), datetime.timedelta(days=60))  # before the day, after it
PRESENTED = ("contributed", "poster")


def today() -> datetime.date:
    return datetime.date.today()


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    schedule = edition.schedule
    if schedule is None:
        return
    if "schedule" not in edition.unread:  # an item not read may hold the label or number missed
        _check_same_labels(schedule.items, diagnostics)
        _check_numbering(schedule.items, diagnostics)
    _check_awards(edition, diagnostics)
    if edition.papers and "papers" not in edition.unread:
        _check_papers(edition, diagnostics)
    _check_poster_numbers(edition, diagnostics)
    if "proposal" in targets:
        _check_time_zone(edition, diagnostics)


def _given_label(item: ScheduleItem) -> bool:
    return "label" in item.where


def _check_same_labels(items: tuple[ScheduleItem, ...], diagnostics: Diagnostics) -> None:
    """Two items of one label, which a reader cannot tell apart; breaks recur by nature. Labels
    written with other capitals are the `capitals` check's, which names both forms."""
    first: dict[str, ScheduleItem] = {}
    for item in items:
        if not _given_label(item) or set(item.kinds) <= {"break"}:
            continue
        earlier = first.setdefault(" ".join(item.label.split()), item)
        if earlier is not item:
            diagnostics.warning("label", f"'{item.label}' is also the label of the item at {earlier.location.format()}", item.where["label"],
                                hint="give each its own label, or number them")


def _check_numbering(items: tuple[ScheduleItem, ...], diagnostics: Diagnostics) -> None:
    """Labels numbered in a series ("Session 1", "Session 2"...) run on by one from 1: none
    repeats or skips one. Computed labels are in order by themselves: a problem is reported
    where it involves a label given."""
    last: dict[str, tuple[ScheduleItem, int]] = {}
    for item in items:
        match = _NUMBERED.match(item.label)
        if not match:
            continue
        series = title_key(match["words"]).rstrip("s")
        first, final = int(match["first"]), int(match["last"] or match["first"])
        before = last.get(series)
        if _given_label(item) or (before and _given_label(before[0])):
            _report_numbering(item, first, before, match["words"].strip(), diagnostics)
        last[series] = (item, final)


def _report_numbering(item: ScheduleItem, number: int, before: tuple[ScheduleItem, int] | None, words: str, diagnostics: Diagnostics) -> None:
    expected = before[1] + 1 if before else 1
    if number == expected:
        return
    where = item.where.get("label", item.location)
    if before and number <= before[1]:
        diagnostics.warning("numbering", f"'{item.label}' repeats the number {number}: '{before[0].label}' ({before[0].location.format()}) has it", where,
                            hint=f"number it {expected}")
    else:
        after = f"after '{before[0].label}' ({before[0].location.format()})" if before else "as the first of its series"
        diagnostics.warning("numbering", f"'{item.label}' skips {words} {expected}: it comes {after}", where, hint=f"number it {expected}")


def _check_awards(edition: Edition, diagnostics: Diagnostics) -> None:
    """Close to the day (two weeks before it to two months after), an award item names its winners."""
    day = edition.dates.workshop if edition.dates else None
    if day is None or not day - _AWARD_WINDOW[0] <= today() <= day + _AWARD_WINDOW[1]:
        return
    for item in edition.schedule.items if edition.schedule else ():
        if "award" in item.kinds and not (item.listed_papers or item.speaker_ids or item.note):
            diagnostics.warning("award", f"'{item.label}' names no winners, and the workshop is on {day}", item.location,
                                hint="list the winning papers under 'papers' (or 'paper: <row>'), their presenters under 'speakers', or a 'note'")


def _check_papers(edition: Edition, diagnostics: Diagnostics) -> None:
    accepted = {title_key(paper.title): paper for paper in edition.papers}
    for item in edition.schedule.items if edition.schedule else ():
        if not set(PRESENTED) & set(item.kinds):
            continue
        own = accepted.get(title_key(item.title)) if item.title else None
        written = "paper" not in item.where  # with both, the schedule's reader reported it
        if own is not None and written and "title" in item.where:
            _report_unnamed(item.title, own, item.where["title"], diagnostics)
        for paper in item.papers:
            if paper.location is None and title_key(paper.title) in accepted:
                _report_unnamed(paper.title, accepted[title_key(paper.title)], item.where["papers"], diagnostics)
        if own is not None:
            _check_presenters(item, own, written, diagnostics)


def _report_unnamed(title: str, paper: Paper, where: Location, diagnostics: Diagnostics) -> None:
    row = paper.location.line if paper.location else 0
    diagnostics.warning("paper", f"'{title}' is the title of row {row} of papers.csv ({_place(paper)}), but the schedule writes it out", where,
                        hint=f"write 'paper: {row}' instead of its title: the row gives the title, authors and link")


def _check_presenters(item: ScheduleItem, paper: Paper, written: bool, diagnostics: Diagnostics) -> None:
    """The presenters and authors a talk names are among the authors of its row of papers.csv."""
    authors = _names(paper.authors)
    for person in item.presenters:
        if name_key(person.name) not in authors:
            diagnostics.warning("presenters", f"{person.name} presents '{paper.title}' but is not among its authors in papers.csv ({_place(paper)}): {paper.authors}",
                                item.where.get("speakers", item.location))
    if written and "authors" in item.where and _names(item.authors) != authors:
        diagnostics.warning("presenters", f"the authors '{item.authors}' differ from those of '{paper.title}' in papers.csv ({_place(paper)}): {paper.authors}",
                            item.where["authors"], hint="write 'paper: <row>' instead: the row gives the authors")


def _place(paper: Paper) -> str:
    return paper.location.format() if paper.location else "papers.csv"


def _names(authors: str) -> set[str]:
    return {name_key(name) for name in re.split(r",|;|\band\b", authors) if name.strip()}


def _check_poster_numbers(edition: Edition, diagnostics: Diagnostics) -> None:
    """Poster or paper numbers a schedule's text names are among the papers accepted."""
    accepted = _accepted_count(edition)
    if accepted is None:
        return
    for item in edition.schedule.items if edition.schedule else ():
        for field in ("label", "note", "title"):
            highest = max(_numbers(getattr(item, field)), default=0)
            if highest > accepted and field in item.where:
                diagnostics.warning("posters", f"'{getattr(item, field)}' numbers papers up to {highest}, but {accepted} were accepted", item.where[field],
                                    hint="the papers accepted are counted in papers.csv, else edition.yaml's outcome")


def _accepted_count(edition: Edition) -> int | None:
    """The papers accepted: papers.csv's rows, else the outcome's figure; None when not known."""
    if "papers" in edition.unread:
        return None
    if edition.papers:
        return len(edition.papers)
    accepted = edition.outcome.accepted if edition.outcome else None
    return accepted if isinstance(accepted, int) else None


def _numbers(text: str) -> list[int]:
    return [int(number) for match in _NUMBER_LIST.finditer(text) for number in re.findall(r"\d+", match[1])]


def _check_time_zone(edition: Edition, diagnostics: Diagnostics) -> None:
    """The proposal's schedule prints its times with the zone they are in."""
    schedule = edition.schedule
    shown = any(isinstance(part, Block) and part.name == "schedule" for section in edition.sections for part in section.parts)
    if schedule is not None and shown and schedule.timed and not schedule.timezone:
        diagnostics.warning("timezone", "the proposal's schedule gives times without a time zone", schedule.timezone_at,
                            hint="give schedule.yaml a timezone: a label such as PDT, an offset such as UTC-7, or an IANA name")
