"""What the call for papers and the website need beyond the proposal."""
from __future__ import annotations

from ..diagnostics import Diagnostics, Location
from ..model.edition import Edition, Site


def check(edition: Edition, diagnostics: Diagnostics, targets: tuple[str, ...]) -> None:
    if "cfp" in targets and not (edition.folder / "call.yaml").exists():
        diagnostics.error("file", "the call for papers is built from call.yaml, which this edition lacks", Location(edition.folder / "call.yaml"))
    if "site" in targets:
        _check_site(edition, diagnostics)


def _check_site(edition: Edition, diagnostics: Diagnostics) -> None:
    if not (edition.folder / "site.yaml").exists():
        diagnostics.error("file", "the website is built from site.yaml, which this edition lacks", Location(edition.folder / "site.yaml"))
    for participant in (*edition.speakers, *edition.panelists):
        if participant.status == "invited":
            diagnostics.error("site", f"{participant.person.name} is not confirmed: the website lists confirmed speakers only", participant.location)
    for person in edition.invited_people:
        if not person.website and "website" not in person.where:  # one given and refused is reported already
            diagnostics.warning("site", f"{person.id}: no website; the site shows the name without a link", person.location)
    if edition.site:
        _check_pages(edition, edition.site, diagnostics)
    _check_day_zone(edition, diagnostics)
    cited = {use.key for prose in edition.prose for use in prose.citations}
    for reference in edition.references:
        if reference.key in cited and not reference.url:
            diagnostics.warning("site", f"reference '{reference.key}' has no url or doi; the site cites it without a link", reference.location)


def _check_pages(edition: Edition, site: Site, diagnostics: Diagnostics) -> None:
    """What site.yaml's ``pages`` asks for and the build cannot give, or leaves out of the site."""
    for kind, where in site.unbuilt.items():
        if reason := _nothing_to_show(edition, kind):
            diagnostics.warning("site", f"pages.{kind}: the page is not built: {reason}", where)
    if not site.pages and not site.unbuilt:
        diagnostics.warning("site", "pages lists no page: the site has none to build", site.where.get("pages", site.location),
                            hint="list the pages to build (`schedule: {}`...), or leave pages out to build every page the edition has data for")
    listed = {page.kind for page in site.pages} | set(site.unbuilt)
    if "pages" in site.where and edition.papers and "papers" not in listed:
        diagnostics.warning("site", "papers.csv lists the accepted papers, but pages leaves out their page",
                            site.where["pages"], hint="add `papers: {}` to pages to list them on the site")


def _nothing_to_show(edition: Edition, kind: str) -> str:
    """Why a page listed in site.yaml has nothing to show; "" when its file could not be read (reported)."""
    if kind == "call":
        return "" if (edition.folder / "call.yaml").exists() else "the edition has no call.yaml"
    if kind == "papers":
        return "papers.csv lists no accepted paper" if (edition.folder / "papers.csv").exists() else "the edition has no papers.csv"
    return "schedule.yaml lists no item"


def _check_day_zone(edition: Edition, diagnostics: Diagnostics) -> None:
    """schedule.ics places the day in the schedule's time zone when it names one."""
    schedule = edition.schedule
    built = edition.site and any(page.kind == "schedule" for page in edition.site.pages)
    if schedule is None or not (built and edition.has_day_calendar) or schedule.zone is not None:
        return
    label = schedule.timezone
    said = f"the schedule's time zone '{label}' is a label, not a zone" if label else "the schedule gives no time zone"
    diagnostics.warning("site", f"{said}: schedule.ics gives its times without one, as local wherever it is imported",
                        schedule.timezone_at,
                        hint="give schedule.yaml a zone, an IANA name (America/Sao_Paulo) or an offset (UTC-3); the pages show the timezone as written")
