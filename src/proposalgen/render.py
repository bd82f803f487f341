"""Rendering the model into documents, in memory; nothing here writes a file."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from .citations import Bibliography, build_bibliography
from .model import Edition, Prose
from .prose import LatexRenderer
from .templating import latex_environment, latex_escape, latex_url


def bibliography_of(edition: Edition) -> Bibliography:
    cited = {use.key for prose in edition.prose for use in prose.citations}
    return build_bibliography(edition.references, cited, edition.citation_style)


def render_proposal(edition: Edition, bibliography: Bibliography, user_templates: Path | None) -> str:
    """The proposal's LaTeX source."""
    renderer = _latex_prose_renderer(bibliography, edition.folder)
    template = latex_environment(user_templates).get_template("proposal.tex")
    return template.render(edition.values, edition=edition, bibliography=bibliography, prose=lambda p: _rendered(renderer, p))


def _rendered(renderer: LatexRenderer, prose: Prose) -> Markup:
    return Markup(renderer.render(prose))


def _latex_prose_renderer(bibliography: Bibliography, source_root: Path) -> LatexRenderer:
    def cite(token) -> str:
        citation = bibliography.citation(token.meta["keys"], token.meta["narrative"])
        links = [f"\\hyperlink{{{e.anchor}}}{{{latex_escape(label)}}}" for e, label in zip(citation.entries, citation.labels())]
        opening, closing = citation.brackets
        return opening + citation.separator.join(links) + closing

    return LatexRenderer(latex_escape, cite, latex_url, source_root)
