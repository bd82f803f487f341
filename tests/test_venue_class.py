"""The proposal in the venue's own document class (a preset's `style`): IEEEtran, acmart and llncs
from TeX Live, and a style kit from the data folder, each built with real pdflatex and read back
with pdftotext; the page limit measured in that format, two columns counting half a page each."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from proposalgen.typeset.pages import read_marks

from conftest import FIXTURES, ROOT, make_data

pytestmark = pytest.mark.engine  # every test here starts TeX

FILLER = ("Careful experiments test one hypothesis at a time, against a baseline that is reported with "
          "its variance, on data that the hypothesis did not choose, and they say what would have refuted it.\n\n") * 8


def venue_edition(tmp_path: Path, preset: str, data: Path | None = None) -> Path:
    """The minimal edition at ``preset``, with no page limit and a motivation that fills more than
    a column; its edition folder."""
    data = data or make_data(tmp_path)
    motivation = data / "2030" / "prose" / "motivation.md"
    motivation.write_text(motivation.read_text() + "\n" + FILLER)
    edition = data / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("preset: iclr-2026", f"preset: {preset}\n  page_limit: 0"))
    return data / "2030"


def pdf_text(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def two_columns(pdf: Path) -> bool:
    """Whether page 1, below its top third, has text on both sides of its middle and no word across it."""
    boxes = pdf_text(pdf, "-bbox", "-f", "1", "-l", "1")
    width, height = (float(n) for n in re.search(r'<page width="([\d.]+)" height="([\d.]+)"', boxes).groups())
    words = [tuple(float(n) for n in w) for w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', boxes)]
    body = [(left, right) for left, top, right in words if height / 3 < top < 0.85 * height]  # not the page number
    return not any(left < width / 2 < right for left, right in body) and any(left > width / 2 for left, _ in body)


@pytest.mark.parametrize("preset, authors, columns", [
    ("icra-2026", ["Ada Lovelace", "Analytical Engines Ltd.", "ada@example.org", "Grace Hopper", "US Navy"], True),
    ("icse-2026", ["Ada Lovelace", "Analytical Engines Ltd.", "ada@example.org", "Grace Hopper", "US Navy"], True),
    ("ecir-2026", ["Ada Lovelace1 and Grace Hopper2", "Analytical Engines Ltd.", "US Navy"], False),
])
def test_a_preset_with_a_class_typesets_the_proposal_in_it(tmp_path, run, preset, authors, columns):
    venue_edition(tmp_path, preset)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    pdf = tmp_path / "build" / "2030" / "proposal.pdf"
    text = pdf_text(pdf)
    assert "Workshop on Careful Experiments" in text.replace("\n", " ")
    assert all(author in text for author in authors)
    assert "argued Turing (1950)" in text and "(Turing, 1950)" in text.replace("\n", " ")
    assert re.search(r"Turing, A\. M\. \(1950\)\. Computing machinery and intelligence", text.replace("\n", " "))
    assert two_columns(pdf) is columns


@pytest.mark.parametrize("preset, columns", [("icra-2026", True), ("icse-2026", True), ("ecir-2026", False)])
def test_the_example_builds_whole_in_each_class(tmp_path, run, preset, columns):
    """The example's 2026 edition (the Sci4DL proposal) at a preset in a venue's class: its tables
    and addresses fit the class's columns, every organizer is an author, the page report counts
    the class's pages."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    edition = tmp_path / "data" / "2026" / "edition.yaml"
    edition.write_text(edition.read_text().replace("  preset: iclr-2026\n", f"  preset: {preset}\n  page_limit: 0\n"))
    assert run("build", "proposal") == (0, "wrote build/2026/proposal.pdf\n")
    pdf = tmp_path / "build" / "2026" / "proposal.pdf"
    text = " ".join(pdf_text(pdf).split())
    assert "2nd Workshop on Scientific Methods for Understanding Deep Learning (Sci4DL)" in text
    assert all(name in text for name in ("Zahra Kadkhodaie", "Florentin Guth", "Sanae Lotfi", "Eero Simoncelli"))
    assert "(Zhang et al., 2016)" in text and "Zhang, C." in text
    assert two_columns(pdf) is columns
    pages = json.loads((tmp_path / "build" / "2026" / "report.json").read_text())["pages"]["proposal"]
    assert [s["title"] for s in pages["sections"]][1:4] == ["Motivation and description", "Schedule and logistics", "Workshop organizers"]
    assert all(stretch["pages"] > 0 for stretch in pages["sections"]) and pages["main_part"] < pages["total"]


