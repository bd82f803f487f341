"""The call for papers (call.yaml) and the website's settings (site.yaml)."""
from __future__ import annotations

from types import MappingProxyType

from ..model.edition import Call, Prose, Series, Site, SitePage, Track, default_prefix
from ..vocabulary import SITE_DEFAULTS
from . import load
from .format import TRACK, TRACK_FORMAT
from .reader import Reader, finished
from .schema import Fields
from .texts import optional_prose_file, prose_file, read_prose_file


def read_call(reader: Reader, fields: Fields, series: Series | None) -> Call | None:
    """The call for papers, or None when its aim or submission rules are missing (reported)."""
    aim = prose_file(reader, fields, "aim")
    reviewers = optional_prose_file(reader, fields, "reviewers")
    contact = fields.placeholder_or("contact", lambda key: fields.text(key, required=not (series and series.contact), default=series.contact if series else ""))
    challenge = finished(fields.mapping("challenge", required=False), lambda c: (optional_prose_file(reader, c, "text"), c.text("prize", required=False), c.locations()))
    submission = fields.mapping("submission")
    if submission is None or aim is None:
        return None
    call = Call(
        aim=aim, tracks=_tracks(submission), anonymous=submission.placeholder_or("anonymous", submission.boolean),
        archival=submission.placeholder_or("archival", submission.boolean), published=submission.text("published", required=False),
        dual_submission=optional_prose_file(reader, submission, "dual_submission"),
        system=submission.text("system"), url=submission.placeholder_or("url", submission.url),
        challenge=challenge[0] if challenge else None, prize=challenge[1] if challenge else "",
        reviewers=reviewers, contact=contact, location=fields.location,
        where=MappingProxyType({**fields.locations(), **submission.locations(), **(challenge[2] if challenge else {})}),
    )
    submission.finish()
    return call


def _tracks(submission: Fields) -> tuple[Track, ...]:
    """The call's tracks; a call with one track gives its pages and format in ``submission``."""
    nodes = submission.sequence("tracks", required=False)
    if not nodes:
        return (_track(submission, ""),)
    for key in (key.name for key in TRACK_FORMAT if key.name in submission.locations()):
        submission.error("value", f"'{key}' is given in each track when the call has tracks", submission.node(key, required=False))
    tracks = [Fields.of(node, submission.path, submission.diagnostics, f"{submission.context}.tracks[{i}]", TRACK) for i, node in enumerate(nodes)]
    return tuple(finished(track, lambda t: _track(t, t.text("name"))) for track in tracks if track is not None)


def _track(fields: Fields, name: str) -> Track:
    pages = fields.placeholder_or("pages", lambda key: fields.integer(key, minimum=1))
    return Track(name, pages, fields.text("extra_pages", required=False), fields.url("style_files", required=False))




def read_site(reader: Reader, fields: Fields, sections, series: Series | None, call, papers, schedule) -> Site:
    """The site's settings; ``pages`` lists the pages to build (all of them when it is left out;
    of those, only the ones whose data the edition has: see ``_has_data``)."""
    pages_fields = fields.mapping("pages", required=False)
    pages = _listed_pages(reader, pages_fields, sections)
    shown = tuple(page for page in pages if _has_data(page.kind, call, papers, schedule))
    unbuilt = {p.kind: pages_fields.key_location(p.kind) for p in pages if p.kind not in {s.kind for s in shown}} if pages_fields else {}
    prefix = fields.text("prefix", required=False, default=default_prefix(reader.folder.name))
    return Site(fields.shown_text("room", required=False), prefix, shown, fields.location, fields.locations(),
                fields.boolean("allow_html", required=False), fields.url("conference_schedule", required=False), MappingProxyType(unbuilt))


def _listed_pages(reader: Reader, pages_fields: Fields | None, sections) -> list[SitePage]:
    """The pages ``pages`` lists, every kind when it is left out; the description page opens
    with the first section's prose unless it names its own."""
    first_section_prose = tuple(p for p in sections[0].parts if isinstance(p, Prose)) if sections else ()
    kinds = [k for k in SITE_DEFAULTS if pages_fields is None or k in pages_fields._values]
    pages = [_site_page(reader, kind, pages_fields.mapping(kind, required=False) if pages_fields else None,
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
    prose_nodes = fields.sequence("prose", required=False)
    prose = tuple(p for p in (read_prose_file(reader, str(n.value), load.location_of(n, fields.path)) for n in prose_nodes) if p)
    page = SitePage(kind, fields.text("title", required=False, default=title), fields.text("layout", required=False, default="page"),
                    fields.text("slug", required=False, default=kind), fields.integer("nav_order", required=False, default=order),
                    prose or default_prose, fields.boolean("nav", required=False, default=True),
                    MappingProxyType(finished(fields.mapping("front_matter", required=False), _front_matter) or {}))
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
        value = fields.node(key, required=False)
        extra[key] = _front_value(fields, key, value.tag if value is not None else "")
    return {key: value for key, value in extra.items() if value is not None}


def _front_value(fields: Fields, key: str, tag: str):
    if tag.endswith(":bool"):
        return fields.boolean(key)
    if tag.endswith(":int"):
        return fields.integer(key)
    return fields.text(key, required=False, default=None)
