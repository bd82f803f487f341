"""Text: no placeholders left, no empty sections, no links to nowhere."""
from __future__ import annotations

import re

from .. import model
from ..diagnostics import Diagnostics, Location
from ..model import PLACEHOLDER as TBD
from ..model import Edition, Prose
from ..prose import inline_tokens

# "a lone n where a number belongs": "organizers from n different nationalities".
PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|TBA|XXX|FIXME)\b|\?\?|\[citation needed\]|(?<![\w.$\\-])[nN] (?=[a-z])")


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    for prose in edition.prose:
        _check_prose(prose, diagnostics)
    for field, text, where in data_texts(edition):
        match = PLACEHOLDER.search(text) if text != TBD else None  # a value written TBD: the reader reported it
        if match:
            diagnostics.warning("placeholder", f"{field}: placeholder '{match[0].strip()}' left in '{text[:60]}'", where)
    for section in edition.sections if "sections" not in edition.unread else ():  # a part not read may hold text
        if all(isinstance(p, Prose) and not p.markdown.strip() for p in section.parts):
            diagnostics.warning("empty", f"section {section.number} '{section.title}' is empty", section.location)


def data_texts(edition: Edition):
    """Each text value of the data that reaches a document: what it is, the text, where it is written."""
    for person in edition.people:
        for field in ("name", "affiliation", "position", "email"):
            yield f"{person.id}: {field}", getattr(person, field), person.where.get(field, person.location)
    for number, item in enumerate(edition.schedule.items if edition.schedule else ()):
        for field in ("title", "note", "label"):
            if field in item.where:
                yield f"items[{number}].{field}", getattr(item, field), item.where[field]
    for reference in edition.references:
        yield f"reference '{reference.key}': title", reference.title, reference.location
        yield f"reference '{reference.key}': venue", reference.venue, reference.location
        for name in reference.authors:
            yield f"reference '{reference.key}': author", f"{name.first} {name.last}", reference.location
    for field in ("title", "acronym") if edition.workshop else ():
        text = getattr(edition.workshop, field)
        if text != model.PLACEHOLDER:  # TBD as a whole is reported where series.yaml gives it
            yield f"workshop: {field}", text, edition.workshop.location


def _check_prose(prose: Prose, diagnostics: Diagnostics) -> None:
    if not prose.markdown.strip():
        diagnostics.warning("empty", "this prose is empty", prose.location)
    for number, line in enumerate(prose.markdown.splitlines()):
        for match in PLACEHOLDER.finditer(line):
            hint = "the text shows a value the data still gives as TBD: fill it in where it is defined" if match[0] == "TBD" else ""
            diagnostics.warning("placeholder", f"placeholder '{match[0].strip()}' left in the text", prose.at(number, match.start()), hint)
    for token, line in inline_tokens(prose.tokens):
        if token.type == "link_open":
            _check_link(token.attrs.get("href", ""), prose.at(line, 0), diagnostics)


def _check_link(href: str, where: Location, diagnostics: Diagnostics) -> None:
    if not href.strip():
        diagnostics.error("link", "a link with an empty target", where, hint="write [text](https://...)")
    elif not model.link_allowed(href):
        diagnostics.error("link", f"the link target '{href}' is not a web address (https://...) or mailto:", where)
