"""Rendering the model into documents, in memory; nothing here writes a file."""
from __future__ import annotations

import dataclasses
import datetime
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token
from markupsafe import Markup

from ..diagnostics import ERROR, Diagnostic, Location
from ..exceptions import ProposalError
from ..model.citations import BibEntry, Bibliography, build_bibliography
from ..model.edition import DocumentStyle, Edition, Prose, Site, default_page, default_prefix, permalink
from ..model.values import SpokenDate, aligned, announced_dates, in_a_sentence
from ..registry import Request
from ..source import load
from ..text.latex import latex_escape, latex_url, shown_url
from ..text.markdown import image_file, image_files
from ..text.web import inert_liquid, markdown_escape, markdown_url
from .calendar import calendar_of, day_calendar
from .environments import latex_environment, mail_environment, markdown_environment, text_environment
from .prose import LatexRenderer, MarkdownRenderer, TextRenderer
from .sandbox import MAX_DOCUMENT, rendered
from .website import calendar_address, calendar_name, invited_talks, panelists, photo_address, photo_name, prose_image_name, shown_people

TEXT_WIDTH = 72
# The templates a document in a venue's class begins with, in order.
CLASS_PREAMBLE = ("venue-class.tex", "preamble.tex")


@dataclass(frozen=True)
class Document:
    """One rendered file: its path under the edition's output folder and its content."""

    name: str
    content: bytes
    kit: tuple[Path, ...] = ()  # a LaTeX document's style kit, copied beside it to be typeset
    preamble: bytes = b""  # what a LaTeX document in a venue's class begins with, to be dumped into a format


def bibliography_of(edition: Edition) -> Bibliography:
    """One bibliography for every output, so that the site numbers each entry as the PDF does."""
    return build_bibliography(edition.references, cited_keys(edition), edition.citation_style)


def cited_keys(edition: Edition) -> list[str]:
    """The keys cited, each once, in the order the proposal first cites them (then the call and the
    site): every document's bibliography lists and numbers them so."""
    return list(dict.fromkeys(use.key for prose in _proposal_order(edition) for use in prose.citations))


def _proposal_order(edition: Edition) -> list[Prose]:
    """The prose in the order the proposal reads it: the abstract, then each section's parts (the
    bios of the organizers, speakers or panelists where their block stands); then the rest, which
    only the call and the site show."""
    texts = [edition.abstract] if edition.abstract else []
    for part in (p for section in edition.sections for p in section.parts):
        texts += [part] if isinstance(part, Prose) else _block_prose(edition, part)
    return texts + list(edition.prose)


def _block_prose(edition: Edition, block) -> list[Prose]:
    people = {"organizers": edition.organizers, "speakers": [p.person for p in edition.speakers],
              "panelists": [p.person for p in edition.panelists]}.get(block.name, [])
    return [p.bio for p in people if p.bio is not None]


def _bibliography(request: Request) -> Bibliography:
    assert request.bibliography is not None, "the build gives its renders a bibliography (only mail and export give none)"
    return request.bibliography


def proposal_source(edition: Edition, request: Request) -> list[Document]:
    style = edition.venue.style if edition.venue else None
    document = _latex("proposal.tex", edition, _bibliography(request), request.templates, style)
    for path in style.files if style else ():
        load.note_read(path, path.read_bytes())  # a change to the kit rebuilds the proposal
    return [dataclasses.replace(document, kit=style.files) if style else document, *_prose_images(edition, "")]


def flyer_source(edition: Edition, request: Request) -> list[Document]:
    return [_latex("cfp.tex", edition, _bibliography(request), request.templates), *_prose_images(edition, "")]


def call_page(edition: Edition, request: Request) -> list[Document]:
    return [_markdown("cfp.md", "call", edition, _bibliography(request), request.templates)]


def call_announcement(edition: Edition, request: Request) -> list[Document]:
    return [Document("cfp.txt", render_text(edition, _bibliography(request), request.templates).encode())]


def deadlines_calendar(edition: Edition, request: Request) -> list[Document]:
    return [Document("dates.ics", calendar_of(edition, _now()))]


def site_pages(edition: Edition, request: Request) -> list[Document]:
    """The site's pages, the photos they show, and beside the schedule's page the day as a calendar."""
    site = edition.site
    if site is None:  # no site.yaml: reported by the checks, which stop the build before rendering
        return []
    return [*(_markdown(f"site/{page.kind}.md", page.kind, edition, _bibliography(request), request.templates) for page in site.pages),
            *_photos(edition), *_prose_images(edition, "site/"), *_day_calendar(edition, site)]


