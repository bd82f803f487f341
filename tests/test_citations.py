"""Citation labels and bibliography entries, in both styles; author lists that cannot be split."""
import tempfile
from pathlib import Path

import pytest
from conftest import make_data
from hypothesis import given, settings
from hypothesis import strategies as st

from proposalgen.check import check
from proposalgen.citations import build_bibliography
from proposalgen.diagnostics import Diagnostics, Location
from proposalgen.render import bibliography_of, render_proposal
from proposalgen.model import Name, Reference

HERE = Location(Path("references.bib"), 1, 1)


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
    bibliography = build_bibliography(REFERENCES, {"zhang", "frankle", "wilson", "hoffmann"}, style)
    citation = bibliography.citation(keys, narrative)
    opening, closing = citation.brackets
    assert opening + citation.separator.join(citation.labels()) + closing == expected


def test_bibliography_holds_cited_entries_sorted_by_author():
    bibliography = build_bibliography(REFERENCES, {"zhang", "frankle", "wilson", "hoffmann"}, "numeric")
    assert [(e.number, e.reference.key) for e in bibliography.entries] == [(1, "frankle"), (2, "hoffmann"), (3, "wilson"), (4, "zhang")]


@pytest.mark.parametrize("key, authors", [
    ("zhang", "Zhang, C., Bengio, S., and Hardt, M."),
    ("frankle", "Frankle, J. and Carbin, M."),
    ("wilson", "Wilson, A. G."),
    ("hoffmann", "Hoffmann, J., Casas, D. d. L., et al."),
])
def test_author_lists(key, authors):
    entry = next(e for e in build_bibliography(REFERENCES, {key}, "author-year").entries)
    assert entry.authors == authors


def test_venue_details_and_prefix():
    article = reference("n", [("Nakkiran", "Preetum")], "2021", volume="2021", number="12", pages="124003")
    entry = build_bibliography([article], {"n"}, "author-year").entries[0]
    assert (entry.venue_prefix, entry.venue_details) == ("", ", 2021(12):124003")
    proceedings = build_bibliography(REFERENCES, {"frankle"}, "author-year").entries[0]
    assert (proceedings.venue_prefix, proceedings.venue_details) == ("In ", "")


AUTHOR_PIECES = ("Doe", "Jane", "von", "Jr", " and ", "others", ",", " ", "{", "}", "\\'", "\\", "~", "-", "É", ".", "$", "%")


@settings(max_examples=200, derandomize=True, deadline=None)
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
            render_proposal(edition, bibliography_of(edition), None)