def test_the_class_is_the_venues_own(tmp_path, run):
    venue_edition(tmp_path, "icse-2026")
    run("build", "proposal")
    info = subprocess.run(["pdfinfo", str(tmp_path / "build" / "2030" / "proposal.pdf")], capture_output=True, text=True).stdout
    tex = (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    assert "LaTeX with acmart" in info and tex.count("\\documentclass[sigconf]{acmart}") == 1
    assert "\\setcopyright{none}" in tex and "ACM Reference Format" not in pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")


def test_the_page_report_counts_a_column_as_half_a_page(tmp_path, run):
    """One page whose text ends in its second column: everything measured is more than half a page."""
    venue_edition(tmp_path, "icra-2026")
    run("build", "proposal")
    pages = json.loads((tmp_path / "build" / "2030" / "report.json").read_text())["pages"]["proposal"]
    assert pages["total"] == 1 and two_columns(tmp_path / "build" / "2030" / "proposal.pdf")
    assert 0.5 < sum(stretch["pages"] for stretch in pages["sections"]) <= 1.0
    assert all(stretch["pages"] >= 0 for stretch in pages["sections"])
    assert pages["main_part"] == pytest.approx(sum(stretch["counted"] for stretch in pages["sections"]), abs=0.05 * (len(pages["sections"]) + 1))  # each rounded


def test_marks_in_the_second_column_follow_the_first(tmp_path):
    """A page 1000 sp wide and 1000 sp high whose text block runs from 900 sp down 800 sp: the
    right column's top stands half a page on, its middle three quarters."""
    (tmp_path / "p.log").write_text("Output written on p.pdf (2 pages, 1 bytes).\n")
    (tmp_path / "p.marks").write_text("text-block 900 800 1000\nstart 1 100 900 2\nleft-middle 1 100 500 2\n"
                                      "right-top 1 600 900 2\nright-middle 1 600 500 2\nnext 2 100 900 1\n")
    total, marks = read_marks(tmp_path / "p.pdf")
    assert total == 2
    assert {name: mark.position for name, mark in marks.items()} == {
        "start": 0.0, "left-middle": 0.25, "right-top": 0.5, "right-middle": 0.75, "next": 1.0}


def test_a_style_kit_from_the_data_folder_is_loaded(tmp_path, run):
    data = make_data(tmp_path, FIXTURES / "venue-kit")
    venue_edition(tmp_path, "myconf-2030", data)
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    pdf = tmp_path / "build" / "2030" / "proposal.pdf"
    assert "MyConf 2030 workshop: Workshop on Careful Experiments" in pdf_text(pdf).replace("\n", " ")
    assert "Page size:       595.276 x 841.89 pts (A4)" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert two_columns(pdf)  # the class's twocolumn option


def test_a_changed_kit_rebuilds_the_proposal(tmp_path, run):
    data = make_data(tmp_path, FIXTURES / "venue-kit")
    venue_edition(tmp_path, "myconf-2030", data)
    run("build", "proposal")
    kit = data / "venues" / "myconf-2030" / "myconf.sty"
    kit.write_text(kit.read_text().replace("MyConf 2030 workshop", "MyConf 2030 proposal"))
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert "MyConf 2030 proposal:" in pdf_text(tmp_path / "build" / "2030" / "proposal.pdf")


def test_without_a_style_the_proposal_keeps_our_look(tmp_path, run):
    make_data(tmp_path)
    run("build", "proposal")
    tex = (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    assert tex.startswith("\\documentclass[10pt,letterpaper]{article}\n") and "\\maketitle" not in tex


def test_a_class_preamble_is_dumped_into_a_format_then_loaded_from_it(tmp_path, run, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    venue_edition(tmp_path, "icse-2026")
    out = tmp_path / "build" / "2030"
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    first = pdf_text(out / "proposal.pdf")
    assert "(preloaded format=pdflatex" in (out / "proposal.log").read_text()
    assert run("build", "proposal", "--force") == (0, "wrote build/2030/proposal.pdf\n")
    assert "(preloaded format=format" in (out / "proposal.log").read_text()  # the class's, dumped by the first build
    assert pdf_text(out / "proposal.pdf") == first
