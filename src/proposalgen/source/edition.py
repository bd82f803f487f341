"""Reading an edition folder into the model, in the order its parts depend on each other, reporting
every problem found along the way."""
from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from ..diagnostics import Diagnostics
from ..model.edition import CitationStyle, Edition
from ..model.values import UNREAD, Counts, Unread, diversity_of, returning_organizers, spoken_dates
from ..vocabulary import ROLES, SPEAKING_ROLES
from .call_site import read_call, read_site
from .dates import read_dates, read_submissions
from .format import EDITION, SITE_CALL_PAGE
from .papers import read_papers
from .people import NO_ROLES, committee_refs, committees_of, participants_of, people_drafts, role_refs, with_bio
from .reader import Reader, finished
from .references import read_references
from .schedule import read_schedule
from .schema import Fields
from .series import earlier_pages, previous_edition, read_outcome, read_series, workshop_of
from .texts import optional_prose_file, read_sections
from .venue import read_venue

EDITION_FILES = ("edition.yaml", "people.yaml", "roles.yaml", "schedule.yaml")


def read_edition(folder: Path, diagnostics: Diagnostics, targets: tuple[str, ...] = ("proposal",)) -> Edition:
    """The edition in ``folder``, as ``targets`` need it, every problem reported. Each file is
    read on its own: a part that cannot be read is reported once and left out (None, or named in
    ``Edition.unread``), and whatever depends on it is skipped silently, so every other part is
    still checked."""
    reader = Reader(folder, diagnostics, _outputs_made(folder, targets))
    documents = {name: reader.fields(name) for name in EDITION_FILES}
    return _read_documents(reader, documents)


def _outputs_made(folder: Path, targets: tuple[str, ...]) -> frozenset[str]:
    """The outputs ``targets`` make, which decide the keys required (``Key.needed_by``); the files
    they need beside, call.yaml and site.yaml, are checked by checks/web.py."""
    site_call = ("site" in targets and (folder / "call.yaml").exists()) * (SITE_CALL_PAGE,)
    return frozenset((*targets, *site_call))


def _read_documents(reader: Reader, docs: dict[str, Fields | None]) -> Edition:
    edition_doc = _edition_doc(reader, docs["edition.yaml"])
    drafts = people_drafts(reader, docs["people.yaml"])
    roles = role_refs(reader, docs["roles.yaml"], drafts)
    committees = committee_refs(reader, docs["roles.yaml"], drafts)
    series = finished(reader.series_fields(), read_series)
    if series:
        reader.diagnostics.ignore(series.ignore)
    workshop = workshop_of(series, reader.folder) if series else None
    outcome = finished(edition_doc.read("outcome"), read_outcome) or read_outcome(None)
    previous = previous_edition(reader, series)
    dates = finished(edition_doc.read("dates"), read_dates)
    submissions = finished(edition_doc.read("submissions"), read_submissions)
    venue = read_venue(edition_doc.read("venue"), reader.folder.parent, reader.diagnostics)
    style = CitationStyle(*edition_doc.read_all("citation_style", "citation_order").values())
    engine = edition_doc.read("engine")
    values = _prose_values(workshop, roles, dates, submissions, {person.id: person for person, _ in drafts or ()}, previous)
    people_doc = docs["people.yaml"]  # None exactly when drafts is
    people = tuple(with_bio(reader, person, node, people_doc) for person, node in drafts) if drafts and people_doc else ()
    registry = {p.id: p for p in people}
    participants = {role: participants_of(refs, registry) for role, refs in (roles or NO_ROLES).items()}
    papers = read_papers(reader)
    schedule = read_schedule(reader, docs["schedule.yaml"], participants, roles, registry, papers)
    abstract = optional_prose_file(reader, edition_doc, "abstract")
    sections = read_sections(reader, edition_doc)
    references = read_references(reader)
    call = finished(reader.optional_fields("call.yaml"), lambda fields: read_call(reader, fields, series))
    site = finished(reader.optional_fields("site.yaml"), lambda fields: read_site(reader, fields, sections, series, call, papers.papers, schedule))
    for doc in docs.values():
        if doc is not None:
            doc.finish()
    return Edition(
        name=reader.folder.name, folder=reader.folder, workshop=workshop, venue=venue, citation_style=style, engine=engine,
        abstract=abstract, sections=sections, people=people,
        organizers=tuple(p.person for p in participants["organizers"]), speakers=participants["speakers"],
        organizer_roles=MappingProxyType({p.person.id: p.role for p in participants["organizers"] if p.role}),
        organizer_roles_where=MappingProxyType({p.person.id: p.location for p in participants["organizers"] if p.role}),
        committees=committees_of(committees, registry),
        panelists=participants["panelists"], committee=participants["committee"], schedule=schedule,
        dates=dates, submissions=submissions, references=references, values=values,
        call=call, site=site, papers=papers.papers, earlier_pages=earlier_pages(reader.folder),
        series=series, outcome=outcome, previous=None if isinstance(previous, Unread) else previous, unread=frozenset(reader.unread),
        needed=frozenset(key.name for key in EDITION.keys if key.required_for(reader.targets)),
    )


def _edition_doc(reader: Reader, doc: Fields | None) -> Fields:
    """edition.yaml's fields; when it could not be read, fields that hold nothing and report
    nothing missing, and the sections it names are unknown."""
    if doc is not None:
        return doc
    reader.unread.update(("sections", "prose"))
    return Fields.unreadable(reader.folder / "edition.yaml", reader.diagnostics, EDITION)


def _prose_values(workshop, roles, dates, submissions, registry, previous) -> MappingProxyType:
    """What prose and templates may use as ``{{ values }}``; needs only ids, so bios can use it.
    A value whose source could not be read is ``UNREAD``: prose using it reports nothing more."""
    people_read = roles is not None and all(ref.person_id in registry for refs in roles.values() for ref in refs)
    values = {"workshop": workshop or UNREAD, "submissions": submissions or UNREAD,
              "dates": spoken_dates(dates) if dates else UNREAD,
              **(_people_values(roles, registry) if people_read else {"counts": UNREAD, "diversity": UNREAD})}
    if previous is not None:
        values["previous"] = previous
        values["returning"] = UNREAD if previous is UNREAD or roles is None else returning_organizers(
            [ref.person_id for ref in roles["organizers"]], previous.organizer_ids)
    return MappingProxyType(values)


def _people_values(roles, registry) -> dict:
    counts = Counts(*(len(roles[r]) for r in ROLES))
    speaker_ids = dict.fromkeys(ref.person_id for role in SPEAKING_ROLES for ref in roles[role])
    diversity = {
        "organizers": diversity_of([registry[ref.person_id] for ref in roles["organizers"]]),
        "speakers": diversity_of([registry[i] for i in speaker_ids]),
        "committee": diversity_of([registry[ref.person_id] for ref in roles["committee"]]),
    }
    return {"counts": counts, "diversity": diversity}
