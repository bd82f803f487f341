"""The call for papers (call.yaml) and the website's settings (site.yaml)."""
from __future__ import annotations

from types import MappingProxyType

from .. import load
from ..model import SITE_DEFAULTS, Call, Prose, Series, Site, SitePage, default_prefix
from ..schema import Fields
from .reader import Reader, finished
from .texts import optional_prose_file, prose_file, read_prose_file


def read_call(reader: Reader, fields: Fields, values, series: Series | None) -> Call | None:
    """The call for papers, or None when its aim or submission rules are missing (reported)."""
    aim = prose_file(reader, fields, "aim", values)
    reviewers = optional_prose_file(reader, fields, "reviewers", values)
    contact = fields.text("contact", required=not (series and series.contact), default=series.contact if series else "")
    challenge = finished(fields.mapping("challenge", required=False), lambda c: (optional_prose_file(reader, c, "text", values), c.text("prize", required=False)))
    submission = fields.mapping("submission")
    if submission is None or aim is None:
        return None
    call = Call(
        aim=aim, pages=submission.integer("pages"), extra_pages=submission.text("extra_pages", required=False),
        style_files=submission.text("style_files", required=False), anonymous=submission.boolean("anonymous"),
        archival=submission.boolean("archival"), dual_submission=optional_prose_file(reader, submission, "dual_submission", values),
        openreview=submission.text("openreview"), challenge=challenge[0] if challenge else None, prize=challenge[1] if challenge else "",
        reviewers=reviewers, contact=contact, location=fields.location,
        where=MappingProxyType({**fields.locations(), **submission.locations()}),
    )
    submission.finish()
    return call



def read_site(reader: Reader, fields: Fields, sections, values, series: Series | None, call) -> Site:
    """The site's settings; ``pages`` lists the pages to build (all of them when it is left out;
    the call's page only with a call for papers)."""
    pages_fields = fields.mapping("pages", required=False)
    first_section_prose = tuple(p for p in sections[0].parts if isinstance(p, Prose)) if sections else ()
    kinds = [k for k in SITE_DEFAULTS if pages_fields is None or k in pages_fields._values]
    pages = []
    for kind in kinds:
        title, order = SITE_DEFAULTS[kind]
        page = pages_fields.mapping(kind, required=False) if pages_fields else None
        pages.append(_site_page(reader, kind, title, order, page, first_section_prose if kind == "description" else (), values))
    pages = [page for page in pages if page.kind != "call" or call is not None]
    if pages_fields:
        pages_fields.finish()
    prefix = fields.text("prefix", required=False, default=default_prefix(reader.folder.name))
    return Site(fields.text("room", required=False), prefix, tuple(pages), fields.location)


def _site_page(reader: Reader, kind: str, title: str, order: int, fields: Fields | None, default_prose, values) -> SitePage:
    if fields is None:
        return SitePage(kind, title, "page", kind, order, default_prose)
    prose_nodes = fields.sequence("prose", required=False) if kind == "description" else []
    prose = tuple(p for p in (read_prose_file(reader, str(n.value), load.location_of(n, fields.path), values) for n in prose_nodes) if p)
    page = SitePage(kind, fields.text("title", required=False, default=title), fields.text("layout", required=False, default="page"),
                    fields.text("slug", required=False, default=kind), fields.integer("nav_order", required=False, default=order),
                    prose or default_prose)
    fields.finish()
    return page
