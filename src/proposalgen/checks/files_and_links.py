"""Files and links that disagree: prose citing with no references.bib, prose linking to an
earlier edition's site where this one's is meant, and people of one role listed on the site with
uneven links (seven organizers with a Scholar link, one without)."""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics, Location
from ..model.edition import Edition, Person, Prose
from ..text.markdown import Columns, inline_tokens
from ..vocabulary import LINKS, PROFILE_LABELS
from .citations import bibliography_missing

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BARE_ADDRESS = re.compile(r"https?://[^\s<>()\[\]]+", re.IGNORECASE)
# Words by which a sentence says it means an earlier edition.
_EARLIER = re.compile(r"\b(?:previous|last|earlier|past|prior|preceding|former|inaugural|first|second|third)\b", re.IGNORECASE)
# A role's link is uneven when at least this many have it and fewer than a third of the role lack it.
_MOST = 3


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    _check_bibliography(edition, diagnostics)
    if edition.series and edition.series.url and edition.name.isdigit():
        for prose in edition.prose:
            _check_edition_links(prose, edition, diagnostics)
    if "site" in targets:
        _check_uneven_links(edition, diagnostics)


def _check_bibliography(edition: Edition, diagnostics: Diagnostics) -> None:
    """Citations with no references.bib at all: one error for the file, none for each use."""
    uses = [use for prose in edition.prose for use in prose.citations]
    if uses and bibliography_missing(edition):
        keys = sorted({use.key for use in uses})
        shown = ", ".join(f"@{key}" for key in keys[:3]) + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")
        diagnostics.error("bibfile", f"the prose cites {shown}, but the edition has no references.bib", Location(edition.folder / "references.bib"),
                          hint=f"first cited at {uses[0].location.format()}; write the entries in references.bib (BibTeX) beside edition.yaml")


def _check_edition_links(prose: Prose, edition: Edition, diagnostics: Diagnostics) -> None:
    """An address of the series' site that names an earlier year, in a paragraph that does not
    say it means that earlier edition."""
    site = _plain(edition.series.url if edition.series else "")
    columns = Columns(prose.lines)
    for block in prose.tokens:
        if block.type != "inline":
            continue
        for address, line in _addresses(block):
            year = _earlier_year(address, site, int(edition.name))
            if year and not _says_earlier(block.content.replace(address, ""), year):
                where = prose.at(line, columns.of(line, address))
                current = address.replace(str(year), edition.name, 1)
                diagnostics.warning("oldlink", f"'{address}' is the {year} edition's address, in the {edition.name} edition's prose", where,
                                    hint=f"did you mean '{current}'? If the {year} edition is meant, say so beside the link")


def _addresses(block):
    """Each web address the paragraph links to or writes out, with its line (from 0)."""
    for token, line in inline_tokens([block]):
        if token.type == "link_open":
            yield str(token.attrs.get("href", "")), line
        elif token.type == "text":
            for match in _BARE_ADDRESS.finditer(token.content):
                yield match[0], line


def _plain(url: str) -> str:
    """An address as two spellings of it compare: no scheme, www., case or closing slash."""
    return re.sub(r"\A(?:https?://)?(?:www\.)?", "", url.strip().casefold()).rstrip("/")


def _earlier_year(address: str, site: str, current: int) -> int | None:
    """The earlier year ``address`` names where, naming the current year instead, it would be an
    address of the series' site: an earlier edition's page (or its own site). None otherwise."""
    plain = _plain(address)
    for match in _YEAR.finditer(plain):
        if int(match[0]) < current and _within(plain[:match.start()] + str(current) + plain[match.end():], site):
            return int(match[0])
    return None


def _within(plain: str, site: str) -> bool:
    return plain == site or plain.startswith(site + "/") or plain.startswith(site + "?") or plain.startswith(site + "#")


def _says_earlier(text: str, year: int) -> bool:
    return str(year) in text or bool(_EARLIER.search(text))


def _check_uneven_links(edition: Edition, diagnostics: Diagnostics) -> None:
    """Within a role the site lists with links, those without a link most of the others have."""
    roles = (("organizers", edition.organizers),
             ("speakers", tuple(p.person for p in edition.speakers if p.status != "declined")),
             ("panelists", tuple(p.person for p in edition.panelists if p.status != "declined")))
    for role, people in roles:
        for link in (*LINKS, "openreview"):
            if link != "website" or role == "organizers":  # a speaker's missing website is warned already
                _report_uneven(role, people, link, diagnostics)


def _report_uneven(role: str, people: tuple[Person, ...], link: str, diagnostics: Diagnostics) -> None:
    having = [person for person in people if _has(person, link)]
    lacking = [person for person in people if not _has(person, link)]
    if len(having) < _MOST or not lacking or len(lacking) * 3 >= len(people):
        return
    label = PROFILE_LABELS.get(link, "OpenReview" if link == "openreview" else "website")
    for person in lacking:
        diagnostics.warning("uneven", f"{person.name} has no {label} link on the site, unlike {len(having)} of the {len(people)} {role} "
                            f"({having[0].name} at {having[0].location.format()})", person.location,
                            hint=f"add '{link}' to {person.id} in people.yaml")


def _has(person: Person, link: str) -> bool:
    return bool(person.openreview_url if link == "openreview" else person.known(link))
