"""Text: no placeholders left, no empty sections, no links to nowhere."""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics, Location
from ..model import edition as model
from ..model.edition import PLACEHOLDER as TBD
from ..model.edition import Edition, Prose
from ..render.markdown import Columns, inline_tokens

CODES = ("placeholder", "empty", "link", "etal")

# Every usual form of a text still to write, in any case where no word is spelt so: TBD, tba,
# "to be announced", "lorem ipsum"; TODO, FIXME and XXX in capitals (todo is Spanish); and "a
# lone n where a number belongs": "organizers from n different nationalities".
PLACEHOLDER = re.compile(
    r"\b(?:TODO|FIXME|XXX+)\b|\?{2,}|(?<![\w.$\\-])[nN] (?=[a-z])"
    r"|(?i:\b(?:TBD|TBA)\b|\bto be (?:announced|determined)\b|\bcoming soon\b|\blorem ipsum\b"
    r"|\[citation needed\]|\(?\blinks? to come\)?)")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    for prose in edition.prose:
        _check_prose(prose, diagnostics)
    for field, text, where in data_texts(edition):
        match = PLACEHOLDER.search(text) if not (text == TBD and written_in_yaml(where)) else None
        if match:
            diagnostics.warning("placeholder", f"{field}: placeholder '{match[0].strip()}' left in '{text[:60]}'", where)
    for section in edition.sections if "sections" not in edition.unread else ():  # a part not read may hold text
        if all(isinstance(p, Prose) and not p.markdown.strip() for p in section.parts):
            diagnostics.warning("empty", f"section {section.number} '{section.title}' is empty", section.location)


def written_in_yaml(where: Location) -> bool:
    """Whether the value is written in YAML, whose reader reports a value written TBD, quoted or not."""
    return where.path.suffix in (".yaml", ".yml")


def field_kind(field: str) -> str:
    """What a text of ``data_texts`` is: "title" for "items[2].title" or "reference 'x': title"."""
    return field[max(field.rfind("."), field.rfind(":"), field.rfind(" ")) + 1:]


def data_texts(edition: Edition):
    """Each text value of the data that reaches a document: what it is, the text, where it is written."""
    yield from _people_texts(edition)
    yield from _schedule_texts(edition)
    yield from _reference_texts(edition)
    yield from _edition_texts(edition)
    yield from _call_and_site_texts(edition)
    yield from _paper_texts(edition)


def _people_texts(edition: Edition):
    for person in edition.people:
        for field in ("name", "affiliation", "position", "email"):
            yield f"{person.id}: {field}", getattr(person, field), person.where.get(field, person.location)
    for person_id, role in edition.organizer_roles.items():
        yield f"organizers: {person_id}: role", role, edition.organizer_roles_where[person_id]
    for committee in edition.committees:
        yield f"committee '{committee.name}': title", committee.title, committee.location


def _schedule_texts(edition: Edition):
    if edition.schedule is None:
        return
    if "timezone" in edition.schedule.where:
        yield "timezone", edition.schedule.timezone, edition.schedule.where["timezone"]
    for status, words in edition.schedule.status_labels.items():
        yield f"labels.{status}", words, edition.schedule.where.get("labels", edition.schedule.timezone_at)
    for number, item in enumerate(edition.schedule.items):
        for field in ("title", "note", "authors", "abstract"):
            if field in item.where:
                yield f"items[{number}].{field}", getattr(item, field), item.where[field]
        # A label not given is ours, or made from the one `labels` gives its kind.
        yield f"items[{number}].label", item.label, item.where.get("label", edition.schedule.where.get("labels", item.location))
        for index, paper in enumerate(item.papers):
            for field in ("title", "authors"):
                yield f"items[{number}].papers[{index}].{field}", getattr(paper, field), item.where["papers"]


def _reference_texts(edition: Edition):
    for reference in edition.references:
        for field in ("title", "venue", "year", "volume", "number", "pages"):
            yield f"reference '{reference.key}': {field}", getattr(reference, field), reference.location
        for name in reference.authors:
            yield f"reference '{reference.key}': author", f"{name.first} {name.last}", reference.location


def _edition_texts(edition: Edition):
    workshop, series = edition.workshop, edition.series
    if workshop is not None:
        for field in ("title", "acronym"):
            text = getattr(workshop, field)
            if text != model.PLACEHOLDER:  # TBD as a whole is reported where series.yaml gives it
                yield f"workshop: {field}", text, workshop.location
    if series is not None:
        for field in ("url", "contact"):  # the call prints them as text too
            yield f"series: {field}", getattr(series, field), series.location
    if edition.venue is not None:
        yield "venue: name", edition.venue.name, edition.venue.location
    for section in edition.sections:
        yield f"sections[{section.number - 1}].title", section.title, section.location


def _call_and_site_texts(edition: Edition):
    call, site = edition.call, edition.site
    if call is not None:
        for field in ("published", "system", "prize", "url", "contact"):
            if field in call.where:
                yield f"call: {field}", getattr(call, field), call.where[field]
        for index, track in enumerate(call.tracks):
            for field in ("name", "extra_pages"):
                yield f"call: tracks[{index}].{field}", getattr(track, field), call.where.get("tracks", call.location)
    if site is not None and "room" in site.where:
        yield "site: room", site.room, site.where["room"]


def _paper_texts(edition: Edition):
    for paper in edition.papers:
        for field in ("title", "authors"):
            yield f"papers.csv: {field}", getattr(paper, field), paper.location or Location(edition.folder / "papers.csv")


def _check_prose(prose: Prose, diagnostics: Diagnostics) -> None:
    if not prose.markdown.strip():
        diagnostics.warning("empty", "this prose is empty", prose.location)
    for number, line in enumerate(prose.lines):
        for match in PLACEHOLDER.finditer(line):
            hint = "the text shows a value the data still gives as TBD: fill it in where it is defined" if match[0] == "TBD" else ""
            diagnostics.warning("placeholder", f"placeholder '{match[0].strip()}' left in the text", prose.at(number, match.start()), hint)
    columns = Columns(prose.lines)
    for token, line in inline_tokens(prose.tokens):
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            _check_link(href, prose.at(line, columns.of(line, href)), diagnostics)


def _check_link(href: str, where: Location, diagnostics: Diagnostics) -> None:
    if not href.strip():
        diagnostics.error("link", "a link with an empty target", where, hint="write [text](https://...)")
    elif not model.link_allowed(href):
        diagnostics.error("link", f"the link target '{href}' is not a web address (https://...) or mailto:", where)
