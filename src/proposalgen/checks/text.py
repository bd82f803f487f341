"""Text: no placeholders left, no empty sections, no links to nowhere."""
from __future__ import annotations

import re
import unicodedata

from ..diagnostics import Diagnostics, Location
from ..model import edition as model
from ..model.edition import PLACEHOLDER as TBD
from ..model.edition import Edition, Prose
from ..text.markdown import Columns, inline_tokens

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
    for field, text, where in edition.texts:
        match = PLACEHOLDER.search(text) if not (text == TBD and written_in_yaml(where)) else None
        if match:
            diagnostics.warning("placeholder", f"{field}: placeholder '{match[0].strip()}' left in '{text[:60]}'", where)
    for section in edition.sections if "sections" not in edition.unread else ():  # a part not read may hold text
        if all(isinstance(p, Prose) and not p.markdown.strip() for p in section.parts):
            diagnostics.warning("empty", f"section {section.number} '{section.title}' is empty", section.location)


def written_in_yaml(where: Location) -> bool:
    """Whether the value is written in YAML, whose reader reports a value written TBD, quoted or not."""
    return where.path.suffix in (".yaml", ".yml")


def without_accents(text: str) -> str:
    """``text`` with its accents left out: `École` is `Ecole`, `José` is `Jose` (NFKD, less the
    combining marks)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """A name as two spellings of it compare: accents, case and spacing aside."""
    return " ".join(without_accents(name.casefold()).split())


def field_kind(field: str) -> str:
    """What a text of ``Edition.texts`` is: "title" for "items[2].title" or "reference 'x': title"."""
    return field[max(field.rfind("."), field.rfind(":"), field.rfind(" ")) + 1:]


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
