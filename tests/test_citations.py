"""Citation labels and bibliography entries, in both styles; author lists that cannot be split."""
import contextlib
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proposalgen.cli import main
from proposalgen.commands.check import check
from proposalgen.diagnostics import Diagnostics, Location
from proposalgen.model.citations import build_bibliography
from proposalgen.model.edition import CitationStyle, Name, Reference
from proposalgen.registry import Request, render_target
from proposalgen.render.documents import bibliography_of

from conftest import HOSTILE, ROOT, make_data

HERE = Location(Path("references.bib"), 1, 1)
AUTHOR_YEAR = CitationStyle("author-year")


def reference(key, authors, year, et_al=False, entry_type="article", venue="Journal", volume="", number="", pages=""):
    names = tuple(Name(last, first) for last, first in authors)
    return Reference(key, entry_type, names, et_al, year, f"Title of {key}", venue, volume, number, pages, "", HERE)


REFERENCES = (
    reference("zhang", [("Zhang", "Chiyuan"), ("Bengio", "Samy"), ("Hardt", "Moritz")], "2016"),
    reference("frankle", [("Frankle", "Jonathan"), ("Carbin", "Michael")], "2019", entry_type="inproceedings", venue="ICLR"),
    reference("wilson", [("Wilson", "Andrew Gordon")], "2025"),
    reference("hoffmann", [("Hoffmann", "Jordan"), ("Casas", "Diego de Las")], "2022", et_al=True),
    reference("never", [("Nobody", "N.")], "2000"),
)


@pytest.mark.parametrize("style, keys, narrative, expected", [
    ("author-year", ["zhang"], False, "(Zhang et al., 2016)"),
    ("author-year", ["frankle", "wilson"], False, "(Frankle and Carbin, 2019; Wilson, 2025)"),
    ("author-year", ["wilson"], True, "Wilson (2025)"),
    ("author-year", ["hoffmann"], True, "Hoffmann et al. (2022)"),
    ("numeric", ["zhang"], False, "[4]"),
    ("numeric", ["frankle", "hoffmann"], False, "[1, 2]"),
    ("numeric", ["wilson"], True, "Wilson [3]"),
])
def test_citation_text(style, keys, narrative, expected):
    bibliography = build_bibliography(REFERENCES, ["zhang", "frankle", "wilson", "hoffmann"], CitationStyle(style, "author"))
    citation = bibliography.citation(keys, narrative)
    opening, closing = citation.brackets
    assert opening + citation.separator.join(citation.labels()) + closing == expected


@pytest.mark.parametrize("style, expected", [
    (CitationStyle("numeric", "author"), ["frankle", "hoffmann", "wilson", "zhang"]),
    (CitationStyle("author-year"), ["frankle", "hoffmann", "wilson", "zhang"]),
    (CitationStyle("numeric", "appearance"), ["zhang", "wilson", "frankle", "hoffmann"]),
    (CitationStyle("numeric"), ["zhang", "wilson", "frankle", "hoffmann"]),
])
def test_bibliography_holds_cited_entries_in_the_chosen_order(style, expected):
    bibliography = build_bibliography(REFERENCES, ["zhang", "wilson", "zhang", "frankle", "hoffmann", "wilson"], style)
    assert [(e.number, e.reference.key) for e in bibliography.entries] == list(enumerate(expected, start=1))


@pytest.mark.parametrize("key, authors", [
    ("zhang", "Zhang, C., Bengio, S., and Hardt, M."),
    ("frankle", "Frankle, J. and Carbin, M."),
    ("wilson", "Wilson, A. G."),
    ("hoffmann", "Hoffmann, J., Casas, D. d. L., et al."),
])
def test_author_lists(key, authors):
    entry = next(e for e in build_bibliography(REFERENCES, [key], AUTHOR_YEAR).entries)
    assert entry.authors == authors


def test_venue_details_and_prefix():
    article = reference("n", [("Nakkiran", "Preetum")], "2021", volume="2021", number="12", pages="124003")
    entry = build_bibliography([article], ["n"], AUTHOR_YEAR).entries[0]
    assert (entry.venue_prefix, entry.venue_details) == ("", ", 2021(12):124003")
    proceedings = build_bibliography(REFERENCES, ["frankle"], AUTHOR_YEAR).entries[0]
    assert (proceedings.venue_prefix, proceedings.venue_details) == ("In ", "")


AUTHOR_PIECES = ("Doe", "Jane", "von", "Jr", " and ", "others", ",", " ", "{", "}", "\\'", "\\", "~", "-", "É", ".", "$", "%")


@given(st.lists(st.sampled_from(AUTHOR_PIECES), max_size=12).map("".join) | st.text(max_size=20))
def test_no_author_list_raises(author):
    """Whatever the author field holds, check reports it at references.bib or accepts it, and then renders it."""
    with tempfile.TemporaryDirectory() as folder:
        data = make_data(Path(folder))
        bib = data / "2030" / "references.bib"
        bib.write_text(bib.read_text().replace("Turing, Alan M.", author), encoding="utf-8")
        diagnostics = Diagnostics()
        edition = check(data / "2030", diagnostics)
        errors = diagnostics.failing(strict=False)
        if errors:
            assert any(d.location.path == bib for d in errors)
        else:
            render_target(edition, "proposal", Request(bibliography_of(edition), None))