def _photos(edition: Edition) -> list[Document]:
    """The photo files of the people the pages show, copied under stable names (the checks made
    sure each is an image inside the edition folder)."""
    documents = []
    for person in (p for p in shown_people(edition) if p.photo_file):
        path = edition.folder / person.photo_file
        data = path.read_bytes()
        load.note_read(path, data)
        documents.append(Document(f"site/{photo_name(person, edition)}", data))
    return documents


def _prose_images(edition: Edition, folder: str) -> list[Document]:
    """The image files prose shows, copied under stable names into ``folder`` of the output (the
    checks made sure each is an image inside the data folder): TeX includes them from beside the
    document, the site's pages link them from its root."""
    documents = []
    for file in sorted(image_files(prose.tokens for prose in edition.prose)):
        path = edition.folder / file
        data = path.read_bytes()
        load.note_read(path, data)
        documents.append(Document(folder + prose_image_name(file, edition), data))
    return documents


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def _day_calendar(edition: Edition, site: Site) -> list[Document]:
    """schedule.ics, when the site has the schedule's page and the edition the workshop's date."""
    has_page = any(page.kind == "schedule" for page in site.pages)
    return [Document(f"site/{calendar_name(edition)}", day_calendar(edition, _now()))] if has_page and edition.has_day_calendar else []


def _latex(name: str, edition: Edition, bibliography: Bibliography, templates: Path | None,
           style: DocumentStyle | None = None) -> Document:
    """The LaTeX document ``name``, in our look or, given a ``style``, in the venue's class, with
    the preamble that class's documents begin with (ours is known before rendering: build.py)."""
    renderer = _latex_prose_renderer(bibliography, edition)
    environment = latex_environment(templates)

    def render(template: str) -> str:
        return _render(environment, template, edition.values, edition=edition, call=edition.call, site=edition.site, style=style,
                       bibliography=bibliography, prose=lambda p: _rendered(renderer, p), announced_dates=announced_dates(edition.dates))

    preamble = "".join(render(part) for part in CLASS_PREAMBLE) if style else ""
    return Document(name, render(name).encode(), preamble=preamble.encode())


def _render(environment, name: str, values, **context) -> str:
    """The template ``name`` rendered; its mistakes (templates can be the user's) are diagnostics."""
    import jinja2

    try:
        return rendered(environment.get_template(name), MAX_DOCUMENT, values, **context)
    except jinja2.TemplateSyntaxError as e:
        raise TemplateProblem(Diagnostic(ERROR, "template", e.message or "invalid template", Location(Path(e.filename or name), e.lineno, 1))) from e
    except jinja2.TemplateNotFound as e:
        message = f"no template '{e.name}': a template includes another by its name in the templates folder"
        raise TemplateProblem(Diagnostic(ERROR, "template", message, _template_location(e, name))) from e
    except jinja2.TemplateError as e:
        raise TemplateProblem(Diagnostic(ERROR, "template", str(e), _template_location(e, name))) from e
    except RecursionError as e:
        raise TemplateProblem(Diagnostic(ERROR, "template", "the template calls itself too deeply", _template_location(e, name))) from e


def _template_location(error: Exception, name: str) -> Location:
    """The template line being rendered when ``error`` happened, from the rewritten traceback."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".tex", ".md", ".txt")) and f.lineno]
    return Location(Path(frames[-1].filename), frames[-1].lineno or 0, 1) if frames else Location(Path(name))


class TemplateProblem(ProposalError):
    """Raised when a template cannot be rendered: a syntax error or an undefined name in it."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(diagnostic.format())


def _markdown(name: str, kind: str, edition: Edition, bibliography: Bibliography, templates: Path | None) -> Document:
    allow_html = bool(edition.site and edition.site.allow_html)
    renderer = MarkdownRenderer(markdown_escape, _citations(bibliography, _web_label, markdown_escape), markdown_url, allow_html,
                                lambda src: "/" + prose_image_name(file, edition) if (file := image_file(src)) else src)
    page = edition.site.page(kind) if edition.site else default_page(kind)
    context = dict(
        edition=edition, page=page, site=edition.site, call=edition.call, bibliography=bibliography,
        prose=lambda p: _rendered(renderer, p), permalink=edition.site.permalink(page) if edition.site else permalink(default_prefix(edition.name), page.slug),
        announced_dates=announced_dates(edition.dates), invited=edition.invited_people, link=person_link,
        previous_editions=edition.earlier_pages, edition_key=front_matter_edition(edition.name),
        talks=invited_talks(edition), panelists=panelists(edition), photo=lambda person: photo_address(person, edition),
        calendar=calendar_address(edition),
    )
    return Document(name, inert_liquid(_render(markdown_environment(templates), f"{kind}.md", edition.values, **context)).encode())


