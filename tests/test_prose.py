"""Markdown prose to LaTeX through markdown-it tokens, with citations found at their lines."""
from pathlib import Path

from proposalgen.diagnostics import Location
from proposalgen.prose import LatexRenderer, parse
from proposalgen.templating import latex_escape, latex_url

ROOT = Path("/edition")


def latex(markdown: str) -> str:
    renderer = LatexRenderer(latex_escape, lambda token: "<" + ";".join(token.meta["keys"]) + ">", latex_url, ROOT)
    return renderer.render(parse(markdown, Location(ROOT / "prose" / "p.md", 1, 1)))


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
    prose = parse("One.\n\nTwo\nthree [@a] and\n@b.\n", Location(ROOT / "p.md", 10, 1))
    assert [(c.key, c.location.line) for c in prose.citations] == [("a", 13), ("b", 14)]


def test_code_is_escaped_not_verbatim():
    assert "{\\textbackslash}end\\{verbatim\\}" in latex("```\n\\end{verbatim}\\input{x}\n```\n")
