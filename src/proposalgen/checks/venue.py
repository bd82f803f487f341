"""The venue's rules for the proposal: a preset of the edition's year, the sections it requires, speakers
it wants confirmed. The call and the site are the workshop's own: these rules do not apply."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model.edition import Edition, Prose, Venue


def rules_for(edition: Edition, targets: tuple[str, ...]) -> Venue | None:
    """The venue whose rules apply to ``targets``: the venue's rules are the proposal's, and the
    call, the site, mails and exports are the workshop's own (a past edition's site is built
    long after the venue's dates)."""
    return edition.venue if "proposal" in targets else None


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    venue = rules_for(edition, targets)
    if venue is None:
        return
    if venue.year is not None and venue.year != int(edition.name):
        than = "older" if venue.year < int(edition.name) else "newer"
        diagnostics.warning("venue", f"the venue preset '{venue.id}' is for {venue.year}, {than} than the {edition.name} edition: rules change every year",
                            venue.location, hint=f"add a preset for {edition.name} from the venue's call, or override the fields that changed")
    headings = covered_headings(edition)
    # A heading may stand in a section or a text that could not be read.
    for required in venue.required_sections if not edition.unread & {"sections", "prose"} else ():
        if not any(required in heading for heading in headings):
            diagnostics.error("venue", f"{venue.full_name} requires a section on '{required}', and the proposal has none",
                              edition.sections[0].location if edition.sections else venue.location,
                              hint="a section title or a run-in heading (**Diversity.**) must name it")
    if venue.speakers_confirmed:
        for participant in (*edition.speakers, *edition.panelists):
            if not participant.confirmed:
                diagnostics.error("venue", f"{venue.full_name} wants invited speakers confirmed; {participant.person.name} is {participant.status}", participant.location)


def covered_headings(edition: Edition) -> list[str]:
    """The lower-cased section titles, prose headings and run-in headings (a paragraph's opening bold)."""
    headings = [s.title.lower() for s in edition.sections]
    for section in edition.sections:
        for part in section.parts:
            if isinstance(part, Prose):
                headings += _prose_headings(part)
    return headings


def _prose_headings(prose: Prose) -> list[str]:
    found, tokens = [], prose.tokens
    for index, token in enumerate(tokens):
        if token.type == "inline" and index and tokens[index - 1].type in ("heading_open", "paragraph_open"):
            children = token.children or []
            if tokens[index - 1].type == "heading_open":
                found.append(token.content.lower())
            elif len(children) > 1 and children[0].type == "strong_open":
                found.append(children[1].content.lower())
    return found