def front_matter_edition(name: str) -> int | str:
    """The edition as themes compare it: al-folio's menu matches ``page.edition`` with the number 2026."""
    return int(name) if name.isdigit() else name


def render_text(edition: Edition, bibliography: Bibliography, templates: Path | None) -> str:
    """The call for papers as plain text for mailing lists."""
    renderer = TextRenderer(_citations(bibliography, lambda entry, label: label), TEXT_WIDTH)
    rows = [(d.label, d.text) for d in announced_dates(edition.dates)]
    return _render(text_environment(templates), "cfp.txt", edition.values, edition=edition, call=edition.call, site=edition.site,
                   prose=lambda p: _text_of(renderer, p), date_lines=aligned(rows), width=TEXT_WIDTH)


def overleaf_readme(edition: Edition, sources: list[str], files: list[str], templates: Path | None) -> str:
    """The README of the Overleaf bundle: the data folder is the source of truth, ``sources`` the
    files under the edition's folder its paragraphs come from, ``files`` what the bundle holds."""
    return _render(text_environment(templates), "overleaf-readme.txt", edition.values, edition=edition, sources=sources, files=files,
                   folder=f"{edition.folder.parent.name}/{edition.folder.name}")


def render_mail(edition: Edition, group: str, invitation, templates: Path | None) -> str:
    """One invitation of ``group`` (speakers, panelists, committee): "Subject: ..." then the body."""
    given = edition.dates.given() if edition.dates else {}
    spoken = {name: SpokenDate(day) for name, day in given.items()}
    return _render(mail_environment(templates), f"{group}.md", edition.values, edition=edition, invitation=invitation,
                   day=spoken.get("workshop"), review_start=spoken.get("review_start"), review_end=spoken.get("review_end"),
                   signature=in_a_sentence([person.name for person in edition.organizers]))


def person_link(person) -> Markup:
    """A person's name as Markdown, linked to their website (or Scholar page) when they have one."""
    url = person.website or person.scholar
    name = markdown_escape(person.name)
    return Markup(f"[{name}]({markdown_url(url)})" if url else name)


def _rendered(renderer, prose: Prose) -> Markup:
    return Markup(_text_of(renderer, prose))


def _text_of(renderer, prose: Prose) -> str:
    """The prose rendered, noted as read by the document being rendered (for the rebuild rule)."""
    load.note_rendered(prose.location.path)
    return renderer.render(prose)


def _latex_prose_renderer(bibliography: Bibliography, edition: Edition) -> LatexRenderer:
    return LatexRenderer(latex_escape, _citations(bibliography, _latex_label), latex_url, edition.folder, lambda src: prose_image_name(file, edition) if (file := image_file(src)) else "",
                         address=shown_url)


def _citations(bibliography: Bibliography, label: Callable[[BibEntry, str], str], bracket: Callable[[str], str] = str) -> Callable[[Token], str]:
    """How an output writes a citation token: its entries' labels as the PDF shows them, each as
    ``label`` writes it (escaped, linked), between the brackets as ``bracket`` writes them."""
    def cite(token: Token) -> str:
        citation = bibliography.citation(token.meta["keys"], token.meta["narrative"])
        opening, closing = citation.brackets
        labels = [label(entry, text) for entry, text in zip(citation.entries, citation.labels())]
        return bracket(opening) + citation.separator.join(labels) + bracket(closing)

    return cite


def _latex_label(entry: BibEntry, label: str) -> str:
    """A label linked to its entry in the bibliography."""
    return f"\\hyperlink{{{entry.anchor}}}{{{latex_escape(label)}}}"


def _web_label(entry: BibEntry, label: str) -> str:
    """A label linked to its entry's URL when it has one."""
    escaped = markdown_escape(label)
    return f"[{escaped}]({markdown_url(entry.reference.url)})" if entry.reference.url else escaped