def numeric_edition(tmp_path: Path, order: str = "") -> Path:
    """The minimal edition in numeric style, citing a reference in the abstract, in a bio (in the
    organizers block) and in a section after that block."""
    edition = make_data(tmp_path) / "2030"
    style = "citation_style: numeric\n" + (f"citation_order: {order}\n" if order else "")
    replace(edition / "edition.yaml", ("citation_style: author-year\n", style),
            ("      - block: committee\n", "      - block: committee\n  - title: Outlook\n    parts:\n      - prose/outlook.md\n"))
    (edition / "prose" / "outlook.md").write_text("Outlook, after @babbage1864.\n")
    replace(edition / "prose" / "abstract.md", ("organizers.", "organizers [@wiener1948]."))
    replace(edition / "people.yaml", ("wrote the first program.", "wrote the first program [@lovelace1843]."))
    with (edition / "references.bib").open("a") as bib:
        for key, author in (("wiener1948", "Wiener, Norbert"), ("lovelace1843", "Lovelace, Ada"), ("babbage1864", "Babbage, Charles")):
            bib.write(f"@book{{{key}, title = {{A book}}, author = {{{author}}}, year = {{{key[-4:]}}}}}\n")
    return edition


def replace(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text()
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)


@pytest.mark.parametrize("order, expected", [
    ("", ["wiener1948", "turing1950", "lovelace1843", "babbage1864"]),
    ("appearance", ["wiener1948", "turing1950", "lovelace1843", "babbage1864"]),
    ("author", ["babbage1864", "lovelace1843", "turing1950", "wiener1948"]),
])
def test_numbers_follow_the_proposal_reading_order(tmp_path, order, expected):
    """Appearance: the abstract, then the sections in order, a bio where the organizers block stands."""
    diagnostics = Diagnostics()
    edition = check(numeric_edition(tmp_path, order), diagnostics)
    assert diagnostics.items == []
    assert [e.reference.key for e in bibliography_of(edition).entries] == expected


def test_unknown_citation_order_is_reported(tmp_path, run):
    numeric_edition(tmp_path, "apperance")
    assert run("check") == (1, "data/2030/edition.yaml:6:17: error: 'citation_order' must be one of appearance, author; got 'apperance' (did you mean 'appearance'?) [value]\n")


@pytest.mark.engine
def test_numeric_example_lists_numbered_references_in_the_pdf_and_on_the_site(tmp_path):
    """The 2024 example (numeric, author order, as its real page numbered them): the PDF's list and
    the site page's list show the same numbers as the citations."""
    out = tmp_path / "build"
    for target in ("proposal", "site"):
        with contextlib.redirect_stderr(io.StringIO()):
            assert main(["build", target, "--data", str(ROOT / "data"), "--edition", "2024", "--out", str(out)]) == 0
    pdf = subprocess.run(["pdftotext", "-layout", str(out / "2024" / "proposal.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    page = (out / "2024" / "site" / "description.md").read_text()
    assert "cannot fit random labels [7])" in " ".join(pdf.split())
    assert re.findall(r"^[ \f]*\[(\d)\] +(\w+),", pdf.split("REFERENCES")[1], re.M) == EXAMPLE_2024_NUMBERS
    assert "cannot fit random labels \\[[7](https://openreview.net/pdf?id=Sy8gdB9xx)\\])" in page
    assert re.findall(r"^\\\[(\d)\\\] (\w+),", page.split("### References")[1], re.M) == EXAMPLE_2024_NUMBERS
    assert page.endswith("\\[7\\] Zhang, C., Bengio, S., Hardt, M., Recht, B., and Vinyals, O. (2016). [Understanding deep learning requires "
                         "rethinking generalization](https://openreview.net/pdf?id=Sy8gdB9xx). In *International Conference on Learning Representations*.\n\n")


EXAMPLE_2024_NUMBERS = [("1", "Cohen"), ("2", "Frankle"), ("3", "Gu"), ("4", "Hoffmann"), ("5", "Kaplan"), ("6", "Szegedy"), ("7", "Zhang")]


def test_each_site_page_lists_the_numbered_references_it_cites(tmp_path, run):
    edition = numeric_edition(tmp_path)
    shutil.copytree(HOSTILE / "site-reference-without-url" / "2030", edition, dirs_exist_ok=True)
    replace(edition / "prose" / "call.md", ("\n", " See [@babbage1864].\n"))
    assert run("build", "site")[0] == 0
    site = edition.parent.parent / "build" / "2030" / "site"
    lists = {page: re.findall(r"^\\\[(\d)\\\] (\w+),", (site / f"{page}.md").read_text(), re.M)
             for page in ("description", "call", "organizers", "speakers")}
    assert lists == {"description": [("2", "Turing")], "call": [("2", "Turing"), ("4", "Babbage")], "organizers": [("3", "Lovelace")], "speakers": []}
