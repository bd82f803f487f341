"""Prose Markdown whole in every output: tables, quotes, footnotes, nested and numbered lists,
images, code and sub-headings in the PDF (pdftotext), the site (kramdown, then Jekyll's HTML) and
cfp.txt; values filled in print as text; no heading of a site page falls inside a list item."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from proposalgen.cli import main
from proposalgen.diagnostics import Diagnostics, Location
from proposalgen.model.edition import Prose
from proposalgen.render.filling import parse_filled
from proposalgen.render.prose import LatexRenderer, MarkdownRenderer, TextRenderer
from proposalgen.text.latex import latex_escape, latex_url
from proposalgen.text.web import markdown_escape, markdown_url

from conftest import GALLERY, ROOT, TESTS, make_data
from test_site import png

PROSE = """Intro[^n] with `a|b` and ![a red box](prose/box.png).

| Name | Score |
|:-----|------:|
| Alpha *x* | 10 |
| Beta \\| pipe | 2 |

> Quoted
> text.

3. three
4. four
   - nested

## Sub heading

[^n]: The note.
"""


def rendered(markdown: str):
    prose = Prose.parsed(markdown, Location(Path("/e/p.md"), 1, 1))
    latex = LatexRenderer(latex_escape, lambda t: "", latex_url, Path("/e"), lambda src: "assets/x.png").render(prose)
    site = MarkdownRenderer(markdown_escape, lambda t: "", markdown_url, image=lambda src: "/assets/x.png").render(prose)
    return latex, site, TextRenderer(lambda t: "", 72).render(prose)


def test_each_construct_in_latex_kramdown_and_plain_text():
    latex, site, text = rendered(PROSE)
    assert latex == (
        "% source: p.md:1\nIntro\\pgfootnote{1-0}{The note.} with \\texttt{a|b} and \\pgimage{assets/x.png}.\n\n"
        "% source: p.md:3\n\\par\\noindent\\begin{tabularx}{\\linewidth}{@{}>{\\raggedright\\arraybackslash}X>{\\raggedleft\\arraybackslash}X@{}}"
        "\\toprule Name & Score \\\\\n\\midrule\nAlpha \\emph{x} & 10 \\\\\nBeta | pipe & 2 \\\\\n\\bottomrule\n\\end{tabularx}\n\n"
        "\\begin{quote}\n% source: p.md:8\nQuoted\ntext.\n\\end{quote}\n\n"
        "% source: p.md:11\n\\begin{enumerate}\\pgliststart{3}\n\\item three\n\\item four\n\\begin{itemize}\n\\item nested\n\\end{itemize}\n\\end{enumerate}\n\n"
        "% source: p.md:15\n\\pgsubheading{Sub heading}\n"
    )
    assert site == (
        "Intro[^1] with `a|b` and ![a red box](/assets/x.png).\n\n"
        "| Name | Score |\n|:--|--:|\n| Alpha *x* | 10 |\n| Beta \\| pipe | 2 |\n{: .table}\n\n"
        "> Quoted text.\n\n{: start=\"3\"}\n3. three\n4. four\n   - nested\n\n## Sub heading\n\n[^1]: The note.\n"
    )
    assert text == (
        "Intro[1] with a|b and [image: a red box].\n\nName         Score\n-----------  -----\nAlpha x         10\nBeta | pipe      2\n\n"
        "> Quoted text.\n\n  3. three\n  4. four\n     - nested\n\nSUB HEADING\n\n[1] The note.\n"
    )


def test_a_note_referenced_twice_is_set_once_and_marked_again():
    latex, site, text = rendered("A[^a] and B[^a].\n\n[^a]: Once.\n")
    assert "A\\pgfootnote{1-0}{Once.} and B\\pgfootnoteagain{1-0}." in latex
    assert site == "A[^1] and B[^1].\n\n[^1]: Once.\n"


def test_a_web_image_is_its_text_in_the_pdf_and_an_image_on_the_site():
    prose = Prose.parsed("See ![the *plot*](https://example.org/p.png).\n", Location(Path("/e/p.md"), 1, 1))
    assert "See the \\emph{plot}." in LatexRenderer(latex_escape, lambda t: "", latex_url, Path("/e")).render(prose)
    assert MarkdownRenderer(markdown_escape, lambda t: "", markdown_url).render(prose) == "See ![the *plot*](https://example.org/p.png).\n"


def test_a_value_filled_into_prose_is_text_not_markdown():
    prose = parse_filled("After {{ venue }}, see @k.\n", Location(Path("/e/p.md"), 1, 1),
                         {"venue": "[x](https://example.org) *a* @k"}, Diagnostics())
    assert [c.key for c in prose.citations] == ["k"]  # the one written, not the value's
    latex = LatexRenderer(latex_escape, lambda t: "<cite>", latex_url, Path("/e")).render(prose)
    assert "After {[}x{]}(https://example.org) {*}a{*} @k, see <cite>." in latex
    assert "href" not in latex


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The minimal edition with every construct in its motivation and an image file, built whole."""
    tmp = tmp_path_factory.mktemp("prose")
    data = make_data(tmp)
    (data / "2030" / "prose" / "motivation.md").write_text(PROSE + "\nMachines can think, argued @turing1950.\n")
    (data / "2030" / "prose" / "box.png").write_bytes(png(40, 20))
    (data / "2030" / "site.yaml").write_text("pages:\n  description: {prose: [prose/motivation.md]}\n")
    for target in ("proposal", "site"):
        result = subprocess.run([str(ROOT / ".venv" / "bin" / "proposalgen"), "build", target], cwd=tmp, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    return tmp / "build" / "2030"


def test_the_pdf_shows_each_construct(built):
    text = subprocess.run(["pdftotext", "-layout", str(built / "proposal.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Intro1 with a\|b and", text)
    assert re.search(r"Name +Score\n *Alpha x +10\n *Beta \| pipe +2", text)
    assert re.search(r"3\. three\n+ *4\. four\n+ *• nested", text)
    assert "Quoted text." in text and "Sub heading" in text and "1 The note." in text
    assert (built / "assets" / "img" / "2030" / "prose").is_dir()


def test_the_site_copies_the_image_and_jekyll_renders_each_construct(built, tmp_path):
    image = built / "site" / "assets" / "img" / "2030" / "prose"
    assert [p.name for p in image.iterdir()] == [next(image.iterdir()).name]
    html = jekyll_pages(tmp_path, [built / "site"])["2030/description"]
    assert f'<img src="/assets/img/2030/prose/{next(image.iterdir()).name}" alt="a red box" />' in html
    assert '<table class="table">' in html and '<td style="text-align: left">Beta | pipe</td>' in html
    assert "<blockquote>\n  <p>Quoted text.</p>\n</blockquote>" in html
    assert '<ol start="3">\n  <li>three</li>\n  <li>four\n    <ul>\n      <li>nested</li>' in html
    assert '<h2 id="sub-heading">Sub heading</h2>' in html
    assert '<div class="footnotes"' in html and "The note." in html


def jekyll_pages(tmp_path: Path, sites: list[Path]) -> dict[str, str]:
    """Every page of ``sites`` built by Jekyll in one minimal site: {permalink: html}."""
    site = tmp_path / "jekyll"
    shutil.copytree(TESTS / "jekyll-site", site)
    for number, folder in enumerate(sites):
        for page in folder.glob("*.md"):
            shutil.copy(page, site / f"{number}-{page.name}")
    subprocess.run(["jekyll", "build", "--quiet", "-s", str(site), "-d", str(site / "_site")], check=True, timeout=300)
    return {str(p.parent.relative_to(site / "_site")): p.read_text() for p in (site / "_site").rglob("index.html")}


def _starter_variants(tmp_path: Path) -> list[Path]:
    """``init``'s starter built whole, and once with each optional part of its call removed."""
    main(["init", str(tmp_path / "starter")])
    call = tmp_path / "starter" / "data" / "2027" / "call.yaml"
    written = yaml.safe_load(call.read_text())
    variants = []
    for removed in (None, "reviewers", "challenge", "dual_submission", "all"):
        shown = {k: v for k, v in written.items() if removed not in (k, "all") or k not in ("reviewers", "challenge")}
        shown["submission"] = {k: v for k, v in written["submission"].items() if removed not in ("dual_submission", "all") or k != "dual_submission"}
        call.write_text(yaml.safe_dump(shown))
        subprocess.run([str(ROOT / ".venv" / "bin" / "proposalgen"), "build", "site", "--out", str(tmp_path / f"out-{removed}")],
                       cwd=tmp_path / "starter", capture_output=True, check=True)
        variants.append(tmp_path / f"out-{removed}" / "2027" / "site")
    return variants


def test_no_heading_of_any_page_falls_inside_a_list_item(built_example, tmp_path):
    sites = [built_example / "site", *_starter_variants(tmp_path)]
    others = [("--data", str(example)) for example in GALLERY]
    for number, options in enumerate([("--data", str(ROOT / "data"), "--edition", "2024"), *others]):
        out = tmp_path / f"other-{number}"
        subprocess.run([str(ROOT / ".venv" / "bin" / "proposalgen"), "build", "site", *options, "--out", str(out)], cwd=tmp_path, capture_output=True)
        sites += [p for p in out.glob("*/site") if p.is_dir()]
    pages = jekyll_pages(tmp_path, sites)
    assert len(pages) > 20
    for name, html in pages.items():
        for item in re.findall(r"<li>(.*?)</li>", html, re.S):
            assert not re.search(r"<h[23]", item), f"{name}: a heading inside a list item: {item[:200]}"
