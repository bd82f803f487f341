"""The call for papers (call.yaml) and the website's settings (site.yaml)."""
from __future__ import annotations

from types import MappingProxyType

from ..model.edition import Call, Prose, Series, Site, SitePage, Track, default_prefix
from ..vocabulary import SITE_DEFAULTS
from . import load
from .format import TRACK_FORMAT
from .reader import Reader, finished
from .schema import Fields
from .texts import optional_prose_file, prose_file, read_prose_file


def read_call(reader: Reader, fields: Fields, series: Series | None) -> Call | None:
    """The call for papers, or None when its aim or submission rules are missing (reported)."""
    aim = prose_file(reader, fields, "aim")
    reviewers = optional_prose_file(reader, fields, "reviewers")
    contact = fields.read("contact") or (series.contact if series else "")
    if not contact and "contact" not in fields.locations():
        fields.error("required", "missing required field 'contact'", hint="give it here, or give series.yaml a contact")
    challenge = finished(fields.read("challenge"), lambda c: (optional_prose_file(reader, c, "text"), c.read("prize"), c.locations()))
    submission = fields.read("submission")
    if submission is None or aim is None:
        return None
    rules = submission.read_all("anonymous", "archival", "published", "system", "url")
    call = Call(
        aim=aim, tracks=_tracks(submission), **rules,
        dual_submission=optional_prose_file(reader, submission, "dual_submission"),
        challenge=challenge[0] if challenge else None, prize=challenge[1] if challenge else "",
        reviewers=reviewers, contact=contact, location=fields.location,
        where=MappingProxyType({**fields.locations(), **submission.locations(), **(challenge[2] if challenge else {})}),
    )
    submission.finish()
    return call


def _tracks(submission: Fields) -> tuple[Track, ...]:
    """The call's tracks; a call with one track gives its pages and format in ``submission``."""
    tracks = submission.items("tracks")
    if not tracks:
        return (Track(name="", **submission.read_all(*TRACK_KEYS)),)
    submission.refuse_replaced()
    return tuple(finished(track, lambda t: Track(**t.read_all())) for track in tracks if track is not None)


TRACK_KEYS = tuple(key.name for key in TRACK_FORMAT)




def read_site(reader: Reader, fields: Fields, sections, series: Series | None, call, papers, schedule) -> Site:
    """The site's settings; ``pages`` lists the pages to build (all of them when it is left out;
    of those, only the ones whose data the edition has: see ``_has_data``)."""
    pages_fields = fields.read("pages")
    pages = _listed_pages(reader, pages_fields, sections)
    shown = tuple(page for page in pages if _has_data(page.kind, call, papers, schedule))
    unbuilt = {p.kind: pages_fields.key_location(p.kind) for p in pages if p.kind not in {s.kind for s in shown}} if pages_fields else {}
    read = fields.read_all("room", "prefix", "allow_html", "conference_schedule")
    return Site(**{**read, "prefix": read["prefix"] or default_prefix(reader.folder.name)}, pages=shown, location=fields.location,
                where=fields.locations(), unbuilt=MappingProxyType(unbuilt))


def _listed_pages(reader: Reader, pages_fields: Fields | None, sections) -> list[SitePage]:
    """The pages ``pages`` lists, every kind when it is left out; the description page opens
    with the first section's prose unless it names its own."""
    first_section_prose = tuple(p for p in sections[0].parts if isinstance(p, Prose)) if sections else ()
    kinds = [k for k in SITE_DEFAULTS if pages_fields is None or k in pages_fields._values]
    pages = [_site_page(reader, kind, pages_fields.read(kind) if pages_fields else None,
                        first_section_prose if kind == "description" else ()) for kind in kinds]
    if pages_fields:
        pages_fields.finish()
    return pages


def _has_data(kind: str, call, papers, schedule) -> bool:
    """Whether the page has something to show: the call's page a call for papers, the papers'
    page papers.csv, the schedule's page an item (a schedule not read is reported already)."""
    return {"call": call is not None, "papers": bool(papers), "schedule": schedule is None or bool(schedule.items)}.get(kind, True)


def _site_page(reader: Reader, kind: str, fields: Fields | None, default_prose) -> SitePage:
    title, order = SITE_DEFAULTS[kind]
    if fields is None:
        return SitePage(kind, title, "page", kind, order, default_prose)
    prose_nodes = fields.read("prose")
    prose = tuple(p for p in (read_prose_file(reader, str(n.value), load.location_of(n, fields.path)) for n in prose_nodes) if p)
    read = fields.read_all("title", "layout", "slug", "nav_order", "nav")
    page = SitePage(kind, read["title"] or title, read["layout"] or "page", read["slug"] or kind,
                    order if read["nav_order"] is None else read["nav_order"], prose or default_prose, read["nav"],
                    MappingProxyType(finished(fields.read("front_matter"), _front_matter) or {}))
    fields.finish()
    return page


# The front-matter keys a page's own settings write: `front_matter` cannot set them twice.
OWN_FRONT_MATTER = ("layout", "title", "permalink", "edition", "nav", "nav_order")


def _front_matter(fields: Fields) -> dict:
    """The extra front-matter keys, each a text, number or boolean as YAML typed it."""
    extra = {}
    for key in fields.locations():
        if key in OWN_FRONT_MATTER:
            fields.error("key", f"'{key}' is written from the page's own settings", fields.node(key, required=False),
                         hint="the page's title, layout, slug, nav and nav_order are keys beside front_matter; the edition is its folder's name")
            continue
        extra[key] = fields.single_value(key)
    return {key: value for key, value in extra.items() if value is not None}
