"""Markdown prose to LaTeX through markdown-it tokens, with citations found at their lines."""
from pathlib import Path

from proposalgen.diagnostics import Location
from proposalgen.model.edition import Prose
from proposalgen.render.prose import LatexRenderer
from proposalgen.text.latex import latex_escape, latex_url

ROOT = Path("/edition")


def latex(markdown: str) -> str:
    renderer = LatexRenderer(latex_escape, lambda token: "<" + ";".join(token.meta["keys"]) + ">", latex_url, ROOT)
    return renderer.render(Prose.parsed(markdown, Location(ROOT / "prose" / "p.md", 1, 1)))


def test_paragraphs_emphasis_and_links():
    assert latex("A *b* **c** [d](https://x.org/~e?f=1&g_h#i) 50% & $5.\n\nNext.\n") == (
        "% source: prose/p.md:1\n"
        "A \\emph{b} \\textbf{c} \\href{https://x.org/\\%7Ee?f=1\\&g\\_h\\#i}{d} 50\\% \\& \\$5.\n\n"
        "% source: prose/p.md:3\n"
        "Next.\n"
    )


def test_lists_and_headings():
    assert latex("### Aims\n\n- one\n- two\n\n1. first\n") == (
        "% source: prose/p.md:1\n\\pgrunin{Aims}\n"
        "% source: prose/p.md:3\n\\begin{itemize}\n\\item one\n\\item two\n\\end{itemize}\n\n"
        "% source: prose/p.md:6\n\\begin{enumerate}\n\\item first\n\\end{enumerate}\n"
    )


def test_citations_bracketed_narrative_and_not_emails():
    assert latex("See [@a; @b:c] and @d_e. Mail x@y.org.\n") == "% source: prose/p.md:1\nSee <a;b:c> and <d_e>. Mail x@y.org.\n"


def test_citation_lines_follow_the_source():
    prose = Prose.parsed("One.\n\nTwo\nthree [@a] and\n@b.\n", Location(ROOT / "p.md", 10, 1))
    assert [(c.key, c.location.line) for c in prose.citations] == [("a", 13), ("b", 14)]


def test_citation_columns_are_those_of_their_at_signs():
    prose = Prose.parsed("See [@a] and [@a; @b], @a.\n", Location(ROOT / "p.md", 1, 1))
    assert [(c.key, c.location.column) for c in prose.citations] == [("a", 6), ("a", 15), ("b", 19), ("a", 24)]


def test_code_is_escaped_not_verbatim():
    assert "{\\textbackslash}end\\{verbatim\\}" in latex("```\n\\end{verbatim}\\input{x}\n```\n")


def test_positions_after_filled_values_are_those_of_the_text_as_written():
    from proposalgen.diagnostics import Diagnostics
    from proposalgen.render.filling import parse_filled

    written = "A {{ a }}, {{ b | upper }}{{- c }} TODO\r\n{% if a %}{{ c }} ok{% endif %} [@k]\n"
    prose = parse_filled(written, Location(ROOT / "p.md", 10, 1), {"a": "long value", "b": "x", "c": "TBD"}, Diagnostics())
    assert prose.markdown == "A long value, XTBD TODO\nTBD ok [@k]\n"
    found = {word: prose.at(line, text.find(word)) for line, text in enumerate(prose.markdown.splitlines()) for word in ("TODO", "TBD", "ok")
             if word in text}
    assert {word: (where.line, where.column) for word, where in found.items()} == {"TODO": (10, 36), "TBD": (11, 11), "ok": (11, 19)}
    assert [(c.key, c.location.line, c.location.column) for c in prose.citations] == [("k", 11, 34)]
    assert [prose.at(0, 14).column, prose.at(0, 15).column] == [12, 27]  # X from b at its {{, TBD from c at its {{-


def test_raw_blocks_are_filled_in_without_positions_of_their_own():
    from proposalgen.diagnostics import Diagnostics
    from proposalgen.render.filling import parse_filled

    prose = parse_filled("{% raw %}{{ x }}{% endraw %} {{ a }}\n", Location(ROOT / "p.md", 1, 1), {"a": 1}, Diagnostics())
    assert (prose.markdown, prose.filled_from) == ("{{ x }} 1\n", None)


def test_straight_quotes_become_opening_and_closing_ones_and_apostrophes_stay_in_words():
    assert latex("The \"Edge of Stability\" [@a], *'single'* and Smith's \"don't\".\n") == (
        "% source: prose/p.md:1\n"
        "The {\\textquotedblleft}Edge of Stability{\\textquotedblright} <a>, \\emph{{\\textquoteleft}single{\\textquoteright}} "
        "and Smith{\\textquoteright}s {\\textquotedblleft}don{\\textquoteright}t{\\textquotedblright}.\n"
    )


def test_the_site_keeps_the_quotes_as_written():
    from proposalgen.render.prose import MarkdownRenderer
    from proposalgen.text.web import markdown_escape, markdown_url

    prose = Prose.parsed("The \"Edge of Stability\" and Smith's.\n", Location(ROOT / "prose" / "p.md", 1, 1))
    latex_renderer = LatexRenderer(latex_escape, lambda token: "", latex_url, ROOT)
    assert "textquotedblleft" in latex_renderer.render(prose)
    assert MarkdownRenderer(markdown_escape, lambda token: "", markdown_url).render(prose) == "The \"Edge of Stability\" and Smith's.\n"
